"""Shared view parts: callbacks never leak a traceback; messages use words, not colour alone;
free text carries the privacy reminder; downloads are safe links."""

from __future__ import annotations

import logging

import ipywidgets as ipw
import pytest

from widgets.ui.downloads import DownloadLink, safe_filename
from widgets.ui.free_text import FreeText
from widgets.ui.messages import LIVE, StatusMessage
from widgets.ui.safe import SORRY, safe_callback
from widgets.errors import Refused


@pytest.mark.parametrize("internal", [KeyError("internal"), ValueError("Expecting value: line 1 column 1 (char 0)")])
def test_refusals_are_shown_in_plain_words_and_other_errors_as_an_apology(caplog: pytest.LogCaptureFixture, internal: Exception) -> None:
    """A library's ValueError (json's, here) is an internal error like any other: never shown."""
    status = StatusMessage()

    @safe_callback(status)
    def explain(_button: ipw.Button) -> None:
        raise Refused("Choose an answer first.")

    @safe_callback(status)
    def crash(_button: ipw.Button) -> None:
        raise internal

    button = ipw.Button(description="Check")
    button.on_click(explain)
    button.click()
    assert "Problem:" in status.value and "Choose an answer first." in status.value
    button = ipw.Button(description="Check")
    button.on_click(crash)
    with caplog.at_level(logging.ERROR, logger="widgets"):
        button.click()
    assert SORRY in status.value and "Traceback" not in status.value and str(internal) not in status.value
    assert "crash failed" in caplog.text


def test_messages_are_announced_and_escape_text() -> None:
    status = StatusMessage()
    assert LIVE in status._dom_classes and status.value == ""  # the page makes it a live region, empty
    status.show("<b>saved</b>", "success")
    assert "Done:" in status.value and "&lt;b&gt;saved&lt;/b&gt;" in status.value
    assert "role=" not in status.value and "aria-live" not in status.value  # never a new region with each message


def test_the_same_message_twice_is_written_afresh_so_it_is_announced_again() -> None:
    status = StatusMessage()
    shown: list[str] = []
    status.observe(lambda change: shown.append(change["new"]), "value")
    status.show("Choose an answer first.", "error")
    status.show("Choose an answer first.", "error")
    status.show("Saved.", "success")
    assert [bool(value) for value in shown] == [True, False, True, True]
    assert "Problem:" in shown[2] and "Done:" in shown[3]


def test_free_text_has_a_visible_label_a_count_and_the_privacy_reminder_and_never_cuts() -> None:
    field = FreeText("Evidence", value="Siân", max_length=5)
    assert field.box.description == "Evidence"
    assert "Do not name or identify any child" in field.children[2].value
    assert "4 of 5 characters" in field.count.value  # shown before the limit is reached
    field.box.value = "x" * 10
    assert "10 of 5 characters: 5 too many" in field.count.value
    assert field.box.value == "x" * 10  # refused by the model, never cut in the box


def test_download_link_carries_the_bytes_and_keeps_letters_of_any_script_in_the_name() -> None:
    link = DownloadLink(b"a,b\r\n", '../my "results".csv', "text/csv", "Download <CSV>")
    assert (link.data, link.mime, link.label) == (b"a,b\r\n", "text/csv", "Download <CSV>")  # the page sets it as text
    assert link.filename == "my -results-.csv"
    assert safe_filename("Certificate Zoë Ní Bhriain.pdf") == "Certificate Zoë Ní Bhriain.pdf"
    assert safe_filename("شهادة 王小明 🌟.pdf") == "شهادة 王小明 🌟.pdf"
    assert safe_filename("con:\x00/..") == "con"


def test_query_parameters_read_the_page_query_string(monkeypatch: pytest.MonkeyPatch) -> None:
    from widgets.ui.request import query_parameters

    monkeypatch.setenv("QUERY_STRING", "code=K7QX-9MZD&code=other&empty=&x=%3Cb%3E")
    assert query_parameters() == {"code": "K7QX-9MZD", "x": "<b>"}
    monkeypatch.delenv("QUERY_STRING")
    assert query_parameters() == {}


def test_every_picture_is_drawn_wide_enough_for_its_smallest_text() -> None:
    from widgets.pages.module_parts.steps import picture_html
    from widgets.settings import content_dir
    from widgets.ui.pictures import READABLE_PX, smallest_text

    pictures = sorted(p.name for p in (content_dir() / "pictures").glob("*.svg") if p.name != "shire-logo.svg")
    assert "treseder-circle.svg" in pictures  # 12-unit labels in a 900-unit picture
    assert smallest_text("shire-logo.svg") is None  # a logo without words needs no width of its own
    for name in pictures:
        share = smallest_text(name)
        assert share is not None, name
        width = int(picture_html(name, "words").split("min-width:")[1].split("px")[0])
        assert width * share >= READABLE_PX - 1e-9 and (width - 1) * share < READABLE_PX, name  # wide enough, no wider


def test_the_theme_takes_the_organisation_and_colours_from_the_site_file() -> None:
    from widgets.content import load_content
    from widgets.ui.style import page_style

    site = load_content().site
    html = page_style(site).value
    assert "--viw-primary: #1d5b8f;" in html and "--viw-header-text: #ffffff;" in html
    header = html.split("</style>")[1]
    assert header.startswith("<div class='viw-site-header'><div><a class='viw-home-link' href='index.ipynb'>")
    assert "Shire Children and Family Service" in header and "data:image/svg+xml;base64," in header
    assert "href='dashboard.ipynb'" in page_style(site, home="dashboard.ipynb").value
    plain = site.model_copy(update={"brand": site.brand.model_copy(update={"organisation": None}),
                                    "local_routes": site.local_routes.model_copy(update={"organisation": "Northshire"})})
    assert "<span class='viw-site-organisation'>Northshire</span>" in page_style(plain).value  # the name the modules use
