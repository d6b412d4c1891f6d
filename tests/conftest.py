"""Shared fixtures: a throw-away copy of the sample project."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_SLUG = "japan-china-relations"
TM_SLUG = "japan-china-trade"


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """The repository's config, seed article and glossary copied into a fresh folder.

    Only the seed article: the second one (``TM_SLUG``) repeats its sentences to show the
    translation memory, and the tests that use it copy it in themselves.
    """
    root = tmp_path / "project"
    (root / "articles").mkdir(parents=True)
    shutil.copy(ROOT / "locpipe.yaml", root / "locpipe.yaml")
    shutil.copy(ROOT / "articles" / f"{SAMPLE_SLUG}.txt", root / "articles")
    shutil.copytree(ROOT / "glossary", root / "glossary")
    return root


@pytest.fixture
def review_project(sample_project: Path) -> Path:
    """The sample project extracted and updated: PO files with every unit untranslated."""
    from pipeline import jobs
    from pipeline.core import load_config

    settings = load_config(sample_project / "locpipe.yaml")
    jobs.extract(settings)
    jobs.update(settings)
    return sample_project


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """Run GNU ``msgfmt -c`` on a PO/POT file, discarding the compiled output."""
    return subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


# --- Argos test models (docs/architecture.md#tests): real argostranslate + CTranslate2, no network ------------

_ARGOS_HOME: Path | None = None


# Property tests run on shared, loaded CI machines: no per-example deadline (speed lives in
# benchmarks/), and a fixed example budget so a run's length does not depend on luck.
settings.register_profile("locpipe", deadline=None, max_examples=100, print_blob=True)
settings.load_profile("locpipe")


def pytest_configure(config: pytest.Config) -> None:
    """Point argostranslate at throw-away folders before anything imports it.

    argostranslate reads its settings and creates folders at import time, so this must run
    before collection. The package index points at a missing local file: never the network.
    """
    global _ARGOS_HOME
    _ARGOS_HOME = Path(tempfile.mkdtemp(prefix="locpipe-argos-"))
    for name, folder in ARGOS_FOLDERS.items():
        os.environ[name] = str(_ARGOS_HOME / folder)
    os.environ["ARGOS_PACKAGE_INDEX"] = (_ARGOS_HOME / "no-index").as_uri() + "/"


def pytest_unconfigure(config: pytest.Config) -> None:
    if _ARGOS_HOME is not None:
        shutil.rmtree(_ARGOS_HOME, ignore_errors=True)


ARGOS_FOLDERS = {
    "ARGOS_PACKAGES_DIR": "packages",  # stays empty: "no model installed" by default
    "XDG_DATA_HOME": "data",
    "XDG_CONFIG_HOME": "config",
    "XDG_CACHE_HOME": "cache",
}


@pytest.fixture(scope="session")
def copy_model_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Copy-model .argosmodel files for en→ja, en→zh and en→zt, built once per session."""
    from tests.support.testmodel import PLACEHOLDER_TOKENS, build_argos_model

    folder = tmp_path_factory.mktemp("copy-models")
    return {
        language: build_argos_model(
            folder / f"copy-{language}.argosmodel",
            to_code=language,
            user_symbols=PLACEHOLDER_TOKENS,
        )
        for language in ("ja", "zh", "zt")  # zt: Argos's code for Traditional Chinese (zh_TW)
    }


@pytest.fixture(scope="session")
def copy_packages(
    tmp_path_factory: pytest.TempPathFactory, copy_model_files: dict[str, Path]
) -> Path:
    """A packages folder with the ja, zh and zt copy models installed by locpipe."""
    from pipeline.mt.argos import install_file

    folder = tmp_path_factory.mktemp("copy-packages")
    for archive in copy_model_files.values():
        install_file(archive, folder)
    return folder


@pytest.fixture
def with_copy_models(copy_packages: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the copy models the installed packages for this test."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(copy_packages))
    return copy_packages


def invoke(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``locpipe ARGS`` in-process as the console script does: (exit status, stdout, stderr)."""
    from pipeline.cli import main

    with pytest.raises(SystemExit) as caught:
        main(args)
    out, err = capsys.readouterr()
    code = caught.value.code
    return (code if isinstance(code, int) else 1), out, err
