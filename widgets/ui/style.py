"""The workbook's look, one theme for every page: a header with the organisation's name (and
logo) linking home, readable type (16 px on a phone, 19 px on wider screens), a content column,
clear primary and secondary buttons, controls a finger can hit (44 px), and the colours of
content/site.yaml as CSS custom properties (--viw-<name>), so a council rebrands in one file.

ipywidgets draws controls at 28 px in 13 px type, with fixed-height option rows that print
long text over the next row: its own CSS custom properties are set larger here, and its rows
allowed to grow. The header is drawn inside the page's first widget and moved above the
notebook's title by the page template (site_header.js).
"""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.content import ContentError, load_content
from widgets.content.site import Brand, Site
from widgets.ui.choices import CSS as CHOICES_CSS
from widgets.ui.pictures import picture_source

TARGET = "44px"  # the smallest tap target (WCAG 2.5.5; the GOV.UK Design System's minimum)

CSS = """
#rendered_cells { background: var(--viw-background); color: var(--viw-text); padding: 0 !important; margin: 0; }
/* ipywidgets gives every HTML widget the height and line height of a control: text is spaced
   as text here, and a widget with nothing to show (a style, an empty status line) takes no room. */
.viw-page .widget-html, .viw-page .widget-html-content { height: auto; min-height: 0; line-height: 1.5; }
.viw-page .widget-html-content { white-space: normal; }
#rendered_cells > div:not(.viw-site-header) { max-width: 48rem; margin: 0 auto; padding: 0 1rem 3rem; box-sizing: border-box; }
#rendered_cells > div:not(.viw-site-header):has(.viw-dashboard) { max-width: 80rem; }
#rendered_cells .jp-Cell, #rendered_cells .jp-RenderedHTMLCommon, #rendered_cells .jp-OutputArea-output { padding: 0; }
#rendered_cells .jp-OutputArea-prompt { display: none; }
#rendered_cells .jp-RenderedHTMLCommon, .viw-page { font-size: 16px; line-height: 1.5; color: var(--viw-text); }
#rendered_cells .jp-MarkdownOutput h1 { font-size: 2rem; line-height: 1.2; margin: 1.5rem 0 0.75rem; color: var(--viw-text); }
#rendered_cells .jp-MarkdownOutput p { font-size: 1.1875rem; max-width: 40rem; }
@media (min-width: 768px) {
  #rendered_cells .jp-RenderedHTMLCommon, .viw-page { font-size: 19px; }
  #rendered_cells .jp-MarkdownOutput h1 { font-size: 3rem; }
  #rendered_cells > div:not(.viw-site-header) { padding: 0 2rem 4rem; }
}
.viw-site-header { background: var(--viw-header); color: var(--viw-header-text); border-bottom: 8px solid var(--viw-primary); }
.viw-site-header > div { max-width: 48rem; margin: 0 auto; padding: 0.5rem 1rem; box-sizing: border-box; }
#rendered_cells:has(.viw-dashboard) .viw-site-header > div { max-width: 80rem; }
@media (min-width: 768px) { .viw-site-header > div { padding: 0.75rem 2rem; } }
.viw-site-header a { display: inline-flex; align-items: center; gap: 0.75rem; min-height: 44px; color: var(--viw-header-text) !important;
  text-decoration: none; font-size: 1.125rem; line-height: 1.3; }
.viw-site-header a:hover .viw-site-name, .viw-site-header a:focus-visible .viw-site-name { text-decoration: underline; }
.viw-site-header img { height: 40px; width: auto; flex: none; }
.viw-site-header .viw-site-organisation { display: block; font-weight: 700; }
.viw-site-header .viw-site-name { display: block; font-size: 0.9375rem; }
.viw-site-header :focus-visible { outline: 3px solid var(--viw-focus) !important; outline-offset: 2px; background: var(--viw-background);
  color: var(--viw-text) !important; }

.viw-page { --jp-widgets-font-size: 1em; --jp-widgets-inline-height: TARGET; --jp-widgets-inline-label-width: auto;
  --jp-widgets-inline-width: 100%; --jp-widgets-inline-width-short: 100%; --jp-widgets-radio-item-height: auto;
  --jp-widgets-input-border-color: #505a5f; --jp-widgets-input-color: var(--viw-text);
  --jp-widgets-label-color: var(--viw-text); --jp-widgets-readout-color: var(--viw-text); width: 100%; }
.viw-page h1, .viw-page h2, .viw-page h3 { color: var(--viw-text); line-height: 1.25; }
.viw-page h2 { font-size: 1.5rem; margin: 1.75rem 0 0.75rem; }
.viw-page h3 { font-size: 1.25rem; margin: 1.25rem 0 0.5rem; }
.viw-page p, .viw-page li { max-width: 40rem; }
.viw-page a { color: var(--viw-link); text-decoration: underline; text-underline-offset: 0.15em; }
.viw-page img, .viw-page svg { max-width: 100%; height: auto; }
.viw-page details > summary { min-height: TARGET; display: flex; align-items: center; gap: 0.5rem; cursor: pointer; color: var(--viw-link); }
.viw-page details > summary::before { content: "\\25B8"; font-size: 1.25em; line-height: 1; flex: none; }
.viw-page details[open] > summary::before { content: "\\25BE"; }
/* ipywidgets takes the outline off its inputs with `outline: none !important` (specificity
   0,2,1); `.viw-page .jupyter-widgets` (0,3,0) wins, so a keyboard user always sees the focus. */
/* A date box's last Tab stop is its calendar button, inside the box: the box then matches only
   :focus-within, so it is outlined whenever the focus is anywhere in it. */
.viw-page :focus-visible, .viw-page .jupyter-widgets :focus-visible,
.viw-page .jupyter-widgets input[type="date"]:focus-within, .viw-page .viw-field input[type="date"]:focus-within {
  outline: 3px solid var(--viw-focus) !important; outline-offset: 2px; }

/* Form controls: a label above a box as wide as the column (a phone's whole width). */
.viw-page .widget-inline-hbox:not(.widget-html) { flex-wrap: wrap; height: auto; width: 100%; max-width: 40rem; margin: 0.5rem 0 1rem; }
.viw-page .widget-inline-hbox:not(.widget-html) > .widget-label { flex: 1 1 100%; width: auto; max-width: 100%; text-align: left; white-space: normal;
  height: auto; line-height: 1.4; margin: 0 0 0.25rem; font-weight: 700; }
/* The same for the boxes a widget draws itself (a self-assessment item: assessment_item.js). */
.viw-page .viw-field { display: flex; flex-direction: column; align-items: stretch; width: 100%; max-width: 40rem; margin: 0.5rem 0 1rem; }
.viw-page .viw-field-label { line-height: 1.4; margin: 0 0 0.25rem; font-weight: 700; overflow-wrap: anywhere; }
.viw-page .viw-free-text-field .viw-field-label { font-weight: 600; }
.viw-page .viw-field + .viw-count, .viw-page .viw-count > p { margin-top: 0; }
.viw-page .widget-text input, .viw-page .widget-textarea textarea, .viw-page .widget-dropdown select,
.viw-page .widget-datepicker input, .viw-page .viw-field input, .viw-page .viw-field textarea { flex: 1 1 100%; width: 100%; min-height: TARGET; border: 2px solid #505a5f; padding: 0.25rem 0.5rem; font-family: inherit;
  font-size: 1rem; box-sizing: border-box; }
.viw-page .widget-textarea textarea, .viw-page .viw-field textarea { min-height: 6rem; }
.viw-page .widget-radio-box { flex-basis: 100%; height: auto; }
.viw-page .widget-radio-box label { display: flex; flex-direction: row; justify-content: flex-start; align-items: center; gap: 0.5rem; min-height: TARGET; height: auto;
  line-height: 1.4; white-space: normal; margin: 0 0 0.25rem; padding: 0.25rem 0; cursor: pointer; }
.viw-page .widget-radio-box input, .viw-page .widget-checkbox input { width: 24px; height: 24px; flex: none; margin: 0; order: -1; }
.viw-page .widget-checkbox { height: auto; min-height: TARGET; width: 100%; max-width: 40rem; }
.viw-page .widget-checkbox label { display: flex; align-items: center; gap: 0.5rem; min-height: TARGET; height: auto; width: 100%;
  line-height: 1.4; white-space: normal; padding: 0.25rem 0; cursor: pointer; }
.viw-page .widget-checkbox label > span { white-space: normal; }

/* Buttons: the main action solid in the brand colour, the others outlined. */
.viw-page .jupyter-button { min-height: TARGET; height: auto; width: auto; max-width: 100%; padding: 0.5rem 1.25rem; font-size: 1rem;
  font-family: inherit; font-weight: 600; line-height: 1.3; white-space: normal; border-radius: 4px; margin: 0.25rem 0.75rem 0.75rem 0;
  background: var(--viw-background); color: var(--viw-primary); border: 2px solid var(--viw-primary); box-shadow: none; }
.viw-page .jupyter-button.mod-primary { background: var(--viw-primary); color: var(--viw-primary-text); border-color: var(--viw-primary);
  box-shadow: 0 2px 0 var(--viw-header); }
.viw-page .jupyter-button:disabled { opacity: 0.55; }
/* ipywidgets' warning button is white on orange (about 2.9:1): a darker orange reads at 7:1. */
.viw-page .jupyter-button.mod-warning { background: #8a4500; color: #ffffff; border-color: #8a4500; }
.viw-page .widget-hbox { flex-wrap: wrap; }

/* GOV.UK's error summary and the message beside the field: a thick red edge and words, never colour alone. */
.viw-error-summary { border: 5px solid #a4262c; padding: 0.75rem 1rem; margin: 1rem 0; }
.viw-error-summary h2 { margin-top: 0; }
.viw-error-summary a { color: #a4262c; font-weight: 700; }
.viw-error-message { color: #a4262c; font-weight: 700; margin: 0.5rem 0 0; }
.viw-visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
/* GOV.UK's summary list ("check your answers"): a term and its answer, side by side when there is room. */
.viw-summary-list { margin: 0 0 1rem; }
.viw-summary-list > div { display: flex; flex-wrap: wrap; gap: 0 1rem; border-bottom: 1px solid #b1b4b6; padding: 0.5rem 0; }
.viw-summary-list dt { font-weight: 700; flex: 1 1 14rem; margin: 0; }
.viw-summary-list dd { flex: 2 1 14rem; margin: 0; overflow-wrap: anywhere; }
.viw-hint { font-size: 0.9em; color: #3d3d3d; margin: 0 0 0.75rem 0; }
.viw-message { padding: 0.5rem 0.75rem; border-left: 6px solid; margin: 0.5rem 0; }
.viw-info { border-color: #0b4f9c; background: #eef4fb; }
.viw-success { border-color: #1e6b2f; background: #eef8f0; }
.viw-error { border-color: #a4262c; background: #fbeeee; }
.viw-download, .viw-button-link { display: inline-flex; align-items: center; min-height: TARGET; box-sizing: border-box;
  padding: 0.4rem 1rem; margin: 0.25rem 0.5rem 0.5rem 0; border: 2px solid var(--viw-primary); border-radius: 4px;
  color: var(--viw-primary) !important; text-decoration: none !important; font-weight: 600; }
.viw-button-link.viw-primary-action { background: var(--viw-primary); color: var(--viw-primary-text) !important; }
.viw-free-text-field .widget-textarea { flex-direction: column; align-items: stretch; }
.viw-free-text-field .widget-label { font-weight: 600; margin-bottom: 0.25rem; text-align: left; width: auto; }
.viw-card { border: 1px solid #8a8a8a; border-radius: 6px; padding: 0.75rem 1rem; margin: 0.5rem 0; box-sizing: border-box; }
.viw-privacy { background: #f4f4f4; border-left: 6px solid #555; padding: 0.5rem 1rem; }
.viw-last-action { white-space: pre-wrap; overflow-wrap: anywhere; }
""".replace("TARGET", TARGET) + CHOICES_CSS


