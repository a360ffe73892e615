"""A shared results folder (JupyterHub: each person's server runs as their own Unix user) takes
rows and drafts from every person; a private folder keeps its files private."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from tests.builders import quiz_submission
from widgets.results import ResultsStore, read_results, save_submission
from widgets.results.drafts import DraftStore

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
            DraftStore("learner", folder).create({"name": name})
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
    result = read_results([("results.csv", folder / "results.csv")])
    assert sorted(result.rows["respondent"]) == ["person0", "person0", "person1", "person1"]
    assert mode(folder / "results.csv") == 0o660 and mode(folder / ".results.csv.lock") == 0o660
    assert mode(folder / "drafts") == mode(folder / "drafts" / "learner") == 0o2770
    assert {mode(draft) for draft in (folder / "drafts" / "learner").glob("*.json")} == {0o660}


def test_a_private_folder_keeps_results_and_drafts_private(tmp_path: Path) -> None:
    tmp_path.chmod(0o700)
    save_submission(quiz_submission(items=1), ResultsStore(tmp_path))
    code = DraftStore("learner", tmp_path).create({"name": "x"})
    assert mode(tmp_path / "results.csv") == 0o600
    assert mode(tmp_path / "drafts" / "learner" / f"{code}.json") == 0o600
