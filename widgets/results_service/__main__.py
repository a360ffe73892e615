"""Start the results service (JupyterHub starts it: deploy/jupyterhub_config.py).

JupyterHub gives a managed service its address and token (JUPYTERHUB_SERVICE_URL,
JUPYTERHUB_SERVICE_PREFIX, JUPYTERHUB_API_TOKEN, ...); the workbook's own settings say where
the results are: VIW_DATABASE_URL (PostgreSQL for a county) and VIW_PEOPLE_FILE (optional: the
trainer's people file, re-read when it changes); VIW_CONTENT_DIR (optional) is the content the
staff pages show, which the service judges submissions by.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

from tornado import ioloop, web

from widgets.content import Content, load_content
from widgets.results import ResultsStore
from widgets.results_service.api import (CertificateOf, Drafts, Me, OneSubmission, Previous, Record, Rows, StoreState,
                                         Submissions, Verify)
from widgets.results_service.people import Person
from widgets.results_service.people_file import read_people
from widgets.results_service.quiz_versions import QuizVersions

log = logging.getLogger("widgets.results_service")
CONTENT_LOOK_MS = 5_000  # how often the service looks for a trainer's edit between requests


def people_source(path: Path | None) -> Callable[[], dict[str, Person]]:
    """The people file as it is now: re-read when its time changes, so a trainer's edit counts
    without a restart; a broken edit is logged and the last good version kept."""
    kept: dict[str, object] = {"stamp": None, "people": {}}

    def current() -> dict[str, Person]:
        if path is None:
            return {}
        try:
            stamp = path.stat().st_mtime_ns
            if stamp != kept["stamp"]:
                kept["people"], kept["stamp"] = read_people(path), stamp
        except Exception:  # noqa: BLE001 - a bad edit must not stop the service
            log.exception("The people file %s could not be read; using the last good version", path)
        return kept["people"]  # type: ignore[return-value]

    return current


def look_at_content(versions: QuizVersions) -> None:
    """Between requests too: a quiz version a trainer saves is known within seconds, before a
    page that loaded it sends an attempt; a broken edit is logged (pages show its errors)."""
    try:
        versions.remember(load_content())
    except Exception:  # noqa: BLE001 - a bad edit must not stop the service
        log.exception("The content could not be loaded; quiz versions seen before are kept")


def make_app(store: ResultsStore, people: Callable[[], dict[str, Person]], prefix: str,
             content: Callable[[], Content] = load_content, versions: QuizVersions | None = None) -> web.Application:
    """``content`` is what the staff pages load (VIW_CONTENT_DIR, else the project's content/),
    re-read when a file changes: the quiz keys and scales the service judges by; ``versions``
    keeps every quiz version seen, so an attempt is judged by the one it drew from."""
    options = {"store": store, "people": people, "content": content, "versions": versions or QuizVersions()}
    routes = [(f"{prefix}api/{name}", handler, options) for name, handler in
              (("me", Me), ("record", Record), ("submissions", Submissions), ("submission", OneSubmission),
               ("certificate", CertificateOf), ("drafts", Drafts), ("previous", Previous), ("rows", Rows),
               ("store", StoreState), ("verify", Verify))]
    return web.Application(routes, cookie_secret=os.urandom(32))


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    people_file = os.environ.get("VIW_PEOPLE_FILE")
    store = ResultsStore()
    versions = QuizVersions()
    app = make_app(store, people_source(Path(people_file) if people_file else None),
                   os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/results/"), versions=versions)
    look_at_content(versions)  # the version the pages load now is known from the start
    ioloop.PeriodicCallback(lambda: look_at_content(versions), CONTENT_LOOK_MS).start()
    address = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    app.listen(address.port or 80, address.hostname or "127.0.0.1")
    log.info("Results service listening on %s (database: %s)", address.geturl(), store.url.render_as_string(hide_password=True))
    ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
