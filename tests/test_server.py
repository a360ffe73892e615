"""The trainer server's guard: no token set by the trainer, no server."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.server import TOKEN_VARIABLE, trainer_token


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
