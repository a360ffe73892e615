"""Content errors that tell a trainer exactly which file, item and field to fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one content file; ``message`` is a whole sentence naming the field."""

    file: str
    item: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.item:
            where += f": item {self.item}"
        return f"{where}: {self.message}"


class ContentError(Exception):
    """Raised when any content file is broken; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [str(p) for p in problems]
        super().__init__(
            f"{len(problems)} problem(s) in the content files:\n" + "\n".join(f"- {line}" for line in lines)
        )
