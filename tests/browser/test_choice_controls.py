"""Choice controls hold any text at a phone's and a laptop's width: with 60-odd words of Welsh
and of Arabic in one question's options, no option's box overlaps another, each radio circle
is itself at its centre (nothing lies over it: elementFromPoint hits the input or its own
label), and a click anywhere on an option's text chooses it, which the kernel then marks.
The same holds for the confidence scale, options side by side. Measured from the DOM; the
screenshots are saved to tests/browser/artifacts/ to be looked at."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

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


@contextmanager
def signed_in_to_why_voice(browser: Browser, server: VoilaServer, width: int, learner: str) -> Iterator[Page]:
    """A new learner (a name not used before: a known one would be offered its record) signed in
    to the fixture's first module in a window ``width`` wide; closed after."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(90_000)
    try:
        open_page(page, server, "01_why_voice.ipynb", ready=".viw-sign-in")
        sign_in(page, learner, "Shire CFS")
        yield page
    finally:
        page.close(run_before_unload=True)
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_long_option_texts_wrap_and_every_circle_is_its_own(browser: Browser, staff_server: VoilaServer, width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    total = len(CONTENT.module("why-voice").steps) + 1
    with signed_in_to_why_voice(browser, staff_server, width, f"Layout Learner {width}") as page:  # one learner per width
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


TICK_WHILE_THE_KERNEL_ANSWERS = """async (card, texts) => {
  const box = (text) => [...card.querySelectorAll('label')].find((l) => l.innerText.trim() === text).querySelector('input');
  const boxes = texts.map(box);
  boxes[0].click();
  boxes[1].click();  // two ticks before the kernel has answered the first
  const start = performance.now();
  let undone = false;  // did the kernel's answer to the first tick untick the second?
  while (performance.now() - start < 2000 && !undone) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    undone = !boxes[1].checked;
  }
  boxes[2].click();  // the third tick, read from what the page shows now
  return undone;
}"""


def test_quick_ticks_on_a_slow_connection_all_reach_the_kernel(browser: Browser, staff_server: VoilaServer) -> None:
    """A person ticks three boxes faster than the kernel answers (a phone on a slow network):
    the kernel's answer to the first tick must not untick the second on the page, or the third
    tick would send the page's now-wrong set and a right answer would be marked wrong."""
    item = CONTENT.quizzes["why-voice"].items[2]
    assert item.type == "multiple_choice" and [option.id for option in item.options] == ["a", "b", "c", "d"]
    total = len(CONTENT.module("why-voice").steps) + 1
    with signed_in_to_why_voice(browser, staff_server, 375, "Siân Quick-Ticker") as page:
        form = rate(page, "before")
        form.get_by_role("button", name="Save my ratings").click()
        expect(form).to_have_count(0)
        go_to_step(page, total, total)
        card = page.locator(f".viw-question-{item.id}")
        expect(card.locator("input[type=checkbox]")).to_have_count(4)
        undone = card.evaluate(TICK_WHILE_THE_KERNEL_ANSWERS, [item.option(key).text for key in item.correct])
        page.wait_for_timeout(1500)  # every answer from the kernel has come back
        ticked = card.locator("input:checked")
        assert not undone, "the kernel's answer to the first tick unticked the second on the page"
        expect(ticked).to_have_count(3)
        card.get_by_role("button", name="Check answer").click()
        expect(card.locator(".viw-feedback")).to_contain_text("✔ Correct.")  # a, b and d reached the kernel
