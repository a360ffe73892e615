"""The layout checks themselves, on small pages built to have one fault each (and one with
none): a check that cannot see a fault would pass every page. The first is the fault the
workbook's quiz had at 375 px: ipywidgets' radio rows have a fixed height, so a long option
that wraps prints over the next one."""

from __future__ import annotations

from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.layout_checks import at_width, covered_controls, layout_problems, overflow, small_targets, text_overlaps

FIXED_HEIGHT_RADIOS = """
<style>.widget-radio-box label { display: flex; height: 20px; line-height: 20px; white-space: normal; margin: 0; }</style>
<fieldset class="widget-radio-box">
  <label><input type="radio" name="q" style="width:40px;height:40px;margin:0 4px">A long option that a learner must read in full
    before choosing, and which wraps over three lines on a phone</label>
  <label><input type="radio" name="q" style="width:40px;height:40px;margin:0 4px">The option after it</label>
</fieldset>
"""
TAPPABLE = "style='display:block;min-height:48px;min-width:48px;margin:8px 0'"
GOOD = f"""
<main><h1>A page with nothing wrong</h1><p>Some text that wraps as it should at any width, in a column.</p>
<label {TAPPABLE}><input type="radio" name="g" style="width:24px;height:24px"> Yes</label>
<label for="name">Your name</label><input id="name" {TAPPABLE} style="width:100%;box-sizing:border-box;height:48px">
<button {TAPPABLE}>Save</button></main>
"""
COVERED = f"<input id='x' {TAPPABLE}><div style='position:relative;top:-60px;height:60px;background:white'>A banner</div>"
TOO_WIDE = "<p>Fine</p><div style='width:900px'>A table laid out for a laptop only</div>"
CLIPPED = ("<div style='overflow:hidden'><div style='width:800px'><p>A step whose text runs on past the edge of a phone, "
           "<strong>cut off</strong> where the panel hides it</p></div></div>")  # what a too-wide picture did to its step
SMALL = "<button style='height:24px'>Save</button>"


@pytest.fixture
def blank(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 375, "height": 700})
    yield context.new_page()
    context.close()


def test_overlapping_radio_options_are_found(blank: Page) -> None:
    blank.set_content(FIXED_HEIGHT_RADIOS)
    overlaps = text_overlaps(blank)
    assert overlaps and "The option after it" in overlaps[0]


def test_a_covered_input_a_page_too_wide_and_a_small_button_are_found(blank: Page) -> None:
    blank.set_content(COVERED)
    assert any("covered: input" in fault and "A banner" in fault for fault in covered_controls(blank))
    blank.set_content(TOO_WIDE)
    assert any("sideways scroll" in fault for fault in overflow(blank))
    blank.set_content(CLIPPED)
    assert any(fault.startswith('text beyond the window: p "A step whose text runs on past') for fault in overflow(blank))
    blank.set_content(SMALL)
    small, = small_targets(blank)
    assert small.startswith('small target: button "Save" is ') and small.endswith(" x 24 px")


def test_a_good_page_has_no_faults_at_any_width(blank: Page) -> None:
    blank.set_content(GOOD)
    for width in (320, 375, 768, 1280, 1920):
        at_width(blank, width)
        assert layout_problems(blank) == [], width
