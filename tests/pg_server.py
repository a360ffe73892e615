"""A real, throwaway PostgreSQL server for the tests: Debian's PostgreSQL, a cluster in a
temporary folder on a free port and a private socket folder, stopped at the end.

Started by hand rather than with pytest-postgresql: as root (CI), initdb refuses to run, so
the cluster runs as the ``postgres`` user the Debian package creates; as anyone else it runs
as you. ``make test`` installs the package when it is missing.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg

USER = "workbook"


def binaries() -> Path:
    """The folder of initdb and pg_ctl (Debian keeps them out of PATH, under the version)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise RuntimeError("PostgreSQL is not installed: run 'make test' (as root it installs Debian's postgresql), "
                       "or 'sudo apt-get install postgresql'.")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One cluster; ``new_database()`` gives each test a database of its own."""

    def __init__(self) -> None:
        self.bin = binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="viw-postgres-"))
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            os.chown(self.folder, *_postgres_ids())

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, cwd=self.folder)

    def start(self) -> "PostgresServer":
        data = self.folder / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "--no-sync")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=400 "
                   "-c fsync=on -c shared_buffers=64MB")
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"), "-w", "-o", options, "start")
        return self

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self, tablespace: Path | None = None) -> str:
        """A fresh database; with ``tablespace``, its tables live in that folder (e.g. a tiny
        file system a test fills)."""
        name = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            if tablespace is None:
                connection.execute(f'CREATE DATABASE "{name}"')
            else:
                tablespace.mkdir()
                if self.as_root:
                    os.chown(tablespace, *_postgres_ids())
                connection.execute(f"CREATE TABLESPACE \"{name}\" LOCATION '{tablespace}'")
                connection.execute(f'CREATE DATABASE "{name}" TABLESPACE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Remove a database (and its tablespace, if it has one), closing what is still connected."""
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'DROP TABLESPACE IF EXISTS "{name}"')


def _postgres_ids() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("postgres")
    return entry.pw_uid, entry.pw_gid
