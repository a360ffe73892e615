"""A page that cannot build: people see the friendly panel, never a traceback; under the test
session's VIW_PAGE_ERRORS=raise the error is raised instead, so a notebook run fails."""

from __future__ import annotations

import logging

import ipywidgets as ipw
import pytest

from widgets.content import ContentError
from widgets.content.errors import Problem
from widgets.ui.page_guard import PAGE_ERRORS_VARIABLE, RAISE, guarded_page

PROBLEM = Problem("content/quizzes/lundy.yaml", "item lundy-q1", "correct", "`correct` names option 'e', which does not exist")


@guarded_page
def broken_content_page() -> ipw.Widget:
    raise ContentError([PROBLEM])


@guarded_page
def crashing_page() -> ipw.Widget:
    raise RuntimeError("internal detail")


def panel_html(panel: ipw.Widget) -> str:
    return "".join(getattr(child, "value", "") for child in panel.children)


@pytest.mark.parametrize("setting", [RAISE, "Raise "])
def test_with_the_signal_a_page_that_fails_raises_and_is_logged(
    setting: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(PAGE_ERRORS_VARIABLE, setting)  # as the test session sets it (tests/session_env.py)
    with caplog.at_level(logging.ERROR, logger="widgets"), pytest.raises(RuntimeError, match="internal detail"):
        crashing_page()
    with pytest.raises(ContentError, match="names option 'e'"):
        broken_content_page()
    assert [r.getMessage() for r in caplog.records if "crashing_page" in r.getMessage()] == [
        "Page crashing_page failed to build; VIW_PAGE_ERRORS=raise, so the error is raised"]


@pytest.mark.parametrize("setting", [None, "", "panel", "0"])
def test_without_the_signal_people_see_the_panel_not_a_traceback(
    setting: str | None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    if setting is None:
        monkeypatch.delenv(PAGE_ERRORS_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(PAGE_ERRORS_VARIABLE, setting)
    content = broken_content_page()
    assert "viw-page-error" in content._dom_classes
    assert "This page cannot open yet" in panel_html(content)
    assert "`correct` names option &#x27;e&#x27;, which does not exist" in panel_html(content)
    with caplog.at_level(logging.ERROR, logger="widgets"):
        crash = crashing_page()
    assert "viw-page-error" in crash._dom_classes
    assert "This page cannot open right now" in panel_html(crash)
    assert "internal detail" not in panel_html(crash) and "Traceback" not in panel_html(crash)
    assert caplog.records[-1].exc_info and "crashing_page" in caplog.records[-1].getMessage()  # for whoever runs the server
