"""Derived variants: OpenCC conversion of reviewed Simplified, glossary targets overriding it."""

from __future__ import annotations

import sys

import pytest

from pipeline.core.config import Derivation
from pipeline.core.errors import ConfigError
from pipeline.core.model import Catalog, Entry
from pipeline.glossary.schema import parse_glossary
from pipeline.mt.derive import _converter, convert_text, derive_catalog, derive_text

GLOSSARY = parse_glossary(
    """\
version: 1
terms:
  - id: washington
    en: [Washington]
    zh: [华盛顿, 美国政府]
    zh_TW: [華府, 華盛頓, 美國政府]
  - id: rcep
    en: [RCEP]
    zh: [区域全面经济伙伴关系协定, RCEP]
    zh_Hant: [區域全面經濟夥伴協定, RCEP]
  - id: midterms
    en: [midterm elections]
    zh: 中期选举
    zh_TW: 期中選舉
  - id: taiwan
    en: [Taiwan]
    zh: 台湾
  - id: nhk-world
    en: NHK World
    dnt: true
""",
    "terms.yaml",
    ["zh"],
)
S2TWP = Derivation(language="zh_TW", source="zh", opencc="s2twp")


def test_plain_conversion_is_opencc() -> None:
    assert convert_text("集装箱船的软件信息", "s2twp") == "集裝箱船的軟體資訊"
    assert convert_text("台湾", "s2t") == "臺灣"


def test_glossary_targets_override_the_conversion() -> None:
    text = derive_text(
        "Washington watches the midterm elections and RCEP in Taiwan.",
        "华盛顿关注中期选举和区域全面经济伙伴关系协定在台湾的软件。",
        GLOSSARY,
        S2TWP,
    )
    # 華盛頓 → 華府 (zh_TW key), the RCEP name from the zh_Hant key, 期中選舉; 台灣 has no
    # variant target, so OpenCC decides (臺灣); the rest is plain s2twp (軟件 → 軟體).
    assert text == "華府關注期中選舉和區域全面經濟夥伴協定在臺灣的軟體。"


def test_an_accepted_form_whose_conversion_is_accepted_is_kept() -> None:
    text = derive_text("RCEP and Washington.", "RCEP和美国政府。", GLOSSARY, S2TWP)
    assert text == "RCEP和美國政府。"


def test_only_reviewed_source_entries_fill_untranslated_variant_entries() -> None:
    source = Catalog(
        header=(),
        entries=(
            Entry(msgid="Washington.", msgstr="华盛顿。"),
            Entry(msgid="Draft.", msgstr="草稿。", flags=("fuzzy",)),
            Entry(msgid="Mine.", msgstr="我的。"),
            Entry(msgid="Empty."),
        ),
    )
    variant = Catalog(
        header=(),
        entries=(
            Entry(msgid="Washington.", extracted=("glossary: Washington → 華府",)),
            Entry(msgid="Draft."),
            Entry(msgid="Mine.", msgstr="我自己的。"),
            Entry(msgid="Empty."),
            Entry(msgid="Missing."),
        ),
    )
    derived = derive_catalog(variant, source, GLOSSARY, S2TWP)
    assert derived.derived == 1
    first, *rest = derived.catalog.entries
    assert (first.msgstr, first.flags) == ("華府。", ("fuzzy",))
    assert first.extracted == ("opencc: s2twp from zh", "glossary: Washington → 華府")
    assert tuple(rest) == variant.entries[1:]
    assert derive_catalog(derived.catalog, source, GLOSSARY, S2TWP).derived == 0


def test_without_opencc_derivation_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "opencc", None)  # as if locpipe[variants] were not installed
    _converter.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"pip install 'locpipe\[variants\]'"):
            convert_text("软件", "s2twp")
    finally:
        _converter.cache_clear()
