"""Turn PO entries into what the review page shows: terms, differences, provenance, findings."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from pipeline.catalog import format_po
from pipeline.core import Catalog, Entry
from pipeline.glossary import Glossary, Match, find_terms, target_forms
from pipeline.mt import REVIEWED_PREFIX, arrange_notes, is_note, reviewed_provenance
from pipeline.qa import check_catalogs
from pipeline.review.model import DiffPart, FindingView, TermHint, UnitView

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")

#: (msgctxt, msgid) → findings of that entry.
FindingsByKey = Mapping[tuple[str | None, str], tuple[FindingView, ...]]


def state_of(entry: Entry) -> str:
    """untranslated, fuzzy or reviewed."""
    if not entry.translated:
        return "untranslated"
    return "fuzzy" if entry.fuzzy else "reviewed"


def unit_view(
    index: int, entry: Entry, glossary: Glossary, language: str, findings: FindingsByKey
) -> UnitView:
    """One entry as the page shows it."""
    matches = find_terms(glossary, entry.msgid)
    hints, parts = _terms(entry.msgid, matches, language)
    kind = next((line[5:].strip() for line in entry.extracted if line.startswith("kind:")), "")
    previous: tuple[DiffPart, ...] = ()
    if entry.fuzzy and entry.previous_msgid is not None:
        previous = source_diff(entry.previous_msgid, entry.msgid)
    return UnitView(
        index=index,
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        state=state_of(entry),
        kind=kind,
        refs=entry.refs,
        source=parts,
        terms=hints,
        previous=previous,
        provenance=tuple(line for line in entry.extracted if _provenance(line)),
        comments=entry.comments,
        findings=findings.get(entry.key, ()),
    )


def _provenance(line: str) -> bool:
    """A ``#.`` line a draft wrote (mt, tm, opencc, glossary notes) or its reviewed trail."""
    return is_note(line) or line.startswith(REVIEWED_PREFIX)


def _terms(
    text: str, matches: Sequence[Match], language: str
) -> tuple[tuple[TermHint, ...], tuple[tuple[str, int], ...]]:
    hints: list[TermHint] = []
    parts: list[tuple[str, int]] = []
    position = 0
    for match in matches:
        term = match.term
        forms = target_forms(term, language)
        hints.append(
            TermHint(
                text=match.text,
                term=term.id,
                required=forms[0] if forms else "",
                variants=forms[1:],
                forbidden=term.forbidden_in(language),
                note=term.note,
                dnt=term.dnt,
            )
        )
        if match.start > position:
            parts.append((text[position : match.start], -1))
        parts.append((match.text, len(hints) - 1))
        position = match.end
    if position < len(text) or not parts:
        parts.append((text[position:], -1))
    return tuple(hints), tuple(parts)


def source_diff(previous: str, current: str) -> tuple[DiffPart, ...]:
    """Word-level difference from the previous source to the current one."""
    old, new = _TOKEN.findall(previous), _TOKEN.findall(current)
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            parts.append(DiffPart("delete", "".join(old[a1:a2])))
        if op in ("insert", "replace"):
            parts.append(DiffPart("insert", "".join(new[b1:b2])))
        if op == "equal":
            parts.append(DiffPart("equal", "".join(old[a1:a2])))
    return tuple(parts)


def approved(entry: Entry, msgstr: str, override: str = "") -> Entry:
    """The entry approved with ``msgstr``: fuzzy and the previous source gone, a reason kept.

    Draft notes become the ``reviewed from mt: …`` trail, exactly as ``update`` would write
    them, so the next update leaves the approved entry byte-identical.
    """
    comments = entry.comments
    if override:
        # One line: a translator comment cannot span lines.
        comments = (*comments, "review override: " + " ".join(override.split()))
    return replace(
        entry,
        msgstr=msgstr,
        flags=tuple(flag for flag in entry.flags if flag != "fuzzy"),
        previous_msgid=None,
        previous_msgctxt=None,
        comments=comments,
        extracted=arrange_notes(entry.extracted, reviewed_provenance(entry.extracted)),
    )


def saved(entry: Entry, msgstr: str) -> Entry:
    """The entry with ``msgstr`` saved: a changed translation is a draft until approved."""
    if msgstr == entry.msgstr:
        return entry
    flags = tuple(flag for flag in entry.flags if flag != "fuzzy")
    return replace(entry, msgstr=msgstr, flags=("fuzzy", *flags) if msgstr else flags)


def as_approved(catalog: Catalog) -> Catalog:
    """Every translated entry approved: what ``check`` would say once the review is done."""
    entries = tuple(
        approved(e, e.msgstr) if e.fuzzy and not e.obsolete else e for e in catalog.entries
    )
    return replace(catalog, entries=entries)


def findings_by_key(
    sources: Sequence[tuple[str, bytes]],
    name: str,
    glossary: Glossary,
    severities: Mapping[str, str],
    fail_on: Sequence[str],
) -> dict[tuple[str | None, str], tuple[FindingView, ...]]:
    """The findings ``locpipe check`` reports for file ``name`` among ``sources``, by entry."""
    result = check_catalogs(sources, glossary, severities)
    grouped: dict[tuple[str | None, str], list[FindingView]] = {}
    for finding in result.findings:
        if finding.file != name or not finding.msgid:
            continue
        view = FindingView(
            finding.rule, finding.severity, finding.message, finding.severity in fail_on
        )
        grouped.setdefault((finding.msgctxt, finding.msgid), []).append(view)
    return {key: tuple(views) for key, views in grouped.items()}


def approved_text(catalog: Catalog) -> bytes:
    """The catalog as PO bytes with every draft approved, for findings as they will stand."""
    return format_po(as_approved(catalog)).encode("utf-8")
