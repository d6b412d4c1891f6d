"""The project-level jobs: the only code that reads and writes project files, under the lock.

Each job is one function taking the settings and returning one result; the CLI parses, calls
one job, prints and exits (docs/architecture.md#jobs).
"""

from __future__ import annotations

from pipeline.jobs.build import build_editions
from pipeline.jobs.catalogs import CatalogStatus, extract, run, status, update
from pipeline.jobs.changes import CatalogChange
from pipeline.jobs.check import CheckOutcome, check
from pipeline.jobs.draft import DraftOutcome, MissingModel, argos_engine, draft
from pipeline.jobs.init import init
from pipeline.jobs.interchange import (
    XliffImport,
    export_tmx,
    export_xliff,
    import_tm,
    import_xliff,
    tm_stats,
)
from pipeline.jobs.project import FileChange, select_languages
from pipeline.jobs.review import ProjectReview
from pipeline.jobs.tm import TMStats

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
