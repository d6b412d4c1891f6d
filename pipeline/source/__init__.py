"""English sources: readers (text, Markdown), sentence segmentation and POT extraction."""

from __future__ import annotations

import lazy_loader

# The names are listed once, in __init__.pyi (for type checkers too); each is imported on first
# use, so a command that reads no source does not compile the segmenter's rules
# (docs/architecture.md#layout).
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
