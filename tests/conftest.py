"""Shared fixtures: a throw-away copy of the sample project."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_SLUG = "japan-china-relations"


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """The repository's config, article and glossary copied into a fresh folder."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "locpipe.yaml", root / "locpipe.yaml")
    shutil.copytree(ROOT / "articles", root / "articles")
    shutil.copytree(ROOT / "glossary", root / "glossary")
    return root


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """Run GNU ``msgfmt -c`` on a PO/POT file, discarding the compiled output."""
    return subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
