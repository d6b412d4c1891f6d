"""The derive step on the sample project: zh_TW drafts from reviewed zh, before MT (real OpenCC)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline import jobs
from pipeline.catalog.po import format_po, read_po
from pipeline.core.config import load_config
from pipeline.core.model import Catalog
from tests.conftest import ROOT, SAMPLE_SLUG, invoke

NOTE = "opencc: s2twp from zh"


def po_path(root: Path, language: str) -> Path:
    return root / "locales" / language / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"


def by_msgid(catalog: Catalog, start: str) -> str:
    return next(e.msgstr for e in catalog.active if e.msgid.startswith(start))


@pytest.fixture
def reviewed_zh(sample_project: Path) -> Path:
    """The sample project with the committed, reviewed ja and zh catalogs and no zh_TW yet."""
    for language in ("ja", "zh"):
        shutil.copytree(ROOT / "locales" / language, sample_project / "locales" / language)
    return sample_project


def test_run_derives_zh_TW_from_reviewed_zh(
    reviewed_zh: Path,
    with_copy_models: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(reviewed_zh)
    code, out, err = invoke(["run"], capsys)
    assert (code, err) == (0, "")
    assert "Derived 26 units of zh_TW from reviewed zh (OpenCC s2twp)." in out
    assert "MT drafts" not in out  # everything was derived: no model was needed
    zh_tw = read_po(po_path(reviewed_zh, "zh_TW"))
    assert all(e.fuzzy and NOTE in e.extracted for e in zh_tw.active)
    # Glossary targets for zh_TW override the conversion of the reviewed zh text ...
    assert "北京冬奧和冬季帕運" in by_msgid(zh_tw, "Japan will not send")  # s2twp: 冬殘奧會
    assert by_msgid(zh_tw, "Regarding US-China relations").startswith("關於美中關係")
    assert "期中選舉" in by_msgid(zh_tw, "That's because")  # s2twp: 中期選舉
    # ... and the rest is OpenCC's s2twp, Taiwan phrases included.
    assert by_msgid(zh_tw, "This year is the 50th") == "今年是中日邦交正常化50週年。"
    assert invoke(["check", "--severity", "fuzzy=error"], capsys)[0] == 1
    code, out, _ = invoke(["check"], capsys)
    assert code == 0, out  # derived drafts break no glossary, number or script rule


def test_derivation_comes_before_mt_and_mt_uses_the_zt_model(
    reviewed_zh: Path, with_copy_models: Path
) -> None:
    path = po_path(reviewed_zh, "zh")
    zh = read_po(path)
    entries = tuple(
        replace(e, msgstr="") if e.msgid.startswith("Xi Jinping image") else e for e in zh.entries
    )
    path.write_text(format_po(replace(zh, entries=entries)), encoding="utf-8")
    outcome = jobs.run(load_config(reviewed_zh / "locpipe.yaml"))
    assert [(d.language, d.derived) for d in outcome.derived] == [("zh_TW", 25)]
    assert [(r.language, r.drafted) for r in outcome.reports] == [("zh", 1), ("zh_TW", 1)]
    zh_tw = read_po(po_path(reviewed_zh, "zh_TW"))
    image = next(e for e in zh_tw.active if e.msgid == "Xi Jinping image")
    assert "mt: locpipe-test-en_zt 1.0; glossary: ok" in image.extracted
    assert "習近平" in image.msgstr and NOTE not in image.extracted


def test_reviewed_variant_entries_are_never_rederived(reviewed_zh: Path) -> None:
    shutil.copytree(ROOT / "locales" / "zh_TW", reviewed_zh / "locales" / "zh_TW")
    path = po_path(reviewed_zh, "zh_TW")
    committed = read_po(path)
    entries = tuple(
        replace(e, msgstr="") if e.msgid.startswith("Professor Shi sees") else e
        for e in committed.entries
    )
    path.write_text(format_po(replace(committed, entries=entries)), encoding="utf-8")
    outcome = jobs.run(load_config(reviewed_zh / "locpipe.yaml"))  # no MT model installed
    assert [(d.language, d.derived) for d in outcome.derived] == [("zh_TW", 1)]
    after = read_po(path)
    for old, new in zip(committed.active, after.active, strict=True):
        if old.msgid.startswith("Professor Shi sees"):
            assert new.fuzzy and new.msgstr == "時教授認為，台灣問題是爭議最大的問題。"
        else:
            assert (new.msgstr, new.reviewed) == (old.msgstr, True)
