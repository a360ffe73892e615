"""Test-only fault injection, for the kernels of one browser-test server (on their PYTHONPATH):
while the file named by VIW_TEST_REPORT_FAILS exists, making a report's PDF fails, as a PDF
library might. A test then sees the page keep the answers stored once and offer to make the
report again. Nothing here is part of the workbook."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
from types import ModuleType
from typing import Any, Sequence

FLAG = os.environ.get("VIW_TEST_REPORT_FAILS", "")


class _FailingReports(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Sequence[str] | None, target: ModuleType | None = None) -> Any:
        if name != "widgets.assessment.submit":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            load(module)
            real = module.report_pdf

            def report_pdf(report: Any) -> bytes:
                if os.path.exists(FLAG):
                    raise ValueError("injected for a test: the PDF could not be made")
                return real(report)

            module.report_pdf = report_pdf  # type: ignore[attr-defined]

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


if FLAG:
    sys.meta_path.insert(0, _FailingReports())
