"""The demo house: a made-up logeerhuis written through the feature packages' public use cases
(builder.py), with example messages (WMO301, WMO325) to read in. A client of the services, never
imported by them.
"""
