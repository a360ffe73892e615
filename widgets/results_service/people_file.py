"""The trainer's people file: who works where, for hubs whose identity provider sends no groups.

A CSV file with the columns ``user,name,organisation,team`` (the hub user name, the name for
certificates, and where they work). Errors name the file, the line and the column.
"""

from __future__ import annotations

import csv
from pathlib import Path

from widgets.errors import Refused
from widgets.results_service.people import Person

COLUMNS = ("user", "name", "organisation", "team")


def read_people(path: Path) -> dict[str, Person]:
    """Every person in the file by hub user name; Refused says what to fix."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise Refused(f"{path}: the people file could not be read ({error.__class__.__name__}); save it as UTF-8 CSV.") from error
    reader = csv.DictReader(text.splitlines())
    missing = [column for column in ("user", "organisation") if column not in (reader.fieldnames or [])]
    if missing:
        raise Refused(f"{path}: the people file needs the columns {', '.join(COLUMNS)}; missing: {', '.join(missing)}.")
    people: dict[str, Person] = {}
    for line, row in enumerate(reader, start=2):
        user = (row.get("user") or "").strip()
        organisation = " ".join((row.get("organisation") or "").split())
        if not user:
            raise Refused(f"{path}, line {line}: the user column is empty.")
        if not organisation:
            raise Refused(f"{path}, line {line}: no organisation for {user}.")
        if user in people:
            raise Refused(f"{path}, line {line}: {user} is listed twice; keep one line per person.")
        name = " ".join((row.get("name") or "").split()) or user
        team = " ".join((row.get("team") or "").split())
        people[user] = Person(user, name, frozenset(), (organisation,), (team,) if team else ())
    return people
