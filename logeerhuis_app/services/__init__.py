"""The shared kernel every feature package may import: the errors a use case raises (Dutch
messages for the user, errors.py) and collecting the problems of one input per field
(field_check.py). Use cases live in the feature packages (decision 0051), not here.
"""
