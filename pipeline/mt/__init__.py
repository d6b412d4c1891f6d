"""Machine translation: the engine interface, the Argos adapter, glossary enforcement, drafting."""

from __future__ import annotations

from pipeline.mt.argos import (
    ArgosEngine,
    find_model,
    install_by_name,
    install_file,
    install_hint,
    installed_models,
    packages_dir,
    remove_model,
)
from pipeline.mt.cache import DraftCache, cache_path
from pipeline.mt.derive import DerivedCatalog, convert_text, derive_catalog, derive_text
from pipeline.mt.draft import (
    REVIEWED_PREFIX,
    DraftProgress,
    DraftReport,
    arrange_notes,
    draft_catalogs,
    is_mt_draft,
    is_note,
    is_reviewed_from,
    keep_draft_notes,
    needs_draft,
    reapply_drafts,
    reviewed_provenance,
    signature,
)
from pipeline.mt.engine import Engine
from pipeline.mt.executor import Executor, LocalExecutor, make_executor

__all__ = [
    "REVIEWED_PREFIX",
    "ArgosEngine",
    "DerivedCatalog",
    "DraftCache",
    "DraftProgress",
    "DraftReport",
    "Engine",
    "Executor",
    "LocalExecutor",
    "arrange_notes",
    "cache_path",
    "convert_text",
    "derive_catalog",
    "derive_text",
    "draft_catalogs",
    "find_model",
    "install_by_name",
    "install_file",
    "install_hint",
    "installed_models",
    "is_mt_draft",
    "is_note",
    "is_reviewed_from",
    "keep_draft_notes",
    "make_executor",
    "needs_draft",
    "packages_dir",
    "reapply_drafts",
    "remove_model",
    "reviewed_provenance",
    "signature",
]
