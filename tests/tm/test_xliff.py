"""XLIFF 1.2: our files validate against the OASIS schema and round-trip through translate-toolkit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lxml import etree
from translate.storage import xliff as tt_xliff

from pipeline.catalog import read_po
from pipeline.core import Catalog, Entry
from pipeline.tm.xliff import format_xliff, read_xliff, unit_ids
from tests.conftest import DATA

CATALOG = Catalog(
    header=(("Language", "ja"),),
    entries=(
        Entry("Japan and China look to trade.", msgctxt="headline"),
        Entry(
            "Trade officials in Tokyo were more cautious.",
            msgstr="東京の通商当局者はより慎重だった。",
            extracted=("kind: sentence", "glossary: Tokyo → 東京"),
        ),
        Entry("A draft <b>here</b> & there.", msgstr="下書き", flags=("fuzzy",)),
        Entry("Gone.", msgstr="消えた。", obsolete=True),
    ),
)


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(DATA / "tm_xliff-core-1.2-strict.xsd")))


def test_our_xliff_is_valid_against_the_oasis_schema() -> None:
    xsd = schema()
    document = etree.fromstring(format_xliff(CATALOG, "trade", "en", "ja"))
    assert xsd.validate(document), xsd.error_log.filter_from_errors()


def test_the_schema_catches_a_bad_state() -> None:
    data = format_xliff(CATALOG, "trade", "en", "ja").replace(b'state="new"', b'state="done"')
    assert not schema().validate(etree.fromstring(data))


def test_units_carry_state_id_and_glossary_notes() -> None:
    (file,) = read_xliff(format_xliff(CATALOG, "trade", "en", "ja"), "t.xlf")
    assert (file.original, file.target_language) == ("trade", "ja")
    states = {unit.source: (unit.id, unit.state) for unit in file.units}
    assert states["Japan and China look to trade."] == ("headline", "new")
    assert states["Trade officials in Tokyo were more cautious."][1] == "final"
    assert states["A draft <b>here</b> & there."][1] == "needs-review-translation"
    assert "Gone." not in states
    assert set(unit_ids(CATALOG.entries)) == {unit.id for unit in file.units}
    document = etree.fromstring(format_xliff(CATALOG, "trade", "en", "ja"))
    notes = document.findall(".//{urn:oasis:names:tc:xliff:document:1.2}note[@from='glossary']")
    assert [note.text for note in notes] == ["Tokyo → 東京"]


def test_translate_toolkit_reads_our_units() -> None:
    store = tt_xliff.xlifffile.parsestring(format_xliff(CATALOG, "trade", "en", "ja"))
    pairs = {unit.source: unit.target for unit in store.units}
    assert (
        pairs["Trade officials in Tokyo were more cautious."]
        == "東京の通商当局者はより慎重だった。"
    )
    assert pairs["A draft <b>here</b> & there."] == "下書き"


def test_xliff2po_turns_our_file_back_into_the_same_translations(tmp_path: Path) -> None:
    xlf = tmp_path / "trade.xlf"
    xlf.write_bytes(format_xliff(CATALOG, "trade", "en", "ja"))
    po = tmp_path / "trade.po"
    xliff2po = Path(sys.executable).parent / "xliff2po"
    subprocess.run([str(xliff2po), str(xlf), str(po)], check=True, capture_output=True)
    back = {e.msgid: (e.msgstr, e.fuzzy) for e in read_po(po).entries if e.msgid}
    assert back["Trade officials in Tokyo were more cautious."] == (
        "東京の通商当局者はより慎重だった。",
        False,
    )
    assert back["A draft <b>here</b> & there."] == ("下書き", True)


def test_we_read_po2xliff_output(tmp_path: Path) -> None:
    po = tmp_path / "in.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Trade officials in Tokyo were more cautious."\n'
        'msgstr "東京の通商当局者はより慎重だった。"\n',
        encoding="utf-8",
    )
    xlf = tmp_path / "out.xlf"
    po2xliff = Path(sys.executable).parent / "po2xliff"
    subprocess.run([str(po2xliff), str(po), str(xlf)], check=True, capture_output=True)
    (file,) = read_xliff(xlf.read_bytes(), "out.xlf")
    pairs = {unit.source: unit.target for unit in file.units}
    assert (
        pairs["Trade officials in Tokyo were more cautious."]
        == "東京の通商当局者はより慎重だった。"
    )
