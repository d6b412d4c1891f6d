"""Core data, errors, settings, file edges, YAML with lines and language codes: what every stage shares."""

from __future__ import annotations

from pipeline.core.config import Settings, find_config, load_config
from pipeline.core.errors import (
    ConfigError,
    InputError,
    LocpipeError,
    OutputError,
    ProblemsError,
)
from pipeline.core.fsio import write_atomic, write_files
from pipeline.core.languages import (
    format_date_long,
    format_integer,
    format_ratio,
    is_known_language,
    language_name,
    language_tag,
    plural_forms,
)
from pipeline.core.model import Block, Catalog, Document, Entry, Unit
from pipeline.core.yamlio import LineList, LineMap, parse_yaml, type_name

__all__ = [
    "Block",
    "Catalog",
    "ConfigError",
    "Document",
    "Entry",
    "InputError",
    "LineList",
    "LineMap",
    "LocpipeError",
    "OutputError",
    "ProblemsError",
    "Settings",
    "Unit",
    "find_config",
    "format_date_long",
    "format_integer",
    "format_ratio",
    "is_known_language",
    "language_name",
    "language_tag",
    "load_config",
    "parse_yaml",
    "plural_forms",
    "type_name",
    "write_atomic",
    "write_files",
]
