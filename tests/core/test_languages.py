"""The one language-code resolver: spelling, identity, glossary keys, Argos code, locale, HTML lang."""

from __future__ import annotations

import pytest

from pipeline.core.languages import (
    base_language,
    is_known_language,
    language_tag,
    normalize_code,
    plural_forms,
    resolve,
    same_language,
)

# code, canonical spelling, glossary keys (best first), Argos code, Babel locale, HTML lang
CASES = [
    pytest.param("ja", "ja", ("ja", "ja_Jpan"), "ja", "ja", "ja", id="ja"),
    pytest.param(
        "ja_JP",
        "ja_JP",
        ("ja_JP", "ja_Jpan_JP", "ja_Jpan", "ja"),
        "ja",
        "ja_JP",
        "ja-JP",
        id="ja_JP",
    ),
    pytest.param(
        "ja-jp.UTF-8",
        "ja_JP",
        ("ja_JP", "ja_Jpan_JP", "ja_Jpan", "ja"),
        "ja",
        "ja_JP",
        "ja-JP",
        id="ja-jp-codeset",
    ),
    pytest.param("zh", "zh", ("zh", "zh_Hans"), "zh", "zh", "zh-Hans", id="zh"),
    pytest.param(
        "zh_CN",
        "zh_CN",
        ("zh_CN", "zh_Hans_CN", "zh_Hans", "zh"),
        "zh",
        "zh_Hans_CN",
        "zh-Hans-CN",
        id="zh_CN",
    ),
    pytest.param("zh_Hans", "zh_Hans", ("zh_Hans", "zh"), "zh", "zh_Hans", "zh-Hans", id="zh_Hans"),
    pytest.param(
        "zh_TW",
        "zh_TW",
        ("zh_TW", "zh_Hant_TW", "zh_Hant"),
        "zt",
        "zh_Hant_TW",
        "zh-Hant-TW",
        id="zh_TW-never-zh",
    ),
    pytest.param(
        "zh-TW",
        "zh_TW",
        ("zh_TW", "zh_Hant_TW", "zh_Hant"),
        "zt",
        "zh_Hant_TW",
        "zh-Hant-TW",
        id="zh-TW-bcp47",
    ),
    pytest.param("zh-hant", "zh_Hant", ("zh_Hant",), "zt", "zh_Hant", "zh-Hant", id="zh-hant"),
    pytest.param(
        "zh_HK",
        "zh_HK",
        ("zh_HK", "zh_Hant_HK", "zh_Hant"),
        "zt",
        "zh_Hant_HK",
        "zh-Hant-HK",
        id="zh_HK",
    ),
    pytest.param(
        "en_US",
        "en_US",
        ("en_US", "en_Latn_US", "en_Latn", "en"),
        "en",
        "en_US",
        "en-US",
        id="en_US",
    ),
]


@pytest.mark.parametrize(("code", "spelling", "keys", "argos", "locale", "html"), CASES)
def test_resolver_case_table(
    code: str, spelling: str, keys: tuple[str, ...], argos: str, locale: str, html: str
) -> None:
    language = resolve(code)
    assert language.code == spelling
    assert language.glossary_keys == keys
    assert language.argos_code == argos
    assert language.locale == locale
    assert language.html_lang == html == language_tag(code)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        pytest.param("zh-TW", "zh_TW", True, id="two-spellings"),
        pytest.param("ja", "ja_JP", True, id="base-and-likely-region"),
        pytest.param("zh", "zh_CN", True, id="zh-is-mainland"),
        pytest.param("zh_TW", "zh_Hant", True, id="hant-is-taiwan"),
        pytest.param("zh", "zh_TW", False, id="simplified-vs-traditional"),
        pytest.param("zh_TW", "zh_HK", False, id="taiwan-vs-hong-kong"),
    ],
)
def test_same_language(first: str, second: str, same: bool) -> None:
    assert same_language(first, second) is same


def test_glossary_key_picks_the_first_present() -> None:
    assert resolve("zh_TW").glossary_key({"zh", "zh_Hant"}) == "zh_Hant"
    assert resolve("zh_TW").glossary_key({"zh"}) is None
    assert resolve("ja_JP").glossary_key({"ja", "zh"}) == "ja"


@pytest.mark.parametrize("code", ["klingon", "zh_XX_YY", "", "zh TW"])
def test_unknown_codes(code: str) -> None:
    assert not is_known_language(code)
    with pytest.raises(ValueError, match="unknown language code"):
        resolve(code)


def test_normalize_code_and_plural_forms() -> None:
    assert normalize_code("ZH-hant-tw") == "zh_Hant_TW"
    assert plural_forms("zh-TW") == plural_forms("zh") == "nplurals=1; plural=0;"


@pytest.mark.parametrize(
    ("code", "base"), [("zh_TW", "zh"), ("zh-Hant-HK", "zh"), ("ja_JP", "ja"), ("xx-YY", "xx")]
)
def test_base_language(code: str, base: str) -> None:
    assert base_language(code) == base
