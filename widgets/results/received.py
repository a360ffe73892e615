"""Results files a trainer added on the dashboard, kept in the results folder's ``received/``
folder so they are there at the next visit, each with when and by whom it was added.

- A file is never overwritten: a second ``services.csv`` is kept as ``services (2).csv``
  (the name is claimed with an exclusive create, so two dashboards adding at once cannot clash).
- What is known about each file (its name as sent, when, by whom) is a small JSON file in
  ``received/.about/``; the folder holds nothing else a person needs to look after.
- Removing is on purpose only (the dashboard asks first) and removes both.
- The folder lives beside the results database, never under a folder a server serves; it takes
  the results folder's sharing (``sharing.py``).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from widgets.results.sharing import file_mode, make_folder, share_file

FOLDER = "received"
ABOUT = ".about"
UNSAFE = re.compile(r"[\x00-\x1f/\\:*?\"<>|]")
LONGEST_NAME = 150


@dataclass(frozen=True)
class ReceivedFile:
    """One kept file: its name in the folder, the name it was sent under, when and by whom."""

    path: Path
    sent_as: str
    added_at: datetime
    added_by: str

    @property
    def name(self) -> str:
        return self.path.name


class ReceivedFiles:
    """The received-files folder of one results folder."""

    def __init__(self, results_folder: Path):
        self.folder = Path(results_folder) / FOLDER
        self._about = self.folder / ABOUT

    def add(self, sent_as: str, data: bytes, added_by: str) -> ReceivedFile:
        """Keep one file under a name no other file has; returns what was kept."""
        make_folder(self._about)
        stem, suffix = _safe_parts(sent_as)
        number = 1
        while True:
            path = self.folder / (f"{stem}{suffix}" if number == 1 else f"{stem} ({number}){suffix}")
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, file_mode(self.folder))
            except FileExistsError:
                number += 1
                continue
            break
        share_file(fd, self.folder)  # the umask may have cut the group's access
        kept = ReceivedFile(path, sent_as, datetime.now(timezone.utc), added_by.strip())
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            _write_json(self._about_of(path.name), {"sent_as": sent_as, "added_at": kept.added_at.isoformat(),
                                                    "added_by": kept.added_by}, self.folder)
        except BaseException:
            path.unlink(missing_ok=True)  # a half-kept file is not kept
            self._about_of(path.name).unlink(missing_ok=True)
            raise
        return kept

    def files(self) -> list[ReceivedFile]:
        """Every kept file in the order they were added (the order the reader counts repeated rows in)."""
        if not self.folder.is_dir():
            return []
        kept = [self._describe(path) for path in self.folder.iterdir() if path.is_file()]
        return sorted(kept, key=lambda f: (f.added_at, f.name))

    def remove(self, name: str) -> None:
        """Remove one kept file by its name in the folder (nothing else can be named)."""
        path = self.folder / name
        if name != Path(name).name or name.startswith(".") or not path.is_file():
            raise FileNotFoundError(name)
        path.unlink()
        self._about_of(name).unlink(missing_ok=True)

    def _describe(self, path: Path) -> ReceivedFile:
        """A file's facts from its JSON note; one copied in by hand (no note) shows when it changed."""
        try:
            about = json.loads(self._about_of(path.name).read_text(encoding="utf-8"))
            return ReceivedFile(path, str(about["sent_as"]), datetime.fromisoformat(about["added_at"]), str(about["added_by"]))
        except (OSError, ValueError, KeyError, TypeError):
            changed = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
            return ReceivedFile(path, path.name, changed, "")

    def _about_of(self, name: str) -> Path:
        return self._about / f"{name}.json"


def _safe_parts(sent_as: str) -> tuple[str, str]:
    """A name that is one plain file name in the folder: no folders, control characters or
    leading dots; the extension kept so numbering goes before it."""
    name = UNSAFE.sub("_", Path(sent_as.replace("\\", "/")).name).lstrip(". ") or "results.csv"
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        stem, suffix = name, ""
    else:
        suffix = "." + suffix
    return _in_bytes(stem, LONGEST_NAME), _in_bytes(suffix, 20)


def _in_bytes(text: str, most: int) -> str:
    """At most ``most`` bytes of UTF-8 (Linux allows 255 bytes a name, whatever the script)."""
    return text.encode("utf-8")[:most].decode("utf-8", errors="ignore")


def _write_json(path: Path, value: dict[str, str], folder: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, file_mode(folder))
    share_file(fd, folder)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(value, out, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())
