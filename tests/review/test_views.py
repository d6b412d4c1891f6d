"""What a unit shows: terms cut out of the source, the source difference, save and approve."""

from __future__ import annotations

from pipeline.core import Entry
from pipeline.glossary import Glossary, Term
from pipeline.review import approved, saved, source_diff, unit_view

GLOSSARY = Glossary(
    terms=(
        Term(
            id="kishida-fumio",
            en=("Kishida Fumio",),
            targets=(("ja", ("岸田文雄", "岸田首相")),),
            forbidden=(("ja", ("岸田フミオ",)),),
            note="Family name first.",
        ),
        Term(id="nhk-world", en=("NHK World",), dnt=True),
    )
)


def test_the_source_is_cut_at_terms_with_their_rules() -> None:
    entry = Entry("🎌 Kishida Fumio spoke to NHK World.", extracted=("kind: sentence",))
    view = unit_view(0, entry, GLOSSARY, "ja", {})
    assert view.source == (
        ("🎌 ", -1),
        ("Kishida Fumio", 0),
        (" spoke to ", -1),
        ("NHK World", 1),
        (".", -1),
    )
    kishida, nhk = view.terms
    assert (kishida.required, kishida.variants, kishida.forbidden) == (
        "岸田文雄",
        ("岸田首相",),
        ("岸田フミオ",),
    )
    assert kishida.note == "Family name first." and nhk.dnt
    assert (view.kind, view.state) == ("sentence", "untranslated")


def test_fuzzy_units_carry_the_difference_and_their_provenance() -> None:
    entry = Entry(
        "Prices rose 3% in May.",
        msgstr="5月に物価が2%上昇した。",
        flags=("fuzzy",),
        previous_msgid="Prices rose 2% in May.",
        extracted=("kind: sentence", "tm: 91% (other-article)", "glossary: China → 中国"),
    )
    view = unit_view(3, entry, GLOSSARY, "ja", {})
    assert [(p.op, p.text) for p in view.previous] == [
        ("equal", "Prices rose "),
        ("delete", "2"),
        ("insert", "3"),
        ("equal", "% in May."),
    ]
    assert view.provenance == ("tm: 91% (other-article)",)
    assert view.state == "fuzzy"


def test_a_reviewed_unit_shows_no_difference() -> None:
    entry = Entry("A.", msgstr="エー。", previous_msgid="B.")
    assert unit_view(0, entry, GLOSSARY, "ja", {}).previous == ()
    assert source_diff("same", "same")[0].op == "equal"


def test_saving_a_changed_translation_makes_a_draft() -> None:
    reviewed = Entry("A.", msgstr="エー。", flags=("python-format",))
    assert saved(reviewed, "エー。") is reviewed
    assert saved(reviewed, "エイ。").flags == ("fuzzy", "python-format")
    assert saved(Entry("A.", msgstr="x", flags=("fuzzy",)), "").flags == ()


def test_approving_drops_fuzzy_and_keeps_a_one_line_reason() -> None:
    draft = Entry("A.", msgstr="x", flags=("fuzzy",), previous_msgid="B.", comments=("old",))
    done = approved(draft, "エー。", "desk\n  agreed")
    assert (done.msgstr, done.flags, done.previous_msgid) == ("エー。", (), None)
    assert done.comments == ("old", "review override: desk agreed")
