"""Self-assessments as plain Python: answers and their rules, reports and their files.

Nothing here imports ipywidgets, so the rules are tested without a browser and the pages in
``widgets.pages`` stay thin views over them.
"""
