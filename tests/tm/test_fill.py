"""Filling pending entries from the memory: reviewed exact, vetted exact, fuzzy with #| msgid."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.core import Catalog, Entry
from pipeline.tm.fill import fill_catalogs
from pipeline.tm.index import TMIndex, TMUnit

SOURCE = "Trade officials in Tokyo were more cautious."
TARGET = "東京の通商当局者はより慎重だった。"


def memory() -> TMIndex:
    index = TMIndex(None)
    index.refresh({"first-article": ("v1", lambda: [TMUnit(SOURCE, TARGET, "first-article")])})
    return index


def catalog(*entries: Entry) -> Catalog:
    return Catalog(header=(("Language", "ja"),), entries=entries)


def passes(entry: Entry) -> Iterable[str]:
    return []


def test_exact_match_is_written_reviewed_with_its_origin() -> None:
    pending = Entry(SOURCE, extracted=("kind: sentence", "glossary: Tokyo → 東京"))
    filled, report = fill_catalogs({"second": catalog(pending)}, "ja", memory(), 75, True, passes)
    entry = filled["second"].entries[0]
    assert entry.reviewed and entry.msgstr == TARGET
    assert entry.extracted == (
        "kind: sentence",
        "tm: exact (first-article)",
        "glossary: Tokyo → 東京",
    )
    assert (report.exact, report.exact_flagged, report.fuzzy) == (1, 0, 0)


def test_exact_match_that_fails_vetting_is_fuzzy_with_the_findings() -> None:
    def vet(entry: Entry) -> Iterable[str]:
        assert entry.msgstr == TARGET  # the vetted entry is the one that would be written
        return ["glossary-missing: “Tokyo” must be rendered as トーキョー"]

    filled, report = fill_catalogs({"s": catalog(Entry(SOURCE))}, "ja", memory(), 75, True, vet)
    entry = filled["s"].entries[0]
    assert entry.fuzzy and entry.msgstr == TARGET
    assert entry.extracted == (
        "tm: exact (first-article)",
        "tm: check: glossary-missing: “Tokyo” must be rendered as トーキョー",
    )
    assert (report.exact, report.exact_flagged) == (0, 1)


def test_exact_mode_fuzzy_keeps_exact_matches_as_drafts() -> None:
    filled, report = fill_catalogs({"s": catalog(Entry(SOURCE))}, "ja", memory(), 75, False, passes)
    assert filled["s"].entries[0].fuzzy
    assert report.exact_flagged == 1


def test_fuzzy_match_carries_previous_msgid_and_percentage() -> None:
    source = "Trade officials in Osaka were more cautious."
    filled, report = fill_catalogs({"s": catalog(Entry(source))}, "ja", memory(), 75, True, passes)
    entry = filled["s"].entries[0]
    assert entry.fuzzy and entry.previous_msgid == SOURCE and entry.msgstr == TARGET
    assert entry.extracted == ("tm: 90% (first-article)",)
    assert report.fuzzy == 1


def test_reviewed_fuzzy_and_unmatched_entries_are_left_alone() -> None:
    entries = (
        Entry(SOURCE, msgstr="人が直した訳。"),
        Entry(SOURCE, msgctxt="x", msgstr="下書き", flags=("fuzzy",)),
        Entry("Nothing like this is in memory at all."),
    )
    original = catalog(*entries)
    filled, report = fill_catalogs({"s": original}, "ja", memory(), 75, True, passes)
    assert filled["s"] is original
    assert report.filled == 0


def test_an_empty_memory_fills_nothing_without_a_lookup() -> None:
    index = TMIndex(None)
    queries: list[str] = []
    index.db.set_trace_callback(queries.append)
    catalog = Catalog(header=(), entries=(Entry("One sentence."), Entry("Another one.")))
    filled, report = fill_catalogs({"a": catalog}, "ja", index, 75, True, lambda e: [])
    assert filled["a"] is catalog and report.filled == 0
    assert len(queries) == 1  # the count, no lookup per entry
