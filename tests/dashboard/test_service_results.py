"""The dashboard under the hub reads the results through the results service: what it reads is
exactly what the store holds (long evidence with line breaks and quotes, Welsh, Arabic, emoji,
text a spreadsheet would run as a formula), and the page still cuts it to its viewer even if the
service sent more. The service itself, its refusals and the viewer's token are tested for real
in tests/hub/test_dashboard_service.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.aggregate import known_results as known
from tests.dashboard.test_viewer import MANAGER_OF_B, shown
from widgets.dashboard import service_results
from widgets.dashboard.page import dashboard_page
from widgets.dashboard.service_results import TOKEN_VARIABLE, ServiceResults, dashboard_results
from widgets.dashboard.viewer import FROM_HUB_VARIABLE, VIEWER_VARIABLE, Viewer
from widgets.results import ItemResponse, ResultsStore, Submission
from widgets.results.csv_format import encode_header, encode_rows
from widgets.results.received import ReceivedFiles
from widgets.settings import RESULTS_SERVICE_VARIABLE

EVIDENCE = ("We asked the young people's forum in March; they said the leaflet was \"too long\", so we rewrote it with them.\r\n"
            "Ysgrifennodd y grŵp ieuenctid y daflen newydd. قال الأطفال إن الاجتماع كان مفيدًا 🙂 ") * 40  # 5,000-odd characters


def stored(folder: Path) -> ResultsStore:
    store = ResultsStore(folder)
    store.save(Submission("assessment", "iv-standard-4", "1", "Gwasanaeth Môn", "Tîm y Gogledd", "Siân Ní Bhriain", "Rheolwr", (
        ItemResponse("iv4-leaflets", "2", evidence=EVIDENCE, children_say="=HYPERLINK(\"http://example.org\")", action="'quoted'"),
        ItemResponse("iv4-feedback", "1", evidence="+44 1234 567890", children_say="-", action="@everyone"),
    )))
    return store


class StoreBehindService:
    """The results service answering from one local store, sending every row whatever the
    viewer (the page's own cut is what is tested here)."""

    asked: list[str] = []

    def __init__(self, store: ResultsStore, token: str):
        self.store, self.token = store, token

    def rows_csv(self) -> bytes:
        self.asked.append("rows")
        frame = self.store.rows()
        return encode_header() + encode_rows(dict(zip(frame.columns, values)) for values in frame.itertuples(index=False, name=None))

    def store_state(self) -> dict[str, Any]:
        self.asked.append("store")
        return {"version": self.store.version(), "notices": self.store.notices()}


def behind_service(monkeypatch: pytest.MonkeyPatch, store: ResultsStore) -> None:
    """Every ``ServiceResults`` made from now on asks ``store`` through ``StoreBehindService``."""
    monkeypatch.setattr(service_results, "ResultsService", lambda address, token: StoreBehindService(store, token))


def test_rows_read_through_the_service_are_the_rows_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = stored(tmp_path / "results")
    behind_service(monkeypatch, store)
    read = ServiceResults("http://127.0.0.1:1/services/results/", "a token", tmp_path / "dashboard")
    assert read.rows().to_dict("records") == store.rows().to_dict("records")
    assert read.version() == store.version() and read.learner_codes() == {}


def test_a_trainer_s_page_opens_on_an_empty_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new county's first days: nothing stored, so the store has no version yet (None)."""
    behind_service(monkeypatch, ResultsStore(tmp_path / "results"))
    read = ServiceResults("http://127.0.0.1:1/", "t", tmp_path / "dashboard")
    assert read.version() is None and len(read.rows()) == 0
    for name, value in {FROM_HUB_VARIABLE: "1", RESULTS_SERVICE_VARIABLE: "http://127.0.0.1:1/", TOKEN_VARIABLE: "t",
                        VIEWER_VARIABLE: Viewer("tina", None).to_header()}.items():
        monkeypatch.setenv(name, value)
    text = shown(dashboard_page(tmp_path / "dashboard", known.content(tmp_path)))
    assert "Sources" in text and "cannot open" not in text


def test_under_the_hub_the_page_reads_through_the_service_with_the_viewer_s_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(dashboard_results(tmp_path, {}), ResultsStore)  # the one-server dashboard: its own store
    hub = {FROM_HUB_VARIABLE: "1", RESULTS_SERVICE_VARIABLE: "http://127.0.0.1:10101/services/results/", TOKEN_VARIABLE: "mo's token"}
    found = dashboard_results(tmp_path, hub)
    assert isinstance(found, ServiceResults) and found.folder == tmp_path
    assert found._service.token == "mo's token" and found._service.address == "http://127.0.0.1:10101/services/results/api/"


def test_the_page_a_manager_opens_under_the_hub_shows_no_other_organisation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even if the service sent every organisation's rows, a manager's page shows theirs only;
    it does not ask for the store's state (every organisation's version and notices)."""
    folder = known.write_store(tmp_path / "results")
    behind_service(monkeypatch, ResultsStore(folder))
    for name, data in known.uploads():  # the trainers' received files, kept by the dashboard service
        ReceivedFiles(tmp_path / "dashboard").add(name, data, "Tina")
    for name, value in {FROM_HUB_VARIABLE: "1", RESULTS_SERVICE_VARIABLE: "http://127.0.0.1:1/", TOKEN_VARIABLE: "t",
                        VIEWER_VARIABLE: MANAGER_OF_B.to_header()}.items():
        monkeypatch.setenv(name, value)
    StoreBehindService.asked.clear()
    text = shown(dashboard_page(tmp_path / "dashboard", known.content(tmp_path)))
    assert "Org B" in text and "You see org  b only" in text
    assert "Org A" not in text and "Org C" not in text and "service-c.csv" not in text and "Tina" not in text
    assert StoreBehindService.asked == ["rows"]
    monkeypatch.setenv(VIEWER_VARIABLE, Viewer("tina", None).to_header())  # a trainer: everything, and told of new rows
    text = shown(dashboard_page(tmp_path / "dashboard", known.content(tmp_path)))
    assert all(name in text for name in ("Org A", "Org B", "Org C", "service-c.csv")) and "store" in StoreBehindService.asked
    monkeypatch.delenv(VIEWER_VARIABLE)  # under the hub with no viewer named: nobody's results
    nothing = shown(dashboard_page(tmp_path / "dashboard", known.content(tmp_path)))
    assert not any(name in nothing for name in ("Org A", "Org B", "Org C"))
