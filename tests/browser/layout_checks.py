"""Layout faults measured from the page's DOM, for any browser test to call: text printed over
other text, a form control covered by something else, a page wider than the window, tap
targets smaller than a finger, and pictures whose text is drawn too small to read.

    from tests.browser.layout_checks import at_width, layout_problems, screenshot
    at_width(page, 375)
    assert layout_problems(page) == []
    screenshot(page, "module-quiz-375")

Each check returns one plain line per fault, naming the elements by their text, so a failing
test says what is wrong where. The window is made as tall as the page first (Voila scrolls the
page inside a panel): every element is then on screen, where ``elementFromPoint`` can see it.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from tests.browser.page_audit import show_whole_page
from widgets.ui.pictures import READABLE_PX

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SMALLEST_TARGET = 44  # CSS px, WCAG 2.5.5 and the GOV.UK Design System's own minimum
OVERLAP = 2  # px both ways: anti-aliasing and a descender touching the next line are not faults

# Shared by the checks: is an element drawn at all, and a short name for it in a message.
HELPERS = """
const drawn = (el) => {  // checkVisibility also sees the inside of a closed <details> as hidden
  if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true})) return false;
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
};
const named = (el) => {
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
  const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '';
  return `${el.tagName.toLowerCase()}${cls} "${text}"`;
};
const page = document.querySelector('#rendered_cells') || document.body;
"""

TEXT_OVERLAPS = HELPERS + """
() => {
  const lines = [];
  const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || !node.parentElement || !drawn(node.parentElement)) continue;
    if (node.parentElement.closest('style, script, option, svg')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 1 && r.height > 1) lines.push({el: node.parentElement, left: r.left, right: r.right, top: r.top, bottom: r.bottom});
    }
  }
  lines.sort((a, b) => a.top - b.top);
  const found = [];
  const seen = new Set();
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i];
    for (let j = i + 1; j < lines.length && lines[j].top < a.bottom - OVERLAP; j++) {
      const b = lines[j];
      if (a.el === b.el) continue;
      const wide = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const tall = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (wide > OVERLAP && tall > OVERLAP) {
        const key = named(a.el) + ' | ' + named(b.el);
        if (!seen.has(key)) { seen.add(key); found.push(`text over text: ${named(a.el)} and ${named(b.el)} at y=${Math.round(b.top)}`); }
      }
    }
  }
  return found;
}
""".replace("OVERLAP", str(OVERLAP))

COVERED_CONTROLS = HELPERS + """
() => {
  const found = [];
  for (const el of page.querySelectorAll('input, select, textarea, button')) {
    if (el.type === 'hidden' || !drawn(el)) continue;
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const hit = document.elementFromPoint(x, y);
    const label = hit && hit.closest('label');
    const own = hit && (hit === el || el.contains(hit) || hit.contains(el) && hit.tagName === 'LABEL'
      || (label && (label.contains(el) || label.htmlFor === el.id))
      || Array.from(el.labels || []).some(l => l.contains(hit)));
    if (!own) found.push(`covered: ${named(el)} at (${Math.round(x)}, ${Math.round(y)}) lies under ${hit ? named(hit) : 'nothing (off screen)'}`);
  }
  return found;
}
"""

OVERFLOW = HELPERS + """
() => {
  const found = [];
  const wide = innerWidth;
  if (document.documentElement.scrollWidth > wide + 1)
    found.push(`sideways scroll: the document is ${document.documentElement.scrollWidth} px wide in a ${wide} px window`);
  for (const el of document.querySelectorAll('#main, #rendered_cells, .jp-Cell, .jp-OutputArea, .viw-page')) {
    if (drawn(el) && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
      found.push(`sideways scroll: ${named(el).slice(0, 40)} holds ${el.scrollWidth} px in ${el.clientWidth} px`);
  }
  const scrollsOnPurpose = (el) => {  // a wide table in its own scrolling box, as on the dashboard
    for (let e = el.parentElement; e && e !== page; e = e.parentElement) {
      const x = getComputedStyle(e).overflowX;
      if ((x === 'auto' || x === 'scroll') && e.clientWidth < wide) return true;
    }
    return false;
  };
  for (const el of page.querySelectorAll('*')) {
    if (!el.children.length && drawn(el) && !scrollsOnPurpose(el)) {
      const box = el.getBoundingClientRect();
      if (box.right > wide + 1 || box.left < -1) found.push(`beyond the window: ${named(el)} spans x=${Math.round(box.left)}..${Math.round(box.right)} of ${wide}`);
    }
  }
  // Text cut off at the window's edge (its box clipped by a panel that hides what overflows)
  const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('style, script, option') || !drawn(el) || scrollsOnPurpose(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 1 && (r.right > wide + 1 || r.left < -1)) {
        found.push(`text beyond the window: ${named(el)} runs to x=${Math.round(r.right)} of ${wide}`);
        break;
      }
    }
  }
  return found.slice(0, 20);
}
"""

SMALL_TARGETS = HELPERS + """
() => {
  const found = [];
  const inSentence = (a) => {  // a link inside a line of text is exempt (WCAG 2.5.5), a link on its own is not
    const block = a.parentElement && a.parentElement.closest('p, li, td, th, dd, figcaption, label, div');
    return block && block.innerText.trim().length > a.innerText.trim().length + 1;
  };
  const targets = page.querySelectorAll('button, select, textarea, input, summary, a[href], [role=button]');
  for (const el of targets) {
    if (el.type === 'hidden' || !drawn(el)) continue;
    let target = el;
    if (el.type === 'radio' || el.type === 'checkbox') target = el.closest('label') || (el.labels && el.labels[0]) || el;
    else if (el.tagName === 'A' && inSentence(el)) continue;
    const box = target.getBoundingClientRect();
    if (box.height < SMALLEST - 0.5 || box.width < SMALLEST - 0.5)
      found.push(`small target: ${named(target)} is ${Math.round(box.width)} x ${Math.round(box.height)} px`);
  }
  return found;
}
""".replace("SMALLEST", str(SMALLEST_TARGET))


SMALL_PICTURE_TEXT = HELPERS + """
() => Array.from(page.querySelectorAll('img[data-viw-smallest-text]')).filter(drawn).flatMap((img) => {
  const px = img.getBoundingClientRect().width * parseFloat(img.dataset.viwSmallestText);
  return px < READABLE - 0.05 ? [`small picture text: ${img.alt.slice(0, 50)} has text ${px.toFixed(1)} px high`] : [];
})
""".replace("READABLE", str(READABLE_PX))


def whole_page(page: Page) -> dict:
    """Make the window as tall as the page and return the window's size before, to put back."""
    window = page.viewport_size
    assert window is not None
    show_whole_page(page)
    return window


