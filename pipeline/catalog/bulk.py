"""Bulk work on many small objects: the cyclic garbage collector paused while it runs."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for work that makes many objects and no reference cycles.

    Reading a 100,000-entry catalog or checking it makes millions of tuples and strings; the
    collector would walk all of them again and again (a third of the time) and free nothing.
    Reference counting still frees everything; the collector resumes as it was.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
