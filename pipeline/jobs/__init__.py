"""The project-level jobs: the only code that reads and writes project files, under the lock.

Each job is one function taking the settings and returning one result; the CLI parses, calls
one job, prints and exits (docs/architecture.md#jobs).
"""

from __future__ import annotations

import lazy_loader

# The names are listed once, in __init__.pyi (for type checkers too); each is imported on first
# use, so a quick command does not load every job (docs/architecture.md#layout).
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
