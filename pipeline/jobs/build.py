"""The build job: plan every edition, render it, then write the files atomically under the lock.

One gate from review to publication: the build runs the check job (the same rules, severities
and ``fail_on`` as ``locpipe check``), and an edition that misses ``min_complete`` or has a
fail-level finding in a unit it would publish is refused: none of its files is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from datetime import datetime
from pathlib import Path

from pipeline.catalog import compile_mo, parse_po, read_po_text
from pipeline.core import Catalog, Settings
from pipeline.core import now as clock_now
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
from pipeline.jobs.check import check
from pipeline.jobs.project import read_documents, select_languages, write_project_files


def read_catalog(settings: Settings, language: str, slug: str) -> CatalogSource:
    """The language's PO file for ``slug`` (an empty catalog when there is none yet)."""
    path = settings.po_path(language, slug)
    shown = settings.shown(path.resolve())  # named exactly as the check job names it
    if not path.exists():
        return CatalogSource(Catalog(header=(), entries=()), shown, "")
    text = read_po_text(path)  # one read: the digest is of the text parsed (a folder: one line)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return CatalogSource(parse_po(text, str(path)), shown, digest)


def build_editions(
    settings: Settings,
    languages: Sequence[str] = (),
    formats: Sequence[str] = FORMATS,
    min_complete: float = 100.0,
    include_drafts: bool = False,
    allow_findings: Collection[str] = (),
    now: datetime | None = None,
) -> BuildResult:
    """Plan every edition in memory, then write those that pass the gate, atomically."""
    options = BuildOptions(
        min_complete, include_drafts, frozenset(allow_findings), now or clock_now()
    )
    context = _context(settings, options)
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
            outputs.append((mo_path, compile_mo(source.catalog, source.where)))
    files = tuple((c.path, c.action) for c in write_project_files(settings, outputs))
    return BuildResult(files, tuple(editions), tuple(refused))


def _context(settings: Settings, options: BuildOptions) -> BuildContext:
    """What every edition shares, with the findings of the check job itself: one gate."""
    gate = check(settings)
    glossary = load_project_glossary(settings)
    language = settings.source_language
    return BuildContext(glossary, options, language, gate.result.findings, gate.fail_on)
