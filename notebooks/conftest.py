"""The notebooks run by nbval work under the test session's settings, also when only
notebooks/ is run (`pytest notebooks`), which does not read tests/conftest.py: results in a
temporary folder, the fixture content, and a page that cannot build fails its cell."""

import sys
from pathlib import Path

PROJECT_ROOT = str(Path(__file__).resolve().parent.parent)
if PROJECT_ROOT not in sys.path:
    sys.path.insert(0, PROJECT_ROOT)  # so `tests` imports without PYTHONPATH

from tests import session_env  # noqa: E402

session_env.prepare()
