"""The names pipeline.tm offers; each loads with its module on first use (see __init__.py)."""

from .fill import TM_NOTE, TMReport, Vet, fill_catalogs, pending, provenance
from .index import TMIndex, TMMatch, TMUnit, UnitLoader, similarity
from .tmx import TMXUnit, format_tmx, read_tmx
from .xliff import (
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
