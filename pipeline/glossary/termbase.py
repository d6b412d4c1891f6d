"""Glossary interchange: TBX and CSV in and out, and YAML text for imported glossaries.

TBX is written as TBX-Basic (``<martif>`` with ``termEntry``/``langSet``/``tig``), which
Weblate and translate-toolkit read; TBX 2019 (``<tbx>``/``conceptEntry``/``langSec``/
``termSec``) is read too. How our fields map:

* ``id`` → ``termEntry/@id``; English and target forms → one ``tig`` each, document order
  kept, the first marked ``preferredTerm-admn-sts`` and the rest ``admittedTerm-admn-sts``.
* ``forbidden`` → a ``tig`` with ``<termNote type="administrativeStatus">`` set to
  ``deprecatedTerm-admn-sts`` (TBX-Basic); on import ``forbidden``, ``obsolete`` and
  ``supersededTerm-admn-sts`` (Weblate's spellings) mean the same.
* ``dnt`` → ``<termNote type="translationNote">no</termNote>`` on the English terms, the
  marker Weblate turns into a read-only ("untranslatable") glossary term.
* ``note`` → ``<descrip type="Usage note">`` on the entry (Weblate shows it as explanation).
* ``type``, ``case``, ``general`` → ``<admin type="locpipe-…">``, ignored by other tools.
* Glossary keys → BCP 47 ``xml:lang`` (``zh_TW`` → ``zh-Hant-TW``, ``ja_JP`` → ``ja-JP``), so
  every variant stays apart; on import a tag maps back to its key with the likely script dropped
  (``zh-Hant-TW`` → ``zh_TW``), or to the configured language it names when that language would
  not read the tag's own key (``zh-CN`` → ``zh`` in a zh project).

CSV has a header row and one row per form: ``id,type,language,term,status,case,dnt,general,
note``; status is ``preferred``, ``admitted`` or ``forbidden``; the term-level columns are
filled on the first row of each term only (other rows may repeat them but must agree); the
language column holds the same BCP 47 tags. Import errors name the line of the file read.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import replace
from xml.parsers import expat
from pathlib import Path
from typing import Any

import yaml

from pipeline.core import (
    InputError,
    decode_text,
    LineMap,
    LocpipeError,
    ProblemsError,
    is_known_language,
    language_tag,
    parse_yaml,
    resolve,
    without_likely_script,
)
from pipeline.glossary.schema import SOURCE_LANGUAGE, Glossary, Term, parse_glossary

TERMBASE_FORMATS = ("tbx", "csv")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, ADMITTED, FORBIDDEN = (
    "preferredTerm-admn-sts",
    "admittedTerm-admn-sts",
    "deprecatedTerm-admn-sts",
)
_FORBIDDEN_STATUSES = {FORBIDDEN, "forbidden", "obsolete", "supersededTerm-admn-sts"}
CSV_COLUMNS = ("id", "type", "language", "term", "status", "case", "dnt", "general", "note")
_TERM_COLUMNS = ("type", "case", "dnt", "general", "note")

# A term as its parts: forms per language, forbidden per language, term-level fields.
_Forms = dict[str, list[str]]


def export_termbase(glossary: Glossary, fmt: str) -> str:
    """The glossary as TBX or CSV text."""
    if fmt == "tbx":
        return glossary_to_tbx(glossary)
    if fmt == "csv":
        return glossary_to_csv(glossary)
    raise InputError(f"unknown termbase format '{fmt}'; known: {', '.join(TERMBASE_FORMATS)}")


def import_termbase(path: Path, languages: Sequence[str], fmt: str | None = None) -> str:
    """Read a TBX or CSV file and return validated glossary YAML (format from the suffix)."""
    fmt = fmt or path.suffix.lower().lstrip(".")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", str(path)) from None
    text = decode_text(data, str(path), "utf-8-sig")
    if fmt == "tbx":
        glossary = tbx_to_glossary(text, str(path), languages)
    elif fmt == "csv":
        glossary = csv_to_glossary(text, str(path), languages)
    else:
        raise InputError(f"unknown termbase format '{fmt}'; use .tbx or .csv", str(path))
    yaml_text = glossary_to_yaml(glossary)
    # Validate the result as the loader will see it, so a bad import fails now, not later.
    try:
        parse_glossary(yaml_text, str(path), languages)
    except ProblemsError as exc:
        raise _located(exc, yaml_text, glossary) from None
    return yaml_text


def _located(error: ProblemsError, yaml_text: str, glossary: Glossary) -> ProblemsError:
    """Problems found in the generated YAML, moved to the line of their term in the file read."""
    data = parse_yaml(yaml_text, "imported")
    starts = data["terms"].item_lines if isinstance(data, LineMap) else []
    moved: list[LocpipeError] = []
    for problem in error.problems:
        index = bisect.bisect_right(starts, problem.line or 0) - 1
        line = glossary.terms[index].line if 0 <= index < len(glossary.terms) else None
        moved.append(InputError(problem.message, problem.path, line or None))
    return ProblemsError(moved)


# --- YAML ---------------------------------------------------------------------------------


def glossary_to_yaml(glossary: Glossary) -> str:
    """Glossary YAML in the schema :func:`pipeline.glossary.load_glossary` reads."""
    terms = [_term_to_yaml(term) for term in glossary.terms]
    body = yaml.safe_dump(
        {"version": 1, "terms": terms}, allow_unicode=True, sort_keys=False, width=100
    )
    return body


def _term_to_yaml(term: Term) -> dict[str, Any]:
    def one_or_list(forms: Sequence[str]) -> str | list[str]:
        return forms[0] if len(forms) == 1 else list(forms)

    data: dict[str, Any] = {"id": term.id, "en": one_or_list(term.en), "type": term.type}
    data.update((lang, one_or_list(forms)) for lang, forms in term.targets)
    if term.forbidden:
        data["forbidden"] = {lang: list(forms) for lang, forms in term.forbidden}
    if term.note:
        data["note"] = term.note
    if term.dnt:
        data["dnt"] = True
    if term.case_insensitive:
        data["case"] = "insensitive"
    if term.general:
        data["general"] = True
    return data


def _make_term(
    term_id: str, fields: dict[str, str], forms: _Forms, forbidden: _Forms, line: int = 0
) -> Term:
    """Build a term from imported parts; validation happens later, on the YAML."""
    return Term(
        id=term_id,
        en=tuple(forms.pop(SOURCE_LANGUAGE, [])),
        type=fields.get("type") or "other",
        targets=tuple((lang, tuple(values)) for lang, values in forms.items()),
        forbidden=tuple(sorted((lang, tuple(values)) for lang, values in forbidden.items())),
        note=fields.get("note", ""),
        dnt=fields.get("dnt", "").lower() in ("true", "yes", "no-translate"),
        case_insensitive=fields.get("case") == "insensitive",
        general=fields.get("general", "").lower() in ("true", "yes"),
        line=line,
    )


def _language(tag: str, languages: Sequence[str]) -> str:
    """The glossary key for an ``xml:lang`` or CSV language tag (the module docstring says how)."""
    key = without_likely_script(tag)
    if key.split("_")[0] == SOURCE_LANGUAGE:
        return SOURCE_LANGUAGE
    if key in languages or not is_known_language(key):
        return key
    identity = resolve(key).identity
    for language in languages:
        resolved = resolve(language)
        if resolved.identity == identity and key not in resolved.glossary_keys:
            return language
    return key


def _add_form(values: list[str], form: str, first: bool, where: tuple[str, int], what: str) -> None:
    """Add one imported form; the same form twice is an error at the line that repeats it."""
    if form in values:
        raise InputError(f"'{form}' is listed twice in {what}", *where)
    values.insert(0, form) if first else values.append(form)


def _tag(key: str) -> str:
    """The BCP 47 tag written for a glossary key (unknown keys as they are)."""
    return language_tag(key) if is_known_language(key) else key


# --- TBX ----------------------------------------------------------------------------------


def glossary_to_tbx(glossary: Glossary) -> str:
    """TBX-Basic text (``<martif>``) for the glossary."""
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: SOURCE_LANGUAGE})
    header = ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc")
    ET.SubElement(ET.SubElement(header, "sourceDesc"), "p").text = "locpipe glossary"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for term in glossary.terms:
        body.append(_tbx_entry(term))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _tbx_entry(term: Term) -> ET.Element:
    entry = ET.Element("termEntry", {"id": term.id})
    if term.note:
        ET.SubElement(entry, "descrip", {"type": "Usage note"}).text = term.note
    admin = {"type": term.type, "case": "insensitive" if term.case_insensitive else ""}
    admin["general"] = "true" if term.general else ""
    for name, value in admin.items():
        if value:
            ET.SubElement(entry, "admin", {"type": f"locpipe-{name}"}).text = value
    languages = [(SOURCE_LANGUAGE, term.en), *term.targets]
    languages += [(lang, ()) for lang, _ in term.forbidden if lang not in dict(languages)]
    for lang, forms in languages:
        lang_set = ET.SubElement(entry, "langSet", {XML_LANG: _tag(lang)})
        for index, form in enumerate(forms):
            tig = _tbx_tig(lang_set, form, PREFERRED if index == 0 else ADMITTED)
            if term.dnt and lang == SOURCE_LANGUAGE:
                ET.SubElement(tig, "termNote", {"type": "translationNote"}).text = "no"
        for form in dict(term.forbidden).get(lang, ()):
            _tbx_tig(lang_set, form, FORBIDDEN)
    return entry


def _tbx_tig(lang_set: ET.Element, form: str, status: str) -> ET.Element:
    tig = ET.SubElement(lang_set, "tig")
    ET.SubElement(tig, "term").text = form
    ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
    return tig


def tbx_to_glossary(text: str, name: str, languages: Sequence[str] = ()) -> Glossary:
    """Read TBX-Basic or TBX 2019 text into a glossary (not yet validated)."""
    root, lines = _parse_xml(text, name)
    _strip_namespaces(root)
    reader = _TbxReader(name, languages, lines)
    terms = []
    for index, entry in enumerate(_children(root, "termEntry", "conceptEntry"), start=1):
        terms.append(reader.term(entry, index))
    if not terms:
        raise InputError("no termEntry or conceptEntry found; is this a TBX file?", name)
    return Glossary(terms=tuple(terms), languages=tuple(languages))


def _parse_xml(text: str, name: str) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Parse XML keeping each element's line (ElementTree drops them), namespaces as ``{ns}``."""
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}
    parser = expat.ParserCreate(namespace_separator="}")

    def qualified(tag: str) -> str:
        return "{" + tag if "}" in tag else tag

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = builder.start(qualified(tag), {qualified(k): v for k, v in attrs.items()})
        lines[element] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(qualified(tag))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise InputError(f"TBX is not well-formed XML: {exc}", name, exc.lineno) from None
    return builder.close(), lines


