"""The locpipe command line end to end on a copy of the sample project."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.catalog.po import format_po, read_po
from pipeline.core.fsio import project_lock
from tests.conftest import DATA, ROOT, SAMPLE_SLUG, invoke, msgfmt_check


def catalog_files(root: Path) -> list[Path]:
    return sorted(root.joinpath("locales").rglob("*.po*"))


@pytest.fixture
def in_project(sample_project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(sample_project)
    return sample_project


def test_run_creates_template_and_catalogs(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = invoke(["run"], capsys)
    assert (code, err) == (0, "")
    files = [p.relative_to(in_project).as_posix() for p in catalog_files(in_project)]
    assert sorted(files) == sorted(
        [
            f"locales/{SAMPLE_SLUG}.pot",
            f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po",
            f"locales/zh/LC_MESSAGES/{SAMPLE_SLUG}.po",
            f"locales/zh_TW/LC_MESSAGES/{SAMPLE_SLUG}.po",
        ]
    )
    assert "untranslated units in locales/ja/LC_MESSAGES/" in out
    for path in catalog_files(in_project):
        result = msgfmt_check(path)
        assert result.returncode == 0, result.stderr
        if path.suffix == ".po":
            assert result.stderr == "", result.stderr
    ja = read_po(in_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po")
    assert ja.header_value("Language") == "ja"
    assert ja.header_value("Plural-Forms") == "nplurals=1; plural=0;"
    assert (
        ja.entries[0].msgid == "Analysis: China reaches out to Japan to mark diplomatic milestone"
    )
    assert ja.entries[0].extracted[0] == "kind: headline"
    assert ja.entries[0].refs == (f"articles/{SAMPLE_SLUG}.txt:1",)


def test_second_run_changes_no_byte(
    in_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rerun a day later writes nothing: the dates of unchanged files stay.

    The clock is frozen and then moved (SOURCE_DATE_EPOCH), so the test does not pass just
    because both runs fall in the same minute. Mutant killed: a template date always "now".
    """
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795928400")  # 2026-11-29 05:00 UTC
    invoke(["run"], capsys)
    before = {p: p.read_bytes() for p in catalog_files(in_project)}
    assert (
        b'"POT-Creation-Date: 2026-11-29 05:00+0000\\n"'
        in before[in_project / f"locales/{SAMPLE_SLUG}.pot"]
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795928400 + 86400))
    code, out, _ = invoke(["run"], capsys)
    assert code == 0
    assert {p: p.read_bytes() for p in catalog_files(in_project)} == before
    assert "4 files up to date" in out


