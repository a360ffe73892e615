"""Resume codes are the only key to someone's progress: looking one up is throttled per visitor
address (``widgets.throttle``), and a wrong one is logged without the code.

The staff server passes each page's visitor address to its kernel (``VISITOR_ADDRESS``, set by
``widgets.server_guard``); outside a served page (JupyterLab, where a person can run any code
anyway, or a test) there is none, and nothing is throttled. Both places a code is looked up (``LearnerSession.resume``, a self-assessment's
``Autosave.resume``) go through ``checked_code``.
"""

from __future__ import annotations

import logging
import math
import os
from typing import Callable, TypeVar

from widgets.errors import Refused
from widgets.settings import guard_dir
from widgets.throttle import Throttle

log = logging.getLogger(__name__)

VISITOR_HEADER = "X-Workbook-Visitor"
VISITOR_ADDRESS = "HTTP_X_WORKBOOK_VISITOR"  # how Voila hands the header to the kernel
Found = TypeVar("Found")


def visitor_address() -> str | None:
    """The address of the person whose page this kernel serves, as the server saw it (a
    preheated kernel learns it with the page's address, before anyone can type a code)."""
    return os.environ.get(VISITOR_ADDRESS) or None


def checked_code(lookup: Callable[[str], Found | None], code: str) -> Found | None:
    """``lookup(code)``, unless this address has had too many wrong codes lately: then a plain
    refusal that says how long to wait. A code that finds nothing counts as a failure."""
    address = visitor_address()
    if address is None:
        return lookup(code)
    throttle = Throttle(guard_dir() / "resume-codes.sqlite", "resume-code")
    wait = throttle.wait_left(address)
    if wait > 0:
        raise Refused(f"Too many codes that matched nothing were tried from your connection. "
                      f"Please wait {math.ceil(wait)} seconds, then try your code again.")
    found = lookup(code)
    if found is None:
        failures = throttle.failed(address)
        log.warning("A resume code matched nothing (visitor %s, %d such in the last hour)", address, failures)
    return found
