"""Dependencies point one way: the aggregation and the CLI never import widget code."""

from __future__ import annotations

import subprocess
import sys

from widgets.settings import PROJECT_ROOT


def test_aggregation_and_the_cli_import_no_ipywidgets() -> None:
    check = (
        "import sys, widgets.aggregate, widgets.aggregate.exports, widgets.report\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('ipywidgets', 'widgets.dashboard', 'widgets.ui')))\n"
        "print(loaded)\n"
    )
    found = subprocess.run([sys.executable, "-c", check], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
