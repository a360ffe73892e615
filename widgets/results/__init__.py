"""The results: a database (SQLite built in, PostgreSQL by URL) behind ``ResultsStore``, and
one documented CSV format for every file that goes in or out.

Writers call ``ResultsStore.save`` (or ``save_submission``); aggregation reads the store and
files sent in with ``read_results``.
"""

from widgets.results.columns import COLUMNS, KINDS, SCHEMA_VERSION
from widgets.results.reader import FileReport, ReadResult, read_results
from widgets.results.database import StoreError
from widgets.results.store import ResultsStore, SavedSubmission, save_submission, submission_csv
from widgets.results.submission import ItemResponse, Submission

__all__ = [
    "COLUMNS",
    "KINDS",
    "SCHEMA_VERSION",
    "FileReport",
    "ItemResponse",
    "ReadResult",
    "ResultsStore",
    "SavedSubmission",
    "StoreError",
    "Submission",
    "read_results",
    "save_submission",
    "submission_csv",
]
