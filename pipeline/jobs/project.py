"""What every job shares: the project's sources, languages and the one way files are written.

Jobs read project files, compute in memory, then write everything at the end under the project
lock (docs/architecture.md#writes), so a bad input stops a job before any file changes.

Optimistic concurrency (docs/architecture.md#concurrency): a job may run for minutes (a draft)
while a translator saves in Poedit or another job finishes. The API, for every job that reads
a file and then writes it:

* read through a :class:`ReadLog` (``reads.read_text(path)``, or ``reads.note(path, content)``
  for content read another way): it keeps each file's sha256 as first read (None: absent);
* plan each output as a :class:`PlannedFile` ``(path, data, redo)``; ``redo(current)`` gets the
  file's bytes as they are now (None: gone) and returns our change applied to them, or None
  when that is impossible;
* ``write_project_files(settings, planned, reads)``: under the project lock, each file the log
  knows is compared with its recorded digest; unchanged → ``data`` is written; changed →
  ``redo`` is called and its result written (action ``merged``), or, without a redo or when it
  returns None, the file is left as it is (action ``kept``, the caller reports it). The digest
  is checked again just before the rename (``replace_if_unchanged``), so a save landing while
  we write makes us redo again, never overwrite it. Files the log does not know (editions,
  caches) are written as planned.

Never is a change we did not see written over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline import source
from pipeline.core import (
    ConfigError,
    Document,
    InputError,
    Settings,
    decode_text,
    digest,
    is_known_language,
    project_lock,
    read_current,
    remove_stale_temps,
    replace_if_unchanged,
    resolve,
    sync_folders,
)

#: Our change applied to a file's current bytes (None: the file is gone); None if impossible.
Redo = Callable[[bytes | None], str | bytes | None]
#: How often a file that keeps changing under us is redone before it is left alone.
REDO_ATTEMPTS = 3
#: What ``FileChange.action`` can say.
ACTIONS = ("created", "updated", "unchanged", "merged", "kept")
#: Files written at once: each write waits on its own fsync, which the filesystem groups.
WRITE_THREADS = 8
#: The actions that renamed a new file into place.
WRITTEN = ("created", "updated", "merged")


@dataclass(frozen=True)
class FileChange:
    """What a job did to one file: one of :data:`ACTIONS`.

    ``merged``: the file changed on disk during the job and our change was applied on top;
    ``kept``: it changed and our change could not be applied, so it was left as it is.
    """

    path: Path
    action: str


@dataclass(frozen=True)
class PlannedFile:
    """A file a job means to write, and how to redo its change on newer content."""

    path: Path
    data: str | bytes
    redo: Redo | None = None


class ReadLog:
    """The digest of each project file as a job first read it (None: it did not exist)."""

    def __init__(self) -> None:
        self._digests: dict[Path, str | None] = {}

    def note(self, path: Path, content: str | bytes | None) -> None:
        """Record what a job based its work on; the first reading of a file counts."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        self._digests.setdefault(path, digest(data))

    def read_text(self, path: Path) -> str | None:
        """A UTF-8 file's text now (None: absent), recorded; bad bytes are an InputError."""
        data = read_current(path)
        self.note(path, data)
        return None if data is None else decode_text(data, str(path))

    def __contains__(self, path: object) -> bool:
        return path in self._digests

    def digest(self, path: Path) -> str | None:
        """The recorded digest of ``path``."""
        return self._digests[path]

    def changed(self, path: Path) -> bool:
        """True when ``path`` differs now from what was read (call under the lock)."""
        return path in self._digests and digest(read_current(path)) != self._digests[path]


def slugs(settings: Settings) -> list[str]:
    """One catalog name per configured source; two sources with one slug are a config error."""
    seen: dict[str, Path] = {}
    for path in settings.sources:
        if path.stem in seen:
            raise ConfigError(
                f"sources {settings.shown(seen[path.stem])} and {settings.shown(path)} "
                f"share the catalog name '{path.stem}'",
                str(settings.path),
            )
        seen[path.stem] = path
    return list(seen)


