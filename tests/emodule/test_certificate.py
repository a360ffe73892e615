"""What the certificate says and how its PDF reads: names in any script read back exactly (pypdf),
one landscape page, dates in words, every module with its outcomes and time, the organisation
running the workbook, a verification id the store finds the learner by, and a file name with
the learner's own letters."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.emodule_helpers import LEARNER, complete_everything
from widgets.content import load_content
from widgets.emodule import Learner, LearnerSession
from widgets.emodule.certificate_pdf import certificate_html, certificate_pdf, logo_data_url
from widgets.results import ResultsStore
from widgets.settings import content_dir

NAMES = ["Zoë Ní Bhriain", "Siân Llywelyn", "فاطمة الزهراء", "王小明", "Amaka Obi 🌟"]


def finished(name: str, organisation: str = "Shire Children and Family Service") -> LearnerSession:
    session = LearnerSession.register(Learner(name, organisation), load_content())
    complete_everything(session)
    return session


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("name", NAMES)
def test_the_pdf_holds_a_name_in_any_script_exactly_on_one_landscape_page(results_folder: Path, name: str) -> None:
    certificate = finished(name).certificate()
    data = certificate_pdf(certificate)
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 1
    assert pages[0].mediabox.width > pages[0].mediabox.height  # landscape
    text = pdf_text(data)
    named = text.split("This certifies that", 1)[1].lstrip()
    assert named.startswith(name) and named[len(name):].lstrip().startswith("of ")  # no glyph lost, added or reordered
    assert "\ufffd" not in text and "□" not in text


def test_the_certificate_names_modules_outcomes_time_dates_in_words_and_the_verification(results_folder: Path) -> None:
    session = finished(LEARNER.name)
    certificate = session.certificate()
    brand = session.content.site.brand
    assert brand is not None and brand.logo
    logo = logo_data_url(content_dir() / "pictures" / brand.logo)
    html = certificate_html(certificate, logo)
    assert "src='data:image/svg+xml;base64," in html
    text = " ".join(pdf_text(certificate_pdf(certificate, logo)).split())
    assert "Shire Children and Family Service" in text and "Certificate of completion" in text
    for module in session.content.modules:
        assert module.title in text and f"{module.minutes} minutes" in text
        for outcome in module.learning_outcomes:
            assert outcome.text in text
    assert f"({certificate.minutes} minutes of learning)" in text
    assert certificate.completed_on.count(" ") == 2 and certificate.completed_on in text  # "1 December 2026"
    assert certificate.verification_id in text.replace(" ", "")
    assert "Verify a certificate" in text


def test_the_verification_id_is_the_attempt_that_finished_and_names_its_learner_in_the_store(results_folder: Path) -> None:
    session = finished(LEARNER.name)
    certificate = session.certificate()
    store = ResultsStore(results_folder)
    assert store.learner_of(certificate.verification_id) == session.code
    saved = store.submission(certificate.verification_id)
    assert saved is not None and {row["instrument"] for row in saved.rows} == {session.content.modules[-1].id}  # the last passed


def test_the_file_name_keeps_the_learners_letters(results_folder: Path) -> None:
    assert finished("Zoë Ní Bhriain").certificate().filename == "Certificate Zoë Ní Bhriain.pdf"


def test_the_certificate_says_the_same_on_any_day(results_folder: Path) -> None:
    session = finished(LEARNER.name)
    assert session.certificate() == LearnerSession.resume(session.code).certificate()
