"""The trainer dashboard: a state object (no widgets) and the views that show it.

Served only by the trainer server (``python -m widgets.server trainer``), never by the staff
one. Figures come from ``widgets.aggregate``, the same functions the CLI twin calls.
"""
