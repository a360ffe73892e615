"""Marking the note that says the work is saved, for when the page loses its kernel.

A page whose kernel is gone (culled when idle, the server restarted, the network dropped) can
no longer save anything, and the page template's connection_watch.js then says so in a banner:
"everything up to 10:42 is saved", and a button that reopens the saved work. It reads both from
the page itself, from the attributes put here on the note shown after each save: the time in
UTC (the browser shows it in the person's own time), and the link that brings the work back.
"""

from __future__ import annotations

from datetime import datetime, timezone
from html import escape

SAVED_AT = "data-viw-saved-at"  # what connection_watch.js reads
RESUME = "data-viw-resume"


def saved_mark(resume_link: str, now: datetime | None = None) -> str:
    """Attributes for the opening tag of a "saved" note, written each time the work is saved:
    when (ISO 8601, UTC, to the second) and the link that reopens it (``?code=K7QX-9MZD``)."""
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
    return f'{SAVED_AT}="{moment}" {RESUME}="{escape(resume_link, quote=True)}"'
