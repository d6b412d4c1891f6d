"""What a run changed in each catalog, as ``run`` and ``run --dry-run`` report it.

Compares a PO file as it was on disk with the text the run writes (or would write): units new
to the catalog, edited units that msgmerge made fuzzy, removed units made obsolete, units
drafted by TM, OpenCC derivation or MT, and units left as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.core import Catalog, Entry

#: Provenance note prefix → the drafting step named in the report.
SOURCES = (("tm: ", "tm"), ("opencc: ", "derived"), ("mt: ", "mt"))


@dataclass(frozen=True)
class CatalogChange:
    """Counts of what changed in one language's catalog of one article."""

    language: str
    slug: str
    path: Path
    new: int = 0
    fuzzy: int = 0  # edited in the source: fuzzy, with the previous msgid
    obsolete: int = 0  # removed from the source
    tm: int = 0
    derived: int = 0
    mt: int = 0
    pending: int = 0  # still untranslated after the run (or to be drafted, in a dry run)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return any((self.new, self.fuzzy, self.obsolete, self.tm, self.derived, self.mt))


def catalog_change(
    language: str, slug: str, path: Path, old: Catalog | None, new: Catalog
) -> CatalogChange:
    """Compare a catalog before and after a run."""
    before = {e.key: e for e in old.entries if not e.obsolete} if old else {}
    counts = dict.fromkeys(("new", "fuzzy", "obsolete", "tm", "derived", "mt"), 0)
    pending = unchanged = 0
    for entry in new.entries:
        previous = before.get(entry.key)
        if entry.obsolete:
            counts["obsolete"] += previous is not None
            continue
        if previous is None:
            counts["fuzzy" if entry.previous_msgid is not None else "new"] += 1
        elif (previous.msgstr, previous.fuzzy) == (entry.msgstr, entry.fuzzy):
            unchanged += 1
        if (step := drafted_by(entry, previous)) is not None:
            counts[step] += 1
        pending += not entry.translated
    return CatalogChange(language, slug, path, **counts, pending=pending, unchanged=unchanged)


def drafted_by(entry: Entry, previous: Entry | None) -> str | None:
    """``tm``, ``derived`` or ``mt`` when this run filled the entry; None otherwise."""
    if not entry.translated or (previous is not None and previous.translated):
        return None
    if entry.previous_msgid is not None:
        return None  # msgmerge kept the old translation of an edited unit: not a draft
    for prefix, step in SOURCES:
        if any(line.startswith(prefix) for line in entry.extracted):
            return step
    return None
