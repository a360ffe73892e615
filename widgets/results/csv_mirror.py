"""results.csv kept in step with the SQLite database, for aggregation by anything that reads CSV.

The database is the truth; results.csv is its copy. After every commit the rows not yet in the
file are appended, in commit order, inside a write transaction (so two servers never append
at once or out of order). The file's size, time and inode are recorded with the last row
written: if the file no longer matches them (deleted, cut short by a crash, opened and saved in
Excel), it is rebuilt from the database. A copy holding anything the database would not write
(an edit, a row typed in by hand, or the results.csv of a version before the database) is first
moved aside as ``results.csv.edited-<time>``; it is never appended to and never read as results.
The copies kept aside are the notices: ``notices()`` names each file still there.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from sqlalchemy import Connection, func, select

from widgets.results.csv_format import encode_header, encode_tuples
from widgets.results.database import Database
from widgets.results.schema import every_row, in_chunks, results, store_info, submissions
from widgets.results.sharing import share_file

log = logging.getLogger(__name__)

STATE = "results_csv"  # store_info entry: {"seq": last row's submission, "stat": [size, mtime_ns, inode]}
KEPT_ASIDE = "results.csv.edited-*"
COMPARE_BYTES = 1 << 20


def sync(database: Database, path: Path) -> str | None:
    """Append what results.csv lacks, or rebuild it; returns a notice when a changed copy was
    moved aside."""
    with database.write() as connection:
        latest = connection.execute(select(func.max(submissions.c.seq))).scalar() or 0
        recorded = _recorded(connection)
        found = _stat(path)
        if latest == 0 and found is None:
            return None  # nothing stored yet: no file, as before the first submission
        kept = None
        if found is not None and recorded is not None and found == recorded["stat"]:
            if recorded["seq"] == latest:
                return None
            _append(connection, path, recorded["seq"])
        else:
            kept = _rebuild(connection, path, found is not None)
        _record(connection, latest, _stat(path))
    if kept is None:
        return None
    notice = _notice(kept)
    log.warning(notice)
    return notice


def rewrite(database: Database, path: Path) -> None:
    """Write results.csv afresh after rows were deleted on purpose (a person's records erased on
    request): the old copy is replaced, never kept aside, since it holds what had to go."""
    with database.write() as connection:
        latest = connection.execute(select(func.max(submissions.c.seq))).scalar() or 0
        write_file(path, in_chunks(connection, every_row()))
        _record(connection, latest, _stat(path))


def never_kept_in_step(database: Database) -> bool:
    """Whether this database has never written results.csv (a results.csv beside it then comes
    from a version before the database)."""
    with database.reader.connect() as connection:
        return _recorded(connection) is None


def notices(folder: Path) -> list[str]:
    """A notice for each changed copy of results.csv kept aside in ``folder``, oldest first."""
    return [_notice(kept) for kept in sorted(folder.glob(KEPT_ASIDE))]


def _notice(kept: Path) -> str:
    return (f"results.csv had been changed outside the workbook (opened and saved in a spreadsheet, edited, or left "
            f"by a version before the database). That copy is kept as {kept.name} and is not read as results; "
            f"results.csv was rebuilt from the database with every stored row. To add rows from the copy, import it: "
            f"python -m widgets.results import '{kept}'. Delete the copy once you no longer need it.")


def write_file(target: Path, chunks: Iterable[list[tuple[str, ...]]]) -> int:
    """A whole results file written aside and renamed into place; returns the number of rows."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    count = 0
    try:
        with temporary.open("wb") as handle:
            share_file(handle.fileno(), target.parent)
            handle.write(encode_header())
            for chunk in chunks:
                handle.write(encode_tuples(chunk))
                count += len(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return count


def _append(connection: Connection, path: Path, after: int) -> None:
    query = every_row().where(results.c.seq > after)
    data = b"".join(encode_tuples(chunk) for chunk in in_chunks(connection, query))
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        written = 0
        while written < len(data):
            written += os.write(fd, data[written:])
        os.fsync(fd)
    finally:
        os.close(fd)


def _rebuild(connection: Connection, path: Path, exists: bool) -> Path | None:
    """Write the file afresh from the database; keep a copy that differs from it (beyond being
    cut short, which is the workbook's own unfinished append) and return where it went."""
    query = every_row()
    fresh = path.with_name(f".{path.name}.rebuilding.{os.getpid()}")
    try:
        write_file(fresh, in_chunks(connection, query))
        kept = None
        if exists and not _is_start_of(path, fresh):
            kept = path.with_name(f"{path.name}.edited-{_stamp()}")
            os.replace(path, kept)
        os.replace(fresh, path)
    finally:
        fresh.unlink(missing_ok=True)
    return kept


def _is_start_of(old: Path, new: Path) -> bool:
    """True when every byte of ``old`` is the start of ``new``."""
    if old.stat().st_size > new.stat().st_size:
        return False
    with old.open("rb") as first, new.open("rb") as second:
        while block := first.read(COMPARE_BYTES):
            if second.read(len(block)) != block:
                return False
    return True


def _stat(path: Path) -> list[int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return [found.st_size, found.st_mtime_ns, found.st_ino]


def _recorded(connection: Connection) -> dict | None:
    value = connection.execute(select(store_info.c.value).where(store_info.c.name == STATE)).scalar()
    return json.loads(value) if value else None


def _record(connection: Connection, seq: int, stat: list[int] | None) -> None:
    value = json.dumps({"seq": seq, "stat": stat})
    if connection.execute(store_info.update().where(store_info.c.name == STATE).values(value=value)).rowcount == 0:
        connection.execute(store_info.insert().values(name=STATE, value=value))


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
