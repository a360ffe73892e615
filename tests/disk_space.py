"""A full disk for tests: fill a small file system of the test's own (tmpfs) to its last byte."""

from __future__ import annotations

import os
from pathlib import Path


def fill_the_disk(folder: Path) -> Path:
    """Fill the disk ``folder`` is on to its last byte; returns the file to delete to free it."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for block in (1 << 16, 1):
            try:
                while os.write(fd, b"\0" * block):
                    pass
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler
