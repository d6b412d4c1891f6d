"""Draft annotation: the ``#. mt:`` line a reviewer reads, with proper plurals."""

from __future__ import annotations

import pytest

from pipeline.core.model import Catalog, Entry
from pipeline.mt.draft import apply_drafts
from pipeline.mt.enforce import Enforced


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
