"""Checking a certificate: from its verification id alone, whose it is. The store knows which
learner an attempt belongs to (``ResultsStore.learner_of``); their record rebuilds the
certificate, which must name that same id (the attempt that completed the e-module)."""

from __future__ import annotations

import re

from widgets.content import Content
from widgets.emodule.certificate import Certificate, certificate_for
from widgets.emodule.progress import LearnerRecord
from widgets.errors import Refused
from widgets.results import ResultsStore
from widgets.results.drafts import DraftStore

ID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
LEARNER_DRAFTS = "learner"  # the kind LearnerSession keeps records under


def verify_certificate(typed: str, store: ResultsStore, content: Content) -> Certificate:
    """The certificate with this verification id, as it was issued; Refused says plainly why
    an id is not one (mistyped, unknown, or an attempt that did not complete the e-module)."""
    verification_id = "".join(typed.split()).lower()
    if not ID_PATTERN.match(verification_id):
        raise Refused("That is not a verification id: it has 36 letters, digits and dashes, like "
                      "2bfe9f99-9d5b-468d-aa23-ebdc9f91f0d9. Check it against the certificate.")
    code = store.learner_of(verification_id)
    opened = DraftStore(LEARNER_DRAFTS, store=store).load(code) if code else None
    if opened is None:
        raise Refused(f"No certificate has the verification id {verification_id} in this workbook's results. "
                      "Check the id; a certificate from another installation is checked there.")
    try:
        certificate = certificate_for(LearnerRecord.from_dict(opened.data), content)
    except Refused:
        certificate = None
    if certificate is None or certificate.verification_id != verification_id:
        raise Refused(f"{verification_id} is a quiz attempt, but not the one that completed the e-module: "
                      "it is not a certificate's verification id.")
    return certificate
