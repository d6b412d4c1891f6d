"""Check rules: one case table per rule, ja and zh, passing and failing entries; whole files."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.catalog.po import format_po
from pipeline.core.model import Catalog, Entry
from pipeline.glossary.schema import Glossary, parse_glossary
from pipeline.qa import check_catalogs
from pipeline.qa.rules import DEFAULT_SEVERITIES, RULES, Finding

DATA = Path(__file__).resolve().parents[1] / "data"

GLOSSARY_YAML = """\
version: 1
terms:
  - id: xi-jinping
    en: [Xi Jinping]
    ja: 習近平
    zh: 习近平
    forbidden: {ja: [习近平], zh: [習近平]}
  - id: president-xi
    en: [President Xi]
    ja: [習主席, 習近平国家主席]
    zh: [习主席, 习近平主席]
    forbidden: {ja: [習大統領], zh: [习总统]}
  - id: japan
    en: [Japan]
    ja: 日本
    zh: 日本
  - id: china
    en: [China]
    ja: 中国
    zh: 中国
  - id: japan-china-relations
    en: [Japan-China relations]
    ja: 日中関係
    zh: 中日关系
  - id: renmin-university
    en: [Renmin University of China]
    ja: 中国人民大学
    zh: 中国人民大学
  - id: rcep
    en: [RCEP]
    ja: [地域的な包括的経済連携協定, RCEP]
    zh: [区域全面经济伙伴关系协定, RCEP]
  - id: nhk-world
    en: NHK World
    dnt: true