def _strip_namespaces(root: ET.Element) -> None:
    # TBX 2019 puts everything in a namespace; the element names are what we care about.
    for element in root.iter():
        if element.tag.startswith("{"):
            element.tag = element.tag.split("}", 1)[1]


def _children(root: ET.Element, *tags: str) -> Iterator[ET.Element]:
    return (element for element in root.iter() if element.tag in tags)


class _TbxReader:
    """Reads TBX entries into terms, remembering lines for error messages."""

    def __init__(self, name: str, languages: Sequence[str], lines: dict[ET.Element, int]) -> None:
        self.name, self.languages, self.lines = name, languages, lines

    def term(self, entry: ET.Element, index: int) -> Term:
        fields: dict[str, str] = {}
        for descrip in entry.findall("descrip"):
            if descrip.get("type") == "Usage note" or "note" not in fields:
                fields["note"] = (descrip.text or "").strip()
        for admin in entry.findall("admin"):
            kind = admin.get("type", "")
            if kind.startswith("locpipe-"):
                fields[kind.removeprefix("locpipe-")] = (admin.text or "").strip()
        forms: _Forms = {}
        forbidden: _Forms = {}
        for lang_set in _children(entry, "langSet", "langSec"):
            lang = _language(lang_set.get(XML_LANG, ""), self.languages)
            for group in _children(lang_set, "tig", "ntig", "termSec"):
                self.form(group, lang, forms, forbidden, fields)
        term_id = entry.get("id") or _slug(forms.get(SOURCE_LANGUAGE, [f"term-{index}"])[0])
        return _make_term(term_id, fields, forms, forbidden, self.lines.get(entry, 0))

    def form(
        self, group: ET.Element, lang: str, forms: _Forms, forbidden: _Forms, fields: dict[str, str]
    ) -> None:
        term = group.find(".//term")
        if term is None or not (term.text or "").strip():
            return
        notes = {note.get("type"): (note.text or "").strip() for note in group.iter("termNote")}
        if notes.get("translationNote", "").lower() == "no":
            fields["dnt"] = "true"
        status = notes.get("administrativeStatus", "")
        target = forbidden if status in _FORBIDDEN_STATUSES else forms
        where = (self.name, self.lines.get(term, 0))
        _add_form(
            target.setdefault(lang, []),
            (term.text or "").strip(),
            status == PREFERRED,
            where,
            f"'{lang}'",
        )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "term"


