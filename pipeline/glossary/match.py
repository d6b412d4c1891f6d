"""Find glossary terms in English sources and check their renderings in translations.

One Aho-Corasick automaton per case mode is built once per glossary, so matching costs one
pass over the text however many terms there are (docs/architecture.md#glossary); a whole catalog
can be scanned in one pass too (:func:`find_terms_many`). All candidate hits are kept and
then chosen longest first, so a shorter term never blocks a longer one that starts later.
"""

from __future__ import annotations

import functools

import re
import unicodedata
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from pipeline.core import base_language
from pipeline.glossary.schema import FOLD_TABLE, Glossary, Term, fold, target_forms_of

# Scripts written without spaces: a rendering counts wherever it occurs, never by word boundary.
UNSPACED_LANGUAGES = frozenset({"ja", "zh", "yue", "ko", "th", "lo", "km", "my"})

#: A candidate hit: (start, end) in folded text, then (term index, form index).
_Hit = tuple[int, int, int, int]
#: Where the character joining texts for one scan is taken from (Unicode's private-use area).
SEPARATORS = range(0xE000, 0xF900)


@dataclass(frozen=True)
class Match:
    """A term found in a source text: ``text[start:end]`` is ``text``; ``form`` is the entry's."""

    term: Term
    start: int
    end: int
    text: str
    form: str


@dataclass(frozen=True)
class TargetCheck:
    """How one term fares in one translation: the accepted rendering found, forbidden ones."""

    term: Term
    language: str
    found: str | None
    forbidden: tuple[str, ...] = ()

    @property
    def satisfied(self) -> bool:
        """An accepted rendering (or, for dnt, the source form) is present; nothing forbidden."""
        return self.found is not None and not self.forbidden


class _Automaton:
    """One automaton over folded source forms for terms of one case mode."""

    def __init__(self, glossary: Glossary, casefold: bool) -> None:
        self.casefold = casefold
        self.automaton = ahocorasick.Automaton()
        values: dict[str, list[tuple[int, int, bool, bool]]] = {}
        for term_index, term in enumerate(glossary.terms):
            if term.case_insensitive != casefold:
                continue
            for form_index, form in enumerate(term.en):
                key = fold(form, casefold)
                # Only edges that are word characters need a boundary: "U.S." may end anywhere.
                entry = (term_index, form_index, key[0].isalnum(), key[-1].isalnum())
                values.setdefault(key, []).append(entry)
        for key, entries in values.items():
            self.automaton.add_word(key, (len(key), tuple(entries)))
        self.empty = not values
        # Private-use characters are no word characters; one that no key holds joins texts
        # (None: keys hold them all, texts are scanned one by one).
        self.separator = next(
            (c for c in map(chr, SEPARATORS) if not any(c in key for key in values)), None
        )
        if not self.empty:
            self.automaton.make_automaton()

    def scan(self, folded: Sequence[str]) -> dict[int, list[_Hit]]:
        """Raw hits per folded text (by index), found in one pass over all of them.

        The texts are joined by a character no key contains and that is no word character, so
        no hit crosses two texts and a text's edges are word boundaries, as when scanned alone.
        Hit offsets are local to their text.
        """
        hits: dict[int, list[_Hit]] = {}
        if self.empty:
            return hits
        if self.separator is None and len(folded) > 1:
            for index, text in enumerate(folded):
                if found := self.scan((text,)).get(0):
                    hits[index] = found
            return hits
        joined = (self.separator or "").join(folded)
        size = len(joined)
        index, base = 0, 0
        limit = len(folded[0]) if folded else 0  # the end of text ``index`` in ``joined``
        for last, (length, entries) in self.automaton.iter(joined):
            while last >= limit:  # hits come by end position: texts are passed in order
                index += 1
                base = limit + 1
                limit = base + len(folded[index])
            start, end = last + 1 - length, last + 1
            for term_index, form_index, left, right in entries:
                if left and start > 0 and joined[start - 1].isalnum():
                    continue
                if right and end < size and joined[end].isalnum():
                    continue
                hit = (start - base, end - base, term_index, form_index)
                hits.setdefault(index, []).append(hit)
        return hits


