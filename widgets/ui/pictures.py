"""Pictures from content/pictures/ inline in the page, as data: URLs (Voila serves no other
files), drawn wide enough for their smallest text to be read.

A diagram drawn 900 units wide with 12-unit labels, squeezed into a 343 px phone column, has
labels under 5 px high. Instead the picture keeps the width at which its smallest text is
READABLE_PX, and its box scrolls sideways when the column is narrower (the page itself never
does). The width is worked out from the SVG's viewBox and its font sizes.
"""

from __future__ import annotations

import base64
import math
import re

from widgets.settings import content_dir

MIME = {"svg": "image/svg+xml", "png": "image/png"}
READABLE_PX = 14  # the smallest text size of a picture as drawn, in CSS px
VIEWBOX = re.compile(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+[\d.]+\s*"')
FONT_SIZE = re.compile(r'font-size\s*[=:]\s*"?\s*([\d.]+)')


def picture_source(file: str) -> str:
    """A data: URL of content/pictures/<file>, for an <img src>."""
    data = (content_dir() / "pictures" / file).read_bytes()
    mime = MIME[file.rsplit(".", 1)[1]]
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def smallest_text(file: str) -> float | None:
    """An SVG picture's smallest text as a share of its width (12-unit text in a 900-unit
    viewBox: 0.0133); None for a picture without text sizes to go by (a PNG, an SVG with no text)."""
    if not file.endswith(".svg"):
        return None
    svg = (content_dir() / "pictures" / file).read_text(encoding="utf-8")
    box, sizes = VIEWBOX.search(svg), [float(size) for size in FONT_SIZE.findall(svg)]
    if not box or not sizes:
        return None
    return min(sizes) / float(box.group(1))


def readable_width(file: str) -> int | None:
    """The narrowest width in CSS px at which every text of the picture is READABLE_PX or more."""
    share = smallest_text(file)
    return math.ceil(READABLE_PX / share) if share else None
