"""Names a package offers without importing their modules until someone uses them.

A staff page's kernel waits in the preheated pool, one per page; importing pandas, pyarrow and
SQLAlchemy for a store that is first needed when someone saves would make each waiting kernel
about twice its size. A package lists which module holds each name (``lazy_exports``), and the
module is imported on the first use of one of its names (PEP 562).
"""

from __future__ import annotations

import importlib
from typing import Any, Callable


def lazy_exports(package: str, homes: dict[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` for ``package``: ``homes`` maps each name to the
    submodule (relative to the package) that defines it."""

    def attribute(name: str) -> Any:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{homes[name]}"), name)

    def names() -> list[str]:
        return sorted(homes)

    return attribute, names
