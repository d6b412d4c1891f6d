"""The SQLite draft cache: committed per chunk, keyed by signature, damage costs only time."""

from __future__ import annotations

from pathlib import Path

from pipeline.mt.cache import DraftCache, cache_path
from pipeline.mt.enforce import Enforced

DRAFT = Enforced("岸田文雄 は 述べた", 2, 1, ("glossary: missing 習近平 (Xi Jinping)",))


def test_drafts_persist_per_signature(tmp_path: Path) -> None:
    path = cache_path(tmp_path)
    cache = DraftCache(path, "sig-a")
    cache.put_many([("Kishida said.", DRAFT)])
    cache.close()
    assert DraftCache(path, "sig-a").get_many(["Kishida said.", "other"]) == {
        "Kishida said.": DRAFT
    }
    assert DraftCache(path, "sig-b").get_many(["Kishida said."]) == {}


def test_many_sources_are_looked_up_past_the_parameter_limit(tmp_path: Path) -> None:
    cache = DraftCache(cache_path(tmp_path), "sig")
    sources = [f"Sentence {i}." for i in range(1200)]
    cache.put_many((s, DRAFT) for s in sources[::2])
    assert len(cache.get_many(sources)) == 600


def test_a_damaged_cache_file_is_set_aside(tmp_path: Path) -> None:
    path = cache_path(tmp_path)
    path.write_bytes(b"not a database, just noise " * 100)
    cache = DraftCache(path, "sig")
    assert cache.get_many(["x"]) == {}
    cache.put_many([("x", DRAFT)])
    assert cache.get_many(["x"]) == {"x": DRAFT}
    assert path.with_name(path.name + ".damaged").is_file()


def test_without_a_path_the_cache_lives_in_memory(tmp_path: Path) -> None:
    cache = DraftCache(None, "sig")
    cache.put_many([("x", DRAFT)])
    assert cache.get_many(["x", "y"]) == {"x": DRAFT} and cache.added == 1
    assert not list(tmp_path.iterdir())


def test_each_put_is_committed_for_other_readers_at_once(tmp_path: Path) -> None:
    """A chunk is visible to another connection as soon as put_many returns (WAL mode)."""
    import sqlite3

    path = cache_path(tmp_path)
    cache = DraftCache(path, "sig")
    cache.put_many([("x", DRAFT)])
    with sqlite3.connect(path) as reader:
        assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert reader.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
    cache.put_many([("y", DRAFT)])
    assert DraftCache(path, "sig").get_many(["x", "y"]) == {"x": DRAFT, "y": DRAFT}
    cache.close()
