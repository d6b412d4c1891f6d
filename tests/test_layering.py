"""Imports follow the data flow: a module imports only modules above it in FLOW.

Like pip-tools' test_circular_imports: each module is also imported alone, in a fresh
interpreter, so a hidden import cycle or import-time side effect shows up here.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

# The one-way flow (STYLE.md "A module map that follows the flow").
FLOW = [
    "__init__",
    "model",
    "errors",
    "yamlio",
    "locales",
    "config",
    "fsio",
    "sources",
    "segment",
    "extract",
    "glossary",
    "glossary_match",
    "termbase",
    "engine",
    "argos",
    "testmodel",
    "enforce",
    "draft",
    "po",
    "merge",
    "checks_text",
    "checks",
    "report",
    "edition",
    "edition_render",
    "publish",
    "project",
    "cli_tables",
    "cli_glossary",
    "cli_build",
    "cli_check",
    "cli_draft",
    "cli",
    "__main__",
]

MODULES = sorted(p.stem for p in PACKAGE.glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "pipeline":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("pipeline."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("pipeline."):
                    found.add(alias.name.split(".")[1])
    return found


def test_every_module_has_a_place_in_the_flow() -> None:
    assert set(MODULES) <= set(FLOW), set(MODULES) - set(FLOW)


@pytest.mark.parametrize("module", MODULES)
def test_imports_only_go_down_the_flow(module: str) -> None:
    rank = FLOW.index(module)
    for name in imported_modules(PACKAGE / f"{module}.py"):
        if name == "__version__":
            continue
        assert name in FLOW, f"{module} imports unknown pipeline.{name}"
        assert FLOW.index(name) < rank, f"{module} imports pipeline.{name}, which comes later"


@pytest.mark.parametrize("module", [m for m in MODULES if m != "__main__"])
def test_module_imports_alone(module: str) -> None:
    name = "pipeline" if module == "__init__" else f"pipeline.{module}"
    result = subprocess.run(
        [sys.executable, "-c", f"import {name}"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
