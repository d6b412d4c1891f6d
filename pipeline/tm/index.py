"""The TM index: a rebuildable SQLite cache of one language's memory (docs/architecture.md#translation-memory).

One database per language under the cache folder. Each origin (a catalog or a TM file) is
stored with a digest of its content; :meth:`TMIndex.refresh` re-reads only the origins whose
digest changed, so deleting the file costs a rebuild and nothing else. Fuzzy candidates come
from an FTS5 trigram index (character trigrams work for every script): the units sharing the
most of the source's rarest trigrams are the only candidates scored.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.core import OutputError

SCHEMA_VERSION = "2"
#: The fuzzy query ORs a source's rarest trigrams: at least MIN_GRAMS, at most QUERY_GRAMS,
#: adding more only while their postings stay under POSTINGS; CANDIDATES hits are scored.
MIN_GRAMS = 3
QUERY_GRAMS = 12
POSTINGS = 2000
CANDIDATES = 100


@dataclass(frozen=True)
class TMUnit:
    """One source/target pair of a language's memory and where it came from."""

    source: str
    target: str
    origin: str  # a catalog slug or a TM file as the project shows it
    context: str | None = None


@dataclass(frozen=True)
class TMMatch:
    """The best memory entry for a source: exact, or fuzzy with its similarity in percent."""

    unit: TMUnit
    similarity: int

    @property
    def exact(self) -> bool:
        return self.similarity == 100


def similarity(source: str, candidate: str) -> float:
    """Character-level similarity in percent: rapidfuzz ``fuzz.ratio``.

    That is the normalised Indel distance, 100 · (1 − (insertions + deletions) / (len a + len b)),
    the measure ``difflib.SequenceMatcher.ratio`` approximates; counted in characters, it needs
    no word splitting, so Japanese and Chinese are measured as English is.
    """
    from rapidfuzz import fuzz  # loaded once a unit has fuzzy candidates: an empty memory has none

    return float(fuzz.ratio(source, candidate))


#: Reads an origin's units when its digest changed.
UnitLoader = Callable[[], Iterable[TMUnit]]
_POSTINGS = "SELECT rowid FROM grams WHERE grams MATCH ?"


