"""Documents of claims: the declaration summaries and tables, the iWmo messages
(WMO301/302/305/307/323/325) and the Wlz AW319 file."""
