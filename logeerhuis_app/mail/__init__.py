"""Sending by e-mail: the SMTP settings and its password in the keyring, who receives what,
the drafts with their attachments, and sending with a kept copy.
"""
