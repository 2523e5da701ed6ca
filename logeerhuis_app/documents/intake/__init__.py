"""Documents of the intake: the intake form, the signed statement and the stay's letters."""