# --- CSV ----------------------------------------------------------------------------------


def glossary_to_csv(glossary: Glossary) -> str:
    """CSV text with a header row and one row per form."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for term in glossary.terms:
        rows = [(SOURCE_LANGUAGE, form, i) for i, form in enumerate(term.en)]
        rows += [(lang, form, i) for lang, forms in term.targets for i, form in enumerate(forms)]
        first = True
        for lang, form, index in rows:
            status = "preferred" if index == 0 else "admitted"
            writer.writerow(_csv_row(term, lang, form, status, first))
            first = False
        for lang, forms in term.forbidden:
            for form in forms:
                writer.writerow(_csv_row(term, lang, form, "forbidden", False))
    return out.getvalue()


def _csv_row(term: Term, lang: str, form: str, status: str, first: bool) -> list[str]:
    if not first:
        return [term.id, "", _tag(lang), form, status, "", "", "", ""]
    case = "insensitive" if term.case_insensitive else ""
    flags = ["true" if term.dnt else "", "true" if term.general else ""]
    return [term.id, term.type, _tag(lang), form, status, case, *flags, term.note]


def csv_to_glossary(text: str, name: str, languages: Sequence[str] = ()) -> Glossary:
    """Read CSV text (as written by :func:`glossary_to_csv`) into a glossary."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("id", "language", "term") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"CSV header lacks column(s): {', '.join(missing)}", name, 1)
    parts: dict[str, tuple[dict[str, str], _Forms, _Forms]] = {}
    first_lines: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        term_id, form = (row.get("id") or "").strip(), (row.get("term") or "").strip()
        if not term_id or not form:
            raise InputError("row needs an id and a term", name, line)
        fields, forms, forbidden = parts.setdefault(term_id, ({}, {}, {}))
        first_lines.setdefault(term_id, line)
        for column in _TERM_COLUMNS:
            value = (row.get(column) or "").strip()
            if value and fields.setdefault(column, value) != value:
                raise InputError(f"conflicting '{column}' for term '{term_id}'", name, line)
        target = forbidden if row.get("status") == "forbidden" else forms
        lang = _language((row.get("language") or "").strip(), languages)
        _add_form(
            target.setdefault(lang, []), form, False, (name, line), f"'{lang}' of '{term_id}'"
        )
    terms = [_make_term(tid, *values, first_lines[tid]) for tid, values in parts.items()]
    return Glossary(terms=tuple(terms), languages=tuple(languages))
