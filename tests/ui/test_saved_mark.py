"""The "saved" notes carry when the work was saved and how to reopen it, for the banner the page
shows when its kernel is gone (connection_watch.js reads them)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.emodule_helpers import LEARNER
from widgets.content import load_content
from widgets.emodule import LearnerSession
from widgets.pages.assessment_page import AssessmentPage
from widgets.pages.module_page import ModulePage
from widgets.ui.saved_mark import saved_mark

MARK = re.compile(r'data-viw-saved-at="([^"]+)" data-viw-resume="([^"]+)"')


def test_the_mark_is_the_moment_in_utc_and_an_escaped_link() -> None:
    moment = datetime(2026, 11, 5, 10, 42, 7, 123456, tzinfo=timezone(timedelta(hours=1)))
    assert saved_mark("02_lundy.ipynb?code=K7QX-9MZD&x=\"1\"", moment) == (
        'data-viw-saved-at="2026-11-05T09:42:07+00:00" data-viw-resume="02_lundy.ipynb?code=K7QX-9MZD&amp;x=&quot;1&quot;"'
    )


def saved_at(html: str) -> tuple[datetime, str]:
    found = MARK.search(html)
    assert found, html
    return datetime.fromisoformat(found.group(1)), found.group(2)


def test_the_assessment_page_marks_each_save(results_folder: Path) -> None:
    content = load_content()
    page = AssessmentPage(content.instrument("iv-standard-4"), content)
    assert "data-viw-saved-at" not in page.saved_note.value  # nothing saved, nothing claimed
    before = datetime.now(timezone.utc).replace(microsecond=0)
    page.details["organisation"].value = "North IV"
    moment, link = saved_at(page.saved_note.value)
    assert before <= moment <= datetime.now(timezone.utc)
    assert link == f"?code={page.autosave.code}"


def test_the_module_page_marks_the_progress_it_saves(results_folder: Path) -> None:
    session = LearnerSession.register(LEARNER, load_content())
    page = ModulePage("lundy", query=f"code={session.code}")
    assert page.panel is not None
    moment, link = saved_at(page.panel.saved.value)
    assert link == f"02_lundy.ipynb?code={session.code}"
    assert moment <= datetime.now(timezone.utc)
