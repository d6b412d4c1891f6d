"""Catalog update speed: read_po + merge_catalog + format_po against GNU msgmerge --previous.

Generates N reviewed units (distinct news-like sentences from word lists, fixed seed) and a
template in which 5% of the sentences have one word changed, writes both to a temporary folder
and times both tools on the same files. The last line is ``update vs msgmerge: <ratio>x``
(our time / msgmerge time, best of the repeats).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# Runnable from a checkout without installing: the package sits next to this folder.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.catalog.merge import merge_catalog
from pipeline.catalog.po import format_po, read_po
from pipeline.core.model import Catalog, Entry

HEADER = (
    ("Project-Id-Version", "bench"),
    ("Report-Msgid-Bugs-To", "news@example.org"),
    ("POT-Creation-Date", "2024-05-01 09:00+0000"),
    ("PO-Revision-Date", "2024-05-02 10:00+0000"),
    ("Last-Translator", "Bench <bench@example.org>"),
    ("Language-Team", "Japanese <ja@example.org>"),
    ("Language", "ja"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=1; plural=0;"),
)
SUBJECTS = [
    "The prime minister", "Officials in Tokyo", "The central bank", "Analysts at Nomura",
    "The foreign ministry", "Local residents", "The opposition party", "Trade negotiators",
    "A government spokesperson", "Company executives", "Police investigators",
    "Health authorities", "The finance minister", "Economists in Osaka", "Farmers in Hokkaido",
    "Teachers' unions", "The Seoul government", "European diplomats", "Shipping firms",
]  # fmt: skip
VERBS = ["said", "warned", "announced", "confirmed", "denied", "suggested", "reported", "argued"]
CLAUSES = [
    "that exports rose", "that inflation slowed", "that talks would continue",
    "that the budget deficit widened", "that new rules take effect", "that the yen weakened",
    "that growth beat forecasts", "that the plan faced delays", "that wages increased",
    "that tourism recovered", "that rice prices climbed", "that the merger was approved",
]  # fmt: skip
WHEN = [
    "in March", "on Tuesday", "last year", "despite strong opposition", "for the third month",
    "after weeks of debate", "amid rising costs", "ahead of the election", "by a wide margin",
]  # fmt: skip
TAILS = ["", "", " as markets reacted calmly", " while critics urged caution", " in Seoul"]
EDITS = ["reportedly", "sharply", "quietly", "Japan", "April", "twelve", "regional"]


def make_sentences(count: int, rng: random.Random) -> list[str]:
    """Distinct sentences; a number keeps them distinct as real articles' details do."""
    sentences: dict[str, None] = {}
    while len(sentences) < count:
        parts = [rng.choice(x) for x in (SUBJECTS, VERBS, CLAUSES, WHEN)]
        number = rng.randint(2, 9999)
        sentences[f"{' '.join(parts)}{rng.choice(TAILS)}, with {number} cases cited."] = None
    return list(sentences)


def make_catalogs(count: int, seed: int = 2024) -> tuple[Catalog, Catalog]:
    """An old PO with every unit reviewed, and a new POT with 5% of sentences edited."""
    rng = random.Random(seed)
    old, new = [], []
    for number, sentence in enumerate(make_sentences(count, rng), 1):
        refs = (f"articles/news.txt:{number}",)
        translation = "訳：" + sentence[::-1]
        old.append(Entry(sentence, translation, extracted=("sentence",), refs=refs))
        if rng.random() < 0.05:
            words = sentence.split()
            words[rng.randrange(len(words) - 1)] = rng.choice(EDITS)
            sentence = " ".join(words)
        new.append(Entry(sentence, extracted=("sentence",), refs=refs))
    return Catalog(HEADER, tuple(old)), Catalog(HEADER, tuple(dict.fromkeys(new)))


def best_of(repeats: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20_000, help="reviewed units (20000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per tool; best counts (3)")
    args = parser.parse_args()
    old, new = make_catalogs(args.units)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old_po, new_pot = folder / "old.po", folder / "new.pot"
        old_po.write_text(format_po(old), encoding="utf-8")
        new_pot.write_text(format_po(new), encoding="utf-8")

        def ours() -> str:
            return format_po(merge_catalog(read_po(old_po), read_po(new_pot)))

        def gnu() -> None:
            command = ["msgmerge", "--previous", "-q", str(old_po), str(new_pot), "-o"]
            subprocess.run([*command, str(folder / "gnu.po")], check=True)

        read = best_of(args.repeats, lambda: (read_po(old_po), read_po(new_pot)))
        parsed_old, parsed_new = read_po(old_po), read_po(new_pot)
        merge = best_of(args.repeats, lambda: merge_catalog(parsed_old, parsed_new))
        merged = merge_catalog(parsed_old, parsed_new)
        write = best_of(args.repeats, lambda: format_po(merged))
        total = best_of(args.repeats, ours)
        baseline = best_of(args.repeats, gnu)
        fuzzy = sum(e.fuzzy for e in merged.active)
        same = [(e.key, e.msgstr, e.flags) for e in read_po(folder / "gnu.po").entries] == [
            (e.key, e.msgstr, e.flags) for e in merged.entries
        ]
    print(f"units: {args.units}, fuzzy after update: {fuzzy}, same result as msgmerge: {same}")
    print(f"ours: read_po x2 {read:.3f}s, merge_catalog {merge:.3f}s, format_po {write:.3f}s")
    print(
        f"ours total: {total:.3f}s; msgmerge --previous: {baseline:.3f}s (best of {args.repeats})"
    )
    print(f"update vs msgmerge: {total / baseline:.2f}x")


if __name__ == "__main__":
    main()
