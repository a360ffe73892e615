"""Command: check every content file, so a trainer knows an edit is safe before staff see it.

    python -m widgets.content.validate [CONTENT_FOLDER]
"""

from __future__ import annotations

import sys
from pathlib import Path

from widgets.content.errors import ContentError
from widgets.content.loader import load_content


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else None
    try:
        content = load_content(folder)
    except ContentError as error:
        print(error)
        return 1
    items = sum(len(q.items) for q in content.quizzes.values())
    checks = sum(len(i.items) for i in content.instruments)
    print(
        f"All content is valid: {len(content.modules)} modules, {items} quiz items, "
        f"{len(content.instruments)} instruments with {checks} items, {len(content.sources)} sources."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
