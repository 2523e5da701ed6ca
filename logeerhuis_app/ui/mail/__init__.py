"""Versturen per e-mail: the dialog with the recipients, and sending with a progress bar."""
