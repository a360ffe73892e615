"""A staff page's kernel, waiting in the pool for its visitor, holds only what the page needs to
show and answer: the heavy libraries load after the page is on screen (README, "Serving many
people"). Each page is built in a fresh Python process, stopped where a preheated kernel waits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from widgets.settings import PROJECT_ROOT, staff_notebooks_dir

HEAVY = ("pandas", "pyarrow", "numpy", "matplotlib", "sqlalchemy", "weasyprint", "fpdf", "psycopg", "jupyter_server", "nbconvert")
WAITING = """
import json, sys
import widgets.ui.request as request
def loaded():
    print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
def waiting_for_the_visitor():
    loaded()
    raise SystemExit(0)
request.wait_for_visitor = waiting_for_the_visitor
"""
BUILT = "\nloaded()  # a page that never waits for its visitor: all it loaded\n"


def page_code(notebook: str) -> str:
    cells = json.loads((staff_notebooks_dir() / notebook).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")


@pytest.mark.parametrize("notebook", sorted(page.name for page in staff_notebooks_dir().glob("*.ipynb")))
def test_a_page_waiting_for_its_visitor_has_loaded_no_heavy_library(notebook: str) -> None:
    run = subprocess.run([sys.executable, "-c", WAITING + page_code(notebook) + BUILT],
                         capture_output=True, text=True, timeout=120, cwd=PROJECT_ROOT,
                         env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert run.returncode == 0, run.stderr
    loaded = set(json.loads(run.stdout.strip().splitlines()[-1]))
    assert {"widgets", "ipywidgets"} <= loaded, "the page was not built"
    assert not loaded & set(HEAVY), f"{notebook} loads {sorted(loaded & set(HEAVY))} before anyone arrives"
