"""Core data, errors, settings, file edges, YAML with lines, language codes, and the text concepts
every stage shares (numbers, markup and placeholders, decoding with line numbers)."""

from __future__ import annotations

import lazy_loader

# The names are listed once, in __init__.pyi (for type checkers too); each is imported on first
# use, so a quick command does not load every module (docs/architecture.md#layout).
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
