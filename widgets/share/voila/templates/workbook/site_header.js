/* Puts the page's header (the organisation's name and logo, a link home: widgets/ui/style.py)
   at the very top, above the notebook's title. The kernel draws it inside the page's first
   widget, which comes after the title cell; the header never changes once drawn, so moving
   its element leaves nothing for the widget to redraw. */
whenPageChanges(function () {
  const header = document.querySelector("#rendered_cells .viw-page .viw-site-header");
  const cells = document.getElementById("rendered_cells");
  if (header && cells) cells.insertBefore(header, cells.firstChild);
});
