"""Claims and messages with funders: WMO323 and AW319 claims, their answers (WMO325), start and
stop messages (WMO305/307), reading a WMO301 and answering it (WMO302), all stored as sent, and
the month export that gathers a month's documents.
"""
