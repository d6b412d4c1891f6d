"""Fill untranslated entries from the translation memory, before MT (docs/architecture.md#translation-memory).

For each pending entry: an exact match is written reviewed with ``#. tm: exact (<origin>)``
when the caller's vetting finds nothing (as ``msgmerge --compendium`` does), else fuzzy with
the findings as ``#. tm: check: …`` notes; a fuzzy match ≥ the threshold is written
``#, fuzzy`` with the memory's source as the previous msgid and ``#. tm: 87% (<origin>)``.
Vetting is handed in: the check rules rank above this package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pipeline.core import Catalog, Entry

if TYPE_CHECKING:  # annotations only: update reads TM notes without the index (sqlite3, rapidfuzz)
    from pipeline.tm.index import TMIndex, TMMatch

#: Extracted-comment lines the TM step writes; ``update`` keeps them with the translation.
TM_NOTE = "tm: "
#: Finds problems in a would-be reviewed entry, as one-line messages; empty means it passes.
Vet = Callable[[Entry], Iterable[str]]


@dataclass(frozen=True)
class TMReport:
    """What the TM step did for one language."""

    language: str
    exact: int = 0  # written reviewed
    exact_flagged: int = 0  # exact, written fuzzy (tm.exact: fuzzy, or a check found problems)
    fuzzy: int = 0

    @property
    def filled(self) -> int:
        return self.exact + self.exact_flagged + self.fuzzy


def provenance(entry: Entry) -> str | None:
    """``exact`` or ``fuzzy`` for an entry the TM step filled (reviewed since or not), else None."""
    for line in entry.extracted:
        line = line.removeprefix("reviewed from ")
        if line.startswith(f"{TM_NOTE}exact "):
            return "exact"
        if line.startswith(TM_NOTE) and line[len(TM_NOTE) :].split("%")[0].isdigit():
            return "fuzzy"
    return None


def pending(entry: Entry) -> bool:
    """Untranslated, active, singular and not fuzzy: what TM (and then MT) may fill."""
    return (
        not entry.obsolete
        and not entry.translated
        and not entry.fuzzy
        and entry.msgid_plural is None
        and entry.msgid != ""
    )


def fill_catalogs(
    catalogs: Mapping[str, Catalog],
    language: str,
    index: TMIndex,
    min_similarity: int,
    exact_reviewed: bool,
    vet: Vet,
) -> tuple[dict[str, Catalog], TMReport]:
    """Fill each catalog's pending entries from the memory; unchanged catalogs stay the same object."""
    if index.size() == 0:
        return dict(catalogs), TMReport(language)  # a first run: no lookups into nothing
    matches: dict[tuple[str | None, str], TMMatch | None] = {}
    counts = {"exact": 0, "flagged": 0, "fuzzy": 0}
    filled: dict[str, Catalog] = {}
    for slug, catalog in catalogs.items():
        entries = []
        for entry in catalog.entries:
            if not pending(entry):
                entries.append(entry)
                continue
            if entry.key not in matches:
                matches[entry.key] = index.lookup(entry.msgid, entry.msgctxt, min_similarity)
            match = matches[entry.key]
            if match is None:
                entries.append(entry)
                continue
            new, kind = apply_match(entry, match, exact_reviewed, vet)
            counts[kind] += 1
            entries.append(new)
        changed = any(a is not b for a, b in zip(entries, catalog.entries, strict=True))
        filled[slug] = replace(catalog, entries=tuple(entries)) if changed else catalog
    report = TMReport(language, counts["exact"], counts["flagged"], counts["fuzzy"])
    return filled, report


def apply_match(entry: Entry, match: TMMatch, exact_reviewed: bool, vet: Vet) -> tuple[Entry, str]:
    """The entry filled from one match, and how: ``exact``, ``flagged`` or ``fuzzy``."""
    unit = match.unit
    others = tuple(line for line in entry.extracted if not line.startswith(TM_NOTE))
    flags = tuple(f for f in entry.flags if f != "fuzzy")
    if match.exact:
        note = f"{TM_NOTE}exact ({unit.origin})"
        candidate = replace(entry, msgstr=unit.target, flags=flags)
        problems = list(vet(candidate))
        notes = (note, *(f"{TM_NOTE}check: {problem}" for problem in problems))
        extracted = _with_notes(others, notes)
        if exact_reviewed and not problems:
            return replace(candidate, extracted=extracted), "exact"
        return replace(candidate, flags=("fuzzy", *flags), extracted=extracted), "flagged"
    note = f"{TM_NOTE}{match.similarity}% ({unit.origin})"
    filled = replace(
        entry,
        msgstr=unit.target,
        flags=("fuzzy", *flags),
        previous_msgid=unit.source,
        previous_msgctxt=unit.context,
        extracted=_with_notes(others, (note,)),
    )
    return filled, "fuzzy"


def _with_notes(lines: tuple[str, ...], notes: tuple[str, ...]) -> tuple[str, ...]:
    """Template lines, then TM notes, then glossary hints (the order ``update`` rebuilds)."""
    hints = tuple(line for line in lines if line.startswith("glossary: "))
    others = tuple(line for line in lines if not line.startswith("glossary: "))
    return (*others, *notes, *hints)
