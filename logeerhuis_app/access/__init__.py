"""Who may do what: roles, accounts, passwords, the security settings, the access log (NEN 7513)
and its continuity across a restore, and the privacy duties (inzage, removal, retention).
"""
