"""The shipped self-assessments: complete, cited, each with its page (these read the shipped
content/, as a trainer edits it); new items need no code (a behaviour, on the fixture content)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.builders import valid_content, write_content
from tests.session_env import FIXTURE_CONTENT, SHIPPED_CONTENT
from widgets.content import ContentError, load_content
from widgets.pages.assessment_page import assessment_page
from widgets.settings import CONTENT_DIR_VARIABLE, staff_notebooks_dir


def texts_in(widget) -> str:
    """All HTML and labels in a widget tree (and a self-assessment item's statement), for finding what a page shows."""
    found = [str(getattr(widget, name, "")) for name in ("value", "description", "heading")]
    for child in getattr(widget, "children", ()):
        found.append(texts_in(child))
    return "\n".join(found)


def test_the_shipped_content_has_the_four_self_assessments_and_what_iv_standard_4_asks_for() -> None:
    """What the workbook promises; a trainer's rewording or an added item keeps it true."""
    instruments = {i.id: i for i in load_content(SHIPPED_CONTENT).instruments}
    assert set(instruments) == {"iv-standard-4", "lundy-checklist", "coproduction-values", "participation-mapping"}
    iv = instruments["iv-standard-4"]
    assert iv.asks.participation_degree and iv.asks.children_say and iv.asks.action and iv.participation_degrees


def test_the_four_self_assessments_have_their_shape() -> None:
    """The exact shape, on the fixture content the behaviour tests use (a trainer's ordinary
    edit to content/ must not turn CI red)."""
    instruments = {i.id: i for i in load_content(FIXTURE_CONTENT).instruments}
    iv = instruments["iv-standard-4"]
    assert [s.id for s in iv.sections] == ["standard-4-1", "standard-4-2"]
    assert len(iv.sections[0].items) == 7
    assert [level.label for level in iv.scale.levels] == [
        "Not in place", "Being established", "In place, needs improving", "In place and effective"]
    assert iv.asks.participation_degree and iv.asks.children_say and iv.asks.action
    assert len(iv.participation_degrees) >= 5
    lundy = instruments["lundy-checklist"]
    assert [(s.title, len(s.items)) for s in lundy.sections] == [("Space", 3), ("Voice", 3), ("Audience", 3), ("Influence", 3)]
    assert [level.label for level in lundy.scale.levels] == ["No", "Partly", "Yes"]
    values = instruments["coproduction-values"]
    assert [s.title for s in values.sections] == ["Equality", "Diversity", "Accessibility", "Reciprocity"]
    mapping = instruments["participation-mapping"]
    assert [s.title for s in mapping.sections] == [
        "Shared values", "Strategy", "Structures", "Systems", "Staff", "Skills and knowledge", "Style of leadership"]
    assert [level.label for level in mapping.scale.levels] == ["Emerging", "Established", "Advanced"]


@pytest.mark.parametrize("instrument", load_content(SHIPPED_CONTENT).instruments, ids=lambda i: i.id)
def test_every_item_cites_a_source_and_the_page_calls_its_instrument(instrument) -> None:
    assert instrument.sources
    assert all(item.sources for item in instrument.items)
    notebook = json.loads((staff_notebooks_dir() / instrument.page).read_text())
    code = "".join(cell["source"] for cell in notebook["cells"] if cell["cell_type"] == "code")
    assert f'assessment_page("{instrument.id}")' in code


def test_an_item_added_to_a_content_file_shows_on_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, results_folder: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    path = folder / "instruments" / "iv-standard-4.yaml"
    data = yaml.safe_load(path.read_text())
    data["sections"][1]["items"].append(
        {"id": "iv4-budget", "text": "Children and young people help decide how part of the budget is spent.", "sources": ["nivn-involving"]}
    )
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    monkeypatch.setenv(CONTENT_DIR_VARIABLE, str(folder))  # as a Voila kernel would inherit it
    page = assessment_page("iv-standard-4")
    shown = texts_in(page)
    assert "help decide how part of the budget is spent" in shown
    assert "0 of 4 answered" in shown and "0 of 11 answered" in shown
    assert "budget" not in texts_in(assessment_page("iv-standard-4", load_content(FIXTURE_CONTENT)))


def test_asking_for_the_degree_of_participation_needs_the_choices_listed(tmp_path: Path) -> None:
    tree = valid_content()
    tree["instruments/iv.yaml"]["asks"] = {"participation_degree": True}
    content, pages = write_content(tmp_path, tree)
    with pytest.raises(ContentError) as caught:
        load_content(content, pages)
    assert [str(p) for p in caught.value.problems] == [
        "content/instruments/iv.yaml: `asks.participation_degree` is on, so list the choices in `participation_degrees`"
    ]
    tree["instruments/iv.yaml"]["participation_degrees"] = ["Consulted and informed", "Consulted and informed"]
    content, pages = write_content(tmp_path / "again", tree)
    with pytest.raises(ContentError, match="`participation_degrees` lists 'Consulted and informed' more than once"):
        load_content(content, pages)
