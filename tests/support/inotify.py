"""Wait until another process has read a file (Linux inotify through ctypes, no dependency).

Concurrency tests must change a file *after* a job read it and *before* it writes: waiting for
the job's read to close the file makes that ordering certain instead of a guess about time.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import select
from collections.abc import Callable, Iterator
from pathlib import Path

IN_CLOSE_NOWRITE = 0x10


@contextlib.contextmanager
def read_watch(path: Path) -> Iterator[Callable[[float], None]]:
    """Watch ``path``; the yielded function blocks until someone has opened, read and closed it."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.inotify_init1(os.O_CLOEXEC)
    if fd < 0:
        raise OSError(ctypes.get_errno(), "inotify_init1 failed")
    try:
        if libc.inotify_add_watch(fd, os.fsencode(path), IN_CLOSE_NOWRITE) < 0:
            raise OSError(ctypes.get_errno(), f"cannot watch {path}")

        def wait(timeout: float) -> None:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                raise TimeoutError(f"nobody read {path} within {timeout} s")
            os.read(fd, 4096)

        yield wait
    finally:
        os.close(fd)
