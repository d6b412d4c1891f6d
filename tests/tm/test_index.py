"""The SQLite TM index: exact, fuzzy and no match; refresh by digest; rebuild when damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.tm.index import TMIndex, TMUnit, similarity

UNITS = [
    TMUnit(
        "Trade officials in Tokyo were more cautious.", "東京の通商当局者はより慎重だった。", "a"
    ),
    TMUnit(
        "China and Japan are among its 15 member nations.", "中国と日本は加盟15か国に入る。", "a"
    ),
    TMUnit("The weather was mild on Monday.", "月曜日は穏やかな天気だった。", "b"),
]


def memory(units: list[TMUnit], path: Path | None = None) -> TMIndex:
    index = TMIndex(path)
    by_origin: dict[str, list[TMUnit]] = {}
    for unit in units:
        by_origin.setdefault(unit.origin, []).append(unit)
    index.refresh({name: (name + "-v1", lambda u=u: u) for name, u in by_origin.items()})
    return index


@pytest.mark.parametrize(
    ("source", "expected", "percent"),
    [
        pytest.param(UNITS[0].source, UNITS[0], 100, id="exact"),
        pytest.param("China and Japan are two of its 15 member nations.", UNITS[1], 90, id="fuzzy"),
        pytest.param("Xi Jinping spoke by phone last October.", None, None, id="none"),
        pytest.param("Tr", None, None, id="too-short-for-trigrams"),
    ],
)
def test_lookup(source: str, expected: TMUnit | None, percent: int | None) -> None:
    found = memory(UNITS).lookup(source, None, 75)
    assert (found and found.unit, found and found.similarity) == (expected, percent)


def test_fuzzy_similarity_is_rapidfuzz_ratio_floored() -> None:
    source = "Trade officials in Osaka were more cautious."
    found = memory(UNITS).lookup(source, None, 75)
    assert found is not None
    assert found.similarity == int(similarity(source, UNITS[0].source)) < 100


def test_threshold_is_respected() -> None:
    source = "Trade officials in Osaka were rather more cautious today."
    score = similarity(source, UNITS[0].source)
    assert memory(UNITS).lookup(source, None, int(score) + 1) is None
    assert memory(UNITS).lookup(source, None, int(score)) is not None


def test_exact_prefers_the_same_context() -> None:
    units = [
        TMUnit("Japan", "日本", "a", None),
        TMUnit("Japan", "日本国", "b", "headline"),
    ]
    index = memory(units)
    assert index.lookup("Japan", "headline", 75).unit.target == "日本国"  # type: ignore[union-attr]
    assert index.lookup("Japan", None, 75).unit.target == "日本"  # type: ignore[union-attr]


def test_refresh_reads_only_changed_origins(tmp_path: Path) -> None:
    index = memory(UNITS, tmp_path / "tm.sqlite")
    changed = index.refresh(
        {
            "a": ("a-v1", lambda: pytest.fail("an unchanged origin is not re-read")),
            "b": ("b-v2", lambda: [TMUnit("A new sentence here.", "新しい文。", "b")]),
        }
    )
    assert changed == ("b",)
    assert index.counts() == {"a": 2, "b": 1}
    assert index.lookup("The weather was mild on Monday.", None, 75) is None
    index.refresh({"b": ("b-v2", lambda: [])})  # origin a is gone
    assert index.counts() == {"b": 1}
    assert index.lookup(UNITS[0].source, None, 75) is None


def test_index_persists_and_a_damaged_file_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    memory(UNITS, path).close()
    reopened = TMIndex(path)
    assert reopened.size() == 3 and set(reopened.digests()) == {"a", "b"}
    reopened.close()
    path.write_bytes(b"this is not a database" * 100)
    rebuilt = memory(UNITS, path)
    assert rebuilt.size() == 3
