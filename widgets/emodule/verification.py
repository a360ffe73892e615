"""Checking a certificate: from its verification id alone, whose it is. The store knows which
learner an attempt belongs to (``ResultsStore.learner_of``); their record rebuilds the
certificate, which must name that same id (the attempt that completed the e-module).

Someone who may check only some organisations' certificates (a manager, ``may_see``) is told of
an id of another organisation's exactly what they are told of an id that does not exist: not
whether it is a certificate, an attempt, or anything at all."""

from __future__ import annotations

import re
from typing import Callable

from widgets.content import Content
from widgets.emodule.certificate import Certificate, certificate_for
from widgets.emodule.progress import LearnerRecord
from widgets.errors import Refused
from widgets.results import ResultsStore
from widgets.results.drafts import DraftStore

ID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
LEARNER_DRAFTS = "learner"  # the kind LearnerSession keeps records under


def anyone(organisation: str) -> bool:
    return True


def verify_certificate(typed: str, store: ResultsStore, content: Content,
                       may_see: Callable[[str], bool] = anyone) -> Certificate:
    """The certificate with this verification id, as it was issued; Refused says plainly why
    an id is not one (mistyped, unknown, or an attempt that did not complete the e-module).
    An id whose learner's organisation is not ``may_see``'s is answered as unknown."""
    verification_id = "".join(typed.split()).lower()
    if not ID_PATTERN.match(verification_id):
        raise Refused("That is not a verification id: it has 36 letters, digits and dashes, like "
                      "2bfe9f99-9d5b-468d-aa23-ebdc9f91f0d9. Check it against the certificate.")
    code = store.learner_of(verification_id)
    opened = DraftStore(LEARNER_DRAFTS, store=store).load(code) if code else None
    try:
        record = LearnerRecord.from_dict(opened.data) if opened else None
    except Refused:
        record = None
    if opened is None or not may_see(record.learner.organisation if record else ""):
        raise Refused(f"No certificate has the verification id {verification_id} in this workbook's results. "
                      "Check the id; a certificate from another installation is checked there.")
    try:
        certificate = certificate_for(record, content) if record else None
    except Refused:
        certificate = None
    if certificate is None or certificate.verification_id != verification_id:
        raise Refused(f"{verification_id} is a quiz attempt, but not the one that completed the e-module: "
                      "it is not a certificate's verification id.")
    return certificate
