"""One self-assessment item as one widget: what the page sends goes to the model once and is
not echoed back, what a tampered page sends is refused and the page set right, and a saved
answer shown is not taken for a new change."""

from __future__ import annotations

from typing import Any

from widgets.assessment.model import Answer
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


def from_page(form: ItemForm, part: str, value: object) -> None:
    form._handle_custom_msg({"kind": "value", "part": part, "value": value}, [])


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
