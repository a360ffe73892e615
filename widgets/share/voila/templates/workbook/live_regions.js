/* Status lines are live regions, so screen readers announce each message. A live region is only
   announced reliably when it is already on the page, empty, before its text changes; one that
   arrives together with its text is often ignored. ipywidgets cannot put ARIA attributes on a
   widget's own element, so the kernel marks the widget with the class viw-live
   (widgets/ui/messages.py), and each such element is made a polite status region as soon as it
   appears, before any message is written into it. aria-atomic: the whole message is read, its
   "Problem:" or "Done:" included, not only the words that changed. */
(function () {
  function announceChanges(region) {
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.setAttribute("aria-atomic", "true");
  }

  whenPageChanges(function () {
    document.querySelectorAll(".viw-live:not([role])").forEach(announceChanges);
  });
})();
