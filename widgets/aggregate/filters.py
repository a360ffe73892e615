"""What the trainer narrows the results to: organisations, teams, instruments, a date range.

The dashboard's filter widgets and the CLI's options both build a ``Filters``; every summary
is computed from ``Filters.apply(rows)``, so every view follows the same choice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
from widgets.errors import Refused


@dataclass(frozen=True)
class Filters:
    """Empty choices mean "all"; dates are inclusive days in UTC."""

    organisations: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise Refused("The start date is after the end date: swap them or clear one.")

    def apply(self, rows: pd.DataFrame) -> pd.DataFrame:
        keep = pd.Series(True, index=rows.index)
        for column, chosen in (("organisation", self.organisations), ("team", self.teams), ("instrument", self.instruments)):
            if chosen:
                keep &= rows[column].isin(chosen)
        if self.start:
            keep &= rows["submitted_at"] >= _utc(self.start)
        if self.end:
            keep &= rows["submitted_at"] < _utc(self.end + timedelta(days=1))
        return rows if keep.all() else rows[keep]

    def undated(self) -> "Filters":
        """The same choice of organisations, teams and instruments over every date: for what
        depends on today rather than on when rows were sent (who is due an impact review)."""
        return replace(self, start=None, end=None)

    def describe(self) -> str:
        """The choice in words, for report headings and file notes."""
        parts = [
            f"{label}: {', '.join(chosen)}"
            for label, chosen in (("organisations", self.organisations), ("teams", self.teams), ("instruments", self.instruments))
            if chosen
        ]
        if self.start or self.end:
            parts.append(f"dates: {self.start or 'any'} to {self.end or 'any'}")
        return "; ".join(parts) or "all results"


def choices(rows: pd.DataFrame, column: str) -> list[str]:
    """The values a filter can offer, from the results loaded (sorted, blanks left out)."""
    if rows.empty:
        return []
    return sorted(v for v in rows[column].unique().tolist() if v)


def _utc(day: date) -> pd.Timestamp:
    return pd.Timestamp(datetime.combine(day, time.min, tzinfo=timezone.utc))
