"""The derive step: variant catalogs drafted from another language's reviewed catalog.

Runs per language after the translation memory and before MT (docs/language-variants.md),
so MT only sees what neither the memory nor a derivation could fill.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.catalog import parse_po, read_po_text
from pipeline.core import Catalog, Settings
from pipeline.glossary import Glossary
from pipeline.mt import derive_catalog


@dataclass(frozen=True)
class DeriveReport:
    """How many units of a variant were derived, from which language and by which conversion."""

    language: str
    source: str
    conversion: str
    derived: int


def derive_language(
    settings: Settings,
    language: str,
    catalogs: Mapping[str, Catalog],
    texts: Mapping[Path, str],
    glossary: Glossary,
) -> tuple[dict[str, Catalog], tuple[DeriveReport, ...]]:
    """Fill a derived language's untranslated entries from its source's reviewed ones.

    ``catalogs`` are the language's catalogs by slug; the source language's catalog is taken
    from ``texts`` (what is about to be written) when it is there, else read from disk.
    Languages without a ``derive:`` entry come back unchanged, with no report.
    """
    derivation = settings.derivation(language)
    if derivation is None:
        return dict(catalogs), ()
    result = dict(catalogs)
    count = 0
    for slug, catalog in catalogs.items():
        source_path = settings.po_path(derivation.source, slug)
        if source_path not in texts and not source_path.exists():
            continue
        source_text = texts.get(source_path) or read_po_text(source_path)
        source = parse_po(source_text, settings.shown(source_path))
        derived = derive_catalog(catalog, source, glossary, derivation)
        if derived.derived:
            result[slug] = derived.catalog
            count += derived.derived
    return result, (DeriveReport(language, derivation.source, derivation.opencc, count),)
