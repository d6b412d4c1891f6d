"""PO catalogs: reading and writing gettext files, and updating them with msgmerge semantics."""

from __future__ import annotations

from pipeline.catalog.bulk import collector_paused
from pipeline.catalog.edit import render_entry, replace_entry
from pipeline.catalog.merge import merge_catalog
from pipeline.catalog.po import compile_mo, format_po, parse_po, read_po, read_po_text

__all__ = [
    "collector_paused",
    "compile_mo",
    "format_po",
    "merge_catalog",
    "parse_po",
    "read_po",
    "read_po_text",
    "render_entry",
    "replace_entry",
]
