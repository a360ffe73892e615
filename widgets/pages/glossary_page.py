"""The glossary page: every term the modules use, in plain words, each with an anchor so
module text can link to it (``glossary.ipynb#iro``)."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.content import Content, load_content
from widgets.ui.page_guard import guarded_page
from widgets.ui.style import page_style


def glossary_html(content: Content) -> str:
    """A definition list, A to Z, with each abbreviation beside its full words."""
    entries = []
    for term in content.glossary:
        name = html.escape(term.term)
        if term.abbreviation:
            name += f" ({html.escape(term.abbreviation)})"
        cited = "; ".join(html.escape(content.sources[s].citation) for s in term.sources)
        source = f"<br><small>Source: {cited}</small>" if cited else ""
        entries.append(f"<dt id='{html.escape(term.id)}'><strong>{name}</strong></dt><dd>{html.escape(term.definition)}{source}</dd>")
    return f"<h2>Words we use</h2><dl class='viw-glossary'>{''.join(entries)}</dl>"


@guarded_page
def glossary_page(content: Content | None = None) -> ipw.VBox:
    content = content or load_content()
    page = ipw.VBox([page_style(), ipw.HTML(glossary_html(content))])
    page.add_class("viw-page")
    return page
