"""The end of the e-module on the page: the certificate to download (a blob: link, so it works
where data: links are blocked), its verification id and how it is checked, and the learner's
own confidence before and after."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.emodule import LearnerSession
from widgets.emodule.certificate import CHECK_HOW
from widgets.emodule.certificate_pdf import certificate_pdf, logo_data_url
from widgets.settings import content_dir
from widgets.ui.downloads import DownloadLink

CSS = """
.viw-certificate .viw-verification { font-family: monospace; overflow-wrap: anywhere; }
.viw-confidence-change { border-collapse: collapse; margin: 0.75rem 0; width: 100%; max-width: 48rem; }
.viw-confidence-change caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
.viw-confidence-change th, .viw-confidence-change td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem;
  border-bottom: 1px solid #8a8a8a; }
.viw-confidence-change tbody th { font-weight: normal; }
.viw-confidence-change td { white-space: nowrap; }
"""


def certificate_part(session: LearnerSession) -> ipw.VBox:
    """What the panel shows once every module is passed and the after-ratings are in."""
    certificate = session.certificate()
    brand = session.content.site.brand
    logo = logo_data_url(content_dir() / "pictures" / brand.logo) if brand.logo else None
    heading = ipw.HTML("<h2>Well done: your certificate</h2>")
    link = DownloadLink(certificate_pdf(certificate, logo), certificate.filename, "application/pdf",
                        "Download your certificate (PDF)")
    about = ipw.HTML(
        f"<style>{CSS}</style><p>Completed on {html.escape(certificate.completed_on)}.</p>"
        f"<p class='viw-hint'>Verification id: <span class='viw-verification'>{html.escape(certificate.verification_id)}</span>"
        f"<br>{html.escape(CHECK_HOW)}</p>" + confidence_html(session)
    )
    part = ipw.VBox([heading, link, about])
    part.add_class("viw-certificate")
    return part


def confidence_html(session: LearnerSession) -> str:
    """The learner's own ratings before and after, outcome by outcome, as a table."""
    changes = session.confidence_change()
    if not changes:
        return ""
    rows = "".join(
        f"<tr><th scope='row'>{html.escape(c.outcome)}</th><td>{c.before}</td><td>{c.after}</td>"
        f"<td>{'+' if c.after > c.before else ''}{c.after - c.before}</td></tr>"
        for c in changes
    )
    return (
        "<table class='viw-confidence-change'><caption>Your confidence, 1 (not at all) to 5 (very), before and after</caption>"
        "<thead><tr><th scope='col'>After the training I can</th><th scope='col'>Before</th><th scope='col'>After</th>"
        f"<th scope='col'>Change</th></tr></thead><tbody>{rows}</tbody></table>"
    )
