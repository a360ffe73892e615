"""Work in progress saved as people go: a learner's progress, a half-done self-assessment.

A draft is stored one answer at a time (``ResultsStore.save_draft``): nested data such as
``{"answers": {"q1": {"evidence": "..."}}}`` is kept as ``answers.q1.evidence`` with a version
of its own, so two tabs changing different answers never undo each other, and a tab that
changes an answer another tab changed since is told. Drafts are known by a resume code the
workbook makes; a code a person types is checked against a strict pattern before it is used.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from widgets.errors import Refused

if TYPE_CHECKING:  # the store (SQLAlchemy, pandas) loads when a draft store is first made
    from widgets.results.service_client import PageStore
    from widgets.results.store import Draft, DraftSaved, ResultsStore

log = logging.getLogger(__name__)

# No 0/O, 1/I/L: codes are read aloud and copied from paper.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_PATTERN = re.compile(r"^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$")
KIND_PATTERN = re.compile(r"^[a-z][a-z0-9\-]{0,39}$")  # at most 40 characters, as the drafts table holds
SEPARATOR = "."


def new_code() -> str:
    """A fresh resume code such as 'K7QX-9MZD' (about 40 bits: not guessable in practice)."""
    letters = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


def parse_code(text: str) -> str:
    """Normalise what a person typed (case, spaces, missing dash) or explain what is wrong."""
    cleaned = re.sub(r"[\s\-]", "", text or "").upper()
    code = f"{cleaned[:4]}-{cleaned[4:]}"
    if not CODE_PATTERN.match(code):
        raise Refused("That code doesn't look right: codes are 8 letters and digits, like K7QX-9MZD.")
    return code


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """Nested data as one value per answer: dicts (and lists, by position) become dotted keys.
    A dot or percent sign inside a name (item ids may hold dots: "iv-4.1") is escaped, so every
    name comes back as it was. An empty dict or list holds no answer and is not kept."""
    if isinstance(data, list):
        data = {str(position): value for position, value in enumerate(data)}
    if not isinstance(data, dict):
        return {prefix: data} if prefix else {}
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = str(key).replace("%", "%25").replace(SEPARATOR, "%2E")
        flat.update(flatten(value, f"{prefix}{SEPARATOR}{name}" if prefix else name))
    return flat


def unflatten(values: dict[str, Any]) -> dict[str, Any]:
    """The nested data again (a key that is both a value and a parent keeps its children)."""
    nested: dict[str, Any] = {}
    for key in sorted(values, key=lambda k: k.count(SEPARATOR)):
        *parents, last = (part.replace("%2E", SEPARATOR).replace("%25", "%") for part in key.split(SEPARATOR))
        place = nested
        for parent in parents:
            if not isinstance(place.get(parent), dict):
                place[parent] = {}
            place = place[parent]
        if not isinstance(place.get(last), dict):
            place[last] = values[key]
    return nested


@dataclass
class Opened:
    """A draft as one window last saw it: its data, and the versions to compare with."""

    code: str
    data: dict[str, Any]
    versions: dict[str, int] = field(default_factory=dict)
    submission_id: str | None = None
    submitted_at: str | None = None
    changed_elsewhere: tuple[str, ...] = ()  # answers another window changed that this one replaced


class DraftStore:
    """Drafts of one kind (e.g. 'learner', 'assessment') in the results store."""

    def __init__(self, kind: str, folder: Path | None = None, store: PageStore | None = None):
        if not KIND_PATTERN.match(kind):
            raise Refused(f"'{kind}' is not a draft kind")
        self.kind = kind
        self._folder = folder
        self._store = store

    @property
    def store(self) -> PageStore:
        """The results store (``page_store()`` unless a folder is given), opened on first use:
        a page's kernel waiting in the pool has not loaded SQLAlchemy or pandas for it yet."""
        if self._store is None:
            from widgets.results.service_client import page_store
            from widgets.results.store import ResultsStore
            self._store = ResultsStore(self._folder) if self._folder else page_store()
        return self._store

    def create(self, data: dict[str, Any]) -> Opened:
        """Save a new draft under a code not used before."""
        values = flatten(data)
        while True:
            code = new_code()
            if self.store.create_draft(self.kind, code, values):
                # An empty answer (None) is not written when a draft starts, so it has no
                # version yet (0, as the store counts it); said to be 1, the first real answer
                # given to it was taken for another window's change.
                return Opened(code, data, {key: 1 for key, value in values.items() if value is not None})

    def load(self, code: str) -> Opened | None:
        """The saved draft, or None when no draft of this kind has that code."""
        code = parse_code(code)
        draft = self.store.draft(code) or self._upgrade(code)
        if draft is None or draft.kind != self.kind:
            return None
        return Opened(code, unflatten(draft.values), dict(draft.versions), draft.submission_id, draft.submitted_at)

    def save(self, opened: Opened, data: dict[str, Any]) -> Opened:
        """Save what changed since ``opened`` (answer by answer) and return the draft as now seen."""
        before, after = flatten(opened.data), flatten(data)
        changes = {key: value for key, value in after.items() if before.get(key, None) != value or key not in before}
        changes.update({key: None for key in before if key not in after})
        saved: DraftSaved = self.store.save_draft(opened.code, changes, opened.versions)
        return Opened(opened.code, data, {**opened.versions, **saved.versions}, opened.submission_id,
                      opened.submitted_at, saved.changed_elsewhere)

    def _upgrade(self, code: str) -> Draft | None:
        """A draft file left by an installation from before the database: moved in on first use."""
        from widgets.results.store import ResultsStore

        if not isinstance(self.store, ResultsStore):
            return None  # under JupyterHub there was never a drafts folder
        legacy = legacy_draft_path(self.store.folder, self.kind, code)
        if not legacy.exists():
            return None
        import_legacy_draft(self.store, self.kind, legacy)
        return self.store.draft(code)


def legacy_draft_path(folder: Path, kind: str, code: str) -> Path:
    return folder / "drafts" / kind / f"{code}.json"


def import_legacy_draft(store: ResultsStore, kind: str, path: Path) -> bool:
    """Move one draft file of an older installation into the store (False if already there)."""
    code = parse_code(path.stem)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise Refused(f"{path.name} is not a draft file the workbook can read") from error
    return store.create_draft(kind, code, flatten(data))
