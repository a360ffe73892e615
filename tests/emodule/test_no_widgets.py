"""The e-module's rules stay free of widget code, so they can be tested and reused (e.g. by a
trainer's tools) without a page."""

from __future__ import annotations

import subprocess
import sys

from widgets.settings import PROJECT_ROOT


def test_the_emodule_package_imports_no_ipywidgets() -> None:
    probe = "import sys, widgets.emodule.session, widgets.emodule.certificate, widgets.emodule.resume; print('ipywidgets' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
