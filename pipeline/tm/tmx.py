"""TMX 1.4b: the one module that reads and writes translation memory exchange files (lxml).

Written files declare the TMX 1.4 DTD (``tmx14.dtd``; 1.4b changed the specification's text,
not the DTD) and validate against it. Reading takes every ``<tu>`` with a variant in the
source language and one in the target language; inline codes (``<bpt>``, ``<ph>`` …) are
dropped to their text, as memories made by other tools may carry them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from pipeline import __version__
from pipeline.core import InputError, is_known_language, resolve
from pipeline.tm.index import TMUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


@dataclass(frozen=True)
class TMXUnit:
    """One exported unit: source, target language and text, origin (written as a ``prop``)."""

    source: str
    language: str  # a BCP 47 tag
    target: str
    origin: str
    context: str | None = None


def format_tmx(units: Iterable[TMXUnit], source_language: str) -> bytes:
    """A TMX 1.4b document holding ``units``; the caller writes it."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="locpipe",
        creationtoolversion=__version__,
        segtype="sentence",
        adminlang="en",
        srclang=source_language,
        datatype="plaintext",
        **{"o-tmf": "PO"},
    )
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = etree.SubElement(body, "tu")
        etree.SubElement(tu, "prop", type="x-origin").text = unit.origin
        if unit.context is not None:
            etree.SubElement(tu, "prop", type="x-context").text = unit.context
        for language, text in ((source_language, unit.source), (unit.language, unit.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: language})
            etree.SubElement(tuv, "seg").text = text
    data: bytes = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=DOCTYPE
    )
    return data


def read_tmx(data: bytes, name: str, source_language: str, language: str) -> Iterator[TMUnit]:
    """The ``source_language`` → ``language`` pairs of a TMX file; bad XML names its line."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"invalid TMX: {exc.msg}", name, exc.lineno) from None
    if root.tag != "tmx":
        raise InputError(f"not a TMX file: the root element is <{root.tag}>", name, root.sourceline)
    header = root.find("header")
    srclang = header.get("srclang", "") if header is not None else ""
    for tu in root.iter("tu"):
        variants = {}
        for tuv in tu.iter("tuv"):
            code = tuv.get(XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if seg is not None:
                variants[code] = "".join(seg.itertext())
        source = _pick(variants, source_language if srclang in ("", "*all*") else srclang)
        target = _pick(variants, language)
        if source and target:
            props = {p.get("type"): p.text or "" for p in tu.findall("prop")}
            yield TMUnit(source, target, name, props.get("x-context"))


def _pick(variants: dict[str, str], code: str) -> str | None:
    """The variant for ``code``, resolved as glossary keys are (docs/language-variants.md).

    Any spelling of the same language first (``zh-Hans-CN`` or ``zh-CN`` for zh), else the
    code's script or base (``ja`` for ja_JP), never another script (zh_TW never reads ``zh``).
    """
    if not is_known_language(code):
        return next((text for tag, text in variants.items() if tag == code), None)
    wanted = resolve(code)
    by_key: dict[str, str] = {}
    for tag, text in variants.items():
        if not is_known_language(tag):
            continue
        found = resolve(tag)
        if found.identity == wanted.identity:
            return text
        by_key.setdefault(found.code, text)
    key = wanted.glossary_key(by_key)
    return by_key[key] if key else None
