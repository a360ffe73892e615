"""The results store: every submission, draft and learner record, in a real database.

Pages and tools use ``ResultsStore`` only; which engine is behind it (SQLite by default,
PostgreSQL by URL, see ``database.py``) makes no difference to them.

- A submission is one transaction: all its rows or none, never a part. Saving is idempotent: a
  submission id or a draft that was saved already gives back what was saved, never a copy.
- Lookups a page needs (the previous submission of an organisation, a learner's attempts, one
  submission) are indexed queries: a staff kernel never reads the whole store.
- With SQLite, results.csv beside the database is kept in step after every commit
  (``csv_mirror.py``); with PostgreSQL, ``python -m widgets.results export`` writes it.
"""

from __future__ import annotations

import json
import logging
import uuid
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Sequence

import pandas as pd
from sqlalchemy import Connection, and_, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from widgets.results.columns import COLUMNS, MOST_VALUE_CHARS, PART_OF, SCHEMA_VERSION, submission_kind, unstorable
from widgets.results.csv_format import encode_header, encode_rows
from widgets.results.database import Database, StoreError, database_url, open_database, read_only_uri
from widgets.results.keys import same_key
from widgets.results.schema import (ROW_COLUMNS, draft_owners, draft_values, drafts, every_row, hub_people, in_chunks,
                                    results, rows_where, submissions)
from widgets.results.sharing import make_folder
from widgets.results.submission import ItemResponse, Submission
from widgets.results.validation import row_problem
from widgets.settings import results_dir
from widgets.errors import Refused

if TYPE_CHECKING:
    from widgets.results.service_client import PageStore

log = logging.getLogger(__name__)

NOT_SAVED = (
    "Your answers were not saved: the results store could not be written to just now. Nothing was "
    "stored, so nothing is doubled: press the button again in a minute. If it keeps happening, tell "
    "whoever runs the workbook (the store may be full or read-only)."
)
UNREADABLE = "The results store could not be read just now. Please try again in a minute."
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
IMPORT_BATCH_ROWS = 20_000
ADDS_TO_STORED = "that submission is stored already without this item, and a submission is stored whole"
UNSTORABLE_TEXT = "a text holds a broken character (a NUL, or half of an emoji pair); please retype that text"


@dataclass(frozen=True)
class SavedSubmission:
    """What was stored: the id people can quote (e.g. on a certificate) and the rows.
    ``earlier`` is True when it had been stored before (a retry, a second press of Submit)."""

    submission_id: str
    submitted_at: str
    rows: tuple[dict[str, str], ...]
    earlier: bool = False


@dataclass
class Imported:
    """What an import did: rows added, rows stored before, and rows refused (submission id, item
    id, why): a row that would add an item to a submission stored before, or a submission with
    text no engine can store (then all its rows, since a submission is stored whole)."""

    added: int = 0
    already_stored: int = 0
    refused: list[tuple[str, str, str]] = field(default_factory=list)

    def __iadd__(self, other: "Imported") -> "Imported":
        self.added += other.added
        self.already_stored += other.already_stored
        self.refused += other.refused
        return self


@dataclass(frozen=True)
class Draft:
    """A draft as stored: each answer's value and version, and the submission it became."""

    code: str
    kind: str
    values: dict[str, Any]
    versions: dict[str, int]
    submission_id: str | None = None
    submitted_at: str | None = None


@dataclass(frozen=True)
class DraftSaved:
    """The versions now stored, and the answers another window had changed since this one read
    them (the change just saved replaced theirs: the later one wins, and the page says so)."""

    versions: dict[str, int]
    changed_elsewhere: tuple[str, ...] = ()


# A learner's record changes in the same transaction as their submission: given the new
# submission's id and time, the record values to save (see ``ResultsStore.save``).
RecordChange = Callable[[str, str], Mapping[str, Any]]


