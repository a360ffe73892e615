"""What the dashboard holds, apart from how it looks: the sources, the filters, the report.

Views call these methods and re-draw from ``report``; tests drive this object directly.
"""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd

from widgets.aggregate import Filters, Labels, Report, build_report
from widgets.aggregate.charts import Shown, page_count, page_of, parts
from widgets.aggregate.exports import ExportFile, Progress, exporter
from widgets.aggregate.filters import choices
from widgets.aggregate.services import ServiceSummary, organisations, service_summary
from widgets.aggregate.training import PEOPLE_SHOWN, people_shown
from widgets.aggregate.sources import store_source
from widgets.content import Content
from widgets.results import FileReport, ReadResult, ResultsStore, read_results
from widgets.errors import Refused

MOST_UPLOAD_BYTES = 200 * 1024 * 1024
UNSAFE_NAME = re.compile(r"[\x00-\x1f]")


class DashboardState:
    """The local store plus uploaded files, read and validated together, then filtered."""

    def __init__(self, store: ResultsStore, content: Content | None):
        self.store = store
        self.labels = Labels.from_content(content)
        self.uploads: dict[str, bytes] = {}
        self.refused: list[FileReport] = []  # uploads too large to read here
        self.filters = Filters()
        self.loaded: ReadResult = read_results([])
        self.report: Report = build_report(self.loaded, self.labels, self.filters)
        self.read_at: datetime | None = None  # when the local store was last read
        self.notices: list[str] = []  # what the store has had to tell people (e.g. an edited results.csv kept aside)
        self._store_version: int | None = None

    def add_uploads(self, files: list[tuple[str, bytes]]) -> None:
        """Keep every uploaded file, even one sent again under the same name (the reader counts
        rows seen before once), then read everything again. What a browser sends is checked,
        not trusted: a batch in a form it cannot read changes nothing, and a file too large is
        reported as not loaded while the others load."""
        for name, data in files:
            if not isinstance(name, str) or not isinstance(data, (bytes, bytearray)):
                raise Refused("An upload arrived in a form the dashboard cannot read; please add it again.")
        for name, data in files:
            shown = self._new_name(name)
            if len(data) > MOST_UPLOAD_BYTES:
                error = f"it is larger than {MOST_UPLOAD_BYTES // 1024**2} MB: use the command-line report for it"
                self.refused.append(FileReport(shown, error=error))
            else:
                self.uploads[shown] = bytes(data)
        self.load()

    def _new_name(self, name: str) -> str:
        """'upload: services.csv', or 'upload: services.csv (2)' for the second file of that name."""
        shown = f"upload: {UNSAFE_NAME.sub('', name)[:200]}"
        taken = set(self.uploads) | {report.name for report in self.refused}
        numbered, number = shown, 1
        while numbered in taken:
            number += 1
            numbered = f"{shown} ({number})"
        return numbered

    def load(self) -> None:
        """Read the local store (whole submissions only) and every upload again."""
        self.store.sync_csv()  # results.csv brought in step (or an edited copy kept aside) before it is read about
        self.notices = self.store.notices()
        version = self.store.version()  # before reading: rows added meanwhile count as new
        self.loaded = read_results(store_source(self.store) + list(self.uploads.items()))
        self.loaded.reports.extend(self.refused)
        self._store_version, self.read_at = version, datetime.now()
        self.refresh()

    def store_changed(self) -> bool:
        """Whether rows were added to the local store since it was last read (a preheated page
        was built before anyone asked for it, maybe long before)."""
        return self.store.version() != self._store_version

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self.refresh()

    def refresh(self) -> None:
        self.report = build_report(self.loaded, self.labels, self.filters)

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
