"""XLIFF 1.2 for translation agencies: one file per catalog out, translations back in (lxml).

Each entry is a ``<trans-unit>`` whose ``id`` is its msgctxt (made unique with a digest of the
source when needed; entries without msgctxt get the digest alone) and whose ``resname`` keeps
the msgctxt; the state maps the review state: untranslated ``new``, fuzzy
``needs-review-translation``, reviewed ``final``. Glossary hints travel as ``<note
from="glossary">``, the pipeline's own notes as ``<note from="locpipe">``. Files validate
against the OASIS XLIFF 1.2 strict schema.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from pipeline.core import Catalog, Entry, InputError

NS = "urn:oasis:names:tc:xliff:document:1.2"
#: Namespaces read back: 1.2, and 1.1 (translate-toolkit's po2xliff writes it; same elements).
READ_NAMESPACES = (NS, "urn:oasis:names:tc:xliff:document:1.1")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: XLIFF states that mean "done"; the others come back as fuzzy.
FINAL_STATES = ("final", "signed-off")


@dataclass(frozen=True)
class XliffUnit:
    """One ``<trans-unit>`` read back: its id, source, target, state and line."""

    id: str
    source: str
    target: str | None
    state: str | None
    line: int


@dataclass(frozen=True)
class XliffFile:
    """One ``<file>`` read back: the catalog it came from and its units."""

    original: str
    target_language: str
    units: tuple[XliffUnit, ...]


def unit_ids(entries: Iterable[Entry]) -> dict[str, Entry]:
    """The XLIFF id of each active singular entry: msgctxt, unique, else a source digest."""
    chosen = [e for e in entries if not e.obsolete and e.msgid and e.msgid_plural is None]
    contexts = Counter(e.msgctxt for e in chosen if e.msgctxt is not None)
    ids: dict[str, Entry] = {}
    for entry in chosen:
        digest = hashlib.sha256(entry.msgid.encode("utf-8")).hexdigest()[:12]
        if entry.msgctxt is None:
            ids[f"u{digest}"] = entry
        elif contexts[entry.msgctxt] == 1:
            ids[entry.msgctxt] = entry
        else:
            ids[f"{entry.msgctxt}.{digest}"] = entry
    return ids


def _state(entry: Entry) -> str:
    if not entry.translated:
        return "new"
    return "needs-review-translation" if entry.fuzzy else "final"


def format_xliff(
    catalog: Catalog, original: str, source_language: str, target_language: str
) -> bytes:
    """One catalog as an XLIFF 1.2 document (languages as BCP 47 tags)."""
    root = etree.Element(f"{{{NS}}}xliff", nsmap={None: NS}, version="1.2")
    file = etree.SubElement(
        root,
        f"{{{NS}}}file",
        original=original,
        datatype="po",
        **{"source-language": source_language, "target-language": target_language},
    )
    etree.SubElement(file, f"{{{NS}}}header")
    body = etree.SubElement(file, f"{{{NS}}}body")
    for unit_id, entry in unit_ids(catalog.entries).items():
        attributes = {"id": unit_id, XML_SPACE: "preserve"}
        if entry.msgctxt is not None:
            attributes["resname"] = entry.msgctxt
        if entry.reviewed:
            attributes["approved"] = "yes"
        unit = etree.SubElement(body, f"{{{NS}}}trans-unit", attributes)
        etree.SubElement(unit, f"{{{NS}}}source").text = entry.msgid
        etree.SubElement(unit, f"{{{NS}}}target", state=_state(entry)).text = entry.msgstr
        for line in entry.extracted:
            origin = "glossary" if line.startswith("glossary: ") else "locpipe"
            note = line.removeprefix("glossary: ")
            etree.SubElement(unit, f"{{{NS}}}note", {"from": origin}).text = note
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def read_xliff(data: bytes, name: str) -> list[XliffFile]:
    """The ``<file>`` elements of an XLIFF 1.2 document; bad XML names its line."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"invalid XLIFF: {exc.msg}", name, exc.lineno) from None
    ns = etree.QName(root).namespace
    if etree.QName(root).localname != "xliff" or ns not in READ_NAMESPACES:
        raise InputError(
            "not an XLIFF 1.2 file (root element and namespace)", name, root.sourceline
        )
    files = []
    for file in root.iter(f"{{{ns}}}file"):
        units = tuple(_unit(unit, name, ns) for unit in file.iter(f"{{{ns}}}trans-unit"))
        files.append(XliffFile(file.get("original", ""), file.get("target-language", ""), units))
    return files


def _unit(unit: etree._Element, name: str, ns: str) -> XliffUnit:
    source = unit.find(f"{{{ns}}}source")
    if source is None or not unit.get("id"):
        raise InputError("a trans-unit needs an id and a source", name, unit.sourceline)
    target = unit.find(f"{{{ns}}}target")
    return XliffUnit(
        id=unit.get("id", ""),
        source="".join(source.itertext()),
        target=None if target is None else "".join(target.itertext()),
        state=None if target is None else target.get("state"),
        line=unit.sourceline or 0,
    )