def page_style(site: Site | None = None, home: str = "index.ipynb") -> ipw.HTML:
    """The stylesheet and the header, as the page's first widget. Without ``site`` it is read
    from the content; content that cannot load (the page that says so uses this too) gets the
    default brand."""
    if site is None:
        try:
            site = load_content().site
        except ContentError:
            site = None
    brand = site.brand if site else Brand()
    if site and not brand.organisation and site.local_routes.organisation:  # the name the modules use
        brand = brand.model_copy(update={"organisation": site.local_routes.organisation})
    title = site.title if site else "Voice & Influence Workbook"
    return ipw.HTML(f"<style>{custom_properties(brand)}{CSS}</style>{site_header(brand, title, home)}")


def custom_properties(brand: Brand) -> str:
    """The brand's colours as --viw-<name>, e.g. --viw-primary-text."""
    colours = "".join(f"--viw-{name.replace('_', '-')}: {value};" for name, value in brand.colours.model_dump().items())
    return f":root {{{colours}}}"


def site_header(brand: Brand, title: str, home: str) -> str:
    """The organisation's name (and logo, shown beside the name, so it needs no words of its
    own) and the workbook's, as one link to the start page. A div, not a <header>: it sits in
    the page's main landmark (the scrolling panel), where a banner landmark may not be."""
    logo = f"<img src='{picture_source(brand.logo)}' alt=''>" if brand.logo else ""
    organisation = f"<span class='viw-site-organisation'>{html.escape(brand.organisation)}</span>" if brand.organisation else ""
    return (
        f"<div class='viw-site-header'><div><a class='viw-home-link' href='{html.escape(home, quote=True)}'>{logo}"
        f"<span>{organisation}<span class='viw-site-name'>{html.escape(title)}</span></span></a></div></div>"
    )
