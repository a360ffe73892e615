"""Load every content file, validate it, and check the files agree with each other.

Validation is lazy (as pandera does it): every problem in every file is gathered into one
report, so a trainer fixes them all in one go rather than one per run.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from widgets.content.errors import ContentError, Problem
from widgets.content.glossary import Glossary, Term, glossary_links
from widgets.content.instrument import Instrument
from widgets.content.module import Module
from widgets.content.placeholders import fill, unknown_placeholders
from widgets.content.quiz import Quiz
from widgets.content.site import Site
from widgets.content.sources import Source, SourceList
from widgets.settings import content_dir, staff_notebooks_dir

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Content:
    """Everything in ``content/``, validated. Modules are in their teaching order."""

    site: Site
    sources: dict[str, Source]
    modules: tuple[Module, ...]
    quizzes: dict[str, Quiz]
    instruments: tuple[Instrument, ...]
    glossary: tuple[Term, ...] = ()

    def module(self, module_id: str) -> Module:
        return next(m for m in self.modules if m.id == module_id)

    def quiz_for(self, module: Module) -> Quiz:
        return self.quizzes[module.quiz]

    def instrument(self, instrument_id: str) -> Instrument:
        return next(i for i in self.instruments if i.id == instrument_id)


def load_content(folder: Path | None = None, pages: Path | None = None) -> Content:
    """Load and validate all content; raises ContentError listing every problem.

    Results are cached until a file in the folder changes, so an edit by a trainer shows on
    the next page load without a restart. ``pages`` is where the notebooks named by ``page``
    fields must exist (default: notebooks/staff).
    """
    folder = Path(folder or content_dir()).resolve()
    stamp = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*.yaml")))
    return _load(folder, Path(pages or staff_notebooks_dir()).resolve(), stamp)


@functools.lru_cache(maxsize=8)
def _load(folder: Path, pages: Path, _stamp: tuple) -> Content:
    problems: list[Problem] = []
    reader = _Reader(folder, problems)
    site = reader.one("site.yaml", Site)
    source_list = reader.one("sources.yaml", SourceList)
    modules = reader.each("modules", Module)
    quizzes = reader.each("quizzes", Quiz)
    instruments = reader.each("instruments", Instrument)
    glossary = reader.one("glossary.yaml", Glossary) if (folder / "glossary.yaml").exists() else Glossary(schema_version=1, terms=[])
    sources = {s.id: s for s in source_list.sources} if source_list else None
    problems.extend(_cross_checks(folder, pages, sources, reader.broken_ids, modules, quizzes, instruments))
    problems.extend(_module_text_checks(modules, glossary))
    if glossary is not None:
        for term in glossary.terms:
            problems += _unknown_sources(sources, "content/glossary.yaml", term.id, term.sources)
    if site and site.brand.logo and not (folder / "pictures" / site.brand.logo).exists():
        problems.append(Problem("content/site.yaml", None, "brand.logo",
                                f"`brand.logo` names content/pictures/{site.brand.logo}, which does not exist"))
    if problems or site is None or sources is None or glossary is None:
        raise ContentError(problems)
    return Content(
        site=site,
        sources=sources,
        modules=tuple(sorted((_filled(m, site) for _, m in modules), key=lambda m: m.order)),
        quizzes={q.id: q for _, q in quizzes},
        instruments=tuple(i for _, i in instruments),
        glossary=tuple(sorted(glossary.terms, key=lambda t: t.term.lower())),
    )


def _module_texts(module: Module) -> list[tuple[str | None, str, str]]:
    """Every piece of a module's running text as (item, field, text), for the checks."""
    texts: list[tuple[str | None, str, str]] = [(None, "title", module.title), (None, "summary", module.summary)]
    texts += [(outcome.id, "text", outcome.text) for outcome in module.learning_outcomes]
    for number, step in enumerate(module.steps, start=1):
        texts += [(f"step {number}", "title", step.title), (f"step {number}", "body", step.body)]
        if step.picture:
            texts.append((f"step {number}", "picture.alt", step.picture.alt))
    return texts