"""
GLOSSARY = parse_glossary(GLOSSARY_YAML, "terms.yaml", ["ja", "zh"])


def header(
    language: str, plural_forms: str = "nplurals=1; plural=0;"
) -> tuple[tuple[str, str], ...]:
    return (
        ("Project-Id-Version", "tests"),
        ("PO-Revision-Date", "2024-05-02 10:00+0000"),
        ("Last-Translator", "T <t@example.org>"),
        ("Language-Team", "none"),
        ("Language", language),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms),
    )


def run(
    entries: list[Entry], language: str = "ja", glossary: Glossary = GLOSSARY, **kw: str
) -> list[Finding]:
    text = format_po(Catalog(header=header(language, **kw), entries=tuple(entries)))
    return list(check_catalogs([(f"{language}.po", text.encode())], glossary).findings)


def rules(msgid: str, msgstr: str, language: str = "ja", **entry: object) -> list[str]:
    return [f.rule for f in run([Entry(msgid=msgid, msgstr=msgstr, **entry)], language)]  # type: ignore[arg-type]


GLOSSARY_CASES = [
    pytest.param("ja", "Xi Jinping spoke.", "習近平氏が語った。", [], id="ja-xi-ok"),
    pytest.param("zh", "Xi Jinping spoke.", "习近平表示。", [], id="zh-xi-ok"),
    pytest.param(
        "zh",
        "Xi Jinping spoke.",
        "習近平表示。",
        ["glossary-missing", "glossary-forbidden", "script-mismatch"],
        id="zh-traditional-xi-fails",
    ),
    pytest.param(
        "ja",
        "Xi Jinping spoke.",
        "习近平氏が語った。",
        ["glossary-missing", "glossary-forbidden"],
        id="ja-simplified-xi-fails",
    ),
    pytest.param("zh", "RCEP took effect.", "ＲＣＥＰ生效。", [], id="zh-fullwidth-rcep-ok"),
    pytest.param(
        "ja",
        "RCEP took effect.",
        "地域的な包括的経済連携協定が発効。",
        [],
        id="ja-accepted-variant-ok",
    ),
    pytest.param(
        "ja", "RCEP took effect.", "協定が発効した。", ["glossary-missing"], id="ja-rcep-missing"
    ),
    pytest.param(
        "ja", "Japanese voters went out.", "有権者が投票した。", [], id="japanese-is-not-japan"
    ),
    pytest.param(
        "ja", "Japan votes.", "有権者が投票した。", ["glossary-missing"], id="ja-japan-missing"
    ),
    pytest.param(
        "ja",
        "Japan-China relations improved.",
        "日中関係が改善した。",
        [],
        id="ja-longest-term-wins",
    ),
    pytest.param(
        "zh",
        "He teaches at Renmin University of China.",
        "他在人民大学任教。",
        ["glossary-missing"],
        id="zh-longest-term-missing",
    ),
    pytest.param(
        "zh",
        "President Xi said.",
        "习总统说。",
        ["glossary-missing", "glossary-forbidden"],
        id="zh-forbidden-title",
    ),
    pytest.param("ja", "President Xi said.", "習主席は述べた。", [], id="ja-title-ok"),
    pytest.param("ja", "On NHK World today.", "今日のNHK Worldで。", [], id="ja-dnt-ok"),
    pytest.param(
        "zh", "On NHK World today.", "今天在ＮＨＫ　Ｗｏｒｌｄ。", [], id="zh-dnt-fullwidth-ok"
    ),
    pytest.param(
        "zh", "On NHK World today.", "今天在NHK环球广播。", ["dnt-changed"], id="zh-dnt-changed"
    ),
]


@pytest.mark.parametrize(("language", "msgid", "msgstr", "expected"), GLOSSARY_CASES)
def test_glossary_rules(language: str, msgid: str, msgstr: str, expected: list[str]) -> None:
    assert rules(msgid, msgstr, language) == expected


def test_glossary_message_names_term_and_rendering() -> None:
    [missing, forbidden, _script] = run(
        [Entry(msgid="Xi Jinping spoke.", msgstr="習近平表示。")], "zh"
    )
    assert (
        missing.message == "“Xi Jinping” must be rendered as 习近平 (term xi-jinping); none found"
    )
    assert (
        forbidden.message
        == "forbidden rendering 習近平 for “Xi Jinping” (term xi-jinping); use 习近平"
    )
    assert (missing.msgid, missing.severity, missing.file) == (
        "Xi Jinping spoke.",
        "error",
        "zh.po",
    )


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        pytest.param("zh_CN", "习近平表示。", [], id="zh_CN-reads-zh"),
        pytest.param(
            "zh_Hans",
            "習近平表示。",
            ["glossary-missing", "glossary-forbidden"],
            id="zh_Hans-reads-zh",
        ),
        pytest.param("zh-Hans-CN", "习近平表示。", [], id="zh-Hans-CN-reads-zh"),
        pytest.param("zh_TW", "習近平表示。", [], id="zh_TW-never-simplified"),
        pytest.param("zh_Hant", "习近平表示。", [], id="zh_Hant-never-simplified"),
        pytest.param(
            "ja_JP",
            "习近平氏が語った。",
            ["glossary-missing", "glossary-forbidden"],
            id="ja_JP-reads-ja",
        ),
        pytest.param("ja_JP.UTF-8", "習近平氏が語った。", [], id="ja_JP-with-codeset"),
    ],
)
def test_catalog_language_resolves_to_its_glossary_key(
    code: str, text: str, expected: list[str]
) -> None:
    found = rules("Xi Jinping spoke.", text, code)
    assert [rule for rule in found if rule != "script-mismatch"] == expected


SCRIPT_CASES = [
    pytest.param("zh_TW", "集裝箱船停靠。", [], id="zh_TW-traditional-ok"),
    pytest.param("zh_TW", "集装箱船停靠。", ["装"], id="zh_TW-simplified-container"),
    pytest.param(
        "zh-Hant", "这艘船后来开走了。", ["这", "来", "开"], id="zh-Hant-simplified-words"
    ),
    pytest.param("zh_TW", "皇后在台灣的里程後來。", [], id="zh_TW-shared-characters-ok"),
    pytest.param("zh", "集装箱船停靠。", [], id="zh-simplified-ok"),
    pytest.param(
        "zh", "集裝箱船後來開走。", ["裝", "後", "來", "開"], id="zh-traditional-characters"
    ),
    pytest.param("zh_CN", "皇后里面干杯。", [], id="zh_CN-shared-characters-ok"),
    pytest.param("ja", "集装箱。", [], id="ja-not-checked"),
]


@pytest.mark.parametrize(("language", "msgstr", "chars"), SCRIPT_CASES)
def test_script_mismatch(language: str, msgstr: str, chars: list[str]) -> None:
    found = [f for f in run([Entry(msgid="A ship docked.", msgstr=msgstr)], language)]
    mismatches = [f for f in found if f.rule == "script-mismatch"]
    assert [f.message.rsplit(": ", 1)[1].split() for f in mismatches] == ([chars] if chars else [])
    assert all(f.severity == "error" for f in mismatches)


def test_script_mismatch_names_both_scripts() -> None:
    traditional = run([Entry(msgid="A ship.", msgstr="集装箱船。")], "zh_TW")
    simplified = run([Entry(msgid="A ship.", msgstr="集裝箱船。")], "zh")
    assert [f.message for f in traditional] == [
        "Simplified-only characters in a Traditional catalog: 装"
    ]
    assert [f.message for f in simplified] == [
        "Traditional-only characters in a Simplified catalog: 裝"
    ]


def test_script_mismatch_on_a_draft_is_a_warning() -> None:
    draft = Entry(msgid="A ship.", msgstr="集装箱船。", flags=("fuzzy",))
    found = [f for f in run([draft], "zh_TW") if f.rule == "script-mismatch"]
    assert [f.severity for f in found] == ["warning"]


def test_traditional_key_used_when_the_glossary_has_one() -> None:
    glossary = parse_glossary(
        GLOSSARY_YAML.replace("    zh: 习近平\n", "    zh: 习近平\n    zh-Hant: 習近平\n"),
        "terms.yaml",
        ["ja", "zh"],
    )
    entry = Entry(msgid="Xi Jinping spoke.", msgstr="习近平表示。")
    assert [f.rule for f in run([entry], "zh_TW", glossary)] == [
        "glossary-missing",
        "script-mismatch",
    ]


def test_language_without_targets_skips_glossary_but_keeps_dnt() -> None:
    assert rules("Xi Jinping on NHK World.", "Xi Jinping sur NHK Monde.", "fr") == ["dnt-changed"]


NUMBER_CASES = [
    pytest.param("ja", "The 50th anniversary.", "50周年。", [], id="ja-ordinal"),
    pytest.param("ja", "The 50th anniversary.", "五十周年。", [], id="ja-cjk-50"),
    pytest.param("zh", "It has 15 members.", "它有十五个成员。", [], id="zh-cjk-15"),
    pytest.param("zh", "It has 15 members.", "它有１５个成员。", [], id="zh-fullwidth-15"),
    pytest.param(
        "zh", "It has 15 members.", "它有16个成员。", ["number-mismatch"], id="zh-wrong-number"
    ),
    pytest.param("ja", "About 20,000 people.", "約2万人。", [], id="ja-man-20000"),
    pytest.param("ja", "About 20,000 people.", "約20,000人。", [], id="ja-thousands-separator"),
    pytest.param(
        "ja", "About 20,000 people.", "約2千人。", ["number-mismatch"], id="ja-wrong-scale"
    ),
    pytest.param("zh", "It covers 2.2 billion people.", "覆盖22亿人口。", [], id="zh-billion-yi"),
    pytest.param("ja", "3.5 million yen.", "350万円。", [], id="ja-million-man"),
    pytest.param("zh", "Since 2022.", "自二〇二二年以来。", [], id="zh-year-digit-by-digit"),
    pytest.param(
        "ja", "In 1972 and 2022.", "1972年に。", ["number-mismatch"], id="ja-one-of-two-missing"
    ),
    pytest.param("ja", "The G7 met.", "G7が会合した。", [], id="ja-no-number-in-names"),
]


@pytest.mark.parametrize(("language", "msgid", "msgstr", "expected"), NUMBER_CASES)
def test_number_rule(language: str, msgid: str, msgstr: str, expected: list[str]) -> None:
    assert rules(msgid, msgstr, language) == expected


def test_number_message_lists_what_was_found() -> None:
    [finding] = run([Entry(msgid="It has 15 members.", msgstr="它有16个成员。")], "zh")
    assert finding.message == "number 15 is missing from the translation (numbers found: 16)"


def test_number_message_lists_found_numbers_in_a_stable_order() -> None:
    # Equal-length numbers once came out in set order, which changes with the hash seed.
    [finding] = run([Entry(msgid="It has 15 members.", msgstr="它有96、12、34个成员。")], "zh")
    assert finding.message.endswith("(numbers found: 12, 34, 96)")


PLACEHOLDER_CASES = [
    pytest.param(
        "c-format",
        "%d files in %s",
        "%s に %d 個",
        ["placeholder-mismatch"] * 2,
        id="c-swapped-types",
    ),
    pytest.param(
        "c-format", "%1$s opens %2$s", "%2$s を %1$s が開く", [], id="c-reordered-positional"
    ),
    pytest.param("c-format", "%s failed", "失敗しました", ["placeholder-mismatch"], id="c-missing"),
    pytest.param("c-format", "100%% done: %d", "%d 件 100%% 完了", [], id="c-escaped-percent"),
    pytest.param("python-format", "Hi %(name)s", "こんにちは %(name)s", [], id="python-named-ok"),
    pytest.param(
        "python-format",
        "Hi %(name)s",
        "こんにちは %(nom)s",
        ["placeholder-mismatch"] * 2,
        id="python-renamed",
    ),
    pytest.param(
        "python-format",
        "%(n)d items",
        "%(n)s 件",
        ["placeholder-mismatch"],
        id="python-type-changed",
    ),
    pytest.param("python-brace-format", "By {author}", "{author} 著", [], id="brace-ok"),
    pytest.param(
        "python-brace-format",
        "By {author}",
        "{writer} 著",
        ["placeholder-mismatch"] * 2,
        id="brace-renamed",
    ),
    pytest.param("no-c-format", "%d%", "%d％", [], id="no-format-flag"),
]


@pytest.mark.parametrize(("flag", "msgid", "msgstr", "expected"), PLACEHOLDER_CASES)
def test_placeholder_rule(flag: str, msgid: str, msgstr: str, expected: list[str]) -> None:
    assert rules(msgid, msgstr, "ja", flags=(flag,)) == expected


def test_placeholder_message_is_specific() -> None:
    entry = Entry(msgid="%d files in %s", msgstr="%s に %d 個", flags=("c-format",))
    finding = run([entry])[0]
    assert (
        finding.message
        == "c-format: incompatible format for placeholder 1: 'd' and 's' are not compatible"
    )


def test_placeholders_ignored_without_format_flag() -> None:
    """``%d`` is a placeholder only where a format flag says so (and it holds no digit)."""
    assert rules("%d things", "もの", "ja") == []
    assert rules("%d things", "もの", "ja", flags=("c-format",)) == ["placeholder-mismatch"]


MARKUP_CASES = [
    pytest.param(
        "ja",
        "Read [the report](https://example.org/r).",
        "[報告書](https://example.org/r)を読む。",
        [],
        id="ja-md-link-ok",
    ),
    pytest.param(
        "zh",
        "Read [the report](https://example.org/r).",
        "阅读报告。",
        ["markup-mismatch"],
        id="zh-md-link-dropped",
    ),
    pytest.param(
        "ja", "Run `locpipe check` now.", "今すぐ `locpipe check` を実行。", [], id="ja-code-ok"
    ),
    pytest.param(
        "zh",
        "Run `locpipe check` now.",
        "现在运行 `locpipe 检查`。",
        ["markup-mismatch"] * 2,
        id="zh-code-translated",
    ),
    pytest.param("ja", "A <b>bold</b> move.", "<b>大胆な</b>一手。", [], id="ja-tags-ok"),
    pytest.param(
        "zh",
        "A <b>bold</b> move.",
        "大胆<i>之举</i>。",
        ["markup-mismatch"] * 4,
        id="zh-tags-changed",
    ),
    pytest.param(
        "ja", "A **bold** move.", "大胆な一手。", ["markup-mismatch"], id="ja-strong-dropped"
    ),
    pytest.param(
        "zh",
        "Plain text.",
        "<script>x</script>纯文本。",
        ["markup-mismatch"] * 2,
        id="zh-injected-tag",
    ),
]


@pytest.mark.parametrize(("language", "msgid", "msgstr", "expected"), MARKUP_CASES)
def test_markup_rule(language: str, msgid: str, msgstr: str, expected: list[str]) -> None:
    assert rules(msgid, msgstr, language) == expected


def test_inconsistent_translation_both_directions() -> None:
    entries = [
        Entry(msgid="The talks ended without a deal.", msgstr="会談は合意なく終わった。"),
        Entry(
            msgid="The talks ended without a deal.",
            msgstr="会談は物別れに終わった。",
            msgctxt="headline",
        ),
        Entry(msgid="Talks collapsed late on Friday.", msgstr="会談は合意なく終わった。"),
        Entry(msgid="Jan", msgstr="1月", msgctxt="abbrev"),
        Entry(msgid="January", msgstr="1月", msgctxt="abbrev"),
    ]
    found = [(f.rule, f.msgid) for f in run(entries)]
    assert found == [("inconsistent-translation", "Talks collapsed late on Friday.")]
    ja = format_po(Catalog(header("ja"), (entries[0],))).encode()
    other = format_po(
        Catalog(header("ja"), (Entry(msgid=entries[0].msgid, msgstr="別訳。"),))
    ).encode()
    result = check_catalogs([("a/ja.po", ja), ("b/ja.po", other)])
    assert [(f.file, f.rule) for f in result.findings] == [("b/ja.po", "inconsistent-translation")]
    assert "“会談は合意なく終わった。” at a/ja.po:" in result.findings[0].message


def test_a_file_of_unknown_language_is_compared_with_itself() -> None:
    """No Language header, no language in the path: its own entries still must agree."""
    same = "会談は合意なく終わった。"
    entries = (
        Entry(msgid="The talks ended without a deal.", msgstr=same),
        Entry(msgid="Talks collapsed late on Friday.", msgstr=same),
        Entry(msgid="Negotiators left the capital early.", msgstr=same),
    )
    unknown = tuple(field for field in header("ja") if field[0] != "Language")
    data = format_po(Catalog(unknown, entries[:2])).encode()
    other = format_po(Catalog(unknown, entries[2:])).encode()
    result = check_catalogs([("notes.po", data), ("more.po", other)])
    found = [(f.file, f.msgid) for f in result.findings if f.rule == "inconsistent-translation"]
    assert found == [("notes.po", "Talks collapsed late on Friday.")]


def test_untranslated_fuzzy_and_draft_severities() -> None:
    entries = [
        Entry(msgid="Japan votes."),
        Entry(
            msgid="Xi Jinping spoke.",
            msgstr="習近平表示。",
            flags=("fuzzy",),
            previous_msgid="Xi spoke.",
        ),
    ]
    found = [(f.rule, f.severity) for f in run(entries, "zh")]
    assert found == [
        ("untranslated", "info"),
        ("glossary-missing", "warning"),
        ("glossary-forbidden", "warning"),
        ("script-mismatch", "warning"),
        ("fuzzy", "info"),
    ]
    assert "was “Xi spoke.”" in run(entries, "zh")[4].message


def test_plural_entries_check_every_form() -> None:
    entry = Entry(
        msgid="%d member of RCEP",
        msgid_plural="%d members of RCEP",
        msgstr_plural=("%d RCEP member", "%d members"),
        flags=("c-format",),
    )
    found = run([entry], "de", plural_forms="nplurals=2; plural=(n != 1);")
    assert found == []
    zh = Entry(
        msgid="%d member of RCEP",
        msgid_plural="%d members of RCEP",
        msgstr_plural=("%s个成员",),
        flags=("c-format",),
    )
    assert [f.message for f in run([zh], "zh")] == [
        "msgstr[0]: “RCEP” must be rendered as 区域全面经济伙伴关系协定 or RCEP (term rcep); none found",
        "msgstr[0]: c-format: incompatible format for placeholder 1: 'd' and 's' are not compatible",
    ]
    half = Entry(msgid="a", msgid_plural="as", msgstr_plural=("x", ""))
    assert [f.message for f in run([half], "de", plural_forms="nplurals=2; plural=(n != 1);")] == [
        "plural forms 1 are empty"
    ]


def test_obsolete_entries_are_ignored() -> None:
    assert run([Entry(msgid="Japan.", msgstr="違う", obsolete=True)]) == []


def test_severity_overrides_and_off() -> None:
    text = format_po(Catalog(header("ja"), (Entry(msgid="Japan votes."),))).encode()
    result = check_catalogs([("ja.po", text)], GLOSSARY, {"untranslated": "error"})
    assert [f.severity for f in result.findings] == ["error"]
    assert check_catalogs([("ja.po", text)], GLOSSARY, {"untranslated": "off"}).findings == ()


def test_registry_ids_are_stable() -> None:
    assert list(RULES) == [
        "invalid-po",
        "glossary-missing",
        "glossary-forbidden",
        "dnt-changed",
        "number-mismatch",
        "placeholder-mismatch",
        "markup-mismatch",
        "inconsistent-translation",
        "script-mismatch",
        "untranslated",
        "fuzzy",
    ]
    assert DEFAULT_SEVERITIES["untranslated"] == DEFAULT_SEVERITIES["fuzzy"] == "info"


INVALID_CASES = [
    pytest.param("check_bad_syntax.po", 12, "invalid PO syntax", id="unterminated-string"),
    pytest.param("check_bad_duplicate.po", 15, "duplicate message definition", id="duplicate"),
    pytest.param("check_bad_no_charset.po", 1, "Content-Type has no charset", id="no-charset"),
    pytest.param(
        "check_bad_plural_forms.po", 1, "nplurals = 2 but plural expression", id="plural-range"
    ),
    pytest.param(
        "check_bad_plural_missing.po", 1, "no Plural-Forms field", id="plural-header-missing"
    ),
    pytest.param(
        "check_bad_plural_count.po",
        13,
        "1 plural form(s) but the header says nplurals=2",
        id="plural-count",
    ),
    pytest.param("check_bad_newline.po", 13, "do not both end with '\\n'", id="newline"),
    pytest.param("check_bad_encoding.po", 12, "not valid UTF-8 text (byte 0x", id="encoding"),
    pytest.param("check_bad_escape.po", 12, "invalid control sequence \\q", id="bad-escape"),
]


@pytest.mark.parametrize(("name", "line", "message"), INVALID_CASES)
def test_invalid_po_is_a_finding_with_its_line(name: str, line: int, message: str) -> None:
    result = check_catalogs([(name, (DATA / name).read_bytes())])
    errors = [f for f in result.findings if f.rule == "invalid-po" and f.severity == "error"]
    assert errors, result.findings
    assert (errors[0].line, message in errors[0].message) == (line, True), errors[0]


def test_latin1_catalog_decoded_by_its_charset() -> None:
    text = format_po(Catalog(header("fr"), (Entry(msgid="Japan", msgstr="Japon é"),)))
    data = text.replace("charset=UTF-8", "charset=ISO-8859-1").encode("latin-1")
    assert check_catalogs([("fr.po", data)]).findings == ()


REAL_WORLD = sorted(DATA.glob("check_*.po"))


@pytest.mark.parametrize("path", REAL_WORLD, ids=[p.name for p in REAL_WORLD])
def test_any_catalog_passes_through_without_a_crash(path: Path) -> None:
    result = check_catalogs([(path.name, path.read_bytes())], GLOSSARY)
    assert result.files == 1
    assert all(f.rule in RULES and f.line >= 1 for f in result.findings)


def test_real_django_catalogs_are_clean() -> None:
    names = ["check_real_django_humanize_ja.po", "check_real_django_admin_js_zh_Hans.po"]
    result = check_catalogs([(n, (DATA / n).read_bytes()) for n in names], GLOSSARY)
    assert result.entries > 100
    assert [f for f in result.findings if f.severity == "error"] == []
