"""Translation memory: the SQLite index, filling from it before MT, TMX and XLIFF interchange."""

from __future__ import annotations

from pipeline.tm.fill import TM_NOTE, TMReport, Vet, fill_catalogs, pending, provenance
from pipeline.tm.index import TMIndex, TMMatch, TMUnit, UnitLoader, similarity
from pipeline.tm.tmx import TMXUnit, format_tmx, read_tmx

__all__ = [
    "TM_NOTE",
    "TMIndex",
    "TMMatch",
    "TMReport",
    "TMUnit",
    "TMXUnit",
    "UnitLoader",
    "Vet",
    "fill_catalogs",
    "format_tmx",
    "pending",
    "provenance",
    "read_tmx",
    "similarity",
]
