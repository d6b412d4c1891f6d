"""``locpipe update`` against GNU ``msgmerge --previous``, both timed as whole processes.

Generates N reviewed units (distinct news-like sentences from word lists, fixed seed) and a
template in which 5% of the sentences have one word changed, as a locpipe project
(``locales/news.pot`` and ``locales/ja/LC_MESSAGES/news.po``). Each run starts from the same old
PO file: ``locpipe update`` rewrites it in place, ``msgmerge --previous -o`` writes a copy. Runs
alternate; medians are compared, at 2,000 and at 20,000 units by default. Last line:
``update vs msgmerge (whole process): <x>x faster at 2,000 units, <y>x faster at 20,000 units``.

Run: python benchmarks/bench_update.py [--units 2000,20000] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runnable from a checkout without installing: the package sits next to this folder.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import precompile

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


def write_project(folder: Path, old: Catalog, new: Catalog) -> tuple[Path, Path]:
    """A one-language project whose POT is ``new`` and whose PO is ``old``; (PO, POT) paths."""
    (folder / "articles").mkdir(parents=True)
    (folder / "articles/news.txt").write_text("News.\n", encoding="utf-8")
    config = "source_language: en\nlanguages: [ja]\nsources: [articles/*.txt]\n"
    (folder / "locpipe.yaml").write_text(config, encoding="utf-8")
    po = folder / "locales/ja/LC_MESSAGES/news.po"
    po.parent.mkdir(parents=True)
    po.write_text(format_po(old), encoding="utf-8")
    pot = folder / "locales/news.pot"
    pot.write_text(format_po(new), encoding="utf-8")
    return po, pot


def timed(command: list[str], folder: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{command[0]} failed: {done.stderr.strip()}")
    return time.perf_counter() - start


def compare(units: int, runs: int) -> float:
    """Print one size's figures; the speedup (msgmerge time / ours, medians)."""
    old, new = make_catalogs(units)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        po, pot = write_project(folder, old, new)
        original = po.read_bytes()
        gnu_out = folder / "gnu.po"
        ours, theirs = [], []
        for _ in range(runs):  # alternating, so load on the machine hits both alike
            po.write_bytes(original)
            ours.append(timed([sys.executable, "-m", "pipeline", "update"], folder))
            msgmerge = ["msgmerge", "--previous", "-q", "-o", str(gnu_out), "old.po", str(pot)]
            (folder / "old.po").write_bytes(original)
            theirs.append(timed(msgmerge, folder))
        merged = read_po(po)
        fuzzy = sum(e.fuzzy for e in merged.active)
        gnu = read_po(gnu_out)
        same = [(e.key, e.msgstr, e.flags, e.previous_msgid) for e in gnu.entries] == [
            (e.key, e.msgstr, e.flags, e.previous_msgid) for e in merged.entries
        ]
    ours_median, theirs_median = statistics.median(ours), statistics.median(theirs)
    print(f"{units} units: {fuzzy} fuzzy after update, same entries as msgmerge: {same}")
    print(
        f"  locpipe update {ours_median:.2f} s, msgmerge --previous {theirs_median:.2f} s "
        f"(medians of {runs})"
    )
    return theirs_median / ours_median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", default="2000,20000", help="sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs per tool (3)")
    args = parser.parse_args()
    precompile()
    sizes = [int(size) for size in args.units.split(",")]
    ratios = [(size, compare(size, args.runs)) for size in sizes]
    shown = ", ".join(f"{ratio:.2f}x faster at {size:,} units" for size, ratio in ratios)
    print(f"update vs msgmerge (whole process): {shown}")


if __name__ == "__main__":
    main()
