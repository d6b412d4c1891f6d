"""The names pipeline.jobs offers; each loads with its module on first use (see __init__.py)."""

from .build import build_editions
from .catalogs import CatalogStatus, extract, status, update
from .changes import CatalogChange
from .check import CheckOutcome, check
from .draft import DraftOutcome, MissingModel, argos_engine, draft
from .init import init
from .interchange import (
    XliffImport,
    export_tmx,
    export_xliff,
    import_tm,
    import_xliff,
    tm_stats,
)
from .project import FileChange, select_languages
from .review import ProjectReview
from .run import run
from .tm import TMStats

__all__ = [
    "CatalogChange",
    "CatalogStatus",
    "CheckOutcome",
    "DraftOutcome",
    "FileChange",
    "MissingModel",
    "ProjectReview",
    "TMStats",
    "XliffImport",
    "argos_engine",
    "build_editions",
    "check",
    "draft",
    "export_tmx",
    "export_xliff",
    "extract",
    "import_tm",
    "import_xliff",
    "init",
    "run",
    "select_languages",
    "status",
    "tm_stats",
    "update",
]
