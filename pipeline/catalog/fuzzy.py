"""msgmerge's fuzzy search: the old entry it would propose for a new msgid, and no other.

Split from the merge so that rapidfuzz is imported only when an entry has no exact match (an
update with no edited sentence never needs it).
"""

from __future__ import annotations

import bisect
import itertools
import math

from rapidfuzz import process
from rapidfuzz.distance import Indel

from pipeline.core import Entry

#: msgmerge's FUZZY_THRESHOLD: fstrcmp similarity a suggestion must exceed.
FUZZY_THRESHOLD = 0.6
#: msgmerge gives a candidate with the same (or no) msgctxt this tiny edge on ties.
_CONTEXT_BONUS = 0.00001
#: How many old entries the word index hands to the exact scorer per lookup.
_SHORTLIST = 1000
#: The most candidates scored exactly, in one pass, instead of using the shortlist: as many as
#: the shortlist's two passes (best, then its near ties) score, without building the index.
_SCAN_LIMIT = 2 * _SHORTLIST
#: The prefilter's cutoff, a little below the threshold: rapidfuzz turns a similarity cutoff
#: into a distance cutoff and drops a candidate at exactly 0.6, which msgmerge (with its
#: context bonus) proposes. The decision itself is made exactly, by ``_weight``.
_CUTOFF = FUZZY_THRESHOLD - 1e-3


