"""Language editions: planning from catalogs and rendering as Markdown, HTML or text."""

from __future__ import annotations

from pipeline.edition.gate import overrides, refusal_for
from pipeline.edition.plan import (
    FORMATS,
    BuildContext,
    BuildOptions,
    BuildResult,
    CatalogSource,
    Edition,
    Refusal,
    edition_path,
    make_edition,
)
from pipeline.edition.render import RENDERERS

__all__ = [
    "FORMATS",
    "RENDERERS",
    "BuildContext",
    "BuildOptions",
    "BuildResult",
    "CatalogSource",
    "Edition",
    "Refusal",
    "edition_path",
    "make_edition",
    "overrides",
    "refusal_for",
]