class Matcher:
    """The compiled source-side matcher of one glossary; get it with :func:`matcher_for`."""

    def __init__(self, glossary: Glossary) -> None:
        self.terms = glossary.terms
        self.automata = [
            automaton
            for automaton in (_Automaton(glossary, False), _Automaton(glossary, True))
            if not automaton.empty
        ]

    def find_terms(self, text: str) -> list[Match]:
        """Non-overlapping term matches in ``text``, in text order, longest preferred."""
        return self.find_terms_many((text,))[0]

    def find_terms_many(self, texts: Sequence[str]) -> list[list[Match]]:
        """:meth:`find_terms` of each text, with one automaton pass per case mode for all.

        Checking a 100,000-entry catalog this way costs one scan instead of 100,000 calls.
        """
        candidates: dict[int, list[_Hit]] = {}
        for automaton in self.automata:
            folded, maps = _fold_all(texts, automaton.casefold)
            for index, hits in automaton.scan(folded).items():
                if index in maps:
                    # Spans go back to original characters here, so both case modes compare alike.
                    starts, ends = maps[index]
                    hits = [(starts[s], ends[e - 1], t, f) for s, e, t, f in hits]
                candidates.setdefault(index, []).extend(hits)
        found: list[list[Match]] = [[] for _ in texts]
        for index, hits in candidates.items():
            text = texts[index]
            found[index] = [
                Match(self.terms[t], start, end, text[start:end], self.terms[t].en[f])
                for start, end, t, f in _select(hits)
            ]
        return found


def _fold_all(
    texts: Sequence[str], casefold: bool
) -> tuple[list[str], dict[int, tuple[list[int], list[int]]]]:
    """Each text folded, and folded-to-original offset maps for those whose offsets moved.

    ASCII text (most of it) folds in place: building two maps per text to map nothing would
    cost more than the search itself.
    """
    folded: list[str] = []
    maps: dict[int, tuple[list[int], list[int]]] = {}
    for index, text in enumerate(texts):
        if text.isascii():
            folded.append(text.lower() if casefold else text)
        else:
            key, starts, ends = fold_with_offsets(text, casefold)
            folded.append(key)
            maps[index] = (starts, ends)
    return folded, maps


def _select(candidates: list[_Hit]) -> list[_Hit]:
    """Greedy choice: longest first, then leftmost; skip anything overlapping a choice."""
    if len(candidates) < 2:
        return candidates
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    chosen_starts: list[int] = []
    chosen: list[_Hit] = []
    for candidate in candidates:
        start, end = candidate[0], candidate[1]
        index = bisect_right(chosen_starts, start)
        if index > 0 and chosen[index - 1][1] > start:
            continue
        if index < len(chosen) and chosen_starts[index] < end:
            continue
        chosen_starts.insert(index, start)
        chosen.insert(index, candidate)
    return chosen


# Compiled matchers by the identity of their (frozen) Glossary, dropped when it is collected.
# Kept here, not on the Glossary: the glossary stays plain data, and hashing 10k terms by value
# on every lookup would cost more than the match itself.
_MATCHERS: dict[int, Matcher] = {}


def matcher_for(glossary: Glossary) -> Matcher:
    """The glossary's matcher, compiled on first use and reused while the glossary lives."""
    key = id(glossary)
    matcher = _MATCHERS.get(key)
    if matcher is None:
        matcher = _MATCHERS[key] = Matcher(glossary)
        weakref.finalize(glossary, _MATCHERS.pop, key, None)
    return matcher


def find_terms(glossary: Glossary, text: str) -> list[Match]:
    """Term matches in ``text`` using the glossary's cached matcher."""
    return matcher_for(glossary).find_terms(text)


def find_terms_many(glossary: Glossary, texts: Sequence[str]) -> list[list[Match]]:
    """:func:`find_terms` of each text, in one pass (a whole catalog at once)."""
    return matcher_for(glossary).find_terms_many(texts)


def fold_with_offsets(text: str, casefold: bool = False) -> tuple[str, list[int], list[int]]:
    """Fold ``text`` as :func:`fold` does; map each folded character to its original span.

    ``starts[i]`` and ``ends[i]`` bound the original characters folded character ``i`` came
    from. NFKC may change the length ("ﬁ" → "fi", "ｶﾞ" → "ガ"), so spans cannot be reused as is.
    """
    if text.isascii():
        folded = text.lower() if casefold else text
        return folded, range_list(len(text)), range_list(len(text), 1)
    if unicodedata.is_normalized("NFKC", text):
        folded = text.translate(FOLD_TABLE)
        if casefold:
            folded = folded.casefold()
        # Quote folding is one-to-one; casefolding is too unless the length changed ("ß").
        if len(folded) == len(text):
            return folded, range_list(len(text)), range_list(len(text), 1)
    return _fold_by_cluster(text, casefold)


def range_list(size: int, offset: int = 0) -> list[int]:
    """``[offset, offset + 1, ...]`` of ``size`` items."""
    return list(range(offset, size + offset))


def _fold_by_cluster(text: str, casefold: bool) -> tuple[str, list[int], list[int]]:
    # A base character with its combining marks is folded as one piece, so "e" + U+0301
    # composes as whole-text NFKC would, and every output character knows its source span.
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index, size = 0, len(text)
    while index < size:
        stop = index + 1
        while stop < size and unicodedata.combining(text[stop]):
            stop += 1
        piece = fold(text[index:stop], casefold)
        parts.append(piece)
        starts.extend([index] * len(piece))
        ends.extend([stop] * len(piece))
        index = stop
    return "".join(parts), starts, ends


