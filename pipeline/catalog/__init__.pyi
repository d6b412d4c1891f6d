"""The names pipeline.catalog offers; each loads with its module on first use (see __init__.py)."""

from .bulk import collector_paused
from .edit import render_entry, replace_entry
from .merge import merge_catalog
from .mo import compile_mo
from .po import format_po, parse_po, read_po, read_po_text

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
