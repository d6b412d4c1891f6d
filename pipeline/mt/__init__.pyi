"""The names pipeline.mt offers; each loads with its module on first use (see __init__.py)."""

from .argos import (
    ArgosEngine,
    find_model,
    install_by_name,
    install_file,
    install_hint,
    installed_models,
    packages_dir,
    remove_model,
)
from .cache import DraftCache, cache_path
from .derive import DerivedCatalog, convert_text, derive_catalog, derive_text
from .draft import DraftProgress, DraftReport, draft_catalogs, signature
from .engine import Engine
from .executor import Executor, LocalExecutor, make_executor, started_ahead
from .notes import (
    REVIEWED_PREFIX,
    arrange_notes,
    is_mt_draft,
    is_note,
    is_reviewed_from,
    keep_draft_notes,
    needs_draft,
    reapply_drafts,
    reviewed_provenance,
)

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
    "started_ahead",
]
