"""The results: a database (SQLite built in, PostgreSQL by URL) behind ``ResultsStore``, and
one documented CSV format for every file that goes in or out.

Writers call ``ResultsStore.save`` (or ``save_submission``); aggregation reads the store and
files sent in with ``read_results``.

The modules behind these names load on first use (``widgets.lazy``): a page's kernel that has
not saved anything yet holds no pandas, pyarrow or SQLAlchemy.
"""

from typing import TYPE_CHECKING

from widgets.errors import StoreError
from widgets.lazy import lazy_exports

if TYPE_CHECKING:
    from widgets.results.columns import COLUMNS, KINDS, SCHEMA_VERSION
    from widgets.results.reader import FileReport, ReadResult, read_results
    from widgets.results.store import ResultsStore, SavedSubmission, save_submission, submission_csv
    from widgets.results.submission import ItemResponse, Submission

__getattr__, __dir__ = lazy_exports(__name__, {
    "COLUMNS": "columns", "KINDS": "columns", "SCHEMA_VERSION": "columns",
    "FileReport": "reader", "ReadResult": "reader", "read_results": "reader",
    "ResultsStore": "store", "SavedSubmission": "store", "save_submission": "store", "submission_csv": "store",
    "ItemResponse": "submission", "Submission": "submission",
})

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
