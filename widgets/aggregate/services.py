"""One service's page: its completion, its latest ratings per instrument, its open and overdue
actions, and what changed since its previous round, cut from the report's own tables (so the
figures are the ones every other view shows). A service is an organisation, found by
``keys.same_key`` (case and spaces ignored)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from widgets.aggregate.comparison import status_counts
from widgets.aggregate.summaries import Report
from widgets.errors import Refused
from widgets.results.keys import same_key

# The report's tables a service page shows, in order, each under the heading it has there.
SERVICE_TABLES = {
    "completion": "Completion by team",
    "people": "Who has started, passed and finished",
    "latest_sections": "Latest ratings per instrument (section scores)",
    "open_actions": "Open actions, overdue first",
    "section_change": "Change since the previous submission, per section",
    "last_round_actions": "Last round's actions",
}


@dataclass(frozen=True)
class ServiceSummary:
    organisation: str
    headline: dict[str, int]
    tables: dict[str, tuple[str, pd.DataFrame]]  # name: (heading, rows without the organisation column)


def organisations(report: Report) -> list[str]:
    """Every organisation the filtered results name, sorted."""
    if report.rows.empty:
        return []
    return sorted(v for v in report.rows["organisation"].unique().tolist() if v)


def service_summary(report: Report, organisation: str) -> ServiceSummary:
    """The service's own rows of each table in SERVICE_TABLES, and a few counts."""
    key = same_key(organisation)
    if key not in {same_key(name) for name in organisations(report)}:
        raise Refused(f"No results for '{organisation}' with these filters: choose a service from the list.")
    tables = {}
    for name, heading in SERVICE_TABLES.items():
        table = report.summaries[name].table
        mine = table[table["organisation"].map(same_key) == key] if not table.empty else table
        tables[name] = (heading, mine.drop(columns="organisation").reset_index(drop=True))
    people, actions, last_round = tables["people"][1], tables["open_actions"][1], tables["last_round_actions"][1]
    headline = {
        "learners started": len(people),
        "learners who passed every module": int((people["finished"] == "yes").sum()) if len(people) else 0,
        "open actions": len(actions),
        "overdue actions": int((actions["status"] == "overdue").sum()) if len(actions) else 0,
        "last round's actions": len(last_round),
        "last round's actions reported done": status_counts(last_round)["Done"],
    }
    return ServiceSummary(organisation, headline, tables)
