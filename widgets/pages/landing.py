"""The start page: what the workbook is for, links to every page, and the privacy note."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.content import Content, load_content
from widgets.content.glossary import GLOSSARY_PAGE
from widgets.ui.markdown import to_html
from widgets.ui.page_guard import guarded_page
from widgets.ui.style import page_style


@guarded_page
def landing_page(content: Content | None = None) -> ipw.VBox:
    content = content or load_content()
    site = content.site
    audiences = "".join(f"<li>{html.escape(a)}</li>" for a in site.audiences)
    sections = [
        f"<p class='viw-tagline'><strong>{html.escape(site.tagline)}</strong></p>",
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
        sections.append(f"<h2>Self-assessments for services and teams</h2><ul>{items}</ul>")
    sections.append(f"<section class='viw-privacy' aria-label='Privacy'><h2>Privacy</h2>{to_html(site.privacy_note)}</section>")
    page = ipw.VBox([page_style(), ipw.HTML("".join(sections))])
    page.add_class("viw-page")
    page.add_class("viw-landing")
    return page
