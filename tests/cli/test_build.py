"""``locpipe build`` end to end: files, exit status 0/1/2, messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli import invoke
from tests.conftest import ROOT, SAMPLE_SLUG


@pytest.fixture
def in_project(sample_project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "locales", sample_project / "locales")
    monkeypatch.chdir(sample_project)
    return sample_project


def editions(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in (root / "editions").rglob("*") if p.is_file())


def test_build_writes_every_edition_and_mo_file(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = invoke(["build"], capsys)
    assert (code, err) == (0, "")
    assert editions(in_project) == sorted(
        f"editions/{lang}/{name}"
        for lang in ("ja", "zh")
        for name in (
            f"{SAMPLE_SLUG}.md",
            f"{SAMPLE_SLUG}.html",
            f"{SAMPLE_SLUG}.txt",
            f"LC_MESSAGES/{SAMPLE_SLUG}.mo",
        )
    )
    assert "ja japan-china-relations: 100.0% (26/26 units)" in out
    code, out, _ = invoke(["build"], capsys)
    assert code == 0 and "created" not in out and "updated" not in out


def test_one_language_one_format(in_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = invoke(["build", "--lang", "zh", "--format", "html"], capsys)
    assert code == 0
    assert editions(in_project) == [
        f"editions/zh/LC_MESSAGES/{SAMPLE_SLUG}.mo",
        f"editions/zh/{SAMPLE_SLUG}.html",
    ]


def test_incomplete_catalog_is_refused_with_exit_1(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = in_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "対外的な強硬姿勢もその一環だ。"', 'msgstr ""'), "utf-8")
    code, _, err = invoke(["build", "--lang", "ja"], capsys)
    assert code == 1
    assert "ja japan-china-relations: refused: 1 of 26 units have no usable translation" in err
    assert "untranslated: Part of that is a tough approach" in err
    assert not (in_project / "editions/ja").exists()
    code, _, _ = invoke(["build", "--lang", "ja", "--min-complete", "90"], capsys)
    assert code == 0


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["build", "--lang", "fr"], id="unconfigured-language"),
        pytest.param(["build", "--min-complete", "120"], id="percent-out-of-range"),
        pytest.param(["build", "--format", "pdf"], id="unknown-format"),
    ],
)
def test_usage_errors_exit_2(
    in_project: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, _, err = invoke(args, capsys)
    assert code == 2 and err.startswith("locpipe: error:")
    assert not (in_project / "editions").exists()
