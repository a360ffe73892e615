"""Received files: kept in the results folder with when and by whom, never overwritten, safe
names only, removed on purpose only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from widgets.results.received import ReceivedFiles


def test_files_are_kept_with_who_and_when_and_the_same_name_never_overwrites(tmp_path: Path) -> None:
    received = ReceivedFiles(tmp_path)
    first = received.add("services.csv", b"one", "Ann Trainer")
    second = received.add("services.csv", b"two", "  Bo Trainer ")
    third = received.add("services.csv", b"three", "")
    assert [f.name for f in received.files()] == ["services.csv", "services (2).csv", "services (3).csv"]
    assert [f.path.read_bytes() for f in received.files()] == [b"one", b"two", b"three"]
    assert [f.added_by for f in ReceivedFiles(tmp_path).files()] == ["Ann Trainer", "Bo Trainer", ""]  # read back afresh
    assert all(f.sent_as == "services.csv" for f in received.files())
    assert first.added_at <= second.added_at <= third.added_at
    assert first.path.parent == tmp_path / "received"


@pytest.mark.parametrize("sent_as, kept_as", [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\ann\\Desktop\\north.csv", "north.csv"),
    (".hidden.csv", "hidden.csv"),
    ("a\x00b\nc.csv", "a_b_c.csv"),
    ("", "results.csv"),
    ("..", "results.csv"),
])
def test_a_name_from_the_browser_becomes_one_plain_file_name_in_the_folder(tmp_path: Path, sent_as: str, kept_as: str) -> None:
    kept = ReceivedFiles(tmp_path).add(sent_as, b"x", "Ann")
    assert kept.path == tmp_path / "received" / kept_as
    assert ReceivedFiles(tmp_path).files()[0].sent_as == sent_as


def test_removing_takes_the_file_and_its_note_and_nothing_outside_the_folder(tmp_path: Path) -> None:
    received = ReceivedFiles(tmp_path)
    received.add("a.csv", b"a", "Ann")
    received.add("b.csv", b"b", "Ann")
    (tmp_path / "results.csv").write_text("keep me")
    for name in ("../results.csv", ".about", "nothing.csv"):
        with pytest.raises(FileNotFoundError):
            received.remove(name)
    received.remove("a.csv")
    assert [f.name for f in received.files()] == ["b.csv"]
    assert not (tmp_path / "received" / ".about" / "a.csv.json").exists()
    assert (tmp_path / "results.csv").read_text() == "keep me"


def test_a_file_copied_in_by_hand_is_listed_with_its_time(tmp_path: Path) -> None:
    received = ReceivedFiles(tmp_path)
    received.add("a.csv", b"a", "Ann")
    (tmp_path / "received" / "by-hand.csv").write_bytes(b"x")
    listed = {f.name: f for f in received.files()}
    assert listed["by-hand.csv"].added_by == "" and listed["by-hand.csv"].sent_as == "by-hand.csv"


def test_in_a_shared_results_folder_kept_files_are_shared_too(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o2770)
    kept = ReceivedFiles(tmp_path).add("a.csv", b"a", "Ann")
    assert stat.S_IMODE(kept.path.stat().st_mode) == 0o660
    assert stat.S_IMODE((tmp_path / "received").stat().st_mode) == 0o2770


def test_a_long_name_in_any_script_is_kept_within_the_file_system_s_limit(tmp_path: Path) -> None:
    received = ReceivedFiles(tmp_path)
    arabic = "نتائج خدمة الزائر المستقل في المقاطعة " * 6 + ".csv"  # ~230 characters, ~420 bytes
    kept = received.add(arabic, b"data", "Ann")
    again = received.add(arabic, b"more", "Ann")  # numbered, and its note beside it, still within 255 bytes
    assert kept.path.read_bytes() == b"data" and again.path.read_bytes() == b"more"
    assert all(len(f.path.name.encode()) <= 200 for f in received.files()) and kept.path.suffix == ".csv"
