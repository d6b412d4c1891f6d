"""Draft notes: the ``#.`` lines a draft carries, kept across updates and reviews.

What ``update`` needs of drafting, apart from drafting itself: which lines a draft wrote, how
they are ordered, what a reviewed draft keeps as its provenance, and how a job's fills go back
onto a catalog that changed meanwhile. No engine, cache or executor is imported here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from pipeline.core import Catalog, Entry
from pipeline.tm import TM_NOTE, pending

#: Where a draft came from: machine translation, translation memory, an OpenCC conversion.
PROVENANCE_PREFIXES = ("mt: ", TM_NOTE, "opencc: ")
#: What a reviewed entry keeps of its draft's provenance, e.g. ``reviewed from mt: …``.
REVIEWED_PREFIX = "reviewed from "
#: Extracted-comment lines a draft writes; ``update`` keeps them while the draft stays fuzzy.
NOTE_PREFIXES = (*PROVENANCE_PREFIXES, "glossary: missing ", "glossary: forbidden ")
SIGNATURE_HEADER = "X-Locpipe-MT"


def needs_draft(entry: Entry) -> bool:
    """Untranslated, active, singular, not fuzzy: the only entries MT may fill (as TM's)."""
    return pending(entry)


def reapply_drafts(current: Catalog, fills: Catalog) -> Catalog:
    """Fill the entries of ``current`` still waiting for a translation with those in ``fills``.

    ``fills`` holds the entries a job filled (MT drafts, TM matches). For a catalog that changed
    on disk meanwhile: only entries still untranslated, with the same gettext identity, are
    filled; everything else stays as it is in ``current``.
    """
    found_by_key = {e.key: e for e in fills.entries if not e.obsolete and e.translated}
    entries = []
    for entry in current.entries:
        found = found_by_key.get(entry.key) if needs_draft(entry) else None
        if found is None:
            entries.append(entry)
            continue
        notes = [line for line in found.extracted if is_note(line)]
        flags = (*(("fuzzy",) if found.fuzzy else ()), *(f for f in entry.flags if f != "fuzzy"))
        entries.append(
            replace(
                entry,
                msgstr=found.msgstr,
                flags=flags,
                extracted=arrange_notes(entry.extracted, notes),
                previous_msgid=found.previous_msgid,
                previous_msgctxt=found.previous_msgctxt,
            )
        )
    if entries == list(current.entries):
        return current
    key = fills.header_value(SIGNATURE_HEADER)
    header = with_header(current.header, SIGNATURE_HEADER, key) if key else current.header
    return replace(current, entries=tuple(entries), header=header)


def with_header(
    header: tuple[tuple[str, str], ...], name: str, value: str
) -> tuple[tuple[str, str], ...]:
    if any(key == name for key, _ in header):
        return tuple((key, value if key == name else old) for key, old in header)
    return (*header, (name, value))


def is_mt_draft(entry: Entry) -> bool:
    """A translated entry whose translation MT wrote (it carries ``#. mt: …``)."""
    return entry.translated and any(line.startswith("mt: ") for line in entry.extracted)


def is_note(line: str) -> bool:
    """A line a draft wrote (``mt: …``, ``glossary: missing …``, ``glossary: forbidden …``)."""
    return line.startswith(NOTE_PREFIXES)


def arrange_notes(extracted: Iterable[str], notes: Iterable[str]) -> tuple[str, ...]:
    """Template lines, then draft notes, then glossary hints: the order ``update`` rebuilds."""
    lines = [
        line for line in extracted if not is_note(line) and not line.startswith(REVIEWED_PREFIX)
    ]
    hints = [line for line in lines if line.startswith("glossary: ")]
    others = [line for line in lines if not line.startswith("glossary: ")]
    return (*others, *notes, *hints)


def keep_draft_notes(old: Catalog, merged: Catalog) -> Catalog:
    """Carry draft notes across an update; keep a reviewed draft's provenance as an audit trail.

    Merging takes extracted comments from the template (as msgmerge does), which would drop
    them; msgmerge's semantics stay as they are and the notes are put back here: all of them
    while the draft is unchanged and still fuzzy, and once a reviewer approved it (in any
    editor), its provenance as ``reviewed from mt: …`` so post-edited MT stays countable.
    """
    previous = {e.key: e for e in old.entries if not e.obsolete}
    entries = []
    for entry in merged.entries:
        before = previous.get(entry.key)
        if entry.obsolete or before is None:
            entries.append(entry)
        elif entry.fuzzy and before.fuzzy and before.msgstr == entry.msgstr:
            notes = [line for line in before.extracted if is_note(line)]
            entries.append(replace(entry, extracted=arrange_notes(entry.extracted, notes)))
        elif (
            entry.reviewed
            and before.reviewed
            and before.msgstr == entry.msgstr
            and (written := [line for line in before.extracted if line.startswith(TM_NOTE)])
        ):
            # The TM wrote this entry reviewed (an exact match): its note stays as written.
            entries.append(replace(entry, extracted=arrange_notes(entry.extracted, written)))
        elif entry.reviewed and (trail := reviewed_provenance(before.extracted)):
            entries.append(replace(entry, extracted=arrange_notes(entry.extracted, trail)))
        else:
            entries.append(entry)
    return replace(merged, entries=tuple(entries))


def reviewed_provenance(extracted: Iterable[str]) -> list[str]:
    """``reviewed from <provenance>`` lines for a draft's provenance notes, kept as they are."""
    trail = []
    for line in extracted:
        if line.startswith(REVIEWED_PREFIX):
            trail.append(line)
        elif line.startswith(PROVENANCE_PREFIXES):
            trail.append(REVIEWED_PREFIX + line.split("; glossary: ")[0])
    return trail


def is_reviewed_from(entry: Entry, source: str) -> bool:
    """A reviewed entry that started as a ``source`` draft ("mt", "tm" or "opencc")."""
    prefix = f"{REVIEWED_PREFIX}{source}: "
    return entry.reviewed and any(line.startswith(prefix) for line in entry.extracted)
