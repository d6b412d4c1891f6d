"""``locpipe init``: a new project that runs and checks as it is, never over existing files."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.catalog.po import read_po
from tests.conftest import invoke

WRITTEN = ("locpipe.yaml", "glossary/terms.yaml", "articles/example.txt", ".gitignore")


def test_init_then_run_then_check_in_an_empty_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))
    monkeypatch.chdir(tmp_path)
    assert invoke(["init", "paper", "--languages", "ja,fr"], capsys)[0] == 0
    assert sorted(
        str(p.relative_to(tmp_path / "paper"))
        for p in (tmp_path / "paper").rglob("*")
        if p.is_file()
    ) == sorted(WRITTEN)
    monkeypatch.chdir(tmp_path / "paper")
    assert invoke(["run"], capsys)[0] == 0
    code, out, _ = invoke(["check"], capsys)
    assert code == 0, out
    # The example article: headline + 3 sentences, untranslated in both languages.
    assert out.splitlines()[-1] == (
        "passed: 2 file(s), 8 entries: 8 info (untranslated 8); failing on error"
    )
    french = read_po(tmp_path / "paper" / "locales" / "fr" / "LC_MESSAGES" / "example.po")
    assert french.header_value("Language") == "fr"
    ignored = (tmp_path / "paper" / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"editions/", ".locpipe-cache/", "locales/.locpipe.lock"} <= set(ignored)


def test_init_never_overwrites_and_writes_nothing_when_refusing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gitignore").write_text("mine\n", encoding="utf-8")
    code, _, err = invoke(["init"], capsys)
    assert code == 2
    assert err == "locpipe: error: not overwriting existing files: .gitignore\n"
    assert [p.name for p in tmp_path.iterdir()] == [".gitignore"]
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "mine\n"


def test_init_refuses_an_unknown_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke(["init", "--languages", "ja,xx-nonsense"], capsys)
    assert (code, list(tmp_path.iterdir())) == (2, [])
    assert "'xx-nonsense'" in err


def test_a_missing_config_suggests_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke(["status"], capsys)
    assert code == 2
    assert err.rstrip().endswith("'locpipe init' creates a new project")
