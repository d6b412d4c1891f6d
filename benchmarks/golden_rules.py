"""Score the sentence splitter on the Pragmatic Segmenter's English golden rules, beside pySBD.

The 48 cases (tests/data/segment_golden_rules_en.json, copied from pySBD with provenance) are
split by locpipe's rules and by pySBD (the best-known rule-based port, a dev extra) in one run.
A case passes when the sentences, stripped, equal the expected list exactly. Prints each miss,
then one line per segmenter, and last ``golden rules: locpipe N/48, pySBD M/48``.

Run: python benchmarks/golden_rules.py
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

# Runnable from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.source.segment import split_sentences

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "segment_golden_rules_en.json"


def ours(text: str) -> list[str]:
    return [text[start:end].strip() for start, end in split_sentences(text)]


def pysbd_splitter() -> Callable[[str], list[str]] | None:
    try:
        import pysbd
    except ImportError:
        return None
    # As pySBD's own golden-rule tests run it: English, no cleaning, no character spans.
    segmenter = pysbd.Segmenter(language="en", clean=False)
    return lambda text: [sentence.strip() for sentence in segmenter.segment(text)]


def score(name: str, split: Callable[[str], list[str]], cases: list[dict[str, object]]) -> int:
    passed = 0
    for case in cases:
        got = split(str(case["text"]))
        if got == case["expected"]:
            passed += 1
        else:
            print(f"{name} misses #{case['id']} {case['name']}: {got}")
    print(f"{name}: {passed}/{len(cases)}")
    return passed


def main() -> None:
    cases = json.loads(DATA.read_text(encoding="utf-8"))["cases"]
    mine = score("locpipe", ours, cases)
    splitter = pysbd_splitter()
    theirs = score("pySBD", splitter, cases) if splitter else None
    shown = f"{theirs}/{len(cases)}" if theirs is not None else "not installed"
    print(f"golden rules: locpipe {mine}/{len(cases)}, pySBD {shown}")


if __name__ == "__main__":
    main()
