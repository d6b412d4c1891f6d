"""``locpipe check`` against translate-toolkit's ``pofilter``, both timed as whole processes.

As users run them: ``locpipe check --format json bench.po`` in a project whose glossary is a
5,000-term YAML file on disk (so reading the glossary, the PO file, every rule and writing the
report all count, with interpreter start-up), and ``pofilter`` on the same 100,000-entry PO file
(about one in three entries names a glossary term, some with numbers, a few with c-format
placeholders; one in twenty drops its term). Three alternating runs of each; the medians are
compared. Last line: ``check vs pofilter (whole process): <speedup>x faster, <seconds> s``.

Run: python benchmarks/bench_check.py [--entries N] [--terms N] [--runs N] [--keep DIR]
(``--keep DIR`` leaves the project in DIR, e.g. to profile ``locpipe check --format json bench.po``
there with ``python -m cProfile -o check.prof -m pipeline check ...``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runnable from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import precompile

from pipeline.catalog.po import format_po
from pipeline.core.model import Catalog, Entry
from pipeline.glossary.schema import Glossary, Term

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


def write_project(folder: Path, glossary: Glossary, entries: list[Entry]) -> Path:
    """A locpipe project with the glossary as YAML on disk and the PO file to check."""
    (folder / "articles").mkdir()
    (folder / "articles/bench.txt").write_text("Bench.\n", encoding="utf-8")
    (folder / "glossary").mkdir()
    lines = ["version: 1", "terms:"]
    for term in glossary.terms:
        target = term.targets[0][1][0]
        lines += [f"  - id: {term.id}", f"    en: [{term.en[0]}]", f"    ja: {target}"]
    (folder / "glossary/terms.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = (
        "source_language: en\nlanguages: [ja]\nsources: [articles/*.txt]\n"
        "glossary: [glossary/*.yaml]\n"
    )
    (folder / "locpipe.yaml").write_text(config, encoding="utf-8")
    path = folder / "bench.po"
    path.write_text(format_po(Catalog(HEADER, tuple(entries))), encoding="utf-8")
    return path


def timed(command: list[str], folder: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--terms", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="leave the project in this new folder")
    args = parser.parse_args()
    precompile()
    rng = random.Random(7)
    glossary = make_glossary(rng, args.terms)
    entries = make_entries(rng, glossary, args.entries)
    # pofilter installs next to this interpreter (translate-toolkit is in the dev extra).
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    pofilter = shutil.which("pofilter", path=search)
    if pofilter is None:
        sys.exit("pofilter not found: pip install translate-toolkit (in the dev extra)")
    locpipe = [sys.executable, "-m", "pipeline"]  # the console script's entry point
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if args.keep:
            args.keep.mkdir(parents=True)  # a new folder: never write into someone's files
            folder = args.keep
        path = write_project(folder, glossary, entries)
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(args.runs):  # alternating, so load on the machine hits both alike
            seconds, done = timed([*locpipe, "check", "--format", "json", path.name], folder)
            if done.returncode not in (0, 1):
                sys.exit(f"locpipe check failed: {done.stderr.strip()}")
            ours.append(seconds)
            report = json.loads(done.stdout)["summary"]
            seconds, done = timed([pofilter, "--progress=none", path.name, "out.po"], folder)
            if done.returncode != 0:
                sys.exit(f"pofilter failed: {done.stderr.strip()}")
            theirs.append(seconds)
        print(
            f"locpipe check: {report['entries']} entries, {report['findings']} findings, "
            f"runs {', '.join(f'{s:.2f}' for s in ours)} s"
        )
        print(f"pofilter: runs {', '.join(f'{s:.2f}' for s in theirs)} s")
    ours_median, theirs_median = statistics.median(ours), statistics.median(theirs)
    print(
        f"check vs pofilter (whole process): {theirs_median / ours_median:.1f}x faster, "
        f"{ours_median:.2f} s"
    )


if __name__ == "__main__":
    main()
