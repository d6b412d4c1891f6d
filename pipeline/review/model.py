"""The review page's plain data: what a unit shows, what a save asks, and how a save can fail.

Frozen dataclasses with no I/O; the jobs layer fills them from the project's files and the web
app turns them into JSON (docs/review.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from pipeline.core import LocpipeError

#: Review states of a unit, in the order the page offers them as filters.
STATES = ("untranslated", "fuzzy", "reviewed")


@dataclass(frozen=True)
class CatalogSummary:
    """One PO file in the overview: counts and term accuracy, as ``locpipe status`` shows."""

    language: str
    slug: str
    file: str
    reviewed: int
    fuzzy: int
    untranslated: int
    terms_required: int
    terms_satisfied: int


@dataclass(frozen=True)
class TermHint:
    """A glossary term found in a source and what the glossary asks of it."""

    text: str
    term: str  # the term id
    required: str  # the preferred rendering ("" when the language has none)
    variants: tuple[str, ...]  # further accepted renderings
    forbidden: tuple[str, ...]
    note: str
    dnt: bool


@dataclass(frozen=True)
class DiffPart:
    """A piece of the previous-to-current source difference: equal, insert or delete."""

    op: str
    text: str


@dataclass(frozen=True)
class FindingView:
    """A check finding as the page shows it; ``fails`` when its severity fails the gate."""

    rule: str
    severity: str
    message: str
    fails: bool


@dataclass(frozen=True)
class UnitView:
    """One PO entry as the page shows it, in document order."""

    index: int
    msgctxt: str | None
    msgid: str
    msgstr: str
    state: str  # one of STATES
    kind: str  # headline, sentence, caption ... from the ``#. kind:`` comment
    refs: tuple[str, ...]
    # The source cut at term boundaries: (text, index into ``terms`` or -1). Offsets would differ
    # between Python and JavaScript strings outside the BMP; pieces do not.
    source: tuple[tuple[str, int], ...]
    terms: tuple[TermHint, ...]
    previous: tuple[DiffPart, ...]  # fuzzy units with a ``#| msgid`` only
    provenance: tuple[str, ...]  # ``#.`` lines a draft wrote: mt, tm, opencc, glossary notes
    comments: tuple[str, ...]  # translator comments
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class CatalogView:
    """A PO file's units and the digest of the bytes they were read from."""

    language: str
    slug: str
    file: str
    digest: str
    units: tuple[UnitView, ...]


@dataclass(frozen=True)
class SaveRequest:
    """Save (or approve) one entry of one catalog, as loaded from a file with ``digest``."""

    language: str
    slug: str
    msgctxt: str | None
    msgid: str
    msgstr: str
    digest: str
    approve: bool = False
    override: str = ""  # the reason to approve despite fail-level findings


@dataclass(frozen=True)
class SavedUnit:
    """A unit as written, and the digest of its file now."""

    unit: UnitView
    digest: str


class ReviewError(LocpipeError):
    """A review request that cannot be done as asked."""


class UnknownCatalog(ReviewError):
    """The language/slug pair, or the entry, is not one of the configured catalogs'."""


class StaleCatalog(ReviewError):
    """The file changed on disk since the page loaded it; nothing was written."""

    def __init__(self, message: str, fresh: CatalogView) -> None:
        super().__init__(message)
        self.fresh = fresh


class ApprovalRefused(ReviewError):
    """Approval with fail-level findings and no override reason; nothing was written."""

    def __init__(self, message: str, findings: tuple[FindingView, ...]) -> None:
        super().__init__(message)
        self.findings = findings


class ReviewStore(Protocol):
    """What the web app needs from the project; the jobs layer implements it."""

    def overview(self) -> list[CatalogSummary]:
        """Every configured catalog with its counts."""

    def load(self, language: str, slug: str) -> CatalogView:
        """One catalog's units, with the digest of the file read."""

    def check(
        self, language: str, slug: str, msgctxt: str | None, msgid: str, msgstr: str
    ) -> tuple[FindingView, ...]:
        """Findings for a candidate msgstr, as ``locpipe check`` will report it once approved."""

    def save(self, request: SaveRequest) -> SavedUnit:
        """Write one entry (under the lock, only if unchanged on disk); the unit as saved."""
