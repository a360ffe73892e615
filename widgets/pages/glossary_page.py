"""The glossary page: every term the modules use, in plain words, each with an anchor so
module text can link to it (``glossary.ipynb#iro``)."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.content import Content, load_content
from widgets.ui.page_guard import guarded_page
from widgets.ui.style import page_style


def glossary_html(content: Content) -> str:
    """One short section per term, A to Z, each abbreviation beside its full words. Headings
    rather than a definition list: they stack on a phone and a screen reader can jump by them."""
    entries = []
    for term in content.glossary:
        name = html.escape(term.term[:1].upper() + term.term[1:])
        if term.abbreviation:
            name += f" ({html.escape(term.abbreviation)})"
        cited = "; ".join(html.escape(content.sources[s].citation.rstrip(".")) for s in term.sources)
        source = f"<p class='viw-source'><small>Source: {cited}.</small></p>" if cited else ""
        entries.append(f"<h3 id='{html.escape(term.id)}'>{name}</h3><p>{html.escape(term.definition)}</p>{source}")
    return f"<h2>Words we use</h2><section class='viw-glossary' aria-label='Glossary'>{''.join(entries)}</section>"


@guarded_page
def glossary_page(content: Content | None = None) -> ipw.VBox:
    content = content or load_content()
    page = ipw.VBox([page_style(), ipw.HTML(glossary_html(content))])
    page.add_class("viw-page")
    return page
