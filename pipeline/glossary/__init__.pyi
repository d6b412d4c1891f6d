"""The names pipeline.glossary offers; each loads with its module on first use (see __init__.py)."""

from .match import (
    Match,
    UNSPACED_LANGUAGES,
    check_target,
    check_targets,
    find_terms,
    find_terms_many,
    hint_lines,
    target_forms,
)
from .schema import Glossary, Term, load_glossary, load_project_glossary
from .termbase import TERMBASE_FORMATS, export_termbase, import_termbase

__all__ = [
    "Glossary",
    "Match",
    "TERMBASE_FORMATS",
    "Term",
    "UNSPACED_LANGUAGES",
    "check_target",
    "check_targets",
    "export_termbase",
    "find_terms",
    "find_terms_many",
    "hint_lines",
    "import_termbase",
    "load_glossary",
    "load_project_glossary",
    "target_forms",
]
