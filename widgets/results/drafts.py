"""Work in progress saved as people go: a learner's progress, a half-done self-assessment.

Each draft lives in its own JSON file named by a resume code the workbook makes, written
atomically (temporary file, then rename), so a crash mid-save leaves the previous version.
A code a person types is checked against a strict pattern before it is used, so nothing a
person types decides a file path.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from pathlib import Path
from typing import Any

from widgets.results.sharing import make_folder, share_file
from widgets.settings import results_dir

# No 0/O, 1/I/L: codes are read aloud and copied from paper.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_PATTERN = re.compile(r"^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$")
KIND_PATTERN = re.compile(r"^[a-z][a-z0-9\-]{0,40}$")


def new_code() -> str:
    """A fresh resume code such as 'K7QX-9MZD' (about 40 bits: not guessable in practice)."""
    letters = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


def parse_code(text: str) -> str:
    """Normalise what a person typed (case, spaces, missing dash) or explain what is wrong."""
    cleaned = re.sub(r"[\s\-]", "", text or "").upper()
    code = f"{cleaned[:4]}-{cleaned[4:]}"
    if not CODE_PATTERN.match(code):
        raise ValueError("That code doesn't look right: codes are 8 letters and digits, like K7QX-9MZD.")
    return code


class DraftStore:
    """Drafts of one kind (e.g. 'learner', 'assessment') in results/drafts/<kind>/."""

    def __init__(self, kind: str, folder: Path | None = None):
        if not KIND_PATTERN.match(kind):
            raise ValueError(f"'{kind}' is not a draft kind")
        self.folder = Path(folder or results_dir()) / "drafts" / kind
        make_folder(self.folder)

    def _path(self, code: str) -> Path:
        return self.folder / f"{parse_code(code)}.json"

    def save(self, code: str, data: dict[str, Any]) -> None:
        path = self._path(code)
        temporary = path.with_name(f".{path.stem}.{os.getpid()}.tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            share_file(handle.fileno(), self.folder)
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)

    def load(self, code: str) -> dict[str, Any] | None:
        """The saved draft, or None when no draft has that code."""
        path = self._path(code)
        if not path.exists():
            return None
        return json.loads(path.read_text(encoding="utf-8"))

    def create(self, data: dict[str, Any]) -> str:
        """Save a new draft under a code not used before, and return the code."""
        while True:
            code = new_code()
            if not self._path(code).exists():
                self.save(code, data)
                return code
