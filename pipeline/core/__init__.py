"""Core data, errors, settings, file edges, YAML with lines, language codes, and the text concepts
every stage shares (numbers, markup and placeholders, decoding with line numbers)."""

from __future__ import annotations

from pipeline.core.clock import now, po_date
from pipeline.core.config import (
    EXECUTORS,
    OPENCC_CONFIGS,
    Derivation,
    Settings,
    find_config,
    load_config,
)
from pipeline.core.decode import decode_text, has_control
from pipeline.core.errors import (
    ConfigError,
    InputError,
    LocpipeError,
    OutputError,
    ProblemsError,
    did_you_mean,
)
from pipeline.core.fsio import (
    digest,
    project_lock,
    read_current,
    remove_stale_temps,
    replace_if_unchanged,
    write_atomic,
    write_if_changed,
)
from pipeline.core.languages import (
    Language,
    base_language,
    format_date_long,
    format_integer,
    format_ratio,
    is_known_language,
    language_name,
    language_tag,
    normalize_code,
    plural_forms,
    resolve,
    same_language,
    without_likely_script,
)
from pipeline.core.markup import (
    PLACEHOLDER,
    PLACEHOLDER_TOKEN,
    format_problems,
    inline_spans,
    markup_problems,
    protected_spans,
)
from pipeline.core.model import SEVERITIES, Block, Catalog, Document, Entry, Unit
from pipeline.core.numbers import (
    SourceNumber,
    missing_numbers,
    show_numbers,
    source_numbers,
    target_numbers,
)
from pipeline.core.scripts import SIMPLIFIED, TRADITIONAL, foreign_characters
from pipeline.core.yamlio import LineList, LineMap, parse_yaml, type_name

__all__ = [
    "EXECUTORS",
    "OPENCC_CONFIGS",
    "PLACEHOLDER",
    "PLACEHOLDER_TOKEN",
    "SEVERITIES",
    "SIMPLIFIED",
    "TRADITIONAL",
    "Block",
    "Catalog",
    "ConfigError",
    "Derivation",
    "Document",
    "Entry",
    "InputError",
    "Language",
    "LineList",
    "LineMap",
    "LocpipeError",
    "OutputError",
    "ProblemsError",
    "Settings",
    "SourceNumber",
    "Unit",
    "base_language",
    "decode_text",
    "did_you_mean",
    "digest",
    "find_config",
    "foreign_characters",
    "format_date_long",
    "format_integer",
    "format_problems",
    "format_ratio",
    "has_control",
    "inline_spans",
    "is_known_language",
    "language_name",
    "language_tag",
    "load_config",
    "markup_problems",
    "missing_numbers",
    "normalize_code",
    "now",
    "parse_yaml",
    "plural_forms",
    "po_date",
    "project_lock",
    "protected_spans",
    "read_current",
    "remove_stale_temps",
    "replace_if_unchanged",
    "resolve",
    "same_language",
    "show_numbers",
    "source_numbers",
    "target_numbers",
    "type_name",
    "without_likely_script",
    "write_atomic",
    "write_if_changed",
]
