"""Source matching at English word boundaries: near misses on either side never match.

Mutants these cases kill: dropping the left boundary check (BUS would match US, IndoChina
China) or the right one (Japanese would match Japan, RCEPs RCEP).
"""

from __future__ import annotations

import pytest

from pipeline.glossary.match import find_terms
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
