/* Moves the keyboard focus to content that has just appeared, when the kernel asks for it by
   marking an element with data-viw-focus="<token>" (widgets/ui/focus.py): e.g. the result that
   replaces a submitted form, whose Submit button had the focus. ipywidgets' own focus() reaches
   only widgets already drawn, and new content is drawn some time after the kernel sends it;
   here the focus moves the moment the element is on the page. Each token is used once, so the
   same content drawn again (a step revisited) does not pull the focus a second time. */
(function () {
  const used = new Set();

  function focus(element) {
    const token = element.dataset.viwFocus;
    if (used.has(token)) return;
    used.add(token);
    if (element.tabIndex < 0) element.setAttribute("tabindex", "-1"); // focusable from script only, not a Tab stop
    element.focus({ preventScroll: true });
    // A heading (a new step, say) is brought to the top of the window with what follows it;
    // anything else (feedback under a question) only as far as it takes to be seen.
    element.scrollIntoView({ block: /^H[1-6]$/.test(element.tagName) ? "start" : "nearest" });
  }

  whenPageChanges(function () {
    document.querySelectorAll("[data-viw-focus]").forEach(focus);
  });
})();
