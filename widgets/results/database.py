"""Opening the results database: which engine, its settings, its file's permissions, its schema.

One setting chooses the engine: ``VIW_DATABASE_URL`` (a SQLAlchemy URL). Without it the store
is a SQLite file, ``results.sqlite``, in the results folder: nothing to install or start, right
for one server. PostgreSQL (``postgresql://user:password@host/db``) is for many servers
(JupyterHub), where SQLite on a shared folder is unsafe.

SQLite runs in WAL mode (readers never block writers and see whole transactions only), with a
busy timeout, full fsync on commit, and write transactions that take the write lock when they
begin (``BEGIN IMMEDIATE``), so two writers queue instead of failing on a lock upgrade.
"""

from __future__ import annotations

import fcntl
import os
import logging
import threading
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ContextManager, Iterator
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import SQLAlchemyError

from widgets.errors import StoreError
from widgets.results.schema import SCHEMA_VERSION, metadata, store_info
from widgets.results.sharing import file_mode, share_file

log = logging.getLogger(__name__)

DATABASE_URL_VARIABLE = "VIW_DATABASE_URL"
SQLITE_FILE = "results.sqlite"
BUSY_TIMEOUT_SECONDS = 60
BUSY = ("The results store is busy or cannot be written to just now, so this was not saved. "
        "Please try again in a minute; if it keeps happening, tell whoever runs the workbook.")


@dataclass(frozen=True)
class Database:
    """The engines of one database in this process: ``writer`` for transactions that change
    things (through ``write()``), ``reader`` for reads (on SQLite they never take the write lock)."""

    url: URL
    writer: Engine
    reader: Engine
    read_only: bool
    turns: "WriteTurns | None" = None

    def turn(self) -> ContextManager[None]:
        """The right to write, held across several transactions that belong together (SQLite;
        PostgreSQL needs none)."""
        return self.turns.turn() if self.turns else nullcontext()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction; with SQLite, writers from every process take turns first."""
        with self.turn(), self.writer.begin() as connection:
            yield connection

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        return Path(self.url.database or "") if self.is_sqlite else None


def database_url(folder: Path, url: str | None = None) -> URL:
    """The URL given (or set in the environment), else the SQLite file in ``folder``."""
    given = url or os.environ.get(DATABASE_URL_VARIABLE, "")
    if not given:
        return URL.create("sqlite", database=str(folder / SQLITE_FILE))
    parsed = make_url(given)
    if parsed.get_backend_name() == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        raise StoreError(f"{DATABASE_URL_VARIABLE} must be a sqlite:/// or postgresql:// address.")
    return parsed


_opened: dict[tuple[str, int], Database] = {}
_opening = threading.Lock()


def _forget_parent_engines() -> None:
    """In a forked child: drop the parent's pooled connections without closing them (closing
    would end the parent's own database sessions), and any write turn the parent held; the
    child opens its own on first use."""
    global _opening
    for database in _opened.values():
        database.writer.dispose(close=False)
        database.reader.dispose(close=False)
        if database.turns:
            database.turns.forget()
    _opened.clear()
    _opening = threading.Lock()


os.register_at_fork(after_in_child=_forget_parent_engines)


def open_database(url: URL) -> Database:
    """The database at ``url``, opened once per process (a forked process opens its own) and
    brought to the current schema."""
    key = (url.render_as_string(hide_password=False), os.getpid())
    with _opening:
        if key not in _opened:
            database = _sqlite(url) if url.get_backend_name() == "sqlite" else _postgresql(url)
            if not database.read_only:
                migrate(database)
            else:
                check_version(database)
            _opened[key] = database
        return _opened[key]


def _postgresql(url: URL) -> Database:
    engine = create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4)
    return Database(url, engine, engine, read_only=False)


def _sqlite(url: URL) -> Database:
    path = Path(url.database or "")
    folder = path.parent
    read_only = not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK))
    if read_only:
        if not path.exists():
            raise StoreError(f"There is no results database at {path}, and the folder cannot be written to.")
        reader = _sqlite_engine(path, read_only=True)
        return Database(url, reader, reader, read_only=True)
    if not path.exists():
        # Created here with the folder's sharing: SQLite gives its -wal and -shm files the same mode.
        fd = os.open(path, os.O_RDWR | os.O_CREAT, file_mode(folder))
        os.fchmod(fd, file_mode(folder))
        os.close(fd)
    return Database(url, _sqlite_engine(path, immediate=True), _sqlite_engine(path), read_only=False,
                    turns=WriteTurns(path.parent / f"{path.name}-writers"))


class WriteTurns:
    """Writers to one SQLite file, from every process, queue on an OS lock before they begin.

    SQLite's own busy handler makes a waiting writer sleep longer and longer between tries, so
    under load a few writers lose the race many times over (measured with 50 writers: median
    2 ms, 99th percentile 1.2 s; trying again every 2 ms instead: 0.9 s). A blocking ``flock``
    wakes a waiter the moment the lock is free (0.35 s). It waits in a thread of its own, so
    the writer can give up with a plain message after the busy timeout instead of for ever.
    """

    def __init__(self, path: Path):
        self.path = path
        self._in_process = threading.RLock()  # flock does not queue threads of one process
        self._depth = 0  # a turn taken again inside one's own turn is the same turn
        self.held: int | None = None  # the lock file while this process holds the turn
        self._waiting: set[int] = set()  # lock files whose blocking flock has not returned yet

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self._in_process:
            outermost = self._depth == 0
            if outermost:
                self.held = self._take()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if outermost and self.held is not None:
                    os.close(self.held)  # releases the lock
                    self.held = None

    def _take(self) -> int:
        try:
            fd = self._open()
        except OSError as error:
            raise StoreError(BUSY) from error
        got, settled = threading.Event(), threading.Lock()
        given_up: list[bool] = []
        self._waiting.add(fd)

        def wait() -> None:
            fcntl.flock(fd, fcntl.LOCK_EX)
            with settled:
                self._waiting.discard(fd)
                if given_up:
                    os.close(fd)  # too late: the writer has gone; let the next one in
                else:
                    got.set()

        threading.Thread(target=wait, name="viw-write-turn", daemon=True).start()
        if got.wait(BUSY_TIMEOUT_SECONDS):
            return fd
        with settled:
            if got.is_set():
                return fd
            given_up.append(True)
        log.error("Gave up waiting %s s for the turn to write to %s", BUSY_TIMEOUT_SECONDS, self.path)
        raise StoreError(BUSY)

    def forget(self) -> None:
        """In a forked child: the parent's turn, and its waits for one, are not the child's
        (a copied lock file would keep the lock for as long as the child lives)."""
        for fd in [*self._waiting, *([self.held] if self.held is not None else [])]:
            os.close(fd)
        self.held, self._depth, self._in_process, self._waiting = None, 0, threading.RLock(), set()

    def _open(self) -> int:
        """The lock file, readable by everyone who writes (flock needs no write access)."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CREAT | os.O_EXCL, file_mode(self.path.parent))
        except FileExistsError:
            return os.open(self.path, os.O_RDONLY)
        share_file(fd, self.path.parent)  # the umask may have cut the folder's sharing
        return fd


