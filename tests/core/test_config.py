"""Config loading: the sample config, and every bad config reported with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.core.config import find_config, load_config
from pipeline.core.errors import ConfigError, InputError
from tests.conftest import DATA, ROOT

BAD_CONFIGS = [
    pytest.param(
        "unknown_key", 4, "unknown key 'locale'; did you mean 'locales'?", id="unknown-key"
    ),
    pytest.param("language", 4, "unknown language code 'klingon'", id="unknown-language"),
    pytest.param("syntax", 3, "YAML syntax error", id="yaml-syntax"),
    pytest.param("type", 6, "'mt.n_best' must be an integer from 1 to 64", id="wrong-type"),
    pytest.param("mt_threads", 6, "'mt.threads' must be an integer from 1 to 256", id="mt-threads"),
    pytest.param(
        "mt_executor", 5, "unknown MT executor 'spark'; known: local, ray", id="mt-executor"
    ),
    pytest.param("empty_glob", 3, "'sources' matches no files", id="empty-glob"),
    pytest.param("missing_key", 1, "missing required key 'languages'", id="missing-key"),
    pytest.param("not_mapping", 1, "the config must be a mapping, not a list", id="not-mapping"),
    pytest.param("duplicate_key", 3, "duplicate key 'languages'", id="duplicate-key"),
    pytest.param(
        "missing_file", 3, "sources: file not found: articles/missing.txt", id="missing-file"
    ),
    pytest.param(
        "severity_level",
        5,
        "check.severity.fuzzy: 'loud' is not one of error, warning, info, off",
        id="severity-bad-level",
    ),
    pytest.param(
        "source_as_target",
        2,
        "'en' is the source language; it cannot also be a target",
        id="source-language-as-target",
    ),
    pytest.param(
        "two_spellings",
        5,
        "language 'zh-TW' is the same language as 'zh_TW'",
        id="two-spellings-of-one-language",
    ),
    pytest.param(
        "base_and_region",
        2,
        "language 'ja_JP' is the same language as 'ja'",
        id="base-and-region-one-language",
    ),
    pytest.param(
        "derive_from",
        5,
        "'derive.zh_TW.from': 'fr' is not a configured language (zh, zh_TW)",
        id="derive-from-unconfigured",
    ),
    pytest.param(
        "derive_opencc", 7, "unknown OpenCC conversion 's2xx'", id="derive-unknown-opencc"
    ),
    pytest.param(
        "mt_key", 4, "unknown key 'mt.nbest'; did you mean 'mt.n_best'?", id="mt-unknown-key"
    ),
    pytest.param(
        "tm_similarity",
        6,
        "'tm.min_similarity' must be an integer from 1 to 99",
        id="tm-similarity",
    ),
    pytest.param("tm_exact", 4, "'tm.exact' must be one of reviewed, fuzzy", id="tm-exact"),
    pytest.param("tm_missing", 6, "tm.files: file not found: tm/missing.tmx", id="tm-missing"),
]


def test_sample_config_loads() -> None:
    settings = load_config(ROOT / "locpipe.yaml")
    assert settings.source_language == "en"
    assert settings.languages == ("ja", "zh", "zh_TW")
    assert [p.name for p in settings.sources] == [
        "japan-china-relations.txt",
        "japan-china-trade.txt",
    ]
    assert [p.name for p in settings.glossary] == ["terms.yaml"]
    assert settings.locales == ROOT / "locales"
    assert (settings.mt.engine, settings.mt.n_best, settings.mt.beam_size) == ("argos", 8, 8)
    assert settings.check.fail_on == ("error",)
    assert (settings.tm.files, settings.tm.min_similarity, settings.tm.exact) == (
        (),
        75,
        "reviewed",
    )


@pytest.mark.parametrize(("name", "line", "message"), BAD_CONFIGS)
def test_bad_config_names_file_and_line(tmp_path: Path, name: str, line: int, message: str) -> None:
    shutil.copytree(ROOT / "articles", tmp_path / "articles")
    config = tmp_path / "locpipe.yaml"
    shutil.copy(DATA / f"config_bad_{name}.yaml", config)
    with pytest.raises(InputError) as caught:
        load_config(config)
    assert caught.value.path == str(config)
    assert caught.value.line == line
    assert message in caught.value.message
    assert "\n" not in str(caught.value)


def test_languages_take_their_canonical_spelling(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "articles", tmp_path / "articles")
    config = tmp_path / "locpipe.yaml"
    config.write_text(
        "source_language: en\nlanguages: [zh-tw, ja_JP, zh-Hant-HK]\n"
        "sources: [articles/*.txt]\nderive:\n  zh-TW: {from: zh_Hant_HK, opencc: t2tw}\n"
    )
    settings = load_config(config)
    assert settings.languages == ("zh_TW", "ja_JP", "zh_Hant_HK")
    assert settings.po_path("zh_TW", "a") == tmp_path / "locales/zh_TW/LC_MESSAGES/a.po"
    derivation = settings.derivation("zh_TW")
    assert derivation is not None
    assert (derivation.source, derivation.opencc) == ("zh_Hant_HK", "t2tw")


def test_rule_severities_keep_their_lines_for_the_rule_registry(tmp_path: Path) -> None:
    # Config does not know the rule ids (qa does): it keeps each entry's line so the check job
    # can report an unknown id at its place (tests/cli/test_check.py).
    shutil.copytree(ROOT / "articles", tmp_path / "articles")
    config = tmp_path / "locpipe.yaml"
    shutil.copy(DATA / "config_bad_severity_rule.yaml", config)
    assert load_config(config).check.severity == (
        ("fuzzy", "warning", 7),
        ("untranslatd", "off", 8),
    )


def test_find_config_searches_upward(tmp_path: Path) -> None:
    (tmp_path / "locpipe.yaml").write_text("source_language: en\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config(nested) == tmp_path / "locpipe.yaml"


def test_find_config_reports_absence(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no locpipe\.yaml found"):
        find_config(tmp_path)


def test_settings_are_frozen() -> None:
    settings = load_config(ROOT / "locpipe.yaml")
    with pytest.raises(AttributeError):
        settings.languages = ("fr",)  # type: ignore[misc]


def test_mt_threads_and_executor(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello.\n")
    config = tmp_path / "locpipe.yaml"
    config.write_text(
        "source_language: en\nlanguages: [ja]\nsources: [a.txt]\nmt: {threads: 3, executor: ray}\n"
    )
    mt = load_config(config).mt
    assert (mt.threads, mt.executor) == (3, "ray")
    default = load_config(ROOT / "locpipe.yaml").mt
    assert (default.threads, default.executor) == (None, "local")


def test_overlapping_source_globs_give_each_file_once_in_order(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / "articles" / name).write_text("Text.\n", encoding="utf-8")
    (tmp_path / "locpipe.yaml").write_text(
        "source_language: en\nlanguages: [ja]\n"
        "sources: [articles/b.txt, articles/*.txt, articles/*, articles/a.txt]\n",
        encoding="utf-8",
    )
    settings = load_config(tmp_path / "locpipe.yaml")
    assert [p.name for p in settings.sources] == ["b.txt", "a.txt", "c.md"]
