"""Content loads from data files, and every broken file is reported by file, item and field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tests.builders import valid_content, write_content
from tests.session_env import SHIPPED_CONTENT
from widgets.content import ContentError, load_content
from widgets.content.validate import main as validate_main


def problems_for(tmp_path: Path, tree: dict[str, Any]) -> list[str]:
    content, pages = write_content(tmp_path, tree)
    with pytest.raises(ContentError) as caught:
        load_content(content, pages)
    return [str(p) for p in caught.value.problems]


def broken(change) -> dict[str, Any]:
    tree = copy.deepcopy(valid_content())
    change(tree)
    return tree


def quiz_item(tree: dict[str, Any], number: int) -> dict[str, Any]:
    return tree["quizzes/lundy.yaml"]["items"][number - 1]


def test_valid_content_loads_with_every_part(tmp_path: Path) -> None:
    content = load_content(*write_content(tmp_path))
    assert [m.id for m in content.modules] == ["lundy"]
    quiz = content.quiz_for(content.module("lundy"))
    assert [item.type for item in quiz.items] == ["single_choice", "multiple_choice", "sort"]
    assert quiz.max_score == 1 + 1 + 2
    assert content.instrument("iv").scale.max_value == 3


def test_correct_answer_naming_a_missing_option_names_file_item_and_field(tmp_path: Path) -> None:
    tree = broken(lambda t: quiz_item(t, 1).update(correct="e"))
    assert problems_for(tmp_path, tree) == [
        "content/quizzes/lundy.yaml: item lundy-q1: `correct` names option 'e', which does not exist"
    ]


def test_multiple_choice_and_sort_answers_must_exist_too(tmp_path: Path) -> None:
    def change(t: dict[str, Any]) -> None:
        quiz_item(t, 2)["correct"] = ["a", "z"]
        quiz_item(t, 3)["scenarios"][1]["correct"] = "influence"

    assert problems_for(tmp_path, broken(change)) == [
        "content/quizzes/lundy.yaml: item lundy-q2: `correct` names option 'z', which does not exist",
        "content/quizzes/lundy.yaml: item lundy-q3: `scenarios` situation 's2': `correct` names category "
        "'influence', which does not exist",
    ]


def test_every_item_needs_feedback(tmp_path: Path) -> None:
    tree = broken(lambda t: quiz_item(t, 2).pop("feedback"))
    assert problems_for(tmp_path, tree) == [
        "content/quizzes/lundy.yaml: item lundy-q2: `feedback` is missing: add it"
    ]


def test_unknown_question_type_fails_at_load(tmp_path: Path) -> None:
    tree = broken(lambda t: quiz_item(t, 1).update(type="essay"))
    [problem] = problems_for(tmp_path, tree)
    assert problem.startswith("content/quizzes/lundy.yaml: item lundy-q1: `type` 'essay' is not a question type")
    assert "single_choice" in problem


def test_misspelt_field_is_reported_not_ignored(tmp_path: Path) -> None:
    tree = broken(lambda t: quiz_item(t, 1).update(feedbak="typo"))
    assert problems_for(tmp_path, tree) == [
        "content/quizzes/lundy.yaml: item lundy-q1: `feedbak` is not a field this file can have (check the spelling)"
    ]


def test_ids_must_be_unique_within_a_file(tmp_path: Path) -> None:
    tree = broken(lambda t: quiz_item(t, 2).update(id="lundy-q1"))
    assert problems_for(tmp_path, tree) == [
        "content/quizzes/lundy.yaml: `items` uses the id 'lundy-q1' more than once"
    ]


def test_ids_must_be_unique_across_files(tmp_path: Path) -> None:
    def change(t: dict[str, Any]) -> None:
        t["quizzes/other.yaml"] = copy.deepcopy(t["quizzes/lundy.yaml"])
        t["quizzes/other.yaml"]["items"] = [copy.deepcopy(quiz_item(t, 3))]

    assert problems_for(tmp_path, broken(change)) == [
        "content/quizzes/other.yaml: item lundy: this quiz id is already used in content/quizzes/lundy.yaml",
        "content/quizzes/other.yaml: item lundy-q3: this quiz item id is already used in content/quizzes/lundy.yaml",
    ]


def test_references_between_files_must_resolve(tmp_path: Path) -> None:
    def change(t: dict[str, Any]) -> None:
        t["modules/lundy.yaml"]["quiz"] = "lundy-quiz"
        t["modules/lundy.yaml"]["steps"][0]["sources"] = ["lundy-2008"]

    problems = problems_for(tmp_path, broken(change))
    assert "content/modules/lundy.yaml: `quiz` names quiz 'lundy-quiz', which does not exist" in problems
    assert "content/modules/lundy.yaml: item step 1: `sources` cites 'lundy-2008', which is not in content/sources.yaml" in problems


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    def change(t: dict[str, Any]) -> None:
        quiz_item(t, 1)["correct"] = "e"
        t["instruments/iv.yaml"]["scale"]["levels"][1]["value"] = 0
        t["site.yaml"]["schema_version"] = 2

    assert problems_for(tmp_path, broken(change)) == [
        "content/site.yaml: `schema_version` 2 is not supported: this workbook reads version 1",
        "content/quizzes/lundy.yaml: item lundy-q1: `correct` names option 'e', which does not exist",
        "content/instruments/iv.yaml: `levels` gives the same value to two levels",
    ]


def test_unreadable_yaml_names_the_line(tmp_path: Path) -> None:
    tree = valid_content()
    tree["quizzes/lundy.yaml"] = "schema_version: 1\nid: lundy\nitems: [\n  - broken"
    [problem] = problems_for(tmp_path, tree)
    assert problem.startswith("content/quizzes/lundy.yaml: line ")
    assert "could not be read" in problem


def test_missing_site_file_is_named(tmp_path: Path) -> None:
    tree = broken(lambda t: t.pop("site.yaml"))
    assert problems_for(tmp_path, tree) == ["content/site.yaml: this file is missing"]


def test_validate_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, _ = write_content(tmp_path / "bad", broken(lambda t: quiz_item(t, 1).update(correct="e")))
    assert validate_main([str(content)]) == 1
    assert "lundy-q1: `correct` names option 'e'" in capsys.readouterr().out


def test_the_shipped_content_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    # The shipped content/, named: the session's default content folder is the tests' fixture.
    assert validate_main([str(SHIPPED_CONTENT)]) == 0
    assert "All content is valid" in capsys.readouterr().out


def test_a_bad_brand_colour_names_the_file_and_the_field(tmp_path: Path) -> None:
    tree = broken(lambda t: t["site.yaml"].update(brand={"organisation": "Shire", "colours": {"primary": "dark blue"}}))
    assert problems_for(tmp_path, tree) == [
        "content/site.yaml: `brand.colours.primary` 'dark blue' is not a colour: write it as #rrggbb, e.g. #1d5b8f"
    ]


def test_brand_colours_that_cannot_be_read_together_are_refused(tmp_path: Path) -> None:
    tree = broken(lambda t: t["site.yaml"].update(brand={"colours": {"primary": "#ffdd00"}}))  # white on yellow
    problem, = problems_for(tmp_path, tree)
    assert problem.startswith("content/site.yaml: `brand.colours.primary_text` on `brand.colours.primary` has a contrast of 1.")
    assert problem.endswith("it must be at least 4.5:1 to be readable: darken or lighten one of them")


def test_a_brand_logo_must_be_a_picture_that_exists(tmp_path: Path) -> None:
    tree = broken(lambda t: t["site.yaml"].update(brand={"logo": "council.svg"}))
    assert problems_for(tmp_path, tree) == ["content/site.yaml: `brand.logo` names content/pictures/council.svg, which does not exist"]


def test_placeholders_in_module_text_are_filled_from_the_local_routes(tmp_path: Path) -> None:
    tree = valid_content()
    tree["modules/lundy.yaml"]["steps"][0]["body"] = "{children_in_care_council} meets monthly. Ask {organisation} how."
    empty = load_content(*write_content(tmp_path / "empty", tree))
    assert empty.module("lundy").steps[0].body == "Your children in care council meets monthly. Ask your organisation how."
    tree["site.yaml"]["local_routes"] = {"organisation": "Shire Council", "children_in_care_council": "Shire Voices"}
    named = load_content(*write_content(tmp_path / "named", tree))
    assert named.module("lundy").steps[0].body == "Shire Voices meets monthly. Ask Shire Council how."


def test_an_unknown_placeholder_or_local_route_names_file_item_and_field(tmp_path: Path) -> None:
    def change(t: dict[str, Any]) -> None:
        t["modules/lundy.yaml"]["steps"][0]["body"] = "Ask {organisaton} how."
        t["site.yaml"]["local_routes"] = {"youth_parliament": "Shire MYPs"}

    problems = problems_for(tmp_path, broken(change))
    assert "content/site.yaml: `local_routes.youth_parliament` is not a field this file can have (check the spelling)" in problems
    assert ("content/modules/lundy.yaml: item step 1: `body` uses the placeholder {organisaton}, which site.yaml's "
            "`local_routes` does not have (use {organisation}, {children_in_care_council}, {youth_council} or "
            "{care_leavers_group})") in problems


def test_glossary_links_must_name_a_term_and_terms_must_cite_known_sources(tmp_path: Path) -> None:
    def change(t: dict[str, Any]) -> None:
        t["glossary.yaml"] = {"schema_version": 1, "terms": [
            {"id": "iro", "term": "independent reviewing officer", "abbreviation": "IRO",
             "definition": "Chairs the review.", "sources": ["iro-handbook"]}]}
        t["modules/lundy.yaml"]["steps"][0]["body"] = "Tell her [IRO](glossary.ipynb#iro) and [tokenism](glossary.ipynb#tokenism)."

    assert problems_for(tmp_path, broken(change)) == [
        "content/modules/lundy.yaml: item step 1: `body` links to the glossary term 'tokenism', which is not in content/glossary.yaml",
        "content/glossary.yaml: item iro: `sources` cites 'iro-handbook', which is not in content/sources.yaml",
    ]


def test_a_repeated_glossary_abbreviation_is_refused(tmp_path: Path) -> None:
    def change(t: dict[str, Any]) -> None:
        t["glossary.yaml"] = {"schema_version": 1, "terms": [
            {"id": "iv", "term": "independent visitor", "abbreviation": "IV", "definition": "A volunteer."},
            {"id": "iv2", "term": "intravenous", "abbreviation": "IV", "definition": "Into a vein."}]}

    assert problems_for(tmp_path, broken(change)) == [
        "content/glossary.yaml: `terms` gives the abbreviation 'IV' to more than one term"]
