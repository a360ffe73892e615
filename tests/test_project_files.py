"""The files that set the project up agree with each other and with the README."""

from __future__ import annotations

import re
import tomllib

import yaml

from widgets.results.columns import COLUMNS
from widgets.settings import PROJECT_ROOT


def normalise(requirement: str) -> str:
    return re.sub(r"\s+", "", requirement).lower().replace("_", "-")


def test_environment_yml_and_pyproject_declare_the_same_dependencies() -> None:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    declared = {normalise(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())["dependencies"]
    conda = [d for d in environment if isinstance(d, str) and not d.startswith(("python", "pip"))]
    pip = next(d["pip"] for d in environment if isinstance(d, dict))
    listed = {normalise(r) for r in conda + [p for p in pip if not p.startswith("-e")]}
    assert declared == listed


def test_readme_documents_every_results_column_in_order() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    documented = re.findall(r"^\| `([a-z_]+)` \|", readme, flags=re.MULTILINE)
    assert documented == list(COLUMNS)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make start" in readme
    assert ci.strip().splitlines()[-1] == "make test"
