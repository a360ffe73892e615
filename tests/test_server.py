"""The servers' guards: no token set by the trainer, no trainer server; results never inside
what a server serves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from widgets.server import TOKEN_VARIABLE, refuse_results_inside, trainer_token, voila_arguments
from widgets.settings import RESULTS_DIR_VARIABLE


def test_the_trainer_server_refuses_to_start_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    with pytest.raises(SystemExit, match="needs a token"):
        trainer_token(None)
    monkeypatch.setenv(TOKEN_VARIABLE, "short")
    with pytest.raises(SystemExit, match="at least 12 characters"):
        trainer_token(None)


def test_the_token_comes_from_a_file_or_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "from-the-environment")
    assert trainer_token(None) == "from-the-environment"
    secret = tmp_path / "token"
    secret.write_text("from-a-file-0123\n")
    assert trainer_token(secret) == "from-a-file-0123"
    with pytest.raises(SystemExit, match="Cannot read the token file"):
        trainer_token(tmp_path / "missing")


@pytest.mark.parametrize("inside", ["", "results", "deep/er/results"])
def test_a_server_refuses_a_results_folder_inside_what_it_serves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inside: str) -> None:
    served = tmp_path / "notebooks"
    served.mkdir()
    monkeypatch.setenv(RESULTS_DIR_VARIABLE, str(served / inside))
    with pytest.raises(SystemExit, match="inside"):
        refuse_results_inside(served)
    monkeypatch.setenv(RESULTS_DIR_VARIABLE, str(tmp_path / "results"))
    refuse_results_inside(served)  # beside it: fine


def test_the_staff_server_serves_no_results_file_types() -> None:
    """Voila serves only files its allowlist names (pictures by default); results and received
    files are CSV, JSON and SQLite, and the servers never widen the list."""
    from voila.configuration import VoilaConfiguration

    patterns = VoilaConfiguration().file_allowlist
    names = ["results.csv", "received/services.csv", "received/.about/services.csv.json", "results.sqlite"]
    assert not [n for n in names for p in patterns if re.fullmatch(p, n)]
    assert not any("allowlist" in argument for argument in voila_arguments(Path("notebooks/staff"), 8866, 1))


def test_pools_refill_after_a_room_has_its_pages_and_the_wait_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refilled at once, a room's twenty new kernels took the cores from the people being handed
    theirs (bench: the server's part of the burst 16 s, against about 1.3 s)."""
    from widgets.settings import POOL_REFILL_SECONDS, POOL_REFILL_VARIABLE

    monkeypatch.delenv(POOL_REFILL_VARIABLE, raising=False)  # the test session's servers refill at once
    assert f"--VoilaKernelManager.fill_delay={POOL_REFILL_SECONDS}" in voila_arguments(Path("notebooks/staff"), 8866, 1)
    assert POOL_REFILL_SECONDS >= 10
    monkeypatch.setenv(POOL_REFILL_VARIABLE, "0")
    assert "--VoilaKernelManager.fill_delay=0" in voila_arguments(Path("notebooks/staff"), 8866, 1)
    monkeypatch.setenv(POOL_REFILL_VARIABLE, "soon")
    with pytest.raises(SystemExit, match="VIW_POOL_REFILL_SECONDS must be a whole number of 0 or more"):
        voila_arguments(Path("notebooks/staff"), 8866, 1)


def test_kernels_talk_over_unix_sockets_so_no_port_can_be_taken_while_many_start() -> None:
    # TCP ports were chosen free and bound later by each kernel: with a server's pools filling,
    # another kernel took one in between and Voila waited for that page for ever (make bench).
    assert "--KernelManager.transport=ipc" in voila_arguments(Path("notebooks/staff"), 8866, 1)
