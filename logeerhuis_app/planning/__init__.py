"""Planning: stays and their nights, the planner's view and edits, weekly series, requests and
the waiting list, and the checks every plan passes (the Wlz 156 cap, the funding rules).

The only writer of nights and of a stay's status is stay_writer.py (decision 0040). Modules whose
name starts with `_` are private to this package (decision 0051).
"""
