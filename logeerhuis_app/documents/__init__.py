"""The documents the app makes and reads, from frozen dataclasses a feature package filled:
shared page layout and fonts here (page_layout, canvas_layout, fonts), and one folder per
feature package that owns the document: billing/ (invoice, overviews), claims/ (declaration
summaries, iWmo messages, AW319), intake/ (intake form, letters) and planning/ (week list).
No Qt, no database."""
