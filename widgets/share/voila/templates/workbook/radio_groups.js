/* ipywidgets draws RadioButtons without a shared `name`, so each option is a group of its own:
   every option is a separate Tab stop, the arrow keys do nothing, and a screen reader cannot
   say "2 of 4". Give each set of options one name, and mark it as a radio group named by the
   widget's own label. Runs after changes to the page, as widgets are drawn at any time. */
(function () {
  let groups = 0;

  function group(box) {
    if (!box.dataset.viwGroup) {
      groups += 1;
      box.dataset.viwGroup = "viw-radio-" + groups;
      box.setAttribute("role", "radiogroup");
      const label = box.parentElement && box.parentElement.querySelector(":scope > .widget-label");
      const name = label ? label.textContent.trim() : "";
      if (name) box.setAttribute("aria-label", name);
    }
    box.querySelectorAll('input[type="radio"]').forEach(function (radio) {
      if (radio.name !== box.dataset.viwGroup) radio.name = box.dataset.viwGroup;
    });
  }

  function groupAll() {
    document.querySelectorAll(".widget-radio-box").forEach(group);
  }

  whenPageChanges(groupAll);
})();
