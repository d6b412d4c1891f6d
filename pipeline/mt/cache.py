"""The draft cache: finished drafts by source text and signature, in SQLite (stdlib).

Drafts are added one transaction per finished chunk, so a crash or ``kill -9`` keeps every
chunk committed before it and never leaves a half-written file (docs/architecture.md#cache).
The cache is rebuildable: delete ``.locpipe-cache/`` and nothing but time is lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from pipeline.mt.enforce import Enforced

CACHE_FILE = "drafts.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    signature TEXT NOT NULL,
    source TEXT NOT NULL,
    draft TEXT NOT NULL,
    PRIMARY KEY (signature, source)
) WITHOUT ROWID
"""
#: SQLite takes its own lock per transaction; another run's writes wait this long (seconds).
BUSY_TIMEOUT = 60.0


def cache_path(folder: Path) -> Path:
    """Where the draft cache lives in a project's cache folder (``Settings.cache``)."""
    return folder / CACHE_FILE


class DraftCache:
    """Drafts of one signature; in memory only when ``path`` is None."""

    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self.signature = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        self.added = 0
        self._memory: dict[str, Enforced] = {}
        self._db: sqlite3.Connection | None = _open(path) if path is not None else None

    def get_many(self, sources: Iterable[str]) -> dict[str, Enforced]:
        """The cached drafts among ``sources``."""
        wanted = list(sources)
        if self._db is None:
            return {s: self._memory[s] for s in wanted if s in self._memory}
        found: dict[str, Enforced] = {}
        for start in range(0, len(wanted), 500):  # SQLite's bound-parameter limit
            part = wanted[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(
                f"SELECT source, draft FROM drafts WHERE signature = ? AND source IN ({marks})",
                (self.signature, *part),
            )
            for source, draft in rows:
                if (enforced := _decode(draft)) is not None:
                    found[source] = enforced
        return found

    def put_many(self, drafts: Iterable[tuple[str, Enforced]]) -> None:
        """Add finished drafts in one transaction: all of them are kept, or none."""
        items = list(drafts)
        self.added += len(items)
        if self._db is None:
            self._memory.update(items)
            return
        rows = [(self.signature, source, _encode(e)) for source, e in items]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO drafts VALUES (?, ?, ?)", rows)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _open(path: Path) -> sqlite3.Connection:
    """Open (or create) the cache; a damaged file is set aside, costing only re-translation."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _connect(path)
    except sqlite3.DatabaseError:
        with contextlib.suppress(OSError):
            path.replace(path.with_name(path.name + ".damaged"))
        return _connect(path)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT)
    try:
        # WAL with synchronous=NORMAL: a commit per chunk is atomic and survives kill -9
        # without an fsync each (a power cut may lose the last chunks, never the file).
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(_SCHEMA)
        db.execute("SELECT count(*) FROM drafts LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _encode(enforced: Enforced) -> str:
    data = [enforced.text, enforced.required, enforced.satisfied, list(enforced.notes)]
    return json.dumps(data, ensure_ascii=False)


def _decode(text: str) -> Enforced | None:
    try:
        draft, required, satisfied, notes = json.loads(text)
        return Enforced(str(draft), int(required), int(satisfied), tuple(map(str, notes)))
    except (ValueError, TypeError):
        return None  # a row from another version: translated again
