"""Intake: the checklist of a stay and its gates, the documents around a stay (intake form,
statement, departure list, evaluation letter) and the carer strain index.
"""
