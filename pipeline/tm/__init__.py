"""Translation memory: the SQLite index, filling from it before MT, TMX and XLIFF interchange."""

from __future__ import annotations

from pipeline.tm.fill import TM_NOTE, TMReport, Vet, fill_catalogs, pending, provenance
from pipeline.tm.index import TMIndex, TMMatch, TMUnit, UnitLoader, similarity
from pipeline.tm.tmx import TMXUnit, format_tmx, read_tmx
from pipeline.tm.xliff import (
    FINAL_STATES,
    XliffFile,
    XliffUnit,
    format_xliff,
    read_xliff,
    unit_ids,
)

__all__ = [
    "FINAL_STATES",
    "TM_NOTE",
    "TMIndex",
    "TMMatch",
    "TMReport",
    "TMUnit",
    "TMXUnit",
    "UnitLoader",
    "Vet",
    "XliffFile",
    "XliffUnit",
    "fill_catalogs",
    "format_tmx",
    "format_xliff",
    "pending",
    "provenance",
    "read_tmx",
    "read_xliff",
    "similarity",
    "unit_ids",
]
