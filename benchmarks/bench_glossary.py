"""Glossary matching speed: the compiled matcher against one regex per term.

10,000 synthetic terms, 1,000,000 words of synthetic text in sentence-sized segments. The
naive baseline (one compiled word-bounded regex per term, run over every segment) would take
many minutes on the full text, so it runs on a subset of segments and is scaled up linearly;
the script says so. The matcher time includes building it. Last line:
``glossary match vs per-term regex: <speedup>x, <seconds> s``.

Run: python benchmarks/bench_glossary.py [--terms N] [--words N] [--naive-segments N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

# Runnable from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.glossary import find_terms
from pipeline.glossary.match import matcher_for
from pipeline.glossary.schema import Glossary, Term

SYLLABLES = [consonant + vowel for consonant in "kstnhm" for vowel in "aiueo"]
_FILLER_TEXT = (
    "the of and to in a is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when if "
    "so no will can more about said after also two new first year its over government talks"
)
FILLER = _FILLER_TEXT.split()


def make_word(rng: random.Random) -> str:
    """A capitalised pseudo-word such as ``Kashite``."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def make_glossary(rng: random.Random, count: int) -> Glossary:
    """``count`` terms of one to three pseudo-words, some with a second form."""
    terms: list[Term] = []
    seen: set[str] = set()
    while len(terms) < count:
        form = " ".join(make_word(rng) for _ in range(rng.randint(1, 3)))
        if form in seen:
            continue
        seen.add(form)
        forms = (form, form.upper()) if rng.random() < 0.2 else (form,)
        seen.update(forms)
        index = len(terms)
        terms.append(Term(id=f"t{index}", en=forms, targets=(("ja", (f"用語{index}",)),)))
    return Glossary(terms=tuple(terms), languages=("ja",))


def make_segments(rng: random.Random, glossary: Glossary, words: int) -> list[str]:
    """Sentences of 10-30 words; about one word in twelve starts a glossary term."""
    forms = [term.en[0] for term in glossary.terms]
    segments, total = [], 0
    while total < words:
        size = rng.randint(10, 30)
        parts = []
        for _ in range(size):
            roll = rng.random()
            if roll < 0.08:
                parts.append(rng.choice(forms) + ("'s" if roll < 0.01 else ""))
            elif roll < 0.12:
                parts.append(make_word(rng))
            else:
                parts.append(rng.choice(FILLER))
        sentence = " ".join(parts)
        segments.append(sentence[0].upper() + sentence[1:] + ".")
        total += size
    return segments


def naive_regexes(glossary: Glossary) -> list[re.Pattern[str]]:
    """The baseline: one compiled pattern per term, word-bounded, forms as alternatives."""
    return [
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, term.en)) + r")(?!\w)")
        for term in glossary.terms
    ]


def time_naive(patterns: list[re.Pattern[str]], segments: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    found = 0
    for segment in segments:
        for pattern in patterns:
            found += len(pattern.findall(segment))
    return time.perf_counter() - start, found


def time_matcher(glossary: Glossary, segments: list[str]) -> tuple[float, float, int]:
    start = time.perf_counter()
    matcher_for(glossary)  # compiled on first use; timed apart
    built = time.perf_counter()
    found = sum(len(find_terms(glossary, segment)) for segment in segments)
    return time.perf_counter() - start, built - start, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--naive-segments", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(20220101)
    glossary = make_glossary(rng, args.terms)
    segments = make_segments(rng, glossary, args.words)
    print(f"{len(glossary.terms)} terms, {args.words} words in {len(segments)} segments")

    seconds, build_seconds, found = time_matcher(glossary, segments)
    print(f"matcher: {seconds:.3f} s (build {build_seconds:.3f} s), {found} matches")

    subset = segments[: args.naive_segments]
    naive_subset, naive_found = time_naive(naive_regexes(glossary), subset)
    naive_seconds = naive_subset * len(segments) / len(subset)
    print(
        f"per-term regex: {naive_subset:.3f} s on {len(subset)} of {len(segments)} segments "
        f"({naive_found} matches, overlaps included), scaled to {naive_seconds:.1f} s"
    )
    print(f"glossary match vs per-term regex: {naive_seconds / seconds:.0f}x, {seconds:.2f} s")


if __name__ == "__main__":
    main()
