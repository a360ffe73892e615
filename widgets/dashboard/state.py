"""What the dashboard holds, apart from how it looks: the sources, the filters, the report.

Views call these methods and re-draw from ``report``; tests drive this object directly.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

import pandas as pd

from widgets.aggregate import Filters, Labels, Report, build_report
from widgets.aggregate.charts import Shown, page_count, page_of, parts
from widgets.aggregate.exports import ExportFile, Progress, exporter
from widgets.aggregate.filters import choices
from widgets.aggregate.services import ServiceSummary, organisations, service_summary
from widgets.aggregate.training import PEOPLE_SHOWN, people_shown
from widgets.aggregate.sources import Source, store_source
from widgets.content import Content
from widgets.dashboard.viewer import Viewer, current_viewer
from widgets.dashboard.service_results import DashboardResults
from widgets.results import FileReport, ReadResult, read_results
from widgets.results.received import ReceivedFile, ReceivedFiles
from widgets.errors import Refused

log = logging.getLogger(__name__)
MOST_UPLOAD_BYTES = 200 * 1024 * 1024
UNSAFE_NAME = re.compile(r"[\x00-\x1f]")
UPLOAD = "upload: "  # how a kept file is named among the sources


class DashboardState:
    """The local store plus the files trainers added (kept in the results folder's received
    files, so they are there at the next visit), read and validated together, then filtered.
    What is read is cut to what the ``viewer`` may see in ``load`` (``widgets.dashboard.viewer``),
    before any view is made from it."""

    def __init__(self, store: DashboardResults, content: Content | None, viewer: Viewer | None = None):
        self.store = store
        self.viewer = viewer or current_viewer()
        self.labels = Labels.from_content(content)
        self.received = ReceivedFiles(store.folder)
        self.refused: list[FileReport] = []  # uploads too large to read here
        self.filters = Filters()
        self.loaded: ReadResult = read_results([])
        self.report: Report = build_report(self.loaded, self.labels, self.filters)
        self.read_at: datetime | None = None  # when the local store was last read
        self.notices: list[str] = []  # what the store has had to tell people (e.g. an edited results.csv kept aside)
        self._store_version: int | None = None
        self._received_read: list[str] = []  # the received files as last read
        self.codes: dict[str, str] = {}  # submission id -> resume code, for the links in the impact review's due list

    def add_uploads(self, files: list[tuple[str, bytes]], added_by: str = "") -> None:
        """Keep every uploaded file in the received files, even one sent again under the same
        name (kept as 'services (2).csv'; the reader counts rows seen before once), then read
        everything again. What a browser sends is checked, not trusted: a batch in a form it
        cannot read changes nothing, and a file too large is reported as not loaded (and not
        kept) while the others load. The received files are the trainers' own."""
        self._trainers_only()
        for name, data in files:
            if not isinstance(name, str) or not isinstance(data, (bytes, bytearray)):
                raise Refused("An upload arrived in a form the dashboard cannot read; please add it again.")
        for name, data in files:
            if len(data) > MOST_UPLOAD_BYTES:
                error = f"it is larger than {MOST_UPLOAD_BYTES // 1024**2} MB: use the command-line report for it"
                self.refused.append(FileReport(f"{UPLOAD}{UNSAFE_NAME.sub('', name)[:200]}", error=error))
            else:
                try:
                    self.received.add(name, bytes(data), added_by)
                except OSError:  # a full or read-only disk: this file is said not kept, the others still are
                    log.exception("Keeping the uploaded file %r failed", name)
                    error = "it could not be kept in the received files (is the disk full?); nothing of it was loaded"
                    self.refused.append(FileReport(f"{UPLOAD}{UNSAFE_NAME.sub('', name)[:200]}", error=error))
        self.load()

    def remove_received(self, name: str) -> None:
        """Remove one kept file (the page asks first), then read everything again."""
        self._trainers_only()
        try:
            self.received.remove(name)
        except FileNotFoundError:
            raise Refused(f"'{name}' is not among the received files (was it removed already?).") from None
        self.load()

    def received_files(self) -> list[tuple[ReceivedFile, FileReport | None]]:
        """Each kept file with its report from the last read (None if added since)."""
        if not self.viewer.sees_everything:
            return []
        reports = {report.name: report for report in self.loaded.reports}
        return [(kept, reports.get(UPLOAD + kept.name)) for kept in self.received.files()]

    def load(self) -> None:
        """Read the local store (whole submissions only) and every received file again."""
        self.store.sync_csv()  # results.csv brought in step (or an edited copy kept aside) before it is read about
        everything = self.viewer.sees_everything  # the store's notices and version are of every organisation's rows
        self.notices = self.store.notices() if everything else []
        version = self.store.version() if everything else None  # before reading: rows added meanwhile count as new
        kept_now = self.received.files()
        received: list[Source] = [(UPLOAD + kept.name, kept.path) for kept in kept_now]
        loaded = read_results(store_source(self.store) + received)
        loaded.reports.extend(self.refused)
        self.loaded, self.codes = self.viewer.scope(loaded, self.store.learner_codes())  # the one cut every view is made from
        self._store_version, self.read_at = version, datetime.now()
        self._received_read = [kept.name for kept in kept_now]
        self.refresh()

    def _trainers_only(self) -> None:
        if not self.viewer.sees_everything:
            raise Refused("Only trainers add or remove received files; send yours to the training team.")

    def store_changed(self) -> bool:
        """Whether rows were added to the local store, or files to the received files (by
        another trainer), since they were last read (a preheated page was built before anyone
        asked for it, maybe long before). Only a viewer who sees everything is told: the store's
        version counts every organisation's rows, and the received files are the trainers', so
        a manager told of a change would learn of other organisations' activity. A manager's
        page is never preheated (under the hub a kernel reads for its viewer when asked), so
        there is nothing newer of theirs to tell them of."""
        if not self.viewer.sees_everything:
            return False
        return self.store.version() != self._store_version or [kept.name for kept in self.received.files()] != self._received_read

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self.refresh()

    def refresh(self) -> None:
        self.report = build_report(self.loaded, self.labels, self.filters, codes=self.codes)

    def choices(self, column: str) -> list[str]:
        """What a filter can offer: every value in the results loaded (not only the filtered)."""
        return choices(self.loaded.rows, column)

    def sorted_table(self, name: str, column: str, ascending: bool) -> pd.DataFrame:
        """A summary table sorted by one of its columns, blanks last either way."""
        table = self.report.summaries[name].table
        if column not in table.columns:
            raise Refused(f"'{column}' is not a column of this table.")
        values = table[column]
        blank = values.isna() | (values.astype(str) == "")
        order = pd.DataFrame({"blank": blank, "value": values.where(~blank)})
        order = order.sort_values(["blank", "value"], ascending=[True, ascending], na_position="last", kind="stable")
        return table.loc[order.index].reset_index(drop=True)

    def page_count(self, name: str, table: pd.DataFrame | None = None) -> int:
        """How many pages a view needs (its chart's longest part, or its table, PAGE_ROWS a page)."""
        summary = self.report.summaries[name]
        return page_count(summary.chart, summary.table if table is None else table)

    def page(self, name: str, page: int, table: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[Shown]]:
        """Page ``page`` (from 0, kept within the pages there are) of a view's table: the rows
        its chart shows on that page (of every part), and what they are of the whole."""
        summary = self.report.summaries[name]
        table = summary.table if table is None else table
        page = min(max(page, 0), page_count(summary.chart, table) - 1)
        cut = [page_of(summary.chart, part, page) for _, part in parts(summary.chart, table)]
        rows = pd.concat([rows for rows, _ in cut]) if len(cut) > 1 else cut[0][0]
        return rows, [shown for _, shown in cut]

    def people_lists(self) -> dict[str, str]:
        """The lists of people the dashboard offers: a key for ``people`` and its name in words."""
        lists = dict(PEOPLE_SHOWN)
        lists.update({f"not_passed:{quiz}": f"who has not passed {title}" for quiz, title in self.labels.module_titles.items()})
        return lists

    def people(self, show: str) -> pd.DataFrame:
        return people_shown(self.report.summaries["people"].table, show, self.labels)

    def organisations(self) -> list[str]:
        return organisations(self.report)

    def service(self, organisation: str) -> ServiceSummary:
        return service_summary(self.report, organisation)

    def export(self, name: str, with_results: bool = False, progress: Progress | None = None) -> list[ExportFile]:
        """The export's files for the filtered results; the full results rows only when asked."""
        if progress is None:
            return exporter(name).files(self.report, with_results)
        return exporter(name).files(self.report, with_results, progress)
