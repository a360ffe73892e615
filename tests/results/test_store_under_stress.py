"""The store as a training day uses it, on both engines: many people saving at once while the
trainer reads, writers killed mid-save, a disk that fills. Nothing acknowledged is lost,
nothing is doubled, and no reader ever sees part of a submission."""

from __future__ import annotations

import logging
import multiprocessing
import os
import random
import signal
import subprocess
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.builders import quiz_submission
from tests.disk_space import fill_the_disk
from tests.pg_server import PostgresServer
from widgets.results import ResultsStore, StoreError, read_results
from widgets.results.database import DATABASE_URL_VARIABLE

ITEMS = 3  # rows in every submission these tests make
RETRIED = "0b7c3f4e-1d2a-4b5c-8d9e-0f1a2b3c4d5e"  # the id a page keeps for its retries
# Children are forked from a clean server process that has imported the store but opened no
# database: a child must never inherit an open SQLite connection (SQLite forbids carrying one
# across fork), and so start at once, without paying for the imports again.
FORK = multiprocessing.get_context("forkserver")
FORK.set_forkserver_preload(["widgets.results", "tests.builders"])


def whole_submissions_only(store: ResultsStore) -> dict[str, int]:
    """Rows per submission as a reader sees them; fails if any submission is seen in part."""
    counts = store.rows()["submission_id"].value_counts().to_dict()
    torn = {sid: n for sid, n in counts.items() if n != ITEMS}
    assert not torn, f"a reader saw part of a submission: {torn}"
    return counts


def _writer(folder: str, url: str, number: int, saves: int, out: Any) -> None:
    store = ResultsStore(Path(folder), url)
    failed = 0
    for n in range(saves):
        try:
            store.save(quiz_submission(respondent=f"writer{number}-{n}", items=ITEMS))
        except Exception:  # noqa: BLE001 - counted: the test asserts there are none
            failed += 1
    out.put(("writer", number, failed))


