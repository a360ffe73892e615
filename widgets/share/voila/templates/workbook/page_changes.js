/* Calls each fixer after the page changes, once per frame at most. Widgets are drawn in many
   small steps; looking through the whole page after every one of them (as each fixer would with
   its own MutationObserver) slowed a large page's first drawing, so changes are gathered and
   the fixers run once before the next paint. */
const whenPageChanges = (function () {
  const fixers = [];
  let pending = false;

  function runFixers() {
    pending = false;
    fixers.forEach(function (fix) { fix(); });
  }

  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      requestAnimationFrame(runFixers);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  return function (fix) { fixers.push(fix); };
})();
