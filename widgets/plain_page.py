"""The plain pages the servers answer with themselves, outside any notebook: "The workbook is
busy" and "This page is for trainers and service managers". One look for both: readable at
any width, no scripts or files from elsewhere."""

from __future__ import annotations

from html import escape

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fff; }}
main {{ max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; }}
h1 {{ font-size: 1.6rem; }}
a {{ color: #0b4f8a; }}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
{body}
</main>
{script}
</body>
</html>
"""


def plain_page(title: str, heading: str, body: str, script: str = "") -> str:
    """A whole page: ``title`` and ``heading`` are text; ``body`` and ``script`` are HTML the
    caller built (with its own values escaped)."""
    return PAGE.format(title=escape(title), heading=escape(heading), body=body, script=f"<script>{script}</script>" if script else "")
