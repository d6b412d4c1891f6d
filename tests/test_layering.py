"""Imports follow the data flow: a subpackage imports only the subpackages below it.

The ranks are those of docs/architecture.md#layout. Across subpackages, code imports only what a
subpackage's ``__init__`` names in ``__all__``; inside one, modules import their siblings. Like
pip-tools' test_circular_imports, each module is also imported alone in a fresh interpreter, so a
hidden import cycle or an import-time side effect shows up here.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

#: Lowest first. A subpackage may import those before it, never those after it.
RANKS = [
    "core",
    "source",
    "catalog",
    "glossary",
    "tm",
    "mt",
    "qa",
    "edition",
    "review",
    "jobs",
    "cli",
]

MODULES = sorted(
    ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    for path in PACKAGE.rglob("*.py")
)


def _path(module: str) -> Path:
    parts = module.split(".")
    return PACKAGE.parent.joinpath(*parts).with_suffix(".py")


def _subpackage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else None


def imports_of(module: str) -> list[tuple[str, list[str]]]:
    """(imported pipeline module, names taken from it) for every import in a module."""
    tree = ast.parse(_path(module).read_text(encoding="utf-8"))
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
            found.append((node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((a.name, []) for a in node.names if a.name.startswith("pipeline"))
    return found


def test_every_subpackage_has_a_rank() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert folders == set(RANKS)


@pytest.mark.parametrize("module", MODULES)
def test_imports_only_go_down_the_ranks(module: str) -> None:
    own = _subpackage(module)
    for imported, names in imports_of(module):
        parts = imported.split(".")
        if len(parts) == 1:  # the top package: __version__, or a subpackage's face
            for name in (n for n in names if n != "__version__"):
                assert name in RANKS and own is not None, f"{module} imports pipeline.{name}"
                assert RANKS.index(name) < RANKS.index(own), f"{module} imports pipeline.{name}"
            continue
        target = parts[1]
        if target == own or module == "pipeline.__main__":
            continue
        assert own is not None and RANKS.index(target) < RANKS.index(own), (
            f"{module} imports {imported}, which ranks above it"
        )
        assert len(parts) == 2, f"{module} reaches into {imported}; import from pipeline.{target}"
        offered = importlib.import_module(f"pipeline.{target}").__all__
        assert set(names) <= set(offered), f"pipeline.{target} does not offer {names}"


@pytest.mark.parametrize("subpackage", RANKS)
def test_each_subpackage_names_its_offer(subpackage: str) -> None:
    package = importlib.import_module(f"pipeline.{subpackage}")
    assert package.__doc__
    for name in package.__all__:
        assert hasattr(package, name), f"pipeline.{subpackage}.__all__ names a missing {name}"


@pytest.mark.parametrize("module", [m for m in MODULES if m != "pipeline.__main__"])
def test_module_imports_alone(module: str) -> None:
    name = module.removesuffix(".__init__")
    result = subprocess.run(
        [sys.executable, "-c", f"import {name}"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
