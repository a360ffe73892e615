"""One self-assessment item as one widget: what the page sends goes to the model once and is
not echoed back, what a tampered page sends is refused and the page set right, and a saved
answer shown is not taken for a new change."""

from __future__ import annotations

from typing import Any

from widgets.assessment.model import UNREADABLE_DATE, Answer
from widgets.content import load_content
from widgets.pages.assessment_form import HERE, ItemForm
from widgets.ui.choices import HERE as UI
from widgets.ui.free_text import SharedParts

Change = tuple[str, str, object]


def make_item() -> tuple[ItemForm, list[Change], list[Any]]:
    instrument = load_content().instrument("iv-standard-4")
    changes: list[Change] = []
    form = ItemForm(instrument.sections[0].items[0], instrument, lambda *change: changes.append(change), SharedParts.make())
    sent: list[Any] = []
    form.send_state = lambda key=None: sent.append(key)  # what the page would be sent back
    return form, changes, sent


def from_page(form: ItemForm, part: str, value: object, generation: int | None = None) -> None:
    form._handle_custom_msg({"kind": "value", "part": part, "value": value,
                             "generation": form.generation if generation is None else generation}, [])


def test_a_change_on_the_page_reaches_the_model_once_and_is_not_echoed() -> None:
    form, changes, sent = make_item()
    words = "Croeso! Mae'r plant yn dweud \u2018diolch\u2019 \u2014 \u0634\u0643\u0631\u0627 \U0001F44D"
    from_page(form, "rating", 2)
    from_page(form, "participation_degree", "Consulted and informed")
    from_page(form, "evidence", words)
    from_page(form, "action_due", "2027-03-31")
    assert changes == [(form.item.id, "rating", 2), (form.item.id, "participation_degree", "Consulted and informed"),
                       (form.item.id, "evidence", words), (form.item.id, "action_due", "2027-03-31")]
    assert sent == ["counts"]  # the line under the box only: an echo of the text would undo the keystroke after it
    assert f"{len(words):,} of 5,000 characters" in form.counts["evidence"]  # characters, as the model counts them


def test_what_a_tampered_page_sends_is_refused_and_the_page_set_right(caplog) -> None:
    form, changes, sent = make_item()
    from_page(form, "rating", 99)
    from_page(form, "participation_degree", "Whatever I like")
    from_page(form, "evidence", {"not": "text"})
    assert (form.rating, form.participation_degree, form.evidence) == (None, "", "")
    assert sent == ["rating", "participation_degree", "evidence"] and changes == []
    from_page(form, "heading", "<script>alert(1)</script>")  # not a part a person changes
    form._handle_custom_msg({"kind": "something else", "part": "rating", "value": 1}, [])
    assert form.heading.startswith("<h4") and form.rating is None and changes == []
    assert "refused a value for rating" in caplog.text and "ignored a message" in caplog.text
    for same_in_python in (True, False, 2.0):  # equal to a level in Python, but not what a page sends for one
        from_page(form, "rating", same_in_python)
    form._handle_custom_msg({"kind": "value", "part": "rating", "generation": 0}, [])  # no value: not "no rating"
    assert form.rating is None and changes == [] and "does not take: {'kind': 'value', 'part': 'rating'" in caplog.text
    from_page(form, "rating", 1)
    assert changes == [(form.item.id, "rating", 1)]  # a real choice of level 1 after a refused True still reaches the model


def test_the_page_may_change_only_the_parts_a_person_changes(caplog) -> None:
    """By the widgets' own protocol a page could rewrite the scale and then send any rating."""
    form, changes, sent = make_item()
    form.set_state({"scale": [{"label": "Mine", "value": 99}], "heading": "<b>mine</b>", "evidence": "Typed"})
    assert form.scale[-1]["value"] == 3 and form.heading.startswith("<h4") and form.evidence == "Typed"
    assert sent == ["counts", ["scale", "heading"]] and changes == [(form.item.id, "evidence", "Typed")]  # the count line, then the page set right
    from_page(form, "evidence", "x" * 1_000_000 + "<end>")
    form.set_state({"rating": "x" * 1_000_000})
    assert form.rating is None and "<end>" not in caplog.text and len(caplog.text) < 5_000  # a log line is shortened


def test_a_keystroke_crossing_a_saved_answer_is_dropped_so_page_and_draft_agree() -> None:
    """The person types while "Carry on from this code" puts their saved answer in: what the
    page sent before it saw the saved answer is dropped, and the page is shown the kernel's."""
    form, changes, sent = make_item()
    seen = form.generation
    form.show(Answer(evidence="Saved on Monday"))
    sent.clear()
    from_page(form, "evidence", "typed before the saved answer arrived", generation=seen)
    assert form.evidence == "Saved on Monday" and changes == [] and sent == [["evidence", "generation"]]
    from_page(form, "evidence", "Saved on Monday, and more")  # typed after: taken
    assert form.evidence == "Saved on Monday, and more" and changes == [(form.item.id, "evidence", "Saved on Monday, and more")]


def test_a_date_the_browser_could_not_read_goes_to_the_model_and_the_saved_date_stays() -> None:
    form, changes, _ = make_item()
    from_page(form, "action_due", "2027-03-31")
    form._handle_custom_msg({"kind": "unreadable", "part": "action_due"}, [])
    assert form.action_due == "2027-03-31" and changes[-1] == (form.item.id, "action_due", UNREADABLE_DATE)


def test_text_over_the_limit_is_kept_in_the_box_and_counted_in_words() -> None:
    form, changes, _ = make_item()
    text = "a" * 5_003
    from_page(form, "children_say", text)
    assert form.children_say == text and changes == [(form.item.id, "children_say", text)]  # the model refuses it, with a message
    assert "5,003 of 5,000 characters: 3 too many." in form.counts["children_say"]


def test_a_saved_answer_shown_is_not_a_new_change() -> None:
    form, changes, _ = make_item()
    form.show(Answer(rating=3, participation_degree="Not involved yet", evidence="Minutes of the May panel",
                     action_owner="Siân", action_due="2027-01-15"))
    assert (form.rating, form.evidence, form.action_owner, form.action_due) == (3, "Minutes of the May panel", "Siân", "2027-01-15")
    assert changes == [] and "24 of 5,000" in form.counts["evidence"]


def test_the_script_is_packaged_and_draws_the_choices_with_the_shared_code() -> None:
    esm = ItemForm._esm
    assert isinstance(esm, str) and esm.startswith((UI / "choice_inputs.js").read_text())
    assert esm.endswith((HERE / "assessment_item.js").read_text()) and "http" not in esm
