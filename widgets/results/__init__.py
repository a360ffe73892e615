"""The results store: one documented CSV format for every submission, safe with many writers.

Writers call ``save_submission``; aggregation reads files back with ``read_results``.
"""

from widgets.results.columns import COLUMNS, KINDS, SCHEMA_VERSION
from widgets.results.reader import FileReport, ReadResult, read_results
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
    "Submission",
    "read_results",
    "save_submission",
    "submission_csv",
]
