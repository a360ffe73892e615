"""Keep spreadsheet programs from running free text as a formula (CSV injection).

Text that starts with = + - @ tab or carriage return gets a leading apostrophe, which
spreadsheets show as plain text. Text that already starts with an apostrophe gets one more,
so reading back (removing exactly one) always restores what the person typed.
"""

from __future__ import annotations

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(TRIGGERS) else text


def restore(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def restore_column(values: pd.Series) -> pd.Series:
    """Vectorised ``restore`` for reading large files."""
    quoted = values.str.startswith("'")
    if not quoted.any():
        return values
    return values.where(~quoted, values.str.slice(1))


def neutralise_column(values: pd.Series) -> pd.Series:
    """Vectorised ``neutralise`` for writing whole tables (CSV exports)."""
    risky = values.str.startswith(TRIGGERS)
    if not risky.any():
        return values
    return values.where(~risky, "'" + values)
