"""The TM step on the sample project: the second article is filled from the first, no model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import jobs
from pipeline.catalog.po import read_po
from pipeline.core.config import load_config
from pipeline.core.model import Entry
from pipeline.jobs.tm import index_path
from tests.conftest import ROOT, SAMPLE_SLUG, TM_SLUG, msgfmt_check

REPEATED = (
    "China hopes to further strengthen economic ties through the Regional Comprehensive "
    "Economic Partnership, a free-trade agreement that came into effect this month."
)
NEAR = "China and Japan are two of its 15 member nations."
NEW = "Trade officials in Tokyo were more cautious."


@pytest.fixture
def tm_project(sample_project: Path) -> Path:
    """The sample project with its reviewed catalogs and the second article."""
    shutil.copy(ROOT / "articles" / f"{TM_SLUG}.txt", sample_project / "articles")
    for language in ("ja", "zh", "zh_TW"):
        folder = sample_project / "locales" / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(ROOT / f"locales/{language}/LC_MESSAGES/{SAMPLE_SLUG}.po", folder)
    return sample_project


def entries(root: Path, language: str, slug: str = TM_SLUG) -> dict[str, Entry]:
    catalog = read_po(root / f"locales/{language}/LC_MESSAGES/{slug}.po")
    return {entry.msgid: entry for entry in catalog.active}


def test_run_fills_repeats_from_the_first_article_without_a_model(tm_project: Path) -> None:
    outcome = jobs.run(load_config(tm_project / "locpipe.yaml"))
    assert [m.language for m in outcome.missing] == ["ja", "zh", "zh_TW"]  # no model installed
    first = entries(tm_project, "ja", SAMPLE_SLUG)
    second = entries(tm_project, "ja")
    exact = second[REPEATED]
    assert exact.reviewed and exact.msgstr == first[REPEATED].msgstr
    assert f"tm: exact ({SAMPLE_SLUG})" in exact.extracted
    near = second[NEAR]
    assert near.fuzzy and near.previous_msgid == "China and Japan are among its 15 member nations."
    assert near.msgstr == first[near.previous_msgid].msgstr
    assert f"tm: 90% ({SAMPLE_SLUG})" in near.extracted
    assert not second[NEW].translated
    reports = {r.language: (r.exact, r.exact_flagged, r.fuzzy) for r in outcome.memory}
    assert reports == {"ja": (3, 0, 1), "zh": (3, 0, 1), "zh_TW": (3, 0, 1)}
    for language in ("ja", "zh"):
        assert (
            msgfmt_check(tm_project / f"locales/{language}/LC_MESSAGES/{TM_SLUG}.po").returncode
            == 0
        )


def test_a_second_run_and_an_update_keep_tm_fills_and_notes(tm_project: Path) -> None:
    settings = load_config(tm_project / "locpipe.yaml")
    jobs.run(settings)
    po = tm_project / f"locales/ja/LC_MESSAGES/{TM_SLUG}.po"
    before = po.read_bytes()
    shutil.rmtree(tm_project / ".locpipe-cache")  # deleting the index loses nothing
    jobs.run(settings)
    jobs.update(settings)
    assert po.read_bytes() == before


def test_exact_match_breaking_todays_glossary_becomes_fuzzy_with_the_finding(
    tm_project: Path,
) -> None:
    glossary = tm_project / "glossary" / "terms.yaml"
    text = glossary.read_text(encoding="utf-8")
    # Today's glossary renders Taiwan differently from the reviewed first article.
    assert "    ja: 台湾\n" in text
    glossary.write_text(text.replace("    ja: 台湾\n", "    ja: タイワン\n", 1), encoding="utf-8")
    jobs.run(load_config(tm_project / "locpipe.yaml"))
    entry = entries(tm_project, "ja")[
        "Professor Shi sees the status of Taiwan as the most contentious issue."
    ]
    assert entry.fuzzy
    assert f"tm: exact ({SAMPLE_SLUG})" in entry.extracted
    assert any(
        line.startswith("tm: check: glossary-missing:") and "タイワン" in line
        for line in entry.extracted
    )
    assert entries(tm_project, "zh")[entry.msgid].reviewed  # zh's rendering is unchanged


def test_tm_exact_fuzzy_setting(tm_project: Path) -> None:
    config = tm_project / "locpipe.yaml"
    config.write_text(config.read_text() + "tm: {exact: fuzzy}\n")
    jobs.run(load_config(config))
    entry = entries(tm_project, "ja")[REPEATED]
    assert entry.fuzzy and f"tm: exact ({SAMPLE_SLUG})" in entry.extracted


def test_index_is_refreshed_after_a_catalog_changes(tm_project: Path) -> None:
    settings = load_config(tm_project / "locpipe.yaml")
    jobs.run(settings)
    index = index_path(settings, "ja")
    assert index.is_file()
    # A reviewer translates the new sentence in the second article ...
    po = tm_project / f"locales/ja/LC_MESSAGES/{TM_SLUG}.po"
    text = po.read_text(encoding="utf-8")
    marker = f'msgid "{NEW}"\nmsgstr ""\n'
    assert marker in text
    po.write_text(
        text.replace(marker, f'msgid "{NEW}"\nmsgstr "東京の通商当局者はより慎重だった。"\n')
    )
    # ... and a third article repeats it: the cached index must know the new reviewed entry.
    (tm_project / "articles" / "third.txt").write_text(f"{NEW}\n", encoding="utf-8")
    jobs.run(load_config(tm_project / "locpipe.yaml"))
    third = entries(tm_project, "ja", "third")[NEW]
    assert third.reviewed and third.msgstr == "東京の通商当局者はより慎重だった。"
    assert "tm: exact (japan-china-trade)" in third.extracted


def test_status_counts_tm_fills_apart_from_mt(tm_project: Path) -> None:
    settings = load_config(tm_project / "locpipe.yaml")
    jobs.run(settings)
    rows = {(r.language, r.slug): r for r in jobs.status(settings)}
    row = rows[("ja", TM_SLUG)]
    assert (row.tm_exact, row.tm_fuzzy, row.mt) == (3, 1, 0)
    assert (rows[("ja", SAMPLE_SLUG)].tm_exact, rows[("ja", SAMPLE_SLUG)].tm_fuzzy) == (0, 0)


def test_draft_fills_from_tm_too(tm_project: Path) -> None:
    settings = load_config(tm_project / "locpipe.yaml")
    jobs.extract(settings)
    jobs.update(settings)
    assert not entries(tm_project, "ja")[REPEATED].translated
    outcome = jobs.draft(settings, ["ja"])
    assert [(r.language, r.exact, r.fuzzy) for r in outcome.memory] == [("ja", 3, 1)]
    assert entries(tm_project, "ja")[REPEATED].reviewed
    assert not entries(tm_project, "zh")[REPEATED].translated  # only the language asked for


def test_the_memory_reads_the_catalogs_run_already_parsed(
    tm_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """run parses each catalog once for drafting; the memory does not parse the text again."""
    import pipeline.jobs.tm as tm_jobs

    def parse_again(text: str, shown: str) -> None:
        raise AssertionError(f"{shown} parsed again for the memory")

    monkeypatch.setattr(tm_jobs, "parse_po", parse_again)
    outcome = jobs.run(load_config(tm_project / "locpipe.yaml"))
    assert {r.language: r.exact for r in outcome.memory} == {"ja": 3, "zh": 3, "zh_TW": 3}
    assert entries(tm_project, "ja")[REPEATED].reviewed