def _reader(folder: str, url: str, stop: Any, out: Any) -> None:
    """Read the newest submissions over and over (where a part-written one would show), and
    now and then the whole store, as a trainer's dashboard does."""
    store = ResultsStore(Path(folder), url)
    reads = torn = errors = 0
    while not stop.is_set():
        try:
            recent = (datetime.now(timezone.utc) - timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%S")
            rows = store.rows() if reads % 40 == 39 else store.rows(since=recent)
            counts = rows["submission_id"].value_counts()
            torn += int((counts != ITEMS).sum())
            reads += 1
        except Exception:  # noqa: BLE001 - counted: the test asserts there are none
            logging.getLogger(__name__).exception("A reader failed")
            errors += 1
        time.sleep(0.3)
    out.put(("reader", reads, torn, errors))


def test_fifty_writers_and_twenty_five_readers_at_once_lose_nothing_and_see_no_part(any_store: ResultsStore, database_url: str) -> None:
    saves = int(os.environ.get("VIW_STRESS_SAVES", "20"))  # 1,000 submissions at once; 200 for the long run
    writers, readers = 50, 25
    any_store.version()  # the schema exists before the crowd arrives, as on a running server
    out, stop = FORK.Queue(), FORK.Event()
    reading = [FORK.Process(target=_reader, args=(str(any_store.folder), database_url, stop, out)) for _ in range(readers)]
    writing = [FORK.Process(target=_writer, args=(str(any_store.folder), database_url, n, saves, out)) for n in range(writers)]
    for process in reading + writing:
        process.start()
    reports = [out.get(timeout=600) for _ in writing]
    stop.set()
    reports += [out.get(timeout=60) for _ in reading]
    for process in reading + writing:
        process.join(timeout=60)
    assert [r for r in reports if r[0] == "writer" and r[2]] == [], "some saves failed"
    reader_reports = [r for r in reports if r[0] == "reader"]
    assert all(r[1] > 0 for r in reader_reports), "every reader read while the writers wrote"
    assert sum(r[2] for r in reader_reports) == 0 and sum(r[3] for r in reader_reports) == 0
    counts = whole_submissions_only(any_store)
    rows = any_store.rows()
    assert len(counts) == writers * saves and len(rows) == writers * saves * ITEMS
    assert set(rows["respondent"]) == {f"writer{w}-{n}" for w in range(writers) for n in range(saves)}
    if any_store.keeps_csv:
        in_csv = read_results([("results.csv", any_store.path)])
        assert in_csv.reports[0].ok and len(in_csv.rows) == len(rows)


def _saving_until_killed(folder: str, url: str, acknowledged: str) -> None:
    told = os.open(acknowledged, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    os.write(told, b"ready\n")  # the next thing this process does is open the store and write
    store = ResultsStore(Path(folder), url)
    number = 0
    while True:
        saved = store.save(quiz_submission(respondent=f"row{number}", items=ITEMS, evidence="x" * 2000))
        os.write(told, (saved.submission_id + "\n").encode())  # told "saved" only now
        number += 1


def test_writers_killed_at_random_moments_leave_every_acknowledged_submission_whole(results_folder: Path, database_url: str) -> None:
    store = ResultsStore(results_folder, database_url)
    chance = random.Random(20261201)
    delays = [0.0, 0.003, 0.01] + [chance.uniform(0.0, 0.3) for _ in range(17)]  # the first kills hit the first write
    acknowledged: set[str] = set()
    told = results_folder.parent / "acknowledged.txt"
    for delay in delays:
        writer = FORK.Process(target=_saving_until_killed, args=(str(results_folder), database_url, str(told)))
        told.unlink(missing_ok=True)
        writer.start()
        while not told.exists() or b"ready" not in told.read_bytes():
            time.sleep(0.0005)
        time.sleep(delay)  # 0: while it opens the store (the first time, creating it) and first writes
        os.kill(writer.pid or 0, signal.SIGKILL)
        writer.join()
        acknowledged |= {line.strip() for line in told.read_text().splitlines(keepends=True)
                         if line.endswith("\n") and line != "ready\n"}
        counts = whole_submissions_only(store)
        assert acknowledged <= set(counts), "a submission the person was told was saved is missing"
        store.save(quiz_submission(respondent="the next person", items=ITEMS))  # the next write works
    counts = whole_submissions_only(store)
    assert (store.rows()["respondent"] == "the next person").sum() == len(delays) * ITEMS
    assert len(acknowledged) > len(delays), "most writers were killed mid-run, after some saves"
    if store.keeps_csv:
        in_csv = read_results([("results.csv", store.path)])
        assert in_csv.reports[0].ok and len(in_csv.rows) == sum(counts.values())


# --- a disk that fills ---------------------------------------------------------------------------


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    """A 3 MB file system of its own (tmpfs), so a test can fill it without filling the machine;
    in a folder the database server's own user can reach."""
    place = Path(tempfile.mkdtemp(prefix="viw-tiny-disk-"))
    place.chmod(0o755)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m,mode=0777", "tmpfs", str(place)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("a tmpfs cannot be mounted here; the injected engine failure test covers a failing write")
    try:
        yield place
    finally:
        subprocess.run(["umount", "-l", str(place)], check=False)
        place.rmdir()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_on_tiny_disk(request: pytest.FixtureRequest, tiny_disk: Path, monkeypatch: pytest.MonkeyPatch) -> ResultsStore:
    """The database's own files on the tiny disk: SQLite's file, or a PostgreSQL tablespace."""
    folder = tiny_disk / "results"
    folder.mkdir()
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'results.sqlite'}"
    else:
        server: PostgresServer = request.getfixturevalue("postgres")
        url = server.new_database(tablespace=tiny_disk / "tablespace")
        request.addfinalizer(lambda: server.drop_database(url))
    monkeypatch.setenv(DATABASE_URL_VARIABLE, url)
    return ResultsStore(folder, url)


def test_a_save_on_a_full_disk_is_reported_not_saved_really_is_not_and_the_retry_saves_once(store_on_tiny_disk: ResultsStore, tiny_disk: Path) -> None:
    store = store_on_tiny_disk
    store.save(quiz_submission(respondent="before", items=ITEMS))
    before = len(store.rows())
    filler = fill_the_disk(tiny_disk)
    letters = random.Random(1)  # text that no engine can compress into the space left
    long_text = "Tystiolaeth: " + "".join(letters.choice("abcdefghilmnoprstuwyâêîôûŵŷ ") for _ in range(4980))
    for _ in range(3):  # pressed again and again while the disk is full: refused each time, nothing left
        with pytest.raises(StoreError, match="were not saved"):
            store.save(quiz_submission(respondent="during", items=ITEMS, evidence=long_text), submission_id=RETRIED)
    filler.unlink()
    assert len(store.rows()) == before
    for _ in range(2):  # the retry once space is free, and a second press: stored once
        store.save(quiz_submission(respondent="during", items=ITEMS, evidence=long_text), submission_id=RETRIED)
    rows = store.rows()
    assert len(rows) == before + ITEMS and rows["evidence"].iloc[-1] == long_text
    if store.keeps_csv:
        assert len(read_results([("results.csv", store.path)]).rows) == len(rows)
