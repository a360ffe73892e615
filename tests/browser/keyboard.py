"""Using a page with the keyboard alone, as someone who cannot use a mouse does.

Only ``page.keyboard`` changes anything; the page is read (where the focus is, what a control
shows) to decide the next key, as the person would look at the screen. Every stop the focus
makes on our page must show an outline a sighted keyboard user can see.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from tests.browser.kernel_traffic import KernelTraffic

MOST_PRESSES = 120
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const label = el.labels && el.labels.length ? el.labels[0].innerText : (el.innerText || '').slice(0, 60);
  return {
    ours: el.closest('.viw-page') !== null,
    seen: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    what: `${el.tagName.toLowerCase()} "${label.trim()}" (outline ${style.outlineStyle} ${style.outlineWidth})`,
  };
}"""


def has_focus(target: Locator) -> bool:
    """Whether the focus is on (any element of) ``target``."""
    return target.evaluate_all("els => els.includes(document.activeElement)")


class Keyboard:
    """Keys for one page; make it before the page opens, so it sees the page's kernel traffic."""

    def __init__(self, page: Page):
        self.page = page
        self.kernel = KernelTraffic(page)

    def focused(self) -> dict | None:
        """Where the focus is: on our page or not, whether it shows, and what it is."""
        return self.page.evaluate(FOCUSED)

    def tab_to(self, target: Locator, backwards: bool = False) -> None:
        """Press Tab (Shift+Tab backwards) until ``target`` (or any of its elements, e.g. the
        options of a radio group) has the focus. Fails if it is never reached, or if any stop
        on the way hides its focus."""
        target.first.wait_for()
        if has_focus(target):
            return
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(MOST_PRESSES):
            self.page.keyboard.press(key)
            now = self.focused()
            if now and now["ours"]:
                assert now["seen"], f"the focus cannot be seen on {now['what']}"
            if has_focus(target):
                return
        raise AssertionError(f"{key} never reached {target}; the focus is on {self.focused()}")

    def type_into(self, target: Locator, text: str) -> None:
        self.tab_to(target)
        self.page.keyboard.type(text)

    def press_on(self, target: Locator, key: str = "Enter", backwards: bool = False) -> None:
        """Tab to a control and press a key on it. A button acts on what the kernel holds, so
        first let it catch up with every change made so far."""
        self.tab_to(target, backwards)
        self.kernel.settle()
        self.page.keyboard.press(key)

    def choose_radio(self, group: Locator, label: str) -> None:
        """Tab into a radio group, then arrow down to ``label``: the arrows move and choose at
        once; Space chooses the option the focus landed on. Then Tab on: the group must be one
        Tab stop, not one stop per option."""
        radios = group.locator("input[type=radio]")
        self.tab_to(radios)
        wanted = group.get_by_label(label, exact=True)
        for _ in range(radios.count()):
            if has_focus(wanted):
                if not wanted.is_checked():
                    self.page.keyboard.press("Space")
                self.page.keyboard.press("Tab")
                assert not has_focus(radios), f"Tab stayed among the options of {group}: they are not one group"
                return
            self.page.keyboard.press("ArrowDown")
            self.kernel.settle()  # each arrow is a choice the kernel echoes back
        raise AssertionError(f"no option '{label}' in {group}")

    def choose_option(self, select: Locator, label: str) -> None:
        """Tab to a drop-down and arrow down until it shows ``label`` (a closed drop-down
        changes with the arrow keys, as on Windows and Linux; ipywidgets writes the spaces in
        option text as no-break spaces)."""
        self.tab_to(select)
        for _ in range(select.locator("option").count()):
            if select.evaluate("el => el.options[el.selectedIndex].text.replace(/\\u00a0/g, ' ')") == label:
                return
            self.page.keyboard.press("ArrowDown")
            self.kernel.settle()  # each arrow is a choice the kernel echoes back
        raise AssertionError(f"no option '{label}' in {select}")
