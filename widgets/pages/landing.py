"""The start page: one main action at the top ("Start the training", or "Continue the
training" for a learner whose resume code is in the address), a way back in with a code,
the training modules, a separate block for services' self-assessments, and a short privacy
note with the full note folded under it."""

from __future__ import annotations

import html
import logging

import ipywidgets as ipw

from widgets.content import Content, load_content
from widgets.content.glossary import GLOSSARY_PAGE
from widgets.emodule import LearnerSession, Status
from widgets.emodule.resume import PARAMETER, resume_link
from widgets.errors import Refused
from widgets.ui.address import AddressCode
from widgets.ui.markdown import to_html
from widgets.ui.page_guard import guarded_page
from widgets.ui.request import query_parameters
from widgets.ui.style import page_style

log = logging.getLogger("widgets")

CSS = """
.viw-start-action { display: inline-block; min-height: 44px; box-sizing: border-box; padding: 0.6rem 1.2rem; border-radius: 4px; font-weight: 700;
  background: var(--viw-primary); color: var(--viw-primary-text) !important; text-decoration: none !important; }
.viw-code-form label { display: block; font-weight: 600; margin: 0.5rem 0 0.25rem 0; }
.viw-code-form input { font-size: 1rem; padding: 0.4rem; width: 12rem; max-width: 100%; min-height: 2.75rem; box-sizing: border-box; }
.viw-code-form button { font: inherit; min-height: 2.75rem; margin-left: 0.25rem; padding: 0 1rem; }
.viw-code-form h2 { font-size: 1.15rem; margin: 0; }
"""


class LandingPage(ipw.VBox):
    def __init__(self, content: Content):
        self.content = content
        self.address = AddressCode()
        self.action = ipw.HTML(self._action_html(None))
        self.action.add_class("viw-start")
        tagline = ipw.HTML(f"<p class='viw-tagline'><strong>{html.escape(content.site.tagline)}</strong></p>")
        super().__init__([page_style(), ipw.HTML(f"<style>{CSS}</style>"), self.address, tagline, self.action,
                          ipw.HTML(_body_html(content))])
        self.add_class("viw-page")
        self.add_class("viw-landing")

    def open_link(self, code: str | None) -> None:
        """A resume code in the address: the main action continues that learner's training."""
        if not code:
            return
        try:
            session = LearnerSession.resume(code, self.content)
        except Refused as error:
            self.action.value = self._action_html(None, str(error))
            return
        except Exception:  # noqa: BLE001 - a person must never see a traceback
            log.exception("Opening the learner named by the start page's address failed")
            self.action.value = self._action_html(None, "Your saved progress could not be opened just now. Please reload the page.")
            return
        self.address.code = session.code
        self.action.value = self._action_html(session)

    def _action_html(self, session: LearnerSession | None, problem: str = "") -> str:
        modules = self.content.modules
        if not modules:
            return ""
        if session is None:
            note = (f"<div class='viw-message viw-error'><strong>Problem:</strong> {html.escape(problem)}</div>"
                    if problem else "")
            return (
                f"<p><a class='viw-start-action' href='{html.escape(modules[0].page)}'>Start the training</a></p>"
                f"{note}<form class='viw-code-form viw-card' method='get' action='' aria-label='Continue with your code'>"
                "<h2>Been here before? Continue with your code</h2><label for='viw-resume-code'>Your resume code, like K7QX-9MZD</label>"
                f"<input id='viw-resume-code' name='{PARAMETER}' autocomplete='off' spellcheck='false'>"
                "<button type='submit'>Continue</button></form>"
            )
        unpassed = [module for module, status in session.statuses() if status is not Status.PASSED]
        target = unpassed[0] if unpassed else modules[-1]  # the certificate is in every module's progress box
        label = f"Continue the training: {target.title}" if unpassed else "See your certificate"
        return (
            f"<p>Welcome back. Your resume code <strong class='viw-code'>{html.escape(session.code)}</strong> is in this "
            "page's address: bookmark it to come back.</p>"
            f"<p><a class='viw-start-action' href='{html.escape(resume_link(target.page, session.code))}'>{html.escape(label)}</a></p>"
        )


def _body_html(content: Content) -> str:
    site = content.site
    audiences = "".join(f"<li>{html.escape(a)}</li>" for a in site.audiences)
    sections = [
        to_html(site.purpose),
        f"<h2>Who it is for</h2><ul>{audiences}</ul>",
    ]
    if content.modules:
        items = "".join(
            f"<li><a href='{html.escape(m.page)}'>{html.escape(m.title)}</a> "
            f"({m.minutes} minutes): {html.escape(m.summary)}</li>"
            for m in content.modules
        )
        sections.append(f"<h2>Training modules</h2><p>Work through them in this order.</p><ol>{items}</ol>")
        months = site.follow_up.months_after_last_pass
        sections.append(f"<p>{months} months after you pass the last module, your trainer invites you to "
                        "<a href='follow_up.ipynb'>the impact review</a>: your confidence again, what you have used, and one example.</p>")
    if content.glossary:
        sections.append(f"<p><a href='{GLOSSARY_PAGE}'>Glossary</a>: the words the modules use, in plain words.</p>")
    if content.instruments:
        items = "".join(
            f"<li><a href='{html.escape(i.page)}'>{html.escape(i.title)}</a>: {html.escape(i.summary)}</li>"
            for i in content.instruments
        )
        sections.append(
            "<section class='viw-card viw-self-assessments' aria-labelledby='viw-self-assessments'>"
            "<h2 id='viw-self-assessments'>Self-assessments for services and teams</h2>"
            f"<p>For a service or team to check its own practice, with evidence and an action plan.</p><ul>{items}</ul></section>"
        )
    summary = f"<p>{html.escape(site.privacy_summary)}</p>" if site.privacy_summary else ""
    sections.append(
        f"<section class='viw-privacy' aria-label='Privacy'><h2>Privacy</h2>{summary}"
        f"<details><summary>What is stored, where, and who can see it</summary>{to_html(site.privacy_note)}</details></section>"
    )
    return "".join(sections)


@guarded_page
def landing_page(content: Content | None = None) -> LandingPage:
    """Built before the query is read: a preheated kernel does the slow part before anyone asks."""
    page = LandingPage(content or load_content())
    page.open_link(query_parameters().get(PARAMETER))
    return page
