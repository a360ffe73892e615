"""Keeps the learner's resume code in the page address (``?code=K7QX-9MZD``), so a reload, a
bookmark or the browser's Back button brings them back signed in.

A tiny anywidget: when the kernel sets ``code``, the page's address is changed in place
(``history.replaceState``: no reload), and every link on the page to another notebook page
(a module, the start page, the header's home link) gets the code too, including links drawn
later (they are given it as they are followed). Renders nothing visible.
"""

from __future__ import annotations

import anywidget
import traitlets

ESM = """
function withCode(anchor, code) {
  const href = anchor.getAttribute("href");
  if (!code || !href || anchor.hasAttribute("download")) return;
  const url = new URL(href, window.location.href);
  if (url.origin !== window.location.origin || !url.pathname.endsWith(".ipynb")) return;
  if (url.searchParams.get("code") === code) return;
  url.searchParams.set("code", code);
  anchor.setAttribute("href", url.href);
}

function render({ model, el }) {
  el.hidden = true;
  const apply = () => {
    const code = model.get("code");
    if (!code) return;
    const url = new URL(window.location.href);
    if (url.searchParams.get("code") !== code) {
      url.searchParams.set("code", code);
      window.history.replaceState(window.history.state, "", url.href);
    }
    document.querySelectorAll("a[href]").forEach((anchor) => withCode(anchor, code));
    window.viwResumeCode = code;
  };
  if (!window.viwKeepsCode) {
    window.viwKeepsCode = true;
    document.addEventListener("click", (event) => {
      const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (anchor) withCode(anchor, window.viwResumeCode);
    }, true);
  }
  model.on("change:code", apply);
  apply();
}
export default { render };
"""


class AddressCode(anywidget.AnyWidget):
    """Set ``code`` once the learner is known; the page address and its links follow."""

    _esm = ESM
    code = traitlets.Unicode("").tag(sync=True)