def text_overlaps(page: Page) -> list[str]:
    return page.evaluate(TEXT_OVERLAPS)


def covered_controls(page: Page) -> list[str]:
    return page.evaluate(COVERED_CONTROLS)


def overflow(page: Page) -> list[str]:
    return page.evaluate(OVERFLOW)


def small_targets(page: Page) -> list[str]:
    return page.evaluate(SMALL_TARGETS)


def small_picture_text(page: Page) -> list[str]:
    """Pictures whose smallest text (widgets/ui/pictures.py marks it) is drawn under 14 px."""
    return page.evaluate(SMALL_PICTURE_TEXT)


def layout_problems(page: Page, light: bool = False) -> list[str]:
    """Every fault on the page as it is now at its window's width. ``light``: only the page's
    overflow and covered controls (what a quick look at more widths needs)."""
    window = whole_page(page)
    try:
        problems = overflow(page) + covered_controls(page)
        if not light:
            problems += text_overlaps(page) + small_targets(page) + small_picture_text(page)
    finally:
        page.set_viewport_size(window)
    return problems


def screenshot(page: Page, name: str) -> Path:
    """The whole page as it is now, saved as tests/browser/artifacts/layout-<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"layout-{name}.png"
    window = whole_page(page)
    try:
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(window)
    return path


def at_width(page: Page, width: int, height: int = 800) -> None:
    """Put the window at a phone's or a screen's width, and let the page lay itself out again."""
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