class FuzzyFinder:
    """Finds the old entry msgmerge would propose for a new msgid.

    msgmerge compares against every old entry with a translation, using fstrcmp (the Indel
    similarity on bytes), and so do we where it is cheap: a guess (the old entry beside the
    neighbours' matches) gives a score the answer must reach, and only old msgids whose length
    allows that score are scored, exactly. Where that leaves too many, a word and word-pair
    index narrows 20,000 candidates to a shortlist that rapidfuzz scores exactly; only when the
    shortlist has nothing above the threshold are all candidates scored, so whether an entry
    becomes fuzzy or new matches msgmerge.
    """

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        self._ids = [i for i, e in enumerate(entries) if e.msgid and _first_msgstr(e)]
        self._positions = {index: position for position, index in enumerate(self._ids)}
        self._contexts = [entries[i].msgctxt for i in self._ids]
        self._bytes = [entries[i].msgid.encode() for i in self._ids]
        self._msgids = [entries[i].msgid for i in self._ids]
        self._index: dict[str, list[int]] | None = None
        # Candidates by byte length, so those a score allows are one slice.
        self._by_length = sorted(range(len(self._bytes)), key=lambda p: len(self._bytes[p]))
        self._lengths = [len(self._bytes[p]) for p in self._by_length]
        self._sorted = [self._bytes[p] for p in self._by_length]

    def find(self, msgctxt: str | None, msgid: str, guesses: tuple[int, ...] = ()) -> int | None:
        """Index in the old entries of the best suggestion, or None.

        ``guesses`` (old entry indices) only make the search faster, never change its answer.
        """
        if not self._ids or not msgid:
            return None
        query = msgid.encode()
        window = self._window(query, guesses)
        if window is not None:
            best = self._scan(query, msgctxt, *window)
        else:
            positions = self._shortlist(msgid)
            best = self._best(query, msgctxt, positions)
            if best is None and len(positions) < len(self._ids):
                best = self._best(query, msgctxt, range(len(self._ids)))
        return None if best is None else self._ids[best]

    def _window(self, query: bytes, guesses: tuple[int, ...]) -> tuple[int, int, float] | None:
        """Candidates (a slice by length) that could tie or beat the best guess, and the score
        they need; None when scoring them costs more than the shortlist would."""
        seeds = [self._bytes[self._positions[i]] for i in guesses if i in self._positions]
        top = process.extractOne(query, seeds, scorer=Indel.normalized_similarity)
        # Room for the context bonus and float rounding: a weight that ties the guess passes.
        floor = max(top[1] if top else 0.0, _CUTOFF) - 2 * _CONTEXT_BONUS
        # Similarity is at most 2 * shorter / (both lengths): the lengths that can reach it.
        low = bisect.bisect_left(self._lengths, math.floor(len(query) * floor / (2 - floor)))
        high = bisect.bisect_right(self._lengths, math.ceil(len(query) * (2 - floor) / floor))
        return (low, high, floor) if high - low <= _SCAN_LIMIT else None

    def _scan(
        self, query: bytes, msgctxt: str | None, low: int, high: int, floor: float
    ) -> int | None:
        """The best of the candidates in a slice by length, scored exactly."""
        near = process.extract(
            query,
            self._sorted[low:high],
            scorer=Indel.normalized_similarity,
            score_cutoff=floor,
            limit=None,
        )
        return self._decide(query, msgctxt, [self._by_length[low + i] for _, _, i in near])

    def _shortlist(self, msgid: str) -> list[int]:
        """Candidates sharing the query's rarest words or word pairs, in old-file order."""
        if self._index is None:
            self._index = {}
            for position, text in enumerate(self._msgids):
                for token in _tokens(text):
                    self._index.setdefault(token, []).append(position)
        # Sorted tokens: a set iterates in hash order, and equal-length postings would then
        # reach the _SHORTLIST cut in a different order from run to run.
        tokens = sorted(_tokens(msgid))
        postings = sorted((self._index[t] for t in tokens if t in self._index), key=len)
        chosen: set[int] = set()
        for posting in postings:
            if chosen and len(chosen) + len(posting) > _SHORTLIST:
                break
            chosen.update(posting)
        return sorted(chosen)

    def _best(self, query: bytes, msgctxt: str | None, positions: range | list[int]) -> int | None:
        """Position of the highest (similarity + context bonus) above the threshold."""
        choices = [self._bytes[p] for p in positions]
        top = process.extractOne(
            query, choices, scorer=Indel.normalized_similarity, score_cutoff=_CUTOFF
        )
        if top is None:
            return None
        # Re-score the near-best exactly so ties and the context bonus decide as in msgmerge.
        near = process.extract(
            query,
            choices,
            scorer=Indel.normalized_similarity,
            score_cutoff=top[1] - 2 * _CONTEXT_BONUS,
            limit=None,
        )
        return self._decide(query, msgctxt, [positions[offset] for _, _, offset in near])

    def _decide(self, query: bytes, msgctxt: str | None, positions: list[int]) -> int | None:
        """Of candidates scored near the best, the one msgmerge keeps, if above the threshold."""
        if not positions:
            return None
        weights = {position: self._weight(query, msgctxt, position) for position in positions}
        top_weight = max(weights.values())
        if top_weight <= FUZZY_THRESHOLD:
            return None
        tied = [position for position, weight in weights.items() if weight == top_weight]
        # msgmerge scans candidates by shared 4-grams, most first, then file order, and keeps
        # the first of equal weights.
        return max(tied, key=lambda position: (self._shared_grams(query, position), -position))

    def _shared_grams(self, query: bytes, position: int) -> int:
        grams = set(_grams(self._msgids[position]))
        return sum(gram in grams for gram in _grams(query.decode()))

    def _weight(self, query: bytes, msgctxt: str | None, position: int) -> float:
        """msgmerge's fuzzy_search_goal_function: fstrcmp plus the context bonus."""
        context = self._contexts[position]
        bonus = _CONTEXT_BONUS if context is None or context == msgctxt else 0.0
        candidate = self._bytes[position]
        total = len(query) + len(candidate)
        # The same division as gnulib's fstrcmp, so a ratio of exactly 0.6 compares the same.
        distance: int = Indel.distance(query, candidate)
        return (total - distance) / total + bonus


def _grams(text: str) -> list[str]:
    """Character 4-grams at every position, as msgmerge's fuzzy index counts them."""
    return [text[i : i + 4] for i in range(len(text) - 3)]


def _first_msgstr(entry: Entry) -> str:
    """msgmerge only proposes entries whose first msgstr is non-empty."""
    if entry.msgid_plural is not None:
        return entry.msgstr_plural[0] if entry.msgstr_plural else ""
    return entry.msgstr


def _tokens(text: str) -> set[str]:
    """Words and adjacent word pairs: an edited sentence keeps most of them."""
    words = text.split()
    return {*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))}
