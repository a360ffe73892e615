"""The 12-month impact review: who is due it, what it asks, and how it is stored (kind
``follow_up``). Plain Python: the page (``widgets.pages.follow_up_page``) and the dashboard's
summaries (``widgets.aggregate.impact``) both use these rules."""
