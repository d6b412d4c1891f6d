"""Source matching at English word boundaries: near misses on either side never match.

Mutants these cases kill: dropping the left boundary check (BUS would match US, IndoChina
China) or the right one (Japanese would match Japan, RCEPs RCEP).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.glossary import match
from pipeline.glossary.match import Match, find_terms, find_terms_many
from pipeline.glossary.schema import Glossary, Term

GLOSSARY = Glossary(
    terms=tuple(
        Term(id=term_id, en=(form,), targets=(("ja", ("x",)),))
        for term_id, form in [("us", "US"), ("china", "China"), ("japan", "Japan"), ("rcep", "RCEP")]
    ),
    languages=("ja",),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Left boundary: a word that ends with a term is not the term.
        pytest.param("BUS drivers struck.", [], id="BUS-is-not-US"),
        pytest.param("The IndoChina war ended.", [], id="IndoChina-is-not-China"),
        pytest.param("xRCEP is a typo.", [], id="letter-before-RCEP"),
        # Right boundary: a word that starts with a term is not the term.
        pytest.param("USB ports failed.", [], id="USB-is-not-US"),
        pytest.param("Japanese firms invested.", [], id="Japanese-is-not-Japan"),
        pytest.param("Two RCEPs were proposed.", [], id="RCEPs-is-not-RCEP"),
        pytest.param("ChinaTown grew.", [], id="ChinaTown-is-not-China"),
        pytest.param("RCEP2 was drafted.", [], id="digit-after-RCEP"),
        # Real boundaries: punctuation, possessives, hyphenated pairs.
        pytest.param("It is the US.", [("us", 10, 12)], id="US-before-period"),
        pytest.param("Japan's exports rose.", [("japan", 0, 5)], id="possessive"),
        pytest.param("US-China ties", [("us", 0, 2), ("china", 3, 8)], id="hyphenated-pair"),
        pytest.param("the pact (RCEP) took effect", [("rcep", 10, 14)], id="in-parentheses"),
    ],
)
def test_terms_match_only_whole_words(text: str, expected: list[tuple[str, int, int]]) -> None:
    found = [(match.term.id, match.start, match.end) for match in find_terms(GLOSSARY, text)]
    assert found == expected


# --- one pass over many texts -----------------------------------------------------------------

MANY = Glossary(
    terms=(
        *GLOSSARY.terms,
        Term(id="us-dotted", en=("U.S.",), targets=(("ja", ("米国",)),)),
        Term(id="renmin", en=("Renmin University of China",), targets=(("ja", ("x",)),)),
        Term(id="asean", en=("ASEAN", "Asean"), targets=(("ja", ("x",)),), case_insensitive=True),
        Term(id="strasse", en=("Straße",), targets=(("ja", ("x",)),), case_insensitive=True),
        Term(id="cafe", en=("Café",), targets=(("ja", ("x",)),)),
        # A private-use character inside a key: the texts must be joined by another one.
        Term(id="pua", en=("\ue000mark",), targets=(("ja", ("x",)),)),
    ),
    languages=("ja",),
)
PIECES = [
    *("US", "China", "Japan", "RCEP", "U.S.", "Renmin University of ", "asean", "ASEAN"),
    *("STRASSE", "straße", "Cafe\u0301", "Café", "ＲＣＥＰ", "\ue000", "mark", "ﬁ"),
    *(" ", "s", "B", "'", ".", "-", "2", "é", "\n"),
]


@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=8).map("".join), max_size=12))
def test_many_texts_in_one_pass_match_as_each_alone(texts: list[str]) -> None:
    # Joined texts must not leak into each other: "RCEP" then "s…" is no "RCEPs" boundary.
    def shown(matches: list[Match]) -> list[tuple[str, int, int, str, str]]:
        return [(m.term.id, m.start, m.end, m.text, m.form) for m in matches]

    together = [shown(found) for found in find_terms_many(MANY, texts)]
    assert together == [shown(find_terms(MANY, text)) for text in texts]


def test_many_texts_keep_boundaries_at_their_edges() -> None:
    found = find_terms_many(MANY, ["the RCEP", "s rose", "BUS", "US", "", "Japan"])
    assert [[m.term.id for m in matches] for matches in found] == [
        ["rcep"],
        [],
        [],
        ["us"],
        [],
        ["japan"],
    ]


def test_texts_are_scanned_one_by_one_when_keys_hold_every_separator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(match, "SEPARATORS", range(0xE000, 0xE002))
    glossary = Glossary(
        terms=(
            *GLOSSARY.terms,
            Term(id="pua", en=("\ue000mark", "\ue001mark"), targets=(("ja", ("x",)),)),
        ),
        languages=("ja",),
    )
    assert match.matcher_for(glossary).automata[0].separator is None
    texts = ["the RCEP", "s rose", "\ue001mark", "US", "\ue000", "mark Japan"]
    found = find_terms_many(glossary, texts)
    assert [[m.term.id for m in matches] for matches in found] == [
        ["rcep"],
        [],
        ["pua"],
        ["us"],
        [],
        ["japan"],
    ]


@given(
    st.lists(st.sampled_from(["Japon", "Japonais", "x", " ", "-", "é", "日本"])).map("".join),
    st.sampled_from(["Japon", "x", "-", "日本", "Japon x"]),
    st.booleans(),
)
def test_a_rendering_occurs_where_its_occurrences_are(text: str, form: str, bounded: bool) -> None:
    # check_target stops at the first occurrence when no forbidden form needs the spans.
    assert match._occurs(text, form, bounded) == bool(match._occurrences(text, form, bounded))
