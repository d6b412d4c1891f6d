"""File-system edges: atomic writes, content digests and the project lock."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
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


def digest(data: bytes | None) -> str | None:
    """The sha256 of a file's bytes; None stands for "no file"."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def read_current(path: Path) -> bytes | None:
    """A file's bytes now, or None when there is no file; other failures are OutputErrors."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise OutputError("is a folder, not a file", str(path)) from None
    except OSError as exc:
        raise OutputError(f"cannot read file: {exc.strerror or exc}", str(path)) from None


def replace_if_unchanged(
    path: Path, data: str | bytes, expected: str | None, *, sync_folder: bool = True
) -> bool:
    """Write atomically only if the file's digest is still ``expected`` (None: still absent).

    The new content is written and fsynced first; the digest is compared last, just before the
    rename, so the window in which an editor's save could slip between is as short as a rename.
    False (and nothing written) when the file changed. With ``sync_folder=False`` the caller
    makes the rename durable with :func:`sync_folders`, once for many files.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    still_current = lambda: digest(read_current(path)) == expected  # noqa: E731
    try:
        return _replace_file(path, payload, still_current, sync_folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot write file: {reason}", str(path)) from None


def sync_folders(folders: Iterable[Path]) -> None:
    """fsync each folder once, so the renames made in it survive a power cut."""
    for folder in sorted(set(folders)):
        try:
            _sync_folder(folder)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise OutputError(f"cannot sync folder: {reason}", str(folder)) from None


def _sync_folder(folder: Path) -> None:
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _replace_file(
    path: Path,
    payload: bytes,
    still_current: Callable[[], bool] | None = None,
    sync_folder: bool = True,
) -> bool:
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
        if still_current is not None and not still_current():
            os.unlink(tmp)
            return False
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if sync_folder:
        _sync_folder(path.parent)
    return True


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


#: What ``_replace_file`` names its temporary files: ``.<name>.<8 random characters>.tmp``.
_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")
LOCK_NAME = ".locpipe.lock"


@contextlib.contextmanager
def project_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder/.locpipe.lock`` so two runs never interleave."""
    lock_path = folder / LOCK_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+")  # noqa: SIM115 - closed below, after the unlock
    except IsADirectoryError:
        raise OutputError("the lock file is a folder; remove it", str(lock_path)) from None
    except (FileExistsError, NotADirectoryError):
        raise OutputError("is a file, not a folder", str(folder)) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot create the lock file: {reason}", str(lock_path)) from None
    with handle:
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


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete the temporary files a killed write left under ``folder``; call under the lock.

    Only names ``_replace_file`` makes are touched, and only while the lock is held, when no
    locpipe write can be in flight.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in sorted(folder.rglob(".*.tmp")):
        if _TEMP_NAME.match(path.name) and path.is_file() and not path.is_symlink():
            with contextlib.suppress(OSError):  # gone already, or not ours to remove
                path.unlink()
                removed.append(path)
    return removed