def test_an_edited_source_moves_the_template_date(
    in_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795928400")
    invoke(["extract"], capsys)
    article = in_project / f"articles/{SAMPLE_SLUG}.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nA new closing line.\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795928400 + 86400))
    invoke(["extract"], capsys)
    pot = read_po(in_project / f"locales/{SAMPLE_SLUG}.pot")
    assert pot.header_value("POT-Creation-Date") == "2026-11-30 05:00+0000"


def test_a_bad_source_date_epoch_is_an_input_error(
    in_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    code, _, err = invoke(["extract"], capsys)
    assert (code, err) == (
        2,
        "locpipe: error: SOURCE_DATE_EPOCH must be a whole number of seconds, not 'yesterday'\n",
    )
    assert not (in_project / "locales").exists()


def test_reviewed_translation_survives_source_edit(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    invoke(["run"], capsys)
    po_path = in_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po"
    catalog = read_po(po_path)
    headline = catalog.entries[0]
    from dataclasses import replace

    reviewed = replace(headline, msgstr="分析：中国、国交正常化の節目に日本へ接近")
    po_path.write_text(format_po(replace(catalog, entries=(reviewed, *catalog.entries[1:]))))
    article = in_project / f"articles/{SAMPLE_SLUG}.txt"
    article.write_text(article.read_text().replace("diplomatic milestone", "diplomatic landmark"))
    assert invoke(["run"], capsys)[0] == 0
    updated = read_po(po_path)
    edited = updated.entries[0]
    assert edited.msgid.endswith("diplomatic landmark")
    assert edited.fuzzy
    assert edited.previous_msgid == headline.msgid
    assert edited.msgstr == reviewed.msgstr


def test_status_json(in_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    invoke(["run"], capsys)
    code, out, _ = invoke(["status", "--format", "json"], capsys)
    assert code == 0
    rows = json.loads(out)["catalogs"]
    assert [row["language"] for row in rows] == ["ja", "zh", "zh_TW"]
    total = len(read_po(in_project / f"locales/{SAMPLE_SLUG}.pot").entries)
    for row in rows:
        assert (row["reviewed"], row["fuzzy"], row["obsolete"]) == (0, 0, 0)
        assert row["untranslated"] == total


BAD_INPUTS = [
    pytest.param(
        "locpipe.yaml", "config_bad_unknown_key.yaml", "locpipe.yaml:4: unknown key", id="config"
    ),
    pytest.param(
        f"articles/{SAMPLE_SLUG}.txt",
        "article_bad_encoding.txt",
        f"articles/{SAMPLE_SLUG}.txt:3: not valid UTF-8",
        id="non-utf8-article",
    ),
    pytest.param(
        f"articles/{SAMPLE_SLUG}.txt",
        "article_bad_empty.txt",
        f"articles/{SAMPLE_SLUG}.txt:1: empty article",
        id="empty-article",
    ),
]


@pytest.mark.parametrize(("target", "bad_file", "expected"), BAD_INPUTS)
def test_bad_input_is_one_line_exit_2_nothing_written(
    in_project: Path, capsys: pytest.CaptureFixture[str], target: str, bad_file: str, expected: str
) -> None:
    shutil.copy(DATA / bad_file, in_project / target)
    code, _, err = invoke(["run"], capsys)
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith("locpipe: error: ")
    assert expected in err
    assert not (in_project / "locales").exists()


def test_bad_input_leaves_existing_catalogs_untouched(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    invoke(["run"], capsys)
    before = {p: p.read_bytes() for p in catalog_files(in_project)}
    shutil.copy(DATA / "article_bad_encoding.txt", in_project / f"articles/{SAMPLE_SLUG}.txt")
    assert invoke(["run"], capsys)[0] == 2
    assert {p: p.read_bytes() for p in catalog_files(in_project)} == before


def test_unknown_language_is_usage_error(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = invoke(["status", "--lang", "fr"], capsys)
    assert code == 2
    assert err.splitlines() == [
        "locpipe: error: language 'fr' is not configured; configured: ja, zh, zh_TW"
    ]


@pytest.mark.parametrize("spelling", ["zh-TW", "zh_tw", "zh-Hant-TW"])
def test_any_spelling_of_a_configured_language_selects_it(
    in_project: Path, capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    assert invoke(["run"], capsys)[0] == 0
    code, out, _ = invoke(["status", "--lang", spelling, "--format", "json"], capsys)
    assert code == 0
    assert {row["language"] for row in json.loads(out)["catalogs"]} == {"zh_TW"}


def test_locked_project_refuses_to_run(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with project_lock(in_project / "locales"):
        code, _, err = invoke(["run"], capsys)
    assert code == 2
    assert "another locpipe run holds the lock" in err


def test_python_dash_m_works(in_project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "status", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["catalogs"][0]["language"] == "ja"


def entry_with(path: Path, fragment: str) -> tuple[str, ...]:
    """The extracted comments of the entry containing ``fragment``, hints cut to their rule."""
    extracted = next(e.extracted for e in read_po(path).entries if fragment in e.msgid)
    return tuple(line.split("; ")[0] for line in extracted)


def test_update_writes_and_refreshes_glossary_hints(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    invoke(["run"], capsys)
    ja = in_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po"
    zh = in_project / f"locales/zh/LC_MESSAGES/{SAMPLE_SLUG}.po"
    assert "glossary: Kishida Fumio → 岸田文雄" in entry_with(ja, "Kishida Fumio in a phone")
    assert "glossary: Xi Jinping → 习近平" in entry_with(zh, "Chinese President Xi Jinping")
    terms = in_project / "glossary/terms.yaml"
    terms.write_text(terms.read_text(encoding="utf-8").replace("ja: 岸田文雄", "ja: 岸田 文雄"))
    assert invoke(["update"], capsys)[0] == 0
    hints = entry_with(ja, "Kishida Fumio in a phone")
    assert "glossary: Kishida Fumio → 岸田 文雄" in hints
    assert "glossary: Kishida Fumio → 岸田文雄" not in hints


def test_broken_glossary_stops_run(in_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    terms = in_project / "glossary/terms.yaml"
    terms.write_text(
        terms.read_text(encoding="utf-8").replace(
            "  - id: rcep\n", "  - id: rcep\n    colour: red\n"
        )
    )
    code, _, err = invoke(["run"], capsys)
    assert code == 2
    assert err.startswith("locpipe: error: glossary/terms.yaml:")
    assert "unknown key 'colour'" in err
    assert not (in_project / "locales").exists()


def test_status_reports_term_accuracy_of_translations(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "locales", in_project / "locales")
    code, out, _ = invoke(["status", "--format", "json"], capsys)
    assert code == 0
    for row in json.loads(out)["catalogs"]:
        assert row["reviewed"] > 0
        assert row["terms_required"] > 0
        assert row["terms_satisfied"] == row["terms_required"]
    ja = in_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po"
    ja.write_text(
        ja.read_text(encoding="utf-8").replace("岸田文雄", "岸田フミオ"), encoding="utf-8"
    )
    rows = json.loads(invoke(["status", "--format", "json"], capsys)[1])["catalogs"]
    assert rows[0]["terms_satisfied"] == rows[0]["terms_required"] - 1


@pytest.mark.parametrize(
    ("bad_file", "expected"),
    [
        ("po_bad_not_utf8.po", "PO files must be UTF-8"),
        ("po_bad_unterminated_string.po", "unterminated string"),
    ],
)
def test_draft_refuses_a_broken_catalog_in_one_line(
    in_project: Path, capsys: pytest.CaptureFixture[str], bad_file: str, expected: str
) -> None:
    # Regression: 'draft' raised a UnicodeDecodeError traceback on a non-UTF-8 catalog and
    # accepted a catalog with bad syntax (exit 0) when no model was installed.
    invoke(["run"], capsys)
    target = in_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po"
    shutil.copy(DATA / bad_file, target)
    before = {p: p.read_bytes() for p in catalog_files(in_project)}
    code, _, err = invoke(["draft"], capsys)
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith("locpipe: error: ") and expected in err
    assert f"{SAMPLE_SLUG}.po:" in err
    assert {p: p.read_bytes() for p in catalog_files(in_project)} == before


def test_error_paths_are_shown_relative_to_the_current_folder(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(DATA / "config_bad_unknown_key.yaml", in_project / "locpipe.yaml")
    code, _, err = invoke(["run"], capsys)
    assert code == 2
    assert err == "locpipe: error: locpipe.yaml:4: unknown key 'locale'; did you mean 'locales'?\n"


def test_update_keeps_the_translators_language_and_plural_forms(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    invoke(["run"], capsys)
    po_path = in_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po"
    text = po_path.read_text(encoding="utf-8")
    text = text.replace('"Language: ja\\n"', '"Language: ja_JP\\n"')
    po_path.write_text(text, encoding="utf-8")
    assert invoke(["update"], capsys)[0] == 0
    assert read_po(po_path).header_value("Language") == "ja_JP"
    assert read_po(po_path).header_value("Plural-Forms") == "nplurals=1; plural=0;"


def reviewed_pairs(root: Path) -> set[tuple[str, str, str]]:
    pairs = set()
    for path in sorted(root.joinpath("locales").glob("*/LC_MESSAGES/*.po")):
        language = path.parent.parent.name
        pairs.update((language, e.msgid, e.msgstr) for e in read_po(path).entries if e.reviewed)
    return pairs


def test_reviewed_translations_survive_every_command(
    in_project: Path, with_copy_models: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "locales", in_project / "locales")
    # One sentence more in the article, so draft has real MT work beside the reviewed entries.
    article = in_project / f"articles/{SAMPLE_SLUG}.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nTokyo and Beijing met again.\n")
    before = reviewed_pairs(in_project)
    assert before and before == reviewed_pairs(ROOT)  # every committed reviewed translation
    commands = [
        ["run"],
        ["extract"],
        ["update"],
        ["draft"],
        ["status"],
        ["check"],
        ["build", "--format", "all", "--min-complete", "90"],
        ["build", "--include-drafts"],
        ["glossary", "validate"],
        ["run"],
    ]
    for command in commands:
        code, _, err = invoke(command, capsys)
        assert code == 0, (command, err)
        assert reviewed_pairs(in_project) == before, command
    drafted = read_po(in_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po").entries[-1]
    assert drafted.msgid == "Tokyo and Beijing met again."
    assert drafted.fuzzy and drafted.msgstr


def test_run_on_a_reviewed_project_names_build_and_no_model(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Everything reviewed: nothing to draft, so no model hint; the next step is build."""
    shutil.copytree(ROOT / "locales", in_project / "locales")
    code, out, err = invoke(["run"], capsys)
    assert (code, err) == (0, "")
    assert "No MT model" not in out
    assert out.splitlines()[-1] == "All reviewed: publish with 'locpipe build'."
    assert invoke(["run", "--require-mt"], capsys)[0] == 0  # no MT was needed


def test_run_names_the_untranslated_units_and_their_files(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = invoke(["run"], capsys)
    units = len(read_po(in_project / f"locales/{SAMPLE_SLUG}.pot").active)
    assert code == 0 and "No MT model for en→ja" in out
    assert out.splitlines()[-1] == (
        f"Next: {3 * units} untranslated units in locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po, "
        f"locales/zh/LC_MESSAGES/{SAMPLE_SLUG}.po, locales/zh_TW/LC_MESSAGES/{SAMPLE_SLUG}.po: "
        "translate them there, or draft them with MT."
    )


def test_run_with_drafts_names_the_fuzzy_files_to_review(
    in_project: Path, with_copy_models: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = invoke(["run"], capsys)
    ja = read_po(in_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po")
    zh = read_po(in_project / f"locales/zh/LC_MESSAGES/{SAMPLE_SLUG}.po")
    zh_tw = read_po(in_project / f"locales/zh_TW/LC_MESSAGES/{SAMPLE_SLUG}.po")
    drafts = sum(e.fuzzy for e in (*ja.active, *zh.active, *zh_tw.active))
    assert code == 0 and drafts > 0
    assert out.splitlines()[-1] == (
        f"Next: review {drafts} fuzzy drafts in locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po, "
        f"locales/zh/LC_MESSAGES/{SAMPLE_SLUG}.po, locales/zh_TW/LC_MESSAGES/{SAMPLE_SLUG}.po "
        "(Poedit, Weblate, Lokalize), "
        "then 'locpipe check'."
    )


def msgcat_in_place(path: Path) -> None:
    subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)


def test_an_editor_save_then_run_changes_no_byte(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The committed catalogs are in gettext's layout: a Poedit-style save leaves no diff."""
    shutil.copytree(ROOT / "locales", in_project / "locales")
    for path in catalog_files(in_project):
        msgcat_in_place(path)
    assert invoke(["run"], capsys)[0] == 0
    for path in catalog_files(in_project):
        assert path.read_bytes() == (ROOT / path.relative_to(in_project)).read_bytes(), path


def test_msgcat_changes_no_byte_of_any_catalog_we_write(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "locales", in_project / "locales")
    article = in_project / f"articles/{SAMPLE_SLUG}.txt"
    text = article.read_text(encoding="utf-8")
    text = text.replace("grow increasingly tense", "grow ever more tense")
    text = text.replace("Xi Jinping wants to foster a new phase in Japan-China relations.\n", "")
    article.write_text(text, encoding="utf-8")
    assert invoke(["extract"], capsys)[0] == 0
    assert invoke(["update"], capsys)[0] == 0
    ja = (in_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po").read_text(encoding="utf-8")
    assert "\n#| msgid " in ja and "\n#~ msgid " in ja and "#, fuzzy" in ja
    for path in catalog_files(in_project):
        written = path.read_bytes()
        msgcat_in_place(path)
        assert path.read_bytes() == written, path


def test_update_refuses_an_escape_gettext_does_not_know(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    invoke(["run"], capsys)
    po = in_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith('msgstr "'))
    lines[number] = 'msgstr "bad \\q escape"'
    po.write_text("\n".join(lines), encoding="utf-8")
    before = po.read_bytes()
    code, _, err = invoke(["update"], capsys)
    assert code == 2
    assert err == (
        f"locpipe: error: locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po:{number + 1}: "
        "invalid PO syntax: invalid control sequence \\q\n"
    )
    assert po.read_bytes() == before  # never silently rewritten as \\q
