"""The results database's tables (SQLAlchemy Core, one definition for SQLite and PostgreSQL).

- ``results``: the documented results format, one row per answered item, the same 20 columns
  as results.csv, stored as the person typed them (spreadsheet guarding happens in CSV only).
- ``submissions``: one row per submission, in commit order (``seq``), with the keys the
  workbook looks things up by: the draft it came from (unique: a draft is submitted once), the
  learner it belongs to, and the organisation and team compared by ``keys.same_key``.
- ``drafts`` and ``draft_values``: work in progress, one row per answer with a version each, so
  two tabs changing different answers never undo each other and a clash on one is seen.
- ``store_info``: the schema version and the state of results.csv (SQLite).
"""

from __future__ import annotations

from typing import Any, Iterator

from sqlalchemy import Column, Connection, ForeignKey, Index, Integer, MetaData, PrimaryKeyConstraint, Select, String, Table, Text, UniqueConstraint, and_, select

from widgets.results.columns import COLUMNS

SCHEMA_VERSION = 1

metadata = MetaData()

store_info = Table(
    "store_info", metadata,
    Column("name", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

submissions = Table(
    "submissions", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", String(36), nullable=False, unique=True),
    Column("submitted_at", String(40), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("instrument", Text, nullable=False),
    Column("organisation_key", Text, nullable=False),
    Column("team_key", Text, nullable=False),
    Column("draft_code", String(9), unique=True),
    Column("learner_code", String(9)),
    Column("origin", Text, nullable=False),
    Column("row_count", Integer, nullable=False),
)
Index("submissions_previous", submissions.c.kind, submissions.c.instrument, submissions.c.organisation_key,
      submissions.c.submitted_at)
Index("submissions_learner", submissions.c.learner_code)
Index("submissions_time", submissions.c.submitted_at)

results = Table(
    "results", metadata,
    Column("seq", Integer, ForeignKey("submissions.seq"), nullable=False),
    Column("position", Integer, nullable=False),
    *[Column(name, Text, nullable=False) for name in COLUMNS],
    PrimaryKeyConstraint("seq", "position"),
    UniqueConstraint("submission_id", "item_id", name="results_one_row_per_item"),
    sqlite_with_rowid=False,  # stored in (seq, position) order: reading back in commit order is a scan
)

drafts = Table(
    "drafts", metadata,
    Column("code", String(9), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("submission_id", String(36), unique=True),
    Column("submitted_at", String(40)),
)

draft_values = Table(
    "draft_values", metadata,
    Column("code", String(9), ForeignKey("drafts.code"), nullable=False),
    Column("key", Text, nullable=False),
    Column("value", Text, nullable=False),  # JSON
    Column("version", Integer, nullable=False),
    Column("saved_at", String(40), nullable=False),
    PrimaryKeyConstraint("code", "key"),
)

# Under JupyterHub a learner is a hub user, not a resume code: the results service keeps which
# learner record belongs to which user (created by ``metadata.create_all`` on first use).
hub_people = Table(
    "hub_people", metadata,
    Column("user_name", Text, primary_key=True),
    Column("learner_code", String(9), ForeignKey("drafts.code"), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
)

# Under JupyterHub a draft (a half-done self-assessment) is its starter's: only they may open it.
draft_owners = Table(
    "draft_owners", metadata,
    Column("code", String(9), ForeignKey("drafts.code"), primary_key=True),
    Column("user_name", Text, nullable=False),
)

ROW_COLUMNS = [results.c[name] for name in COLUMNS]


def in_commit_order(query: Select[Any]) -> Select[Any]:
    """Rows in the order they were committed: results.csv's order, and every export's."""
    return query.order_by(results.c.seq, results.c.position)


def in_chunks(connection: Connection, query: Select[Any], size: int = 20_000) -> Iterator[list[tuple[str, ...]]]:
    """The query's rows a chunk at a time (streamed where the engine can), for files of any size."""
    result = connection.execution_options(stream_results=True, yield_per=size).execute(query)
    for chunk in result.partitions():
        yield [tuple(row) for row in chunk]


def rows_where(*conditions: Any) -> Select[Any]:
    """The stored rows of the submissions that meet every condition, in commit order."""
    return in_commit_order(select(*ROW_COLUMNS).join(submissions, submissions.c.seq == results.c.seq).where(and_(*conditions)))


def every_row() -> Select[Any]:
    """Every stored row, in the documented columns, in commit order."""
    return in_commit_order(select(*ROW_COLUMNS))
