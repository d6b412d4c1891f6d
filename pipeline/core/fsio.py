"""File-system edges: atomic writes and the project lock."""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pipeline.core.errors import LockError, OutputError


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never half.

    A temporary file in the same folder is written, fsynced and renamed over the target. The
    file keeps its mode, or gets the umask's as a plain ``open`` would give it (mkstemp's
    0600 would make a published edition unreadable to the web server). A failure is an
    OutputError naming the file.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        _replace_file(path, payload)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot write file: {reason}", str(path)) from None


def _replace_file(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _umask() -> int:
    """The process umask (reading it means setting it; it is put back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """Write atomically unless the file already holds exactly ``data``; True if written."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == payload:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, payload)
    return True


@contextlib.contextmanager
def project_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder/.locpipe.lock`` so two runs never interleave."""
    folder.mkdir(parents=True, exist_ok=True)
    lock_path = folder / ".locpipe.lock"
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockError(
                "another locpipe run holds the lock; wait for it to finish", str(lock_path)
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def write_files(lock_folder: Path, files: list[tuple[Path, str | bytes]]) -> list[tuple[Path, str]]:
    """Write planned files under the project lock; say of each: created, updated or unchanged."""
    actions = []
    with project_lock(lock_folder):
        for path, data in files:
            existed = path.exists()
            if not write_if_changed(path, data):
                actions.append((path, "unchanged"))
            else:
                actions.append((path, "updated" if existed else "created"))
    return actions
