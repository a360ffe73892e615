"""The landing page lists the pages content names, and a content problem shows as a plain message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import valid_content, write_content
from tests.emodule_helpers import LEARNER, right_answers
from widgets.content import load_content
from widgets.emodule import LearnerSession
from widgets.pages.landing import landing_page
from widgets.settings import CONTENT_DIR_VARIABLE
from widgets.ui.page_guard import PAGE_ERRORS_VARIABLE


def page_html(page) -> str:
    return "".join(getattr(child, "value", "") for child in page.children)


def test_lists_modules_in_order_and_instruments_with_links(tmp_path: Path) -> None:
    content = load_content(*write_content(tmp_path))
    html = page_html(landing_page(content))
    assert "<a href='lundy.ipynb'>The Lundy model</a>" in html
    assert "<a href='iv.ipynb'>IV Standard 4</a>" in html
    assert "aria-label='Privacy'" in html


def test_text_from_content_is_escaped(tmp_path: Path) -> None:
    tree = valid_content()
    tree["modules/lundy.yaml"]["title"] = "<script>alert(1)</script>"
    html = page_html(landing_page(load_content(*write_content(tmp_path, tree))))
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_broken_content_shows_what_to_fix_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = valid_content()
    tree["quizzes/lundy.yaml"]["items"][0]["correct"] = "e"
    content, _ = write_content(tmp_path, tree)
    monkeypatch.setenv(CONTENT_DIR_VARIABLE, str(content))
    monkeypatch.delenv(PAGE_ERRORS_VARIABLE, raising=False)  # as on a real server, not the test session's "raise"
    page = landing_page()
    assert "viw-page-error" in page._dom_classes
    html = page_html(page)
    assert "This page cannot open yet" in html
    assert "item lundy-q1: `correct` names option &#x27;e&#x27;, which does not exist" in html


def test_one_start_action_a_code_box_a_separate_self_assessment_block_and_a_folded_privacy_note(results_folder: Path) -> None:
    html = page_html(landing_page(load_content()))
    assert html.count("class='viw-start-action'") == 1 and ">Start the training</a>" in html
    assert "<form class='viw-code-form viw-card' method='get'" in html and "name='code'" in html
    assert "<label for='viw-resume-code'>" in html and "Continue with your code" in html and "<h2>Been here before?" in html
    assert html.index("Start the training") < html.index("Training modules") < html.index("viw-self-assessments")
    privacy = html[html.index("aria-label='Privacy'"):]
    assert "Never name or identify a child" in privacy.split("<details>")[0]  # the short note, always shown
    assert "<details><summary>" in privacy and "What is stored" in privacy  # the full one, folded


def test_a_code_in_the_address_continues_the_learner_where_they_are(results_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = LearnerSession.register(LEARNER, load_content())
    quiz = session.content.quizzes["why-voice"]
    session.finish_attempt(quiz, right_answers(quiz))
    monkeypatch.setenv("QUERY_STRING", f"code={session.code}")
    page = landing_page(load_content())
    assert page.address.code == session.code
    assert f"href='02_lundy.ipynb?code={session.code}'>Continue the training: The Lundy model</a>" in page.action.value
    assert "Start the training" not in page.action.value
    monkeypatch.setenv("QUERY_STRING", "code=ABCD-EFGH")
    page = landing_page(load_content())
    assert "No saved progress has the code ABCD-EFGH" in page.action.value and "Start the training" in page.action.value
    assert page.address.code == ""
