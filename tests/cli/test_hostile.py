"""Hostile input: every file under tests/data/hostile_* is refused with one line, exit 2, nothing written.

The archives are made by ``python -m tests.support.hostile``; the YAML files say in their first
line what they try. A few attacks need the file system (a symlink, a folder where a file goes)
and are set up here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import jobs
from pipeline.core import load_config
from tests.conftest import DATA, ROOT, SAMPLE_SLUG

BASE_CONFIG = (
    "source_language: en\nlanguages: [ja]\nsources: [articles/*.txt]\nglossary: [glossary/*.yaml]\n"
)
OUTSIDE = ("/tmp/locpipe-hostile-locales",)  # an absolute path a hostile config names


def project(root: Path) -> Path:
    """A small clean project: one article, an empty glossary, ja only."""
    (root / "articles").mkdir(parents=True)
    shutil.copy(ROOT / "articles" / f"{SAMPLE_SLUG}.txt", root / "articles")
    (root / "glossary").mkdir()
    (root / "glossary" / "terms.yaml").write_text("version: 1\nterms: []\n", encoding="utf-8")
    (root / "locpipe.yaml").write_text(BASE_CONFIG, encoding="utf-8")
    return root


def _source_symlink(root: Path) -> list[str]:
    (root / "articles" / "passwd.txt").symlink_to("/etc/passwd")
    return ["run"]


def _editions_is_a_file(root: Path) -> list[str]:
    (root / "published").write_text("not a folder\n", encoding="utf-8")
    with (root / "locpipe.yaml").open("a", encoding="utf-8") as config:
        config.write("editions: published\n")
    return ["build"]


def _lock_is_a_folder(root: Path) -> list[str]:
    (root / "locales" / ".locpipe.lock").mkdir(parents=True)
    return ["extract"]


def _catalog_is_a_folder(root: Path) -> list[str]:
    settings = load_config(root / "locpipe.yaml")
    jobs.extract(settings)
    po = settings.po_path("ja", SAMPLE_SLUG)
    po.mkdir(parents=True)
    return ["build", "--include-drafts", "--min-complete", "0"]


def _locales_symlink_outside(root: Path) -> list[str]:
    outside = root.parent / "elsewhere"
    outside.mkdir()
    (root / "locales").symlink_to(outside)
    return ["extract"]


SETUPS: dict[str, Callable[[Path], list[str]]] = {
    "source_symlink_to_etc_passwd": _source_symlink,
    "editions_is_a_file": _editions_is_a_file,
    "lock_is_a_folder": _lock_is_a_folder,
    "catalog_is_a_folder": _catalog_is_a_folder,
    "locales_symlink_outside": _locales_symlink_outside,
}


def _from_file(path: Path) -> Callable[[Path], list[str]]:
    """Put a hostile file where it attacks; return the command that reads it."""
    role = path.name.split("_")[1]

    def setup(root: Path) -> list[str]:
        if role == "config":
            shutil.copy(path, root / "locpipe.yaml")
            return ["run"]
        if role == "glossary":
            shutil.copy(path, root / "glossary" / "terms.yaml")
            return ["check"]
        assert role == "model", path.name
        return ["models", "install", str(path)]

    return setup


CASES = [
    *(pytest.param(_from_file(p), id=p.stem) for p in sorted(DATA.glob("hostile_*"))),
    *(pytest.param(setup, id=name) for name, setup in SETUPS.items()),
]


def snapshot(folder: Path) -> dict[str, object]:
    """Every path under ``folder`` with its bytes (folders and links by kind)."""
    state: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            state[key] = ("link", os.readlink(path))
        elif path.is_dir():
            state[key] = "folder"
        else:
            state[key] = path.read_bytes()
    return state


@pytest.mark.parametrize("setup", CASES)
def test_hostile_input_is_one_line_exit_2_and_nothing_written(
    tmp_path: Path, setup: Callable[[Path], list[str]]
) -> None:
    root = project(tmp_path / "project")
    packages = tmp_path / "packages"
    args = setup(root)
    before = snapshot(tmp_path)
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = result.stderr.splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and lines[0].startswith("locpipe: error: "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(tmp_path) == before  # nothing written, inside the project or beside it
    assert not any(Path(path).exists() for path in OUTSIDE)
