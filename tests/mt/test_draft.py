"""Draft annotation: the ``#. mt:`` line a reviewer reads, with proper plurals."""

from __future__ import annotations

import pytest

from pipeline.core.model import Catalog, Entry
from pipeline.mt.draft import apply_drafts
from pipeline.mt.enforce import Enforced
from pipeline.mt.notes import reapply_drafts


@pytest.mark.parametrize(
    ("notes", "status"),
    [
        pytest.param((), "ok", id="none"),
        pytest.param(("glossary: missing 岸田文雄 (Kishida Fumio)",), "1 issue", id="one"),
        pytest.param(
            ("glossary: missing 岸田文雄 (Kishida Fumio)", "glossary: forbidden 岸田フミオ"),
            "2 issues",
            id="two",
        ),
    ],
)
def test_draft_note_counts_issues_in_words(notes: tuple[str, ...], status: str) -> None:
    catalog = Catalog(header=(), entries=(Entry(msgid="Kishida Fumio spoke."),))
    drafts = {"Kishida Fumio spoke.": Enforced("岸田氏が話した。", 1, 1 - bool(notes), notes)}
    (entry,) = apply_drafts(catalog, drafts, "translate-en_ja 1.9", "key").entries
    assert entry.extracted == (f"mt: translate-en_ja 1.9; glossary: {status}", *notes)
    assert entry.flags == ("fuzzy",)


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param(Entry(msgid="Japan votes.", flags=("fuzzy",)), id="fuzzy-with-empty-msgstr"),
        pytest.param(Entry(msgid="Japan votes.", msgstr="日本が投票。"), id="reviewed"),
        pytest.param(
            Entry(msgid="Japan votes.", msgstr="日本が投票", flags=("fuzzy",)), id="fuzzy-draft"
        ),
        pytest.param(Entry(msgid="Japan votes.", obsolete=True), id="obsolete"),
        pytest.param(
            Entry(msgid="one vote", msgid_plural="{n} votes", msgstr_plural=("", "")),
            id="plural",
        ),
    ],
)
def test_only_untranslated_singular_entries_are_drafted(entry: Entry) -> None:
    """Mutant killed: drafting a fuzzy entry whose msgstr is empty (a translator's marker)."""
    catalog = Catalog(header=(), entries=(entry,))
    drafts = {entry.msgid: Enforced("日本で投票", 0, 0)}
    assert apply_drafts(catalog, drafts, "translate-en_ja 1.9", "key") is catalog


def test_an_untranslated_entry_is_drafted() -> None:
    catalog = Catalog(header=(), entries=(Entry(msgid="Japan votes."),))
    drafted = apply_drafts(catalog, {"Japan votes.": Enforced("日本で投票", 0, 0)}, "m 1", "key")
    assert drafted.entries[0].msgstr == "日本で投票"


def test_reapplied_fills_only_reach_entries_still_untranslated() -> None:
    """A catalog saved during a draft: the translator's entries stay, the rest get our fills."""
    fills = Catalog(
        header=(("X-Locpipe-MT", "sig"),),
        entries=(
            Entry("One.", "一（MT）", flags=("fuzzy",), extracted=("mt: m 1; glossary: ok",)),
            Entry("Two.", "二（MT）", flags=("fuzzy",), extracted=("mt: m 1; glossary: ok",)),
            Entry("Three.", "三", extracted=("tm: exact (other)",)),
        ),
    )
    current = Catalog(
        header=(("Language", "ja"),),
        entries=(
            Entry("One.", "一、訳者"),  # reviewed by the translator meanwhile
            Entry("Two.", extracted=("kind: sentence",)),
            Entry("Three."),
            Entry("Four."),  # added by an update meanwhile: nothing of ours for it
        ),
    )
    result = reapply_drafts(current, fills)
    by_id = {entry.msgid: entry for entry in result.entries}
    assert (by_id["One."].msgstr, by_id["One."].flags) == ("一、訳者", ())
    assert by_id["Two."].msgstr == "二（MT）" and by_id["Two."].fuzzy
    assert by_id["Two."].extracted == ("kind: sentence", "mt: m 1; glossary: ok")
    assert (by_id["Three."].msgstr, by_id["Three."].flags) == ("三", ())
    assert not by_id["Four."].translated
    assert result.header_value("X-Locpipe-MT") == "sig"


def test_nothing_to_reapply_returns_the_catalog_itself() -> None:
    current = Catalog(header=(), entries=(Entry("One.", "一"),))
    fills = Catalog(header=(), entries=(Entry("One.", "一（MT）", flags=("fuzzy",)),))
    assert reapply_drafts(current, fills) is current
