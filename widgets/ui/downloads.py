"""Download links that work inside Voila, also where ``data:`` links are blocked (some council
browsers and security policies refuse them): the file's bytes travel to the page once, as a
binary widget message, and the link is a ``blob:`` URL of the page's own origin.

A tiny anywidget: an ordinary ``<a download>`` link (keyboard-reachable, styled as
``.viw-download``), with the file name as given, accented letters and all.
"""

from __future__ import annotations

import re

import anywidget
import traitlets

UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")  # what no operating system takes in a file name

ESM = """
function render({ model, el }) {
  const link = document.createElement("a");
  link.className = "viw-download";
  let address = null;
  const draw = () => {
    if (address) URL.revokeObjectURL(address);
    const data = model.get("data");
    address = URL.createObjectURL(new Blob([data], { type: model.get("mime") }));
    link.href = address;
    link.download = model.get("filename");
    link.textContent = "\\u2B07 " + model.get("label");
  };
  model.on("change", draw);
  draw();
  el.appendChild(link);
  return () => { if (address) URL.revokeObjectURL(address); };
}
export default { render };
"""


def safe_filename(filename: str) -> str:
    """The name as given, letters of any script kept, less what no system allows in a file name."""
    return UNSAFE.sub("-", filename).strip(" -.") or "download"


class DownloadLink(anywidget.AnyWidget):
    """A link that saves ``data`` as ``filename``."""

    _esm = ESM
    _css = ".viw-download-link { margin: 0 0.5rem 0.5rem 0; }"
    data = traitlets.Bytes(b"").tag(sync=True)
    filename = traitlets.Unicode("download").tag(sync=True)
    mime = traitlets.Unicode("application/octet-stream").tag(sync=True)
    label = traitlets.Unicode("Download").tag(sync=True)

    def __init__(self, data: bytes, filename: str, mime: str, label: str):
        super().__init__(data=data, filename=safe_filename(filename), mime=mime, label=label)
        self.add_class("viw-download-link")
