"""The build job: plan every edition, render it, then write the files atomically under the lock.

An edition that misses ``min_complete`` or whose reviewed units break the glossary is refused:
none of its files is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from pipeline.catalog import compile_mo, read_po
from pipeline.core import Catalog, Settings
from pipeline.edition import (
    FORMATS,
    RENDERERS,
    BuildContext,
    BuildOptions,
    BuildResult,
    CatalogSource,
    Edition,
    Refusal,
    edition_path,
    make_edition,
    refusal_for,
)
from pipeline.glossary import load_project_glossary
from pipeline.jobs.project import read_documents, select_languages, write_project_files


def read_catalog(settings: Settings, language: str, slug: str) -> CatalogSource:
    """The language's PO file for ``slug`` (an empty catalog when there is none yet)."""
    path = settings.po_path(language, slug)
    if not path.exists():
        return CatalogSource(Catalog(header=(), entries=()), settings.shown(path), "")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return CatalogSource(read_po(path), settings.shown(path), digest)


def build_editions(
    settings: Settings,
    languages: Sequence[str] = (),
    formats: Sequence[str] = FORMATS,
    min_complete: float = 100.0,
    include_drafts: bool = False,
    allow_glossary_violations: bool = False,
    now: datetime | None = None,
) -> BuildResult:
    """Plan every edition in memory, then write those that pass, atomically, under the lock."""
    options = BuildOptions(
        min_complete, include_drafts, allow_glossary_violations, now or datetime.now(UTC)
    )
    context = BuildContext(load_project_glossary(settings), options, settings.source_language)
    documents = read_documents(settings)
    outputs: list[tuple[Path, str | bytes]] = []
    editions: list[Edition] = []
    refused: list[Refusal] = []
    for language in select_languages(settings, languages):
        for document in documents:
            source = read_catalog(settings, language, document.slug)
            edition = make_edition(document, source, language, context)
            refusal = refusal_for(edition, options)
            if refusal is not None:
                refused.append(refusal)
                continue
            editions.append(edition)
            outputs.extend(
                (edition_path(settings, language, document.slug, fmt), RENDERERS[fmt](edition))
                for fmt in formats
            )
            mo_path = edition_path(settings, language, document.slug, "mo")
            outputs.append((mo_path, compile_mo(source.catalog)))
    files = tuple((c.path, c.action) for c in write_project_files(settings, outputs))
    return BuildResult(files, tuple(editions), tuple(refused))