def _module_text_checks(modules: list[tuple[str, Module]], glossary: Glossary | None) -> list[Problem]:
    """Placeholders must be ones site.yaml's local_routes fills; glossary links must name a term."""
    problems: list[Problem] = []
    terms = {t.id for t in glossary.terms} if glossary else set()
    for file, module in modules:
        for item, field, text in _module_texts(module):
            for name in unknown_placeholders(text):
                problems.append(Problem(file, item, field, (
                    f"`{field}` uses the placeholder {{{name}}}, which site.yaml's `local_routes` does not have "
                    "(use {organisation}, {children_in_care_council}, {youth_council} or {care_leavers_group})")))
            for term in glossary_links(text):
                if glossary is not None and term not in terms:
                    problems.append(Problem(file, item, field, (
                        f"`{field}` links to the glossary term '{term}', which is not in content/glossary.yaml")))
    return problems


def _filled(module: Module, site: Site) -> Module:
    """The module with its placeholders filled from the site's local routes."""
    routes = site.local_routes
    steps = [
        step.model_copy(update={
            "title": fill(step.title, routes),
            "body": fill(step.body, routes),
            "picture": step.picture.model_copy(update={"alt": fill(step.picture.alt, routes)}) if step.picture else None,
        })
        for step in module.steps
    ]
    outcomes = [o.model_copy(update={"text": fill(o.text, routes)}) for o in module.learning_outcomes]
    return module.model_copy(update={
        "title": fill(module.title, routes), "summary": fill(module.summary, routes),
        "learning_outcomes": outcomes, "steps": steps,
    })


class _Reader:
    """Reads YAML files into models, turning every failure into a Problem."""

    def __init__(self, folder: Path, problems: list[Problem]):
        self.folder = folder
        self.problems = problems
        # Ids claimed by files that failed, so references to them are not reported twice.
        self.broken_ids: set[str] = set()

    def name(self, path: Path) -> str:
        return f"content/{path.relative_to(self.folder).as_posix()}"

    def one(self, relative: str, model: type[M]) -> M | None:
        path = self.folder / relative
        if not path.exists():
            self.problems.append(Problem(f"content/{relative}", None, None, "this file is missing"))
            return None
        return self.read(path, model)

    def each(self, subfolder: str, model: type[M]) -> list[tuple[str, M]]:
        loaded = []
        for path in sorted((self.folder / subfolder).glob("*.yaml")):
            parsed = self.read(path, model)
            if parsed is not None:
                loaded.append((self.name(path), parsed))
        return loaded

    def read(self, path: Path, model: type[M]) -> M | None:
        name = self.name(path)
        self.broken_ids.add(path.stem)  # until it parses: files are usually named by their id
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}: " if mark else ""
            reason = getattr(error, "problem", None) or "not valid YAML"
            self.problems.append(Problem(name, None, None, f"{where}the file could not be read ({reason})"))
            return None
        except UnicodeDecodeError:
            self.problems.append(Problem(name, None, None, "save the file as UTF-8 text"))
            return None
        if not isinstance(raw, dict):
            self.problems.append(Problem(name, None, None, "the file should hold named fields (key: value)"))
            return None
        try:
            parsed = model.model_validate(raw)
        except ValidationError as error:
            self.problems.extend(_describe(name, raw, e) for e in error.errors())
            self.broken_ids.add(str(raw.get("id")))
            return None
        self.broken_ids.discard(path.stem)
        return parsed


def _describe(file: str, raw: dict, error: Mapping[str, Any]) -> Problem:
    """Turn one pydantic error into a sentence naming the item (by its id) and the field."""
    item: str | None = None
    field: list[str] = []
    node: Any = raw
    for part in error["loc"]:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and "id" in node:
                item, field = str(node["id"]), []
            else:
                field.append(f"[{part + 1}]")
        elif isinstance(node, dict) and part not in node and part == node.get("type"):
            continue  # the tag pydantic adds for the question type, not a field
        else:
            node = node.get(part) if isinstance(node, dict) else None
            field.append(str(part))
    name = ".".join(field).replace(".[", "[") or None
    return Problem(file, item, name, _sentence(name, error))


