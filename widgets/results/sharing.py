"""File modes for a results folder that many people's servers write to.

Under JupyterHub each person's server runs as their own Unix user, all appending to one shared
results folder (group-writable, setgid, e.g. ``chmod 2770``). A file created 0600 by the first
person would lock everyone else out, and the umask usually strips group write. So: in a
group-writable folder, what the workbook creates is group-writable too (files 0660, folders
2770); in a private folder (one person, one machine) it stays private (files 0600).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_FILE = 0o600
SHARED_FILE = 0o660
SHARED_FOLDER = 0o2770


def is_shared(folder: Path) -> bool:
    """A folder its group may write to is a shared results folder."""
    return bool(folder.stat().st_mode & stat.S_IWGRP)


def file_mode(folder: Path) -> int:
    return SHARED_FILE if is_shared(folder) else PRIVATE_FILE


def share_file(fd: int, folder: Path) -> None:
    """Give a file just created in `folder` the folder's sharing (the umask may have cut it)."""
    os.fchmod(fd, file_mode(folder))


def make_folder(folder: Path) -> None:
    """Create a folder (and parents); below a shared folder, new ones are shared as well."""
    missing = [part for part in (folder, *folder.parents) if not part.exists()][::-1]
    folder.mkdir(parents=True, exist_ok=True)
    for created in missing:
        if is_shared(created.parent):
            os.chmod(created, SHARED_FOLDER)
