"""MT drafts end to end on the sample project with the project's own Argos models (no mocks)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline import jobs as project
from pipeline.catalog.po import format_po, read_po
from pipeline.core.config import Settings, load_config
from pipeline.core.model import Catalog
from pipeline.mt.argos import ArgosEngine, find_model, install_file
from pipeline.mt.engine import Engine
from pipeline.mt.executor import CHUNK_SIZE
from pipeline.mt.notes import keep_draft_notes
from tests.conftest import SAMPLE_SLUG, invoke
from tests.support.corpus import article_sentences, unique_sentences, write_corpus
from tests.support.engines import CountingEngine
from tests.support.testmodel import PLACEHOLDER_TOKENS, build_argos_model

KISHIDA = "Chinese President Xi Jinping told Japanese Prime Minister Kishida Fumio"


def settings_of(root: Path) -> Settings:
    return load_config(root / "locpipe.yaml")


def catalog(root: Path, language: str) -> Catalog:
    return read_po(root / f"locales/{language}/LC_MESSAGES/{SAMPLE_SLUG}.po")


@pytest.fixture(scope="module")
def scripted_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """ja models whose MT gets 岸田文雄 wrong: repairable via n-best, and not repairable."""
    folder = tmp_path_factory.mktemp("scripted")
    variants = {
        "repairable": {
            "substitutions": {"岸田文雄": "キシダ"},
            "alternatives": {"岸田文雄": ["岸田文雄"]},
        },
        "forbidden": {"substitutions": {"岸田文雄": "岸田フミオ"}},
    }
    packages = {}
    for name, options in variants.items():
        archive = build_argos_model(
            folder / f"{name}.argosmodel",
            user_symbols=PLACEHOLDER_TOKENS,
            name=f"scripted-{name}",
            **options,
        )
        packages[name] = folder / name
        install_file(archive, packages[name])
    return packages


def test_run_drafts_the_sample_article_with_full_term_accuracy(
    sample_project: Path,
    with_copy_models: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(sample_project)
    code, out, err = invoke(["run", "--require-mt"], capsys)
    assert (code, err) == (0, "")
    assert "MT drafts" in out and "100.0%" in out
    for language in ("ja", "zh"):
        entries = catalog(sample_project, language).active
        assert entries and all(e.fuzzy and e.msgstr for e in entries)
        assert all(
            f"mt: locpipe-test-en_{language} 1.0; glossary: ok" in e.extracted for e in entries
        )
    ja = next(e for e in catalog(sample_project, "ja").active if e.msgid.startswith(KISHIDA))
    assert ja.msgstr.startswith("国家主席 習近平 told 首相 岸田文雄")
    zh = next(e for e in catalog(sample_project, "zh").active if e.msgid.startswith(KISHIDA))
    assert zh.msgstr.startswith("国家主席 习近平 told 首相 岸田文雄")


def test_term_accuracy_is_reported_per_language(
    sample_project: Path, with_copy_models: Path
) -> None:
    outcome = project.run(settings_of(sample_project))
    assert [(r.language, r.term_accuracy, r.flagged) for r in outcome.reports] == [
        ("ja", 1.0, 0),
        ("zh", 1.0, 0),
        ("zh_TW", 1.0, 0),  # nothing reviewed in zh to derive from: MT with the en→zt model
    ]
    units = len(read_po(sample_project / f"locales/{SAMPLE_SLUG}.pot").active)
    # Every unit of the sample is drafted once per language; its terms are all required.
    assert [r.drafted for r in outcome.reports] == [units, units, units]
    assert all(r.required > units for r in outcome.reports)  # most sentences hold 2+ terms


def scripted_run(root: Path, packages: Path) -> tuple[project.DraftOutcome, Catalog]:
    model = find_model("en", "ja", packages)
    assert model is not None
    settings = replace(settings_of(root), languages=("ja",))
    outcome = project.run(settings, find_engine=lambda s, lang: ArgosEngine(model, s.mt.beam_size))
    return outcome, catalog(root, "ja")


def test_wrong_rendering_is_repaired_through_n_best(
    sample_project: Path, scripted_packages: dict[str, Path]
) -> None:
    outcome, ja = scripted_run(sample_project, scripted_packages["repairable"])
    entry = next(e for e in ja.active if e.msgid.startswith(KISHIDA))
    assert "岸田文雄" in entry.msgstr and "キシダ" not in entry.msgstr
    assert "mt: scripted-repairable 1.0; glossary: ok" in entry.extracted
    assert outcome.reports[0].term_accuracy == 1.0


def test_wrong_rendering_that_cannot_be_repaired_is_flagged(
    sample_project: Path, scripted_packages: dict[str, Path]
) -> None:
    outcome, ja = scripted_run(sample_project, scripted_packages["forbidden"])
    entry = next(e for e in ja.active if e.msgid.startswith(KISHIDA))
    assert entry.fuzzy and "岸田フミオ" in entry.msgstr
    assert "mt: scripted-forbidden 1.0; glossary: 2 issues" in entry.extracted
    assert "glossary: missing 岸田文雄 (Kishida Fumio)" in entry.extracted
    assert "glossary: forbidden 岸田フミオ (Kishida Fumio)" in entry.extracted
    report = outcome.reports[0]
    assert report.flagged == 1 and report.satisfied == report.required - 1


def test_reviewed_and_fuzzy_entries_are_never_touched(
    sample_project: Path, with_copy_models: Path
) -> None:
    settings = replace(settings_of(sample_project), languages=("ja",))
    project.extract(settings)
    project.update(settings)
    path = sample_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po"
    before = read_po(path)
    first, second = before.active[0], before.active[1]
    edited = [
        replace(first, msgstr="分析：人の訳"),
        replace(second, msgstr="下書き", flags=("fuzzy",)),
        *before.entries[2:],
    ]
    path.write_text(format_po(replace(before, entries=tuple(edited))), encoding="utf-8")
    project.draft(settings)
    after = read_po(path).active
    assert (after[0].msgstr, after[0].flags, after[0].extracted) == (
        "分析：人の訳",
        (),
        first.extracted,
    )
    assert (after[1].msgstr, after[1].flags, after[1].extracted) == (
        "下書き",
        ("fuzzy",),
        second.extracted,
    )
    assert all(e.fuzzy and e.msgstr for e in after[2:])


def test_rerun_hits_the_cache(sample_project: Path, with_copy_models: Path) -> None:
    settings = settings_of(sample_project)
    engines: list[CountingEngine] = []

    def counting(s: Settings, language: str) -> Engine | None:
        inner = project.argos_engine(s, language)
        assert inner is not None
        engines.append(CountingEngine(inner))
        return engines[-1]

    first = project.run(settings, find_engine=counting)
    drafted = {lang: catalog(sample_project, lang) for lang in ("ja", "zh", "zh_TW")}
    assert [(e.calls, e.units) for e in engines] == [(1, 26), (1, 26), (1, 26)]
    for path in sample_project.glob("locales/*/LC_MESSAGES/*.po"):
        path.unlink()  # drafts thrown away: a rerun must not translate again
    engines.clear()
    second = project.run(settings, find_engine=counting)
    assert [(e.calls, e.units) for e in engines] == [(0, 0), (0, 0), (0, 0)]
    assert [r.cached for r in second.reports] == [26, 26, 26]
    assert [(r.required, r.satisfied) for r in second.reports] == [
        (r.required, r.satisfied) for r in first.reports
    ]
    for lang, old in drafted.items():
        assert catalog(sample_project, lang).active == old.active
    assert (sample_project / ".locpipe-cache" / "drafts.sqlite3").is_file()


def test_update_keeps_draft_notes_while_the_draft_is_fuzzy(
    sample_project: Path, scripted_packages: dict[str, Path]
) -> None:
    scripted_run(sample_project, scripted_packages["forbidden"])
    path = sample_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po"
    drafted = path.read_text(encoding="utf-8")
    project.update(replace(settings_of(sample_project), languages=("ja",)))
    assert path.read_text(encoding="utf-8") == drafted
    # Once a reviewer accepts the entry (no longer fuzzy, in any editor), the problem notes are
    # stale and dropped, but where the draft came from stays: post-edited MT is auditable.
    old = read_po(path)
    drafted_entries = [e for e in old.active if any(x.startswith("mt: ") for x in e.extracted)]
    assert drafted_entries
    label = next(x for x in drafted_entries[0].extracted if x.startswith("mt: "))
    package = label.removeprefix("mt: ").split(";")[0]
    reviewed = replace(old, entries=tuple(replace(e, flags=()) for e in old.entries))
    template_only = tuple(replace(e, extracted=("kind: sentence",)) for e in reviewed.entries)
    kept = keep_draft_notes(reviewed, replace(reviewed, entries=template_only))
    trail = ("kind: sentence", f"reviewed from mt: {package}")
    assert [e.extracted for e in kept.active if e.msgid in {d.msgid for d in drafted_entries}] == [
        trail
    ] * len(drafted_entries)
    # ... and survives the next update unchanged, and status counts it.
    again = keep_draft_notes(kept, replace(kept, entries=template_only))
    assert again.entries == kept.entries
    path.write_text(format_po(kept), encoding="utf-8")
    (row,) = project.status(settings_of(sample_project), ["ja"])
    assert row.post_edited_mt == len(drafted_entries)


def test_missing_model_names_the_pair_and_the_command(
    sample_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(sample_project)
    code, out, err = invoke(["run"], capsys)
    assert (code, err) == (0, "")
    assert "No MT model for en→ja" in out and "locpipe models install translate-en_ja" in out
    assert "No MT model for en→zh" in out and "locpipe models install translate-en_zh" in out
    assert all(not e.translated for e in catalog(sample_project, "ja").active)  # still updated
    code, out, _ = invoke(["run", "--require-mt"], capsys)
    assert code == 1
    assert invoke(["run", "--require-mt", "--quiet"], capsys) == (1, "", "")  # quiet, same status
    code, out, _ = invoke(["draft", "--lang", "zh", "--require-mt"], capsys)
    assert code == 1 and "en→zh" in out and "en→ja" not in out


def test_draft_command_drafts_one_language(
    sample_project: Path,
    with_copy_models: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(sample_project)
    invoke(["extract"], capsys)
    invoke(["update"], capsys)
    code, out, err = invoke(["draft", "--lang", "zh"], capsys)
    assert (code, err) == (0, "")
    assert "zh" in out and "100.0%" in out
    assert all(e.fuzzy for e in catalog(sample_project, "zh").active)
    assert all(not e.translated for e in catalog(sample_project, "ja").active)


def test_units_shared_by_articles_are_translated_once(
    tmp_path: Path, with_copy_models: Path
) -> None:
    articles, sentences = 6, 30
    settings = load_config(write_corpus(tmp_path, articles, sentences, repeated=0.3))
    engines: list[CountingEngine] = []

    def counting(s: Settings, language: str) -> Engine | None:
        inner = project.argos_engine(s, language)
        assert inner is not None
        engines.append(CountingEngine(inner))
        return engines[-1]

    outcome = project.run(settings, find_engine=counting)
    unique = unique_sentences(articles, sentences, repeated=0.3) + articles  # + headlines
    assert unique < articles * (sentences + 1)
    assert engines[0].units == unique == outcome.reports[0].drafted
    assert engines[0].calls == -(-unique // CHUNK_SIZE)  # one length-sorted stream of chunks
    seen = Counter(s for lines in article_sentences(articles, sentences, 0.3) for s in set(lines))
    shared = next(s for s, count in seen.items() if count > 1)
    drafts = [
        e.msgstr
        for path in tmp_path.glob("locales/ja/LC_MESSAGES/*.po")
        for e in read_po(path).active
        if e.msgid == shared
    ]
    assert len(drafts) == seen[shared] and len(set(drafts)) == 1 and drafts[0]


def test_a_regional_code_uses_the_base_model(
    sample_project: Path,
    copy_model_files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """ja_JP: the en→ja test model installed as the base pair drafts it; the glossary's ja applies."""
    packages = tmp_path / "packages"
    install_file(copy_model_files["ja"], packages)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    config = sample_project / "locpipe.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "languages: [ja, zh, zh_TW]", "languages: [ja-JP]"
    )
    kept = [line for line in text.splitlines() if not line.startswith("derive:")]
    config.write_text("\n".join(kept) + "\n")
    monkeypatch.chdir(sample_project)
    code, out, err = invoke(["run", "--require-mt"], capsys)
    assert (code, err) == (0, "") and "ja_JP" in out
    ja_jp = catalog(sample_project, "ja_JP")
    assert ja_jp.header_value("Language") == "ja_JP"
    assert ja_jp.active and all(e.fuzzy for e in ja_jp.active)
    assert all("mt: locpipe-test-en_ja 1.0; glossary: ok" in e.extracted for e in ja_jp.active)
    kishida = next(e for e in ja_jp.active if e.msgid.startswith(KISHIDA))
    assert kishida.msgstr.startswith("国家主席 習近平 told 首相 岸田文雄")
    assert not (sample_project / "locales" / "ja").exists()