def _sqlite_engine(path: Path, immediate: bool = False, read_only: bool = False) -> Engine:
    if read_only:
        engine = create_engine(f"sqlite:///{read_only_uri(path, True)}&uri=true", connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    else:
        engine = create_engine(URL.create("sqlite", database=str(path)), connect_args={"timeout": BUSY_TIMEOUT_SECONDS})

    @event.listens_for(engine, "connect")
    def _settings(connection: Any, _record: Any) -> None:
        connection.isolation_level = None  # transactions are begun below, not by the driver
        cursor = connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def read_only_uri(path: Path, store_read_only: bool) -> str:
    """The SQLite address that opens ``path`` for reading only. A copy on a trainer's laptop or
    a read-only share is never written. Its latest commits may still be in the -wal file, which
    needs the -shm file to be read: a copy without them is read as the main file stands, and a
    copy with a -wal but no -shm is refused rather than read without its newest rows."""
    wal, shm = (path.parent / f"{path.name}-{end}" for end in ("wal", "shm"))
    if store_read_only and not shm.exists() and wal.exists() and wal.stat().st_size:
        raise StoreError(f"This copy of {path.name} lacks {shm.name}: copy the whole results folder, or use an export.")
    immutable = store_read_only and not shm.exists()
    return f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")


# --- schema version and migrations ------------------------------------------------------------

# MIGRATIONS[n] brings a database from version n to n + 1 (none yet: version 1 is the first).
MIGRATIONS: dict[int, Any] = {}


def migrate(database: Database) -> None:
    """Create the tables on first use, or bring an older database up to this version, in one
    transaction that other servers starting at the same moment wait for."""
    try:
        with database.write() as connection:
            if not database.is_sqlite:
                connection.execute(text("SELECT pg_advisory_xact_lock(727274)"))  # one migrator at a time
            metadata.create_all(connection, checkfirst=True)
            found = connection.execute(select(store_info.c.value).where(store_info.c.name == "schema_version")).scalar()
            version = int(found) if found is not None else None
            if version is None:
                connection.execute(store_info.insert().values(name="schema_version", value=str(SCHEMA_VERSION)))
                return
            _refuse_newer(version)
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](connection)
                version += 1
            connection.execute(store_info.update().where(store_info.c.name == "schema_version").values(value=str(version)))
    except SQLAlchemyError as error:
        raise StoreError("The results database could not be opened. Please tell whoever runs the workbook.") from error


def check_version(database: Database) -> None:
    """A read-only database is read as it is; only one from a newer workbook is refused."""
    try:
        with database.reader.connect() as connection:
            found = connection.execute(select(store_info.c.value).where(store_info.c.name == "schema_version")).scalar()
    except SQLAlchemyError as error:
        raise StoreError("The results database could not be opened for reading. Copy the whole results folder, "
                         "or use an export (python -m widgets.results export).") from error
    _refuse_newer(int(found or SCHEMA_VERSION))


def _refuse_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"The results database was made by a newer version of the workbook (schema {version}; this one "
            f"knows {SCHEMA_VERSION}). Update the workbook before using it."
        )
