"""The shared kernel every feature package may import: the errors a use case raises (Dutch
messages for the user, errors.py), collecting the problems of one input per field
(field_check.py) and what a use case changed (changes.py). Use cases live in the feature
packages (decision 0051), not here.
"""
