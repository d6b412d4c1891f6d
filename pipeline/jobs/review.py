"""The review job: the project's catalogs for the review page, and one-entry saves.

A save goes through the shared optimistic-concurrency write of ``jobs.project``: the file must
still have the digest the page loaded, only the one entry changes, and the write is atomic,
under the project lock, refused if the file changed meanwhile (docs/review.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.catalog import parse_po, replace_entry
from pipeline.core import Entry, Settings, digest
from pipeline.glossary import load_project_glossary
from pipeline.jobs.catalogs import status
from pipeline.jobs.project import (
    PlannedFile,
    ReadLog,
    select_languages,
    slugs,
    write_project_files,
)
from pipeline.qa import configured_severities
from pipeline.review import (
    ApprovalRefused,
    CatalogSummary,
    CatalogView,
    FindingView,
    SavedUnit,
    SaveRequest,
    StaleCatalog,
    UnknownCatalog,
    approved,
    approved_text,
    findings_by_key,
    saved,
    unit_view,
)


class ProjectReview:
    """The configured catalogs of one project, for the review page (a ``ReviewStore``)."""

    def __init__(self, settings: Settings, languages: Sequence[str] = ()) -> None:
        self.settings = settings
        self.languages = select_languages(settings, languages)
        self.slugs = tuple(slugs(settings))
        self.glossary = load_project_glossary(settings)
        # The config's per-rule levels, as 'locpipe check' reads them.
        self.severities = configured_severities(settings.check.severity, str(settings.path))

    def overview(self) -> list[CatalogSummary]:
        """Every catalog of the chosen languages, counted as ``locpipe status`` counts."""
        return [
            CatalogSummary(
                row.language,
                row.slug,
                self.settings.shown(row.path),
                row.reviewed,
                row.fuzzy,
                row.untranslated,
                row.terms_required,
                row.terms_satisfied,
            )
            for row in status(self.settings, self.languages)
            if row.path.exists()
        ]

    def path(self, language: str, slug: str) -> Path:
        """The PO file of a configured language and catalog; anything else is refused."""
        if language not in self.languages or slug not in self.slugs:
            raise UnknownCatalog(f"no catalog '{slug}' in language '{language}' to review")
        path = self.settings.po_path(language, slug)
        if not path.is_file():
            raise UnknownCatalog(f"no catalog {self.settings.shown(path)}; run 'locpipe update'")
        return path

    def load(self, language: str, slug: str) -> CatalogView:
        """One catalog's units in document order, findings as they will stand once approved."""
        path = self.path(language, slug)
        data = path.read_bytes()
        return self._view(language, slug, path, data)

    def check(
        self, language: str, slug: str, msgctxt: str | None, msgid: str, msgstr: str
    ) -> tuple[FindingView, ...]:
        """Findings of ``locpipe check`` for the entry with ``msgstr``, once approved."""
        path = self.path(language, slug)
        data = path.read_bytes()
        entry = self._entry(data, path, msgctxt, msgid)
        return self._candidate_findings(language, path, data, approved(entry, msgstr))

    def save(self, request: SaveRequest) -> SavedUnit:
        """Write one entry if its file is unchanged since loaded; approval obeys the gate.

        The shared optimistic-concurrency write (``write_project_files`` with a ``ReadLog``)
        refuses, under the lock and again just before the rename, a file that changed since it
        was read here; it was read here only if it still had the digest the page loaded.
        """
        path = self.path(request.language, request.slug)
        shown = self.settings.shown(path)
        data = path.read_bytes()
        if digest(data) != request.digest:
            raise self._stale(request, path)
        entry = self._entry(data, path, request.msgctxt, request.msgid)
        if request.approve:
            new = approved(entry, request.msgstr, request.override.strip())
            self._gate(request, path, data, new)
        else:
            new = saved(entry, request.msgstr)
        written = replace_entry(data, shown, new).encode("utf-8")
        reads = ReadLog()
        reads.note(path, data)
        (change,) = write_project_files(self.settings, [PlannedFile(path, written)], reads)
        if change.action == "kept":
            raise self._stale(request, path)
        view = self._view(request.language, request.slug, path, written)
        unit = next(u for u in view.units if (u.msgctxt, u.msgid) == new.key)
        return SavedUnit(unit, view.digest)

    def _stale(self, request: SaveRequest, path: Path) -> StaleCatalog:
        fresh = self._view(request.language, request.slug, path, path.read_bytes())
        message = f"{self.settings.shown(path)} changed on disk since the page loaded it"
        return StaleCatalog(message, fresh)

    def _gate(self, request: SaveRequest, path: Path, data: bytes, new: Entry) -> None:
        failing = tuple(
            f for f in self._candidate_findings(request.language, path, data, new) if f.fails
        )
        if failing and not request.override.strip():
            rules = ", ".join(dict.fromkeys(f.rule for f in failing))
            message = f"not approved: {rules} must be fixed first, or give a reason to override"
            raise ApprovalRefused(message, failing)

    def _entry(self, data: bytes, path: Path, msgctxt: str | None, msgid: str) -> Entry:
        catalog = parse_po(data, self.settings.shown(path))
        entry = next((e for e in catalog.active if e.key == (msgctxt, msgid)), None)
        if entry is None:
            raise UnknownCatalog(f"no entry for msgid “{msgid}” in {self.settings.shown(path)}")
        return entry

    def _view(self, language: str, slug: str, path: Path, data: bytes) -> CatalogView:
        shown = self.settings.shown(path)
        catalog = parse_po(data, shown)
        findings = self._findings(language, shown, approved_text(catalog))
        units = tuple(
            unit_view(index, entry, self.glossary, language, findings)
            for index, entry in enumerate(catalog.active)
        )
        return CatalogView(language, slug, shown, digest(data) or "", units)

    def _candidate_findings(
        self, language: str, path: Path, data: bytes, entry: Entry
    ) -> tuple[FindingView, ...]:
        shown = self.settings.shown(path)
        candidate = replace_entry(data, shown, entry).encode("utf-8")
        return self._findings(language, shown, candidate).get(entry.key, ())

    def _findings(
        self, language: str, shown: str, data: bytes
    ) -> dict[tuple[str | None, str], tuple[FindingView, ...]]:
        """Check ``data`` as file ``shown`` together with the language's other catalogs."""
        sources = [(shown, data)]
        for slug in self.slugs:
            other = self.settings.po_path(language, slug)
            if self.settings.shown(other) != shown and other.is_file():
                sources.append((self.settings.shown(other), other.read_bytes()))
        return findings_by_key(
            sources, shown, self.glossary, self.severities, self.settings.check.fail_on
        )
