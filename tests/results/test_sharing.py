"""A shared results folder (JupyterHub: each person's server runs as their own Unix user) takes
rows and drafts from every person into one SQLite database whose files the group shares.
(A private folder keeps them private: tests/results/test_results_csv.py.)"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import func, select

from tests.builders import quiz_submission
from widgets.results import ResultsStore, read_results, save_submission
from widgets.results.drafts import DraftStore
from widgets.results.schema import drafts

STAFF_GID = 54321
PEOPLE_UIDS = (54322, 54323)


def write_as(uid: int, folder: Path, name: str) -> int:
    """In a forked child running as another Unix user of the staff group (as a hub spawns each
    person), save a submission and a draft; returns the child's exit status."""
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            os.setgroups([STAFF_GID])
            os.setgid(STAFF_GID)
            os.setuid(uid)
            os.umask(0o022)
            save_submission(quiz_submission(respondent=name, items=2), ResultsStore(folder))
            DraftStore("learner", folder).create({"learner": {"name": name}})
            status = 0
        finally:
            os._exit(status)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """Set up as the README asks the administrator to: group staff, setgid, group-writable."""
    folder = Path(tempfile.mkdtemp(prefix="viw-shared-"))  # under /tmp, which other users can reach
    os.chown(folder, 0, STAFF_GID)
    os.chmod(folder, 0o2770)
    yield folder
    shutil.rmtree(folder)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to act as two people")
def test_two_people_as_their_own_unix_users_both_write_to_a_shared_folder(shared_folder: Path, tmp_path: Path) -> None:
    save_submission(quiz_submission(items=1), ResultsStore(tmp_path))  # every import done before the fork
    folder = shared_folder
    for number, uid in enumerate(PEOPLE_UIDS):
        assert write_as(uid, folder, f"person{number}") == 0
    store = ResultsStore(folder)
    assert sorted(store.rows()["respondent"]) == ["person0", "person0", "person1", "person1"]
    result = read_results([("results.csv", folder / "results.csv")])
    assert sorted(result.rows["respondent"]) == ["person0", "person0", "person1", "person1"]
    shared = ("results.sqlite", "results.sqlite-wal", "results.sqlite-shm", "results.sqlite-writers", "results.csv")
    assert {name: mode(folder / name) for name in shared} == {name: 0o660 for name in shared}
    with store.database.reader.connect() as connection:
        assert connection.execute(select(func.count()).select_from(drafts)).scalar() == 2