class ResultsStore:
    """The results of one installation: a results folder (results.csv, and the SQLite file by
    default) and the database the URL names."""

    def __init__(self, folder: Path | None = None, url: str | None = None):
        self.folder = Path(folder or results_dir())
        if not self.folder.exists():
            make_folder(self.folder)
        self.path = self.folder / "results.csv"
        self.url = database_url(self.folder, url)

    @property
    def database(self) -> Database:
        return open_database(self.url)

    @property
    def keeps_csv(self) -> bool:
        """SQLite keeps results.csv in step itself; with PostgreSQL an export job writes it."""
        return self.url.get_backend_name() == "sqlite"

    # --- submissions ----------------------------------------------------------------------

    def save(self, submission: Submission, submission_id: str | None = None, draft: str | None = None,
             learner: str | None = None, record: RecordChange | None = None) -> SavedSubmission:
        """Store a submission in one transaction and return it.

        ``submission_id`` (chosen by the page before its first try) and ``draft`` (the draft it
        comes from) make retries safe: if either was stored already, that is returned and
        nothing is added. ``learner`` and ``record`` save the learner's record change with it.
        Raises Refused with a plain reason for rows that break the format, StoreError when
        the database could not be written (then nothing was stored).
        """
        if not submission.items:
            raise Refused("There is nothing to save: no item was answered.")
        submission_id = submission_id or str(uuid.uuid4())
        submitted_at = _now()
        rows = [_row(submission, item, submission_id, submitted_at) for item in submission.items]
        refuse_bad_rows(rows)
        database = self.database
        with database.turn():  # one turn for the submission and results.csv after it
            saved = self._save_rows(database, rows, draft, learner, record)
            self.sync_csv()
        return saved

    def _save_rows(self, database: Database, rows: list[dict[str, str]], draft: str | None, learner: str | None,
                   record: RecordChange | None) -> SavedSubmission:
        submission_id, submitted_at = rows[0]["submission_id"], rows[0]["submitted_at"]
        try:
            with database.write() as connection:
                found = self._saved(connection, submission_id, draft)
                if found is not None:
                    return found
                self._insert(connection, rows, "workbook", draft=draft, learner=learner)
                if draft is not None:
                    connection.execute(drafts.update().where(drafts.c.code == draft)
                                       .values(submission_id=submission_id, submitted_at=submitted_at))
                if learner is not None and record is not None:
                    self._write_values(connection, learner, record(submission_id, submitted_at), {})
        except IntegrityError:
            # Another server stored this submission (or this draft) at the same moment.
            with self._reading() as connection:
                found = self._saved(connection, submission_id, draft)
            if found is None:
                log.exception("Saving submission %s was refused by the database", submission_id)
                raise StoreError(NOT_SAVED)
            return found
        except SQLAlchemyError as error:
            log.exception("Saving submission %s failed", submission_id)
            raise StoreError(NOT_SAVED) from error
        return SavedSubmission(submission_id, submitted_at, tuple(rows))

    def import_rows(self, rows: pd.DataFrame | Sequence[Mapping[str, str]], origin: str) -> Imported:
        """Add rows read from a results file (validated already, as text). A submission stored
        before is not added again (its rows are counted as already stored); rows that would add
        items to a submission stored before are refused, since a submission is stored whole.
        Whole submissions go in together, many to a transaction, so a large upgrade takes seconds."""
        frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows), columns=list(COLUMNS), dtype=object)
        records = [dict(zip(COLUMNS, values)) for values in frame[list(COLUMNS)].fillna("").astype(str).itertuples(index=False, name=None)]
        by_submission: dict[str, list[dict[str, str]]] = {}
        for record in records:
            by_submission.setdefault(record["submission_id"], []).append(record)
        total = Imported()
        batch: list[list[dict[str, str]]] = []
        batch_rows = 0
        for submission_rows in by_submission.values():
            batch.append(submission_rows)
            batch_rows += len(submission_rows)
            if batch_rows >= IMPORT_BATCH_ROWS:
                total += self._import_batch(batch, origin)
                batch, batch_rows = [], 0
        if batch:
            total += self._import_batch(batch, origin)
        self.sync_csv()
        return total

    def _import_batch(self, batch: list[list[dict[str, str]]], origin: str) -> "Imported":
        ids = [rows[0]["submission_id"] for rows in batch]
        done = Imported()
        try:
            with self.database.write() as connection:
                stored: dict[str, set[str]] = {}
                for sid, item in connection.execute(select(results.c.submission_id, results.c.item_id)
                                                    .where(results.c.submission_id.in_(ids))):
                    stored.setdefault(sid, set()).add(item)
                for rows in batch:
                    known = stored.get(rows[0]["submission_id"])
                    if known is not None:
                        done.already_stored += sum(row["item_id"] in known for row in rows)
                        done.refused += [(row["submission_id"], row["item_id"], ADDS_TO_STORED) for row in rows
                                         if row["item_id"] not in known]
                    elif any(unstorable(value) for row in rows for value in row.values()):
                        done.refused += [(row["submission_id"], row["item_id"], UNSTORABLE_TEXT) for row in rows]
                    else:
                        self._insert(connection, rows, origin)
                        done.added += len(rows)
                return done
        except SQLAlchemyError as error:
            log.exception("Importing %d submissions failed", len(batch))
            raise StoreError(NOT_SAVED) from error

    def _insert(self, connection: Connection, rows: list[dict[str, str]], origin: str, draft: str | None = None,
                learner: str | None = None) -> None:
        first = rows[0]
        seq = connection.execute(submissions.insert().values(
            submission_id=first["submission_id"], submitted_at=utc_text(first["submitted_at"]),
            kind=submission_kind([row["kind"] for row in rows]),
            instrument=first["instrument"], organisation_key=same_key(first["organisation"]),
            team_key=same_key(first["team"]), draft_code=draft, learner_code=learner, origin=origin[:500],
            row_count=len(rows),
        ).returning(submissions.c.seq)).scalar_one()
        connection.execute(results.insert(), [{**row, "seq": seq, "position": n} for n, row in enumerate(rows)])

    def _saved(self, connection: Connection, submission_id: str, draft: str | None) -> SavedSubmission | None:
        same = submissions.c.submission_id == submission_id
        if draft is not None:
            same = or_(same, submissions.c.draft_code == draft)
        seq = connection.execute(select(submissions.c.seq).where(same)).scalar()
        return None if seq is None else self._submission(connection, seq, earlier=True)

    def _submission(self, connection: Connection, seq: int, earlier: bool = False) -> SavedSubmission:
        rows = tuple(dict(zip(COLUMNS, row)) for row in connection.execute(
            select(*ROW_COLUMNS).where(results.c.seq == seq).order_by(results.c.position)))
        return SavedSubmission(rows[0]["submission_id"], rows[0]["submitted_at"], rows, earlier)

    def submission(self, submission_id: str) -> SavedSubmission | None:
        """One stored submission, e.g. to offer its report again."""
        with self._reading() as connection:
            seq = connection.execute(select(submissions.c.seq).where(submissions.c.submission_id == submission_id)).scalar()
            return None if seq is None else self._submission(connection, seq, earlier=True)

    def previous(self, kind: str, instrument: str, organisation: str, before: str, team: str | None = None) -> SavedSubmission | None:
        """The organisation's (or its team's) latest submission of this instrument before the
        time ``before``: what a new self-assessment is compared with."""
        query = select(submissions.c.seq).where(
            submissions.c.kind == kind, submissions.c.instrument == instrument,
            submissions.c.organisation_key == same_key(organisation), submissions.c.submitted_at < before,
        )
        if team is not None:
            query = query.where(submissions.c.team_key == same_key(team))
        with self._reading() as connection:
            seq = connection.execute(query.order_by(submissions.c.submitted_at.desc()).limit(1)).scalar()
            return None if seq is None else self._submission(connection, seq, earlier=True)

    def learner_submissions(self, learner: str) -> list[SavedSubmission]:
        """Everything one learner (by resume code) has submitted, oldest first."""
        with self._reading() as connection:
            seqs = connection.execute(select(submissions.c.seq).where(submissions.c.learner_code == learner)
                                      .order_by(submissions.c.seq)).scalars().all()
            return [self._submission(connection, seq, earlier=True) for seq in seqs]

    def learner_codes(self) -> dict[str, str]:
        """The resume code of every submission a learner made here (submission id -> code), so a
        trainer can send a learner the link to their next page (the impact review)."""
        with self._reading() as connection:
            found = connection.execute(select(submissions.c.submission_id, submissions.c.learner_code)
                                       .where(submissions.c.learner_code.is_not(None)))
            return {submission_id: code for submission_id, code in found}

    def learner_of(self, submission_id: str) -> str | None:
        """The resume code of the learner a submission belongs to (None when it has none, e.g.
        an imported row or a self-assessment, or when no submission has that id)."""
        with self._reading() as connection:
            return connection.execute(select(submissions.c.learner_code)
                                      .where(submissions.c.submission_id == submission_id)).scalar()

    def version(self) -> int | None:
        """The newest submission's number (None when empty): it changes whenever something is
        stored, so a reader can tell whether what it read is still current."""
        with self._reading() as connection:
            return connection.execute(select(func.max(submissions.c.seq))).scalar()

    # --- reading for aggregation and export -----------------------------------------------

    def rows(self, kind: str | None = None, instrument: str | None = None, organisation: str | None = None,
             since: str | None = None, until: str | None = None) -> pd.DataFrame:
        """Stored rows as text in the documented columns, in commit order; each filter is optional
        (``since``/``until``: ISO times, ``until`` excluded)."""
        conditions = [condition for condition, given in (
            (submissions.c.kind == kind, kind), (submissions.c.instrument == instrument, instrument),
            (submissions.c.organisation_key == same_key(organisation or ""), organisation),
            (submissions.c.submitted_at >= (since or ""), since), (submissions.c.submitted_at < (until or ""), until),
        ) if given]
        if not conditions:
            from widgets.results.bulk_read import read_all  # Arrow: several times faster for a whole store

            try:
                return read_all(self.database)
            except Exception as error:  # noqa: BLE001 - the driver's own errors vary by engine
                log.exception("Reading every stored row failed")
                raise StoreError(UNREADABLE) from error
        query = rows_where(*conditions)
        with self._reading() as connection:
            return pd.DataFrame(connection.execute(query).all(), columns=list(COLUMNS), dtype="str")

    def row_chunks(self, size: int = 20_000, organisation: str | None = None) -> Iterator[list[tuple[str, ...]]]:
        """Every stored row (or one organisation's) in commit order, a chunk at a time (exports
        and reads of any size)."""
        query = every_row() if organisation is None else rows_where(submissions.c.organisation_key == same_key(organisation))
        with self._reading() as connection:
            yield from in_chunks(connection, query, size)

    def export(self, target: Path) -> int:
        """Write every stored row to ``target`` as a results file (written aside, then renamed
        into place, so a reader never sees half); returns the number of rows."""
        from widgets.results.csv_mirror import write_file

        return write_file(target, self.row_chunks())

    def copy_database(self, target: Path) -> None:
        """A consistent copy of the SQLite database in one file, made while servers may be
        writing (SQLite's VACUUM INTO): what a trainer takes to a laptop."""
        if not self.database.is_sqlite:
            raise StoreError("Only a SQLite results database can be copied this way; for PostgreSQL use pg_dump, or an export.")
        if target.exists():
            raise StoreError(f"{target} exists already: choose a new file name.")
        import sqlite3

        source = self.database.sqlite_path or Path()
        try:
            with closing(sqlite3.connect(f"{read_only_uri(source, self.database.read_only)}", uri=True)) as connection:
                connection.execute("VACUUM INTO ?", (str(target),))  # outside a transaction, as VACUUM must be
        except sqlite3.Error as error:
            log.exception("Copying the results database failed")
            raise StoreError(f"The results database could not be copied to {target}: check the folder exists and may be written to.") from error

    def sync_csv(self) -> str | None:
        """Bring results.csv in step with the database (SQLite); returns a notice for people when
        a copy changed outside the workbook was moved aside. Never fails a save: a results.csv
        that cannot be written is logged and rebuilt next time."""
        if not self.keeps_csv or self.database.read_only:
            return None
        from widgets.results.csv_mirror import sync

        try:
            return sync(self.database, self.path)
        except (OSError, SQLAlchemyError):
            log.exception("results.csv could not be brought in step; it will be rebuilt from the database")
            return None

    def notices(self) -> list[str]:
        """What the store has to tell people: each changed copy of results.csv kept aside."""
        from widgets.results.csv_mirror import notices

        return notices(self.folder)

    # --- drafts and learner records -----------------------------------------------------------

    def create_draft(self, kind: str, code: str, values: Mapping[str, Any], owner: str | None = None) -> bool:
        """Start a draft under a new code; False when the code is taken (the caller picks another).
        ``owner``: the hub user it belongs to (the results service checks it: ``draft_owner``)."""
        try:
            with self.database.write() as connection:
                connection.execute(drafts.insert().values(code=code, kind=kind, created_at=_now()))
                self._write_values(connection, code, values, {})
                if owner is not None:
                    connection.execute(draft_owners.insert().values(code=code, user_name=owner))
        except IntegrityError:
            return False
        except SQLAlchemyError as error:
            log.exception("Starting a %s draft failed", kind)
            raise StoreError(NOT_SAVED) from error
        return True

    def draft(self, code: str) -> Draft | None:
        """The draft with this code, or None."""
        with self._reading() as connection:
            found = connection.execute(select(drafts).where(drafts.c.code == code)).mappings().first()
            if found is None:
                return None
            stored = connection.execute(select(draft_values.c.key, draft_values.c.value, draft_values.c.version)
                                        .where(draft_values.c.code == code)).all()
        values = {key: json.loads(value) for key, value, _ in stored}
        return Draft(code, found["kind"], {k: v for k, v in values.items() if v is not None},
                     {key: version for key, _, version in stored}, found["submission_id"], found["submitted_at"])

    def drafts_holding(self, kind: str, values: Mapping[str, str]) -> list[str]:
        """The codes of drafts of this kind whose answers hold these texts (``{key: text}``),
        compared without case (SQL's lower(): A-Z only), oldest first. Only codes come back."""
        query = select(drafts.c.code).where(drafts.c.kind == kind)
        for key, value in values.items():
            held = draft_values.alias()
            query = query.join(held, and_(held.c.code == drafts.c.code, held.c.key == key,
                                          func.lower(held.c.value) == func.lower(json.dumps(value, ensure_ascii=False))))
        with self._reading() as connection:
            return list(connection.execute(query.order_by(drafts.c.created_at)).scalars())

    def save_draft(self, code: str, changes: Mapping[str, Any], seen: Mapping[str, int]) -> DraftSaved:
        """Save changed answers of a draft (None removes one). ``seen`` holds the versions this
        window last read; an answer stored since under a newer version is reported back."""
        if not changes:
            return DraftSaved({})
        try:
            with self.database.write() as connection:
                return self._write_values(connection, code, changes, seen)
        except SQLAlchemyError as error:
            log.exception("Saving a draft failed")
            raise StoreError(NOT_SAVED) from error

    def _write_values(self, connection: Connection, code: str, changes: Mapping[str, Any], seen: Mapping[str, int]) -> DraftSaved:
        """Write each changed answer with a new version; an answer already holding the same
        value is left alone (two windows agreeing is no clash)."""
        insert = (sqlite.insert if self.database.is_sqlite else postgresql.insert)(draft_values)
        stored = {key: (value, version) for key, value, version in connection.execute(
            select(draft_values.c.key, draft_values.c.value, draft_values.c.version)
            .where(draft_values.c.code == code, draft_values.c.key.in_(list(changes))))}
        saved_at, versions, elsewhere = _now(), {}, []
        for key, value in changes.items():
            if any(unstorable(part) for part in flat_text(value)) or unstorable(key):
                raise Refused(f"This could not be saved: {UNSTORABLE_TEXT}.")
            text = json.dumps(value, ensure_ascii=False)
            before, version = stored.get(key, ("null", 0))
            if before == text:
                versions[key] = version
                continue
            if version != seen.get(key, 0):
                elsewhere.append(key)
            statement = insert.values(code=code, key=key, value=text, version=1, saved_at=saved_at).on_conflict_do_update(
                index_elements=[draft_values.c.code, draft_values.c.key],
                set_={"value": text, "version": draft_values.c.version + 1, "saved_at": saved_at},
            ).returning(draft_values.c.version)
            versions[key] = connection.execute(statement).scalar_one()
        return DraftSaved(versions, tuple(elsewhere))

    # --- people: a hub user's learner record; a person's records on request --------------------

    def hub_learner(self, user: str, kind: str, first_values: Mapping[str, Any]) -> str:
        """The learner code of a JupyterHub user, their record started with ``first_values`` the
        first time: under the hub a person is known by their sign-in, never by a typed code."""
        from widgets.results.drafts import new_code

        for _ in range(20):
            found = self.hub_learner_code(user)
            if found is not None:
                return found
            code = new_code()
            try:
                with self.database.write() as connection:
                    connection.execute(drafts.insert().values(code=code, kind=kind, created_at=_now()))
                    self._write_values(connection, code, first_values, {})
                    connection.execute(hub_people.insert().values(user_name=user, learner_code=code, created_at=_now()))
                return code
            except IntegrityError:
                continue  # the code was taken, or the same person's other tab got there first: look again
            except SQLAlchemyError as error:
                log.exception("Starting a hub user's learner record failed")
                raise StoreError(NOT_SAVED) from error
        raise StoreError(NOT_SAVED)

    def draft_owner(self, code: str) -> str | None:
        with self._reading() as connection:
            return connection.execute(select(draft_owners.c.user_name).where(draft_owners.c.code == code)).scalar()

    def hub_learner_code(self, user: str) -> str | None:
        with self._reading() as connection:
            return connection.execute(select(hub_people.c.learner_code).where(hub_people.c.user_name == user)).scalar()

    def person_records(self, learner: str) -> tuple[list[dict[str, str]], dict[str, Any]]:
        """Everything kept about one learner (by their learner code): their result rows and their
        record (name, organisation, progress), for a subject access request."""
        rows = [row for saved in self.learner_submissions(learner) for row in saved.rows]
        found = self.draft(learner)
        return rows, (found.values if found is not None else {})

    def forget_person(self, learner: str) -> int:
        """Erase one learner's result rows, record and hub sign-in link, in one transaction, and
        write results.csv afresh without them; returns how many rows were erased."""
        try:
            with self.database.turn():
                with self.database.write() as connection:
                    seqs = list(connection.execute(select(submissions.c.seq).where(submissions.c.learner_code == learner)).scalars())
                    erased = connection.execute(results.delete().where(results.c.seq.in_(seqs))).rowcount if seqs else 0
                    connection.execute(submissions.delete().where(submissions.c.learner_code == learner))
                    connection.execute(hub_people.delete().where(hub_people.c.learner_code == learner))
                    connection.execute(draft_values.delete().where(draft_values.c.code == learner))
                    connection.execute(drafts.delete().where(drafts.c.code == learner))
                if self.keeps_csv and self.path.exists():
                    self._rewrite_csv()
        except SQLAlchemyError as error:
            log.exception("Erasing a learner's records failed")
            raise StoreError("The records could not be erased just now; nothing was changed. Try again.") from error
        return int(erased)

    def _rewrite_csv(self) -> None:
        """results.csv without rows the database no longer holds; if it cannot be written it is
        removed (and rebuilt at the next save), so erased rows never linger in it."""
        from widgets.results.csv_mirror import rewrite

        try:
            rewrite(self.database, self.path)
        except OSError as error:
            log.exception("results.csv could not be rewritten after erasing rows")
            try:
                self.path.unlink()
            except OSError:
                raise StoreError(f"The records were erased from the database, but {self.path} still holds them and "
                                 "could not be rewritten or removed: delete that file by hand.") from error

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection for reading; any engine error while reading becomes a plain message."""
        try:
            with self.database.reader.connect() as connection:
                yield connection
        except SQLAlchemyError as error:
            log.exception("Reading the results store failed")
            raise StoreError(UNREADABLE) from error


def refuse_bad_rows(rows: list[dict[str, str]]) -> None:
    """Raise Refused naming every way these rows break the format (nothing is stored)."""
    problems = sorted({reason for reason in map(row_problem, rows) if reason})
    if any(unstorable(value) for row in rows for value in row.values()):
        problems.append(UNSTORABLE_TEXT)
    if any(len(value) > MOST_VALUE_CHARS for row in rows for value in row.values()):
        problems.append(f"a text is longer than {MOST_VALUE_CHARS:,} characters, the most the results format allows")
    if problems:
        raise Refused("This could not be saved: " + "; ".join(problems) + ".")


def flat_text(value: Any) -> Iterator[str]:
    """Every piece of text in a draft value (text, or lists and dicts of it)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from flat_text(item)
    elif isinstance(value, list):
        for item in value:
            yield from flat_text(item)


