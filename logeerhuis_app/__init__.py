"""Logeerhuis: planning, registratie en declaratie voor kleine logeerhuizen."""

__version__ = "0.1.0"
