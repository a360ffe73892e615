"""Which results a dashboard viewer may see: trainers everything, a manager their organisation's
rows in every view, table, list and export (received files included), anyone else nothing."""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as ipw
import pytest

from tests.aggregate import known_results as known
from tests.emodule_helpers import complete_everything
from tests.dashboard.test_page import page_html, walk
from widgets.aggregate.exports import EXPORTERS
from widgets.content import load_content
from widgets.dashboard.state import DashboardState
from widgets.dashboard.verify import VerifyView
from widgets.dashboard.viewer import (EVERYONE, FROM_HUB_VARIABLE, NOBODY, VIEWER_VARIABLE, Viewer, current_viewer,
                                      viewer_for)
from widgets.emodule import Learner, LearnerSession
from widgets.errors import Refused
from widgets.results import ResultsStore

MANAGER_OF_B = Viewer("mo", frozenset({"org  b"}))  # however the group spells it


def test_roles_come_from_hub_groups() -> None:
    assert viewer_for("tina", ["trainers", "manager:Org A"]) == Viewer("tina", None)
    assert viewer_for("mo", ["manager:Org B", "organisation:Org B", "team:North"]) == Viewer("mo", frozenset({"Org B"}))
    assert viewer_for("sam", ["organisation:Org B"]) is None  # working somewhere is not managing it
    assert viewer_for("nel", []) is None


def test_the_viewer_travels_in_a_header_that_only_the_hub_service_is_believed_for() -> None:
    zoe = Viewer("zoë", frozenset({"Gwasanaeth Môn", "Org B"}))
    assert zoe.to_header().isascii() and Viewer.from_header(zoe.to_header()) == zoe
    assert Viewer.from_header(Viewer("tina", None).to_header()).sees_everything
    assert current_viewer({}) == EVERYONE  # the one-server dashboard: its token is the trainers'
    assert current_viewer({VIEWER_VARIABLE: zoe.to_header()}) == EVERYONE  # a header means nothing there
    assert current_viewer({FROM_HUB_VARIABLE: "1", VIEWER_VARIABLE: zoe.to_header()}) == zoe
    assert current_viewer({FROM_HUB_VARIABLE: "1"}) == NOBODY  # under the hub, no viewer named: nothing
    for garbled in ("everything", "{}", json.dumps({"user": "x", "organisations": 5})):
        assert current_viewer({FROM_HUB_VARIABLE: "1", VIEWER_VARIABLE: garbled}) == NOBODY
    assert NOBODY.sees_nothing and not NOBODY.may_see("Org B") and not NOBODY.may_see("")


def loaded_state(tmp_path: Path, viewer: Viewer) -> DashboardState:
    """Org A in the store; a trainer added Org B's and Org C's files (with bad rows) as received files."""
    folder = known.write_store(tmp_path / "results")
    DashboardState(ResultsStore(folder), known.content(tmp_path), EVERYONE).add_uploads(known.uploads(), "Tina")
    state = DashboardState(ResultsStore(folder), known.content(tmp_path), viewer)
    state.load()
    return state


def test_a_trainer_sees_every_organisation_and_every_file(tmp_path: Path) -> None:
    state = loaded_state(tmp_path, EVERYONE)
    assert state.organisations() == ["Org A", "Org B", "Org C"]
    assert len(state.received_files()) == 3 and not state.report.rejections.empty


def test_a_manager_sees_their_organisation_only_everywhere(tmp_path: Path) -> None:
    state = loaded_state(tmp_path, MANAGER_OF_B)
    assert set(state.report.rows["organisation"]) == {"Org B"}
    assert state.organisations() == ["Org B"] and state.choices("organisation") == ["Org B"]
    assert set(state.people("everyone")["respondent"]) == {"Bo"}
    assert state.report.rejections.empty  # Org C's bad rows quote Org C
    assert list(state.report.validation["file"]) == ["the results of org  b"]
    assert set(state.codes) <= set(state.report.rows["submission_id"])
    for name in EXPORTERS:
        for file in state.export(name, with_results=True):
            assert b"Org A" not in file.data and b"Org C" not in file.data and b"Sam" not in file.data, (name, file.filename)
    csv_results = next(f for f in state.export("csv", with_results=True) if f.filename == "results.csv")
    assert b"Org B" in csv_results.data


def test_a_manager_neither_sees_nor_changes_the_trainers_received_files(tmp_path: Path) -> None:
    state = loaded_state(tmp_path, MANAGER_OF_B)
    assert state.received_files() == [] and state.notices == []
    with pytest.raises(Refused, match="Only trainers"):
        state.add_uploads([("mine.csv", known.service_b())])
    with pytest.raises(Refused, match="Only trainers"):
        state.remove_received("service-b.csv")
    assert len(DashboardState(ResultsStore(tmp_path / "results"), known.content(tmp_path), EVERYONE).received_files()) == 3


def shown(page: ipw.Widget) -> str:
    """Everything the page could show: its HTML and every choice its controls offer."""
    options = [str(option) for widget in walk(page) for option in getattr(widget, "options", ())]
    return page_html(page) + "\n".join(options)


def verified(store: ResultsStore, viewer: Viewer, typed: str) -> tuple[str, str]:
    """What the dashboard's box says of an id (its status, the id itself blanked out), and shows."""
    box = VerifyView(store, load_content(), viewer)
    box.typed.value = typed
    box.check.click()
    return box.status.value.replace(typed, "<the id>"), box.found.value


def test_a_manager_verifies_their_own_organisation_s_certificates_only(results_folder: Path) -> None:
    session = LearnerSession.register(Learner("Ann Jones", "Org A"), load_content())
    complete_everything(session)  # fails each module once first: those attempts are ids too
    certificate = session.certificate().verification_id
    attempts = [a.submission_id for m in session.record.modules.values() for a in m.attempts]
    not_completing = next(sid for sid in attempts if sid != certificate)
    store = ResultsStore(results_folder)
    says, shows = verified(store, Viewer("ola", frozenset({"org a"})), certificate)
    assert "This is a certificate of this workbook" in says and "Ann Jones" in shows
    trainer_says, _ = verified(store, EVERYONE, not_completing)
    assert "not the one that completed the e-module" in trainer_says
    # To a manager of Org B, Org A's certificate and Org A's other attempt are ids that do not exist.
    manager = Viewer("mo", frozenset({"Org B"}))
    unknown = verified(store, manager, "2bfe9f99-9d5b-468d-aa23-ebdc9f91f0d9")
    assert "No certificate has the verification id" in unknown[0] and unknown[1] == ""
    assert verified(store, manager, certificate) == unknown
    assert verified(store, manager, not_completing) == unknown
