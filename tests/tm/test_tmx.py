"""TMX 1.4b: our files validate against the DTD, translate-toolkit reads them, we read its files."""

from __future__ import annotations

import io

import pytest
from lxml import etree
from translate.storage import tmx as tt_tmx

from pipeline.core import InputError
from pipeline.tm.tmx import TMXUnit, format_tmx, read_tmx
from tests.conftest import DATA

UNITS = [
    TMXUnit(
        "Trade officials in Tokyo were more cautious.",
        "ja",
        "東京の通商当局者はより慎重だった。",
        "a",
    ),
    TMXUnit('Fish & <chips> "quoted"', "zh-Hans", "鱼和<薯条>", "b", context="headline"),
]


def test_our_tmx_is_valid_against_the_tmx14_dtd() -> None:
    dtd = etree.DTD(str(DATA / "tm_tmx14.dtd"))
    document = etree.fromstring(format_tmx(UNITS, "en"))
    assert dtd.validate(document), dtd.error_log.filter_from_errors()


def test_the_dtd_catches_a_broken_file() -> None:
    dtd = etree.DTD(str(DATA / "tm_tmx14.dtd"))
    broken = format_tmx(UNITS, "en").replace(b'segtype="sentence"', b'segtype="word"')
    assert not dtd.validate(etree.fromstring(broken))


def test_translate_toolkit_reads_what_we_write() -> None:
    store = tt_tmx.tmxfile.parsestring(format_tmx(UNITS[:1], "en"))
    (unit,) = store.units
    assert (unit.source, unit.target) == (UNITS[0].source, UNITS[0].target)


def test_we_read_what_translate_toolkit_writes() -> None:
    store = tt_tmx.tmxfile(sourcelanguage="en", targetlanguage="ja")
    store.addtranslation(UNITS[0].source, "en", UNITS[0].target, "ja")
    buffer = io.BytesIO()
    store.serialize(buffer)
    (unit,) = read_tmx(buffer.getvalue(), "tt.tmx", "en", "ja")
    assert (unit.source, unit.target, unit.origin) == (UNITS[0].source, UNITS[0].target, "tt.tmx")


def test_round_trip_keeps_text_context_and_picks_the_language() -> None:
    data = format_tmx(UNITS, "en")
    assert [(u.source, u.target) for u in read_tmx(data, "m.tmx", "en", "ja")] == [
        (UNITS[0].source, UNITS[0].target)
    ]
    (zh,) = read_tmx(data, "m.tmx", "en", "zh")  # zh-Hans is zh's variant
    assert (zh.source, zh.target, zh.context) == (UNITS[1].source, UNITS[1].target, "headline")


def test_bad_xml_is_an_input_error_with_its_line() -> None:
    with pytest.raises(InputError) as caught:
        list(read_tmx(b"<tmx>\n<body>\n<tu></body>", "bad.tmx", "en", "ja"))
    assert caught.value.path == "bad.tmx" and caught.value.line == 3


def test_variants_are_picked_by_the_language_resolver() -> None:
    source = "Washington watches."
    units = [
        TMXUnit(source, "zh-Hans", "华盛顿关注。", "a"),
        TMXUnit(source, "zh-Hant-TW", "華府關注。", "b"),
        TMXUnit(source, "ja-JP", "ワシントンは注視。", "c"),
    ]
    data = format_tmx(units, "en-US")
    # One tu per unit: each target language reads only its own variant, or its base/script.
    assert [u.target for u in read_tmx(data, "v.tmx", "en", "zh_TW")] == ["華府關注。"]
    assert [u.target for u in read_tmx(data, "v.tmx", "en", "zh-TW")] == ["華府關注。"]
    assert [u.target for u in read_tmx(data, "v.tmx", "en", "zh")] == ["华盛顿关注。"]
    assert [u.target for u in read_tmx(data, "v.tmx", "en", "ja")] == ["ワシントンは注視。"]
    assert [u.target for u in read_tmx(data, "v.tmx", "en", "zh_HK")] == []  # Hant, but no key
