"""Everyone's results brought together: filters, summary tables, charts and exports.

The trainer dashboard (``widgets.dashboard``) and the command-line twin (``widgets.report``)
call the same functions here, so a figure on screen and in a scheduled report always agree.
Nothing here imports ipywidgets.
"""

from widgets.aggregate.filters import Filters
from widgets.aggregate.labels import Labels
from widgets.aggregate.summaries import SUMMARIES, Report, Summary, build_report

__all__ = ["SUMMARIES", "Filters", "Labels", "Report", "Summary", "build_report"]
