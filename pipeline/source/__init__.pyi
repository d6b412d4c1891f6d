"""The names pipeline.source offers; each loads with its module on first use (see __init__.py)."""

from .extract import assign_contexts, build_template
from .readers import markdown_inline_html, markdown_inline_text, read_source
from .segment import segment_document

__all__ = [
    "assign_contexts",
    "build_template",
    "markdown_inline_html",
    "markdown_inline_text",
    "read_source",
    "segment_document",
]
