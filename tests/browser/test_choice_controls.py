"""Choice controls hold any text at a phone's and a laptop's width: with 60-odd words of Welsh
and of Arabic in one question's options, no option's box overlaps another, each radio circle
is itself at its centre (nothing lies over it: elementFromPoint hits the input or its own
label), and a click anywhere on an option's text chooses it, which the kernel then marks.
The same holds for the confidence scale, options side by side. Measured from the DOM; the
screenshots are saved to tests/browser/artifacts/ to be looked at."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, expect

from tests.browser.conftest import open_page
from tests.browser.emodule_steps import go_to_step, rate, sign_in
from tests.browser.voila_server import VoilaServer
from widgets.content import load_content

ARTIFACTS = Path(__file__).parent / "artifacts"  # ignored by git
CONTENT = load_content()
LONG = CONTENT.quizzes["why-voice"].items[-1]  # the fixture's question with long Welsh and Arabic options

LAYOUT_PROBLEMS = """(root) => {
  const problems = [];
  const labels = [...root.querySelectorAll('.viw-choice')].filter((l) => l.getClientRects().length);
  const rects = labels.map((l) => l.getBoundingClientRect());
  const name = (l) => JSON.stringify(l.innerText.trim().slice(0, 30));
  const width = document.documentElement.clientWidth;
  for (let i = 0; i < labels.length; i++) {
    const a = rects[i];
    if (a.right > width + 0.5) problems.push(`${name(labels[i])} runs off the page (${a.right} > ${width})`);
    for (let j = i + 1; j < labels.length; j++) {
      const b = rects[j];
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 0.5 && y > 0.5) problems.push(`${name(labels[i])} overlaps ${name(labels[j])}`);
    }
    const input = labels[i].querySelector('input');
    const box = input.getBoundingClientRect();
    if (box.left < a.left || box.right > a.right || box.top < a.top || box.bottom > a.bottom) {
      problems.push(`the circle or box of ${name(labels[i])} lies outside its label`);
    }
  }
  for (const label of labels) {
    const input = label.querySelector('input');
    input.scrollIntoView({ block: 'center' });
    const box = input.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (!(hit === input || label.contains(hit))) {
      problems.push(`the centre of the input of ${name(label)} is covered by ${hit ? hit.outerHTML.slice(0, 80) : 'nothing'}`);
    }
  }
  return { problems, labels: labels.length };
}"""

TEXT_LINES = """(text) => {
  const range = document.createRange();
  range.selectNodeContents(text);  // the text's line boxes, not the block around them
  return [...range.getClientRects()].filter((r) => r.width > 8)
    .map((r) => ({x: r.left + r.width / 2, y: r.top + r.height / 2, left: r.left + 4, right: r.right - 4}));
}"""


def layout_problems(root: Locator, at_least: int) -> list[str]:
    found = root.evaluate(LAYOUT_PROBLEMS)
    assert found["labels"] >= at_least, f"only {found['labels']} option labels found"
    return found["problems"]


def click_on_text(option: Locator, line: int, where: str) -> None:
    """Click one line of an option's text (its first or last line, left, middle or right)."""
    text = option.locator("xpath=ancestor::label[1]").locator(".viw-choice-text")
    text.scroll_into_view_if_needed()
    lines = text.evaluate(TEXT_LINES)
    spot = lines[line]
    option.page.mouse.click(spot[where] if where != "middle" else spot["x"], spot["y"])


@pytest.mark.parametrize("width", [375, 1280])
def test_long_option_texts_wrap_and_every_circle_is_its_own(browser: Browser, staff_server: VoilaServer, width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(90_000)
    try:
        total = len(CONTENT.module("why-voice").steps) + 1
        open_page(page, staff_server, "01_why_voice.ipynb", ready=".viw-sign-in")
        sign_in(page, f"Layout Learner {width}", "Shire CFS")  # one learner per width: the same name again would be offered its record
        form = rate(page, "before")
        assert layout_problems(form, 50) == []  # 10 statements, 5 options each, side by side where they fit
        form.screenshot(path=str(ARTIFACTS / f"choices-confidence-{width}.png"))
        form.get_by_role("button", name="Save my ratings").click()
        expect(form).to_have_count(0)

        go_to_step(page, total, total)
        card = page.locator(f".viw-question-{LONG.id}")
        expect(card).to_be_visible()
        welsh, arabic, short = (card.get_by_label(LONG.option(key).text, exact=True) for key in ("cy", "ar", "short"))
        assert len(welsh.locator("xpath=ancestor::label[1]").locator(".viw-choice-text").evaluate(TEXT_LINES)) > 1  # it wraps
        assert layout_problems(page.locator(".viw-quiz"), 20) == []  # every question of the quiz
        card.screenshot(path=str(ARTIFACTS / f"choices-long-options-{width}.png"))

        click_on_text(welsh, -1, "right")  # the end of the last line of the Welsh text
        expect(welsh).to_be_checked()
        click_on_text(arabic, 0, "left")  # Arabic runs right to left: its first line's far side
        expect(arabic).to_be_checked()
        expect(welsh).not_to_be_checked()  # one group: choosing one clears the other
        click_on_text(short, 0, "middle")
        expect(short).to_be_checked()
        click_on_text(welsh, 0, "middle")
        expect(welsh).to_be_checked()
        card.get_by_role("button", name="Check answer").click()
        expect(card.locator(".viw-feedback")).to_contain_text("✔ Correct.")  # the kernel holds the option clicked
        expect(card.locator(".viw-choices input:checked")).to_have_count(1)
        assert layout_problems(card, 3) == []  # checked and disabled, still in place
        card.screenshot(path=str(ARTIFACTS / f"choices-long-options-checked-{width}.png"))
    finally:
        page.close(run_before_unload=True)
        context.close()
