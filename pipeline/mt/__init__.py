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
from pipeline.mt.draft import (
    DraftCache,
    DraftReport,
    draft_catalogs,
    is_reviewed_from,
    keep_draft_notes,
    needs_draft,
    signature,
)
from pipeline.mt.engine import Engine

__all__ = [
    "ArgosEngine",
    "DraftCache",
    "DraftReport",
    "Engine",
    "draft_catalogs",
    "find_model",
    "install_by_name",
    "install_file",
    "install_hint",
    "installed_models",
    "is_reviewed_from",
    "keep_draft_notes",
    "needs_draft",
    "packages_dir",
    "remove_model",
    "signature",
]