def save_submission(submission: Submission, store: "PageStore | None" = None, **options: Any) -> SavedSubmission:
    """Store a submission in the store given (or the page's: ``page_store``); see ``ResultsStore.save``."""
    from widgets.results.service_client import page_store

    return (store or page_store()).save(submission, **options)


def submission_csv(saved: SavedSubmission) -> bytes:
    """One submission as a results file of its own (header and rows, encoded as results.csv is),
    e.g. for a service to send to a trainer or network."""
    return encode_header() + encode_rows(saved.rows)


def _row(submission: Submission, item: ItemResponse, submission_id: str, submitted_at: str) -> dict[str, str]:
    values = {
        "schema_version": SCHEMA_VERSION,
        "submission_id": submission_id,
        "submitted_at": submitted_at,
        **{f.name: getattr(submission, f.name) for f in fields(Submission) if f.name != "items"},
        **{f.name: getattr(item, f.name) for f in fields(ItemResponse)},
    }
    if item.kind and PART_OF.get(item.kind) != submission.kind:
        raise Refused(f"An item of kind {item.kind} cannot be part of a {submission.kind} submission.")
    values["kind"] = item.kind or submission.kind
    values["score"] = _score_text(item.score)
    values["max_score"] = _score_text(item.max_score)
    return {column: str(values[column]) for column in COLUMNS}


def _score_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def utc_text(value: str) -> str:
    """An ISO 8601 time (any offset, any precision, as other services' files hold them) in the
    one form the store writes, so times compare correctly as text in indexed lookups."""
    return pd.to_datetime(value, format="ISO8601", utc=True).strftime(TIME_FORMAT)


def _now() -> str:
    return datetime.now(timezone.utc).strftime(TIME_FORMAT)