class TMIndex:
    """One language's memory in SQLite: exact lookup by source, fuzzy through FTS5 trigrams."""

    def __init__(self, path: Path | None) -> None:
        """Open (or create) the index at ``path``; None keeps it in memory."""
        self.path = path
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path) if path else ":memory:")
            self._prepare()
        except sqlite3.DatabaseError:
            # A damaged cache is rebuilt: it only ever holds what the origins hold.
            if path is None:
                raise
            self.db.close()
            path.unlink(missing_ok=True)
            self.db = sqlite3.connect(str(path))
            self._prepare()
        except OSError as exc:
            raise OutputError(f"cannot create the TM index: {exc.strerror}", str(path)) from None

    def _prepare(self) -> None:
        db = self.db
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row is None or row[0] != SCHEMA_VERSION:
            for table in ("origins", "units", "grams", "vocab", "frequencies"):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        db.executescript(
            """
            CREATE TABLE IF NOT EXISTS origins (name TEXT PRIMARY KEY, digest TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS units (
                id INTEGER PRIMARY KEY, origin TEXT NOT NULL, position INTEGER NOT NULL,
                source TEXT NOT NULL, target TEXT NOT NULL, context TEXT);
            CREATE INDEX IF NOT EXISTS units_source ON units (source);
            CREATE INDEX IF NOT EXISTS units_origin ON units (origin);
            CREATE VIRTUAL TABLE IF NOT EXISTS grams USING fts5(
                source, content='units', content_rowid='id', tokenize='trigram');
            CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(grams, 'row');
            CREATE TABLE IF NOT EXISTS frequencies (gram TEXT PRIMARY KEY, docs INTEGER)
                WITHOUT ROWID;
            """
        )
        db.commit()

    def close(self) -> None:
        self.db.close()

    def digests(self) -> dict[str, str]:
        """The digest each indexed origin had when it was read."""
        return dict(self.db.execute("SELECT name, digest FROM origins").fetchall())

    def refresh(self, origins: Mapping[str, tuple[str, UnitLoader]]) -> tuple[str, ...]:
        """Bring the index in line with ``origins`` (name → digest, loader); the names re-read."""
        known = self.digests()
        stale = [name for name in known if name not in origins]
        changed = [name for name, (digest, _) in origins.items() if known.get(name) != digest]
        with self.db:
            for name in (*stale, *changed):
                self._drop(name)
            for name in changed:
                digest, load = origins[name]
                self._add(name, digest, load())
            if stale or changed:
                # fts5vocab finds one term by scanning; a keyed copy makes each lookup a seek.
                self.db.execute("DELETE FROM frequencies")
                self.db.execute("INSERT INTO frequencies SELECT term, doc FROM vocab")
        return tuple(changed)

    def _drop(self, name: str) -> None:
        db = self.db
        db.execute(
            "INSERT INTO grams(grams, rowid, source) "
            "SELECT 'delete', id, source FROM units WHERE origin = ?",
            (name,),
        )
        db.execute("DELETE FROM units WHERE origin = ?", (name,))
        db.execute("DELETE FROM origins WHERE name = ?", (name,))

    def _add(self, name: str, digest: str, units: Iterable[TMUnit]) -> None:
        db = self.db
        start = db.execute("SELECT coalesce(max(id), 0) FROM units").fetchone()[0] + 1
        rows = [(start + i, name, i, u.source, u.target, u.context) for i, u in enumerate(units)]
        db.executemany("INSERT INTO units VALUES (?, ?, ?, ?, ?, ?)", rows)
        db.executemany(
            "INSERT INTO grams(rowid, source) VALUES (?, ?)", ((r[0], r[3]) for r in rows)
        )
        db.execute("INSERT INTO origins VALUES (?, ?)", (name, digest))

    def size(self) -> int:
        """How many units the memory holds."""
        return int(self.db.execute("SELECT count(*) FROM units").fetchone()[0])

    def units(self) -> list[TMUnit]:
        """Every unit, by origin and position."""
        rows = self.db.execute(
            "SELECT source, target, origin, context FROM units ORDER BY origin, position"
        )
        return [TMUnit(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        """Units per origin."""
        rows = self.db.execute("SELECT origin, count(*) FROM units GROUP BY origin ORDER BY origin")
        return {name: int(count) for name, count in rows}

    def lookup(self, source: str, context: str | None, min_similarity: int) -> TMMatch | None:
        """The best match for ``source``: exact first, else the most similar ≥ min_similarity."""
        exact = self.db.execute(
            "SELECT source, target, origin, context FROM units WHERE source = ? "
            "ORDER BY context IS NOT ?, origin, position LIMIT 1",
            (source, context),
        ).fetchone()
        if exact is not None:
            return TMMatch(TMUnit(*exact), 100)
        return self._fuzzy(source, min_similarity)

    def _fuzzy(self, source: str, min_similarity: int) -> TMMatch | None:
        grams = self._rare_grams(source)
        if not grams:
            return None
        # Units sharing the most of these trigrams are the candidates: a count over short
        # posting lists, in SQLite (cheaper than FTS5's bm25 ranking of an OR query).
        postings = " UNION ALL ".join([_POSTINGS] * len(grams))
        rows = self.db.execute(
            f"SELECT u.source, u.target, u.origin, u.context, u.position FROM "
            f"(SELECT rowid AS id, count(*) AS shared FROM ({postings}) GROUP BY rowid "
            f"ORDER BY shared DESC, rowid LIMIT ?) AS c JOIN units u ON u.id = c.id",
            (*grams, CANDIDATES),
        ).fetchall()
        best: tuple[float, str, int] | None = None
        found: TMUnit | None = None
        for text, target, origin, context, position in rows:
            score = similarity(source, text)
            if score < min_similarity or text == source:
                continue
            key = (-score, origin, position)
            if best is None or key < best:
                best, found = key, TMUnit(text, target, origin, context)
        if found is None or best is None:
            return None
        # Floor, so a match shown as 75% really is at least 75% similar; 100 is kept for exact.
        return TMMatch(found, min(int(-best[0]), 99))

    def _rare_grams(self, source: str) -> list[str]:
        """The source's rarest trigrams that the memory holds, as FTS5 string terms."""
        folded = source.lower()  # as the trigram tokenizer folds case
        grams = list(dict.fromkeys(folded[i : i + 3] for i in range(len(folded) - 2)))
        if not grams:
            return []
        marks = ",".join("?" * len(grams))
        rows = self.db.execute(
            f"SELECT gram, docs FROM frequencies WHERE gram IN ({marks}) ORDER BY docs, gram",
            grams,
        ).fetchall()
        chosen: list[str] = []
        postings = 0
        for gram, docs in rows:
            if len(chosen) >= QUERY_GRAMS or (
                len(chosen) >= MIN_GRAMS and postings + docs > POSTINGS
            ):
                break
            chosen.append(gram)
            postings += docs
        return ['"' + gram.replace('"', '""') + '"' for gram in chosen]
