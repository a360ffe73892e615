"""Markdown from content files to HTML, with any raw HTML shown as text (never run)."""

from __future__ import annotations

import mistune

_render = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])


def to_html(text: str) -> str:
    return str(_render(text))
