"""Reusable widgets: typed input fields, forms with per-field messages, the prompter."""