def _sentence(field: str | None, error: Mapping[str, Any]) -> str:
    kind, message = error["type"], error["msg"]
    named = f"`{field}`" if field else "this"
    if kind == "missing":
        return f"{named} is missing: add it"
    if kind == "extra_forbidden":
        return f"{named} is not a field this file can have (check the spelling)"
    if kind == "union_tag_invalid":
        expected = error.get("ctx", {}).get("expected_tags", "")
        return f"`type` '{error['ctx']['tag']}' is not a question type (use one of: {expected})"
    if kind == "union_tag_not_found":
        return "`type` is missing: say which question type this is"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind == "literal_error" and field == "schema_version":
        return f"`schema_version` {error.get('input')!r} is not supported: this workbook reads version 1"
    return f"{named}: {message[0].lower()}{message[1:]}"


def _cross_checks(
    folder: Path,
    pages: Path,
    sources: dict[str, Source] | None,
    broken_ids: set[str],
    modules: list[tuple[str, Module]],
    quizzes: list[tuple[str, Quiz]],
    instruments: list[tuple[str, Instrument]],
) -> list[Problem]:
    """Checks no single file can make: unique ids, references that resolve, files that exist.

    They run over every file that parsed, so one broken file does not hide other problems.
    ``sources`` is None when sources.yaml itself is broken (citations are then not checked).
    """
    problems: list[Problem] = []
    problems += _duplicates("module", [(f, m.id) for f, m in modules])
    problems += _duplicates("quiz", [(f, q.id) for f, q in quizzes])
    problems += _duplicates("instrument", [(f, i.id) for f, i in instruments])
    problems += _duplicates("quiz item", [(f, item.id) for f, q in quizzes for item in q.items])
    problems += _duplicates("page", [(f, m.page) for f, m in modules] + [(f, i.page) for f, i in instruments])
    for file, module in modules:
        if module.quiz not in {q.id for _, q in quizzes} | broken_ids:
            problems.append(Problem(file, None, "quiz", f"`quiz` names quiz '{module.quiz}', which does not exist"))
        for number, step in enumerate(module.steps, start=1):
            if step.picture and not (folder / "pictures" / step.picture.file).exists():
                problems.append(
                    Problem(file, f"step {number}", "picture.file", f"`picture.file` names content/pictures/{step.picture.file}, which does not exist")
                )
            problems += _unknown_sources(sources, file, f"step {number}", step.sources)
    for file, quiz in quizzes:
        if quiz.module not in {m.id for _, m in modules} | broken_ids:
            problems.append(Problem(file, None, "module", f"`module` names module '{quiz.module}', which does not exist"))
        for item in quiz.items:
            problems += _unknown_sources(sources, file, item.id, item.sources)
    for file, instrument in instruments:
        problems += _unknown_sources(sources, file, None, instrument.sources)
        for assessed in instrument.items:
            problems += _unknown_sources(sources, file, assessed.id, assessed.sources)
    for file, page in [(f, m.page) for f, m in modules] + [(f, i.page) for f, i in instruments]:
        if not (pages / page).exists():
            problems.append(Problem(file, None, "page", f"`page` names notebooks/staff/{page}, which does not exist"))
    return problems


def _duplicates(what: str, owned: list[tuple[str, str]]) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for file, ident in owned:
        if ident in seen:
            problems.append(Problem(file, ident, None, f"this {what} id is already used in {seen[ident]}"))
        else:
            seen[ident] = file
    return problems


def _unknown_sources(sources: dict[str, Source] | None, file: str, item: str | None, cited: list[str]) -> list[Problem]:
    if sources is None:
        return []
    return [
        Problem(file, item, "sources", f"`sources` cites '{s}', which is not in content/sources.yaml")
        for s in cited
        if s not in sources
    ]