def read_documents(settings: Settings) -> list[Document]:
    """Read every configured source, after checking their catalog names are distinct."""
    slugs(settings)
    return [source.read_source(path, settings.shown(path)) for path in settings.sources]


def select_languages(settings: Settings, requested: Sequence[str]) -> tuple[str, ...]:
    """The requested languages (all configured ones when none), each of which must be configured.

    Any spelling of a configured language names it (``--lang zh-TW`` for zh_TW).
    """
    chosen = []
    for language in requested:
        identity = resolve(language).identity if is_known_language(language) else None
        match = next(
            (code for code in settings.languages if resolve(code).identity == identity), None
        )
        if match is None:
            raise InputError(
                f"language '{language}' is not configured; configured: "
                f"{', '.join(settings.languages)}"
            )
        chosen.append(match)
    return tuple(dict.fromkeys(chosen)) or settings.languages


def write_project_files(
    settings: Settings,
    files: Sequence[PlannedFile | tuple[Path, str | bytes]],
    reads: ReadLog | None = None,
) -> tuple[FileChange, ...]:
    """Write planned files atomically under the project lock; say what happened to each.

    Files in ``reads`` that changed since they were read are redone or kept (module docstring).
    Temporary files a killed write left in the folders written to are removed first.
    """
    planned = [f if isinstance(f, PlannedFile) else PlannedFile(*f) for f in files]
    lock = lock_folder(settings, [file.path for file in planned])
    folders = {lock, *(file.path.parent for file in planned)}
    with project_lock(lock):
        for folder in sorted(folders):
            remove_stale_temps(folder)
        log = reads or ReadLog()
        if len(planned) > 1 and len({file.path for file in planned}) == len(planned):
            changes = _write_overlapped(planned, log)
        else:  # one file, or one path written twice (in order)
            changes = tuple(_write_one(file, log) for file in planned)
        # Each file was fsynced before its rename; the folders are fsynced once each, not once
        # per file, and before the lock is released: the renames are durable when we return.
        sync_folders(c.path.parent for c in changes if c.action in WRITTEN)
        return changes


def _write_overlapped(planned: Sequence[PlannedFile], reads: ReadLog) -> tuple[FileChange, ...]:
    """Write independent files from threads, so the filesystem commits many fsyncs together.

    300 catalogs: 1.1 s one after another, 0.16 s with 8 threads here. The pool is imported
    here: concurrent.futures (with logging, ~3 ms) is not needed to write one file.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
        return tuple(pool.map(lambda file: _write_one(file, reads), planned))


def preview_files(files: Sequence[PlannedFile]) -> tuple[FileChange, ...]:
    """What writing ``files`` would do to each (``--dry-run``); nothing is written."""
    changes = []
    for file in files:
        data = file.data.encode("utf-8") if isinstance(file.data, str) else file.data
        current = read_current(file.path)
        if current == data:
            changes.append(FileChange(file.path, "unchanged"))
        else:
            changes.append(
                FileChange(file.path, "would create" if current is None else "would update")
            )
    return tuple(changes)


def lock_folder(settings: Settings, paths: Sequence[Path]) -> Path:
    """Where a job that writes ``paths`` locks: locales/, or the cache folder for editions only.

    ``build`` only reads locales/, so it works with a read-only locales/; its lock stays out of
    editions/, which is published as it is.
    """
    if paths and all(path.is_relative_to(settings.editions) for path in paths):
        return settings.cache
    return settings.locales


def _write_one(file: PlannedFile, reads: ReadLog) -> FileChange:
    for _ in range(REDO_ATTEMPTS):
        current = read_current(file.path)
        now = digest(current)
        data = file.data
        merged = file.path in reads and now != reads.digest(file.path)
        if merged:
            redone = file.redo(current) if file.redo else None
            if redone is None:
                return FileChange(file.path, "kept")
            data = redone
        payload = data.encode("utf-8") if isinstance(data, str) else data
        if payload == current:
            return FileChange(file.path, "unchanged")
        if replace_if_unchanged(file.path, payload, now, sync_folder=False):
            action = "merged" if merged else "updated" if current is not None else "created"
            return FileChange(file.path, action)
    return FileChange(file.path, "kept")
