"""The glossary page lists every term with an anchor the modules link to, and the start page
links to it (on the fixture content)."""

from __future__ import annotations

from tests.session_env import FIXTURE_CONTENT
from widgets.content import load_content
from widgets.pages.glossary_page import glossary_html
from widgets.pages.landing import landing_page

CONTENT = load_content(FIXTURE_CONTENT)


def test_each_term_has_an_anchor_its_full_words_and_its_abbreviation() -> None:
    shown = glossary_html(CONTENT)
    assert "<h3 id='iro'>Independent reviewing officer (IRO)</h3>" in shown
    assert shown.count("<h3 id=") == len(CONTENT.glossary) > 0
    terms = [t.term.lower() for t in CONTENT.glossary]
    assert terms == sorted(terms)  # A to Z, so a reader can find a word


def test_the_start_page_links_to_the_glossary() -> None:
    page = landing_page(CONTENT)
    assert any("href='glossary.ipynb'" in getattr(child, "value", "") for child in page.children)
