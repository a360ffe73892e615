"""The received files on the dashboard: add results files (kept in the results folder, so they
are there at the next visit), see when and by whom each was added with what it gave, and remove
one, after saying yes to a question."""

from __future__ import annotations

import html
from typing import Callable

import ipywidgets as ipw
import pandas as pd

from widgets.dashboard.state import DashboardState
from widgets.dashboard.tables import html_table
from widgets.ui.focus import move_focus_to
from widgets.ui.messages import StatusMessage
from widgets.ui.safe import safe_callback

NOT_GIVEN = "(name not given)"
INTRO = ("<h3>Received files</h3><p>Add results files sent by other services. Each is kept in the results folder's "
         "received files (never shown to staff), so it is here at your next visit; a file with a name already used is "
         "kept as well, under a numbered name. Each is checked row by row, and a bad file never stops the others.</p>")


def received_table(state: DashboardState) -> pd.DataFrame:
    """One row per kept file: its name, when and by whom it was added, and what it gave."""
    rows = []
    for kept, report in state.received_files():
        if report is None:
            status = "not read yet"
        elif report.error:
            status = "not loaded: " + report.error
        else:
            status = "loaded with problems" if report.rejected else "loaded"
        rows.append({"file": kept.name, "sent as": kept.sent_as, "added (UTC)": f"{kept.added_at:%Y-%m-%d %H:%M}",
                     "added by": kept.added_by or NOT_GIVEN, "accepted": report.accepted if report else "",
                     "rejected": len(report.rejected) if report else "", "duplicates_skipped": report.duplicates if report else "",
                     "status": status})
    return pd.DataFrame(rows, columns=["file", "sent as", "added (UTC)", "added by", "accepted", "rejected",
                                       "duplicates_skipped", "status"])


class ReceivedFilesView(ipw.VBox):
    """Add files, list them, remove one (asked first)."""

    def __init__(self, state: DashboardState, status: StatusMessage, changed: Callable[[], None]):
        self._state, self._status, self._changed = state, status, changed
        self._who = ipw.Text(description="Your name (kept with each file you add)", style={"description_width": "initial"},
                             layout=ipw.Layout(width="auto"))
        self._who.add_class("viw-added-by")
        self._upload = ipw.FileUpload(accept=".csv", multiple=True, description="Add results files (CSV)", icon="",
                                      layout=ipw.Layout(width="auto"))
        self._upload.add_class("viw-upload")
        self._list = ipw.HTML()
        self._list.add_class("viw-received-list")
        self._choice = ipw.Dropdown(description="File to remove", style={"description_width": "initial"})
        self._choice.add_class("viw-received-choice")
        ask = ipw.Button(description="Remove this file...", layout=ipw.Layout(width="auto"))
        ask.add_class("viw-remove-received")
        self._question = ipw.HTML()
        self._question.add_class("viw-remove-question")
        yes = ipw.Button(description="Yes, remove it", button_style="danger", layout=ipw.Layout(width="auto"))
        yes.add_class("viw-confirm-remove")
        keep = ipw.Button(description="No, keep it", layout=ipw.Layout(width="auto"))
        keep.add_class("viw-keep-received")
        self._confirm = ipw.VBox([self._question, ipw.HBox([yes, keep])], layout=ipw.Layout(display="none"))
        self._confirm.add_class("viw-confirm-box")
        self._removing = ipw.HBox([self._choice, ask])

        @safe_callback(status)
        def uploaded(change: dict) -> None:
            files = change["new"]
            if not files:
                return
            try:
                self._state.add_uploads([(f["name"], bytes(f["content"])) for f in files], self._who.value)
            finally:
                # Emptied even when adding failed, or the same files chosen again would not count as
                # a change; the files are kept on disk, so the widget's copy is freed too.
                self._upload.value = ()
            status.show(f"Added {len(files)} file(s) to the received files; see the report per file below.", "success")
            self._changed()

        @safe_callback(status)
        def asked(_: ipw.Button) -> None:
            name = self._choice.value
            if not name:
                status.show("Choose the file to remove first.", "error")
                return
            self._question.value = (f"<p><strong>Remove {html.escape(name)}?</strong> Its rows leave every view and the "
                                    "file is deleted from the received files. This cannot be undone.</p>")
            self._confirm.layout.display = "flex"
            move_focus_to(self._question)

        @safe_callback(status)
        def confirmed(_: ipw.Button) -> None:
            name = self._choice.value
            self._confirm.layout.display = "none"
            self._state.remove_received(name)
            status.show(f"Removed {name} from the received files.", "success")
            self._changed()
            move_focus_to(self._list)

        @safe_callback(status)
        def kept(_: ipw.Button) -> None:
            self._confirm.layout.display = "none"
            status.show(f"Kept {self._choice.value}.", "info")
            ask.focus()

        self._upload.observe(uploaded, "value")
        ask.on_click(asked)
        yes.on_click(confirmed)
        keep.on_click(kept)
        super().__init__([ipw.HTML(INTRO), self._who, self._upload, self._list, self._removing, self._confirm],
                         layout=ipw.Layout(width="100%"))

    def show(self) -> None:
        table = received_table(self._state)
        self._list.value = (html_table(table, "Received files: when and by whom each was added, and what it gave")
                            if not table.empty else "<p><em>No files received yet.</em></p>")
        names = table["file"].tolist()
        self._choice.options = names
        self._removing.layout.display = "flex" if names else "none"
        if not names:
            self._confirm.layout.display = "none"

