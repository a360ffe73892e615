/* A link in an error summary (widgets/ui/error_summary.py) names the field to fix by its CSS
   class, as ipywidgets gives inputs no id: clicking it (or Enter on it) puts the focus in that
   field's box, brought into view with its label above it, as the GOV.UK Design System does. */
document.addEventListener("click", function (event) {
  const link = event.target.closest && event.target.closest("a[data-viw-field]");
  if (!link) return;
  event.preventDefault();
  const field = document.querySelector("." + CSS.escape(link.dataset.viwField));
  const box = field && field.querySelector("input, textarea, select");
  if (!box) return;
  box.focus({ preventScroll: true });
  field.scrollIntoView({ block: "center" });
});
