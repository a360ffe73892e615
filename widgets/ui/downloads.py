"""A download link that works inside Voila: the file travels as a data: URL in an HTML widget."""

from __future__ import annotations

import base64
import html
import re

SAFE_NAME = re.compile(r"[^A-Za-z0-9_.\-]+")


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    """HTML for a styled, keyboard-reachable link that saves ``data`` as ``filename``."""
    name = SAFE_NAME.sub("-", filename).strip("-.") or "download"
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="viw-download" download="{html.escape(name)}" '
        f'href="data:{mime};base64,{encoded}">⬇ {html.escape(label)}</a>'
    )