def target_forms(term: Term, language: str) -> tuple[str, ...]:
    """Accepted renderings of ``term`` in ``language``, preferred first (source forms if dnt)."""
    return target_forms_of(term, language)


def check_target(term: Term, language: str, text: str) -> TargetCheck:
    """Decide whether ``text`` (a translation into ``language``) renders ``term`` correctly.

    The one place that rule lives: drafting, ``check``, ``build`` and hints all call it.
    Width and compatibility forms are folded (ＲＣＥＰ counts as RCEP); unspaced languages
    (ja, zh ...) match anywhere, others on word boundaries.
    """
    casefold = term.case_insensitive
    folded = fold(text, casefold)
    bounded = _bounded(language)
    forbidden = term.forbidden_in(language)
    if not forbidden:
        # Nothing to tell apart from an accepted rendering: the first one present is the answer.
        for form in target_forms(term, language):
            if _occurs(folded, _fold_form(form, casefold), bounded):
                return TargetCheck(term, language, form)
        return TargetCheck(term, language, None)
    found: str | None = None
    accepted_spans: list[tuple[int, int]] = []
    for form in target_forms(term, language):
        spans = _occurrences(folded, _fold_form(form, casefold), bounded)
        if spans and found is None:
            found = form
        accepted_spans.extend(spans)
    bad = []
    for form in forbidden:
        spans = _occurrences(folded, _fold_form(form, casefold), bounded)
        # A forbidden string inside an accepted rendering is part of that rendering, not a use.
        if any(not _inside(span, accepted_spans) for span in spans):
            bad.append(form)
    return TargetCheck(term, language, found, tuple(bad))


#: Glossary forms are few and checked again and again: their folded keys are kept.
_fold_form = functools.lru_cache(maxsize=1 << 16)(fold)


def check_targets(matches: Iterable[Match], language: str, text: str) -> list[TargetCheck]:
    """One :class:`TargetCheck` per distinct matched term, in order of first match."""
    return [check_target(term, language, text) for term in _distinct_terms(matches)]


@functools.lru_cache(maxsize=256)
def _bounded(language: str) -> bool:
    """True when renderings in ``language`` must stand on word boundaries (not ja, zh ...)."""
    return base_language(language) not in UNSPACED_LANGUAGES


def _occurs(text: str, form: str, bounded: bool) -> bool:
    """``bool(_occurrences(text, form, bounded))``, stopping at the first occurrence."""
    if not bounded:
        return form in text
    start = text.find(form)
    while start >= 0:
        if _on_boundaries(text, form, start, start + len(form)):
            return True
        start = text.find(form, start + 1)
    return False


def _occurrences(text: str, form: str, bounded: bool) -> list[tuple[int, int]]:
    spans = []
    start = text.find(form)
    while start >= 0:
        end = start + len(form)
        if not bounded or _on_boundaries(text, form, start, end):
            spans.append((start, end))
        start = text.find(form, start + 1)
    return spans


def _on_boundaries(text: str, form: str, start: int, end: int) -> bool:
    if form[0].isalnum() and start > 0 and text[start - 1].isalnum():
        return False
    return not (form[-1].isalnum() and end < len(text) and text[end].isalnum())


def _inside(span: tuple[int, int], outer: Sequence[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in outer)


def _distinct_terms(matches: Iterable[Match]) -> list[Term]:
    seen: set[str] = set()
    terms = []
    for match in matches:
        if match.term.id not in seen:
            seen.add(match.term.id)
            terms.append(match.term)
    return terms


def first_sentence(text: str) -> str:
    """The first sentence of a note, on one line."""
    flat = " ".join(text.split())
    cut = re.search(r"(?<=[.!?。])\s", flat)
    return flat[: cut.start()] if cut else flat


def hint_lines(matches: Iterable[Match], language: str) -> list[str]:
    """Reviewer hints for a PO entry, one line per term, with what a reviewer acts on.

    ``glossary: Kishida Fumio → 岸田文雄; never: 岸田フミオ; note: Family name first.``:
    the required rendering, accepted variants (``also:``), forbidden forms and the note's
    first sentence (the whole note stays in the glossary; every entry with the term repeats
    the hint, so it stays short).
    """
    lines = []
    for term in _distinct_terms(matches):
        forms = target_forms(term, language)
        if term.dnt:
            parts = [f"glossary: {term.canonical} (do not translate)"]
        elif forms:
            parts = [f"glossary: {term.canonical} → {forms[0]}"]
            if len(forms) > 1:
                parts.append(f"also: {', '.join(forms[1:])}")
        else:
            continue
        if forbidden := term.forbidden_in(language):
            parts.append(f"never: {', '.join(forbidden)}")
        if term.note:
            parts.append(f"note: {first_sentence(term.note)}")
        lines.append("; ".join(parts))
    return lines
