"""``locpipe check`` speed against translate-toolkit's ``pofilter`` on the same PO file.

100,000 synthetic entries (about one in three names a glossary term, some with numbers, a few
with c-format placeholders; one in twenty drops its term) and a 5,000-term glossary. Our time
covers reading, parsing and every rule including the glossary. pofilter runs its default
checks on the whole file (about 20 s here); ``--pofilter-entries N`` runs it on the first N
entries and scales its time linearly (the output then says so). Last line:
``check vs pofilter: <speedup>x faster, <seconds> s``.

Run: python benchmarks/bench_check.py [--entries N] [--terms N] [--pofilter-entries N]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runnable from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.catalog.po import format_po
from pipeline.core.model import Catalog, Entry
from pipeline.glossary.schema import Glossary, Term
from pipeline.qa import check_catalogs

SYLLABLES = [consonant + vowel for consonant in "kstnhm" for vowel in "aiueo"]
KANA = "かきくけこさしすせそたちつてとなにぬねのはひふへほまみむめも"
FILLER = [
    *("the", "talks", "on", "trade", "and", "security", "were", "held", "in", "the"),
    *("capital", "after", "a", "long", "pause"),
]
HEADER = (
    ("Project-Id-Version", "bench"),
    ("PO-Revision-Date", "2024-01-01 00:00+0000"),
    ("Last-Translator", "Bench <bench@example.org>"),
    ("Language-Team", "none"),
    ("Language", "ja"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=1; plural=0;"),
)


def make_glossary(rng: random.Random, count: int) -> Glossary:
    """``count`` pseudo-word terms with a Japanese target each."""
    terms: list[Term] = []
    seen: set[str] = set()
    while len(terms) < count:
        words = rng.randint(1, 3)
        form = " ".join(
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            for _ in range(words)
        )
        if form in seen:
            continue
        seen.add(form)
        target = "".join(rng.choice(KANA) for _ in range(4)) + f"第{len(terms)}号"
        terms.append(Term(id=f"t{len(terms)}", en=(form,), targets=(("ja", (target,)),)))
    return Glossary(terms=tuple(terms), languages=("ja",))


def make_entries(rng: random.Random, glossary: Glossary, count: int) -> list[Entry]:
    """Sentence-sized entries; translations carry the term's target except one in twenty."""
    entries = []
    for index in range(count):
        words = rng.sample(FILLER, 8)
        target = "".join(rng.choice(KANA) for _ in range(12))
        if index % 3 == 0:
            term = rng.choice(glossary.terms)
            words.insert(3, term.en[0])
            target += "" if index % 20 == 0 else term.targets[0][1][0]
        flags: tuple[str, ...] = ()
        if index % 7 == 0:
            words.append(str(rng.randint(2, 99_999)))
            target += f"、{words[-1]}件"
        if index % 11 == 0:
            words.append("%s")
            target += "%s"
            flags = ("c-format",)
        # A unique pseudo-word keeps msgids distinct without putting a number in every entry.
        tag = _syllables(index)
        entries.append(
            Entry(msgid=f"{' '.join(words)} {tag}.", msgstr=f"{target}、{tag}。", flags=flags)
        )
    return entries


def _syllables(number: int) -> str:
    """``number`` written in base-30 syllables: ``kasu``."""
    parts = []
    while True:
        number, digit = divmod(number, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
        if not number:
            return "".join(parts)


def time_pofilter(pofilter: str, path: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [pofilter, "--progress=none", str(path), str(out)], check=True, capture_output=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--terms", type=int, default=5_000)
    parser.add_argument(
        "--pofilter-entries", type=int, default=None, help="run pofilter on a subset and scale"
    )
    args = parser.parse_args()
    rng = random.Random(7)
    glossary = make_glossary(rng, args.terms)
    entries = make_entries(rng, glossary, args.entries)
    pofilter = shutil.which("pofilter")
    if pofilter is None:
        sys.exit("pofilter not found: pip install translate-toolkit (in the dev extra)")
    with tempfile.TemporaryDirectory() as folder:
        full = Path(folder) / "bench.po"
        full.write_text(format_po(Catalog(HEADER, tuple(entries))), encoding="utf-8")
        start = time.perf_counter()
        result = check_catalogs([("bench.po", full.read_bytes())], glossary)
        ours = time.perf_counter() - start
        print(
            f"locpipe check: {result.entries} entries, {len(result.findings)} findings, {ours:.2f} s"
        )
        subset_size = min(args.pofilter_entries or args.entries, args.entries)
        subset = Path(folder) / "subset.po"
        subset.write_text(
            format_po(Catalog(HEADER, tuple(entries[:subset_size]))), encoding="utf-8"
        )
        measured = time_pofilter(pofilter, subset, Path(folder) / "out.po")
        theirs = measured * args.entries / subset_size
        scaled = (
            ""
            if subset_size == args.entries
            else f" (measured {measured:.2f} s on {subset_size} entries, scaled linearly)"
        )
        print(f"pofilter: {theirs:.2f} s for {args.entries} entries{scaled}")
    print(f"check vs pofilter: {theirs / ours:.1f}x faster, {ours:.2f} s")


if __name__ == "__main__":
    main()
