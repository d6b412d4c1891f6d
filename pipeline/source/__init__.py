"""English sources: readers (text, Markdown), sentence segmentation and POT extraction."""

from __future__ import annotations

from pipeline.source.extract import assign_contexts, build_template
from pipeline.source.readers import markdown_inline_html, markdown_inline_text, read_source
from pipeline.source.segment import segment_document

__all__ = [
    "assign_contexts",
    "build_template",
    "markdown_inline_html",
    "markdown_inline_text",
    "read_source",
    "segment_document",
]
