"""Reading a 100,000-entry PO file: our ``read_po`` against polib's ``pofile`` and Babel's ``read_po``.

The file is the one ``bench_check.py`` checks (sentence-sized ja entries, one in eleven with a
c-format flag). Each reader runs as a whole process (``python -c``: interpreter start-up, imports,
reading the file, building the catalog), in turn, ``--runs`` times; the medians are compared.
Our process also times its ``read_po`` call alone (wall and CPU), the figure the ≤ 0.5 s target
is about. Every reader must report the same number of entries. Last line:
``read_po vs polib pofile (whole process): <x>x faster, <s> s; read_po alone <s> s (<s> s CPU)``
(on a loaded machine the CPU seconds of the call are the steadier figure).

``--shape locpipe`` reads a file shaped like the catalogs ``locpipe run`` writes instead: every
entry with ``#.`` kind and glossary notes and a ``#:`` reference, strings long enough to wrap.

Run: python benchmarks/bench_read.py [--entries N] [--runs N] [--shape check|locpipe]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout without installing

from bench_check import HEADER, make_entries, make_glossary  # noqa: E402  (this folder)
from common import in_turn  # noqa: E402  (this folder is on sys.path)

from pipeline.catalog.po import format_po  # noqa: E402
from pipeline.core.model import Catalog, Entry  # noqa: E402

# Each program prints the number of entries read; ours also the seconds of read_po alone.
OURS = """\
import sys, time
from pathlib import Path
from pipeline.catalog import read_po
wall, cpu = time.perf_counter(), time.process_time()
catalog = read_po(Path(sys.argv[1]))
print(len(catalog.entries), time.perf_counter() - wall, time.process_time() - cpu)
"""
POLIB = """\
import sys, polib
print(len(polib.pofile(sys.argv[1])))
"""
BABEL = """\
import sys
from babel.messages.pofile import read_po
with open(sys.argv[1], "rb") as file:
    print(len(read_po(file)))
"""
READERS = {"locpipe read_po": OURS, "polib pofile": POLIB, "Babel read_po": BABEL}


def locpipe_shaped(entries: list[Entry]) -> list[Entry]:
    """Entries as ``locpipe run`` writes them: notes for reviewers, a reference, longer text."""
    return [
        dataclasses.replace(
            entry,
            msgid=f"{entry.msgid} {entry.msgid}",
            msgstr=entry.msgstr * 3,
            extracted=("kind: sentence", "glossary: Japan → 日本; also: 日中"),
            refs=(f"articles/a{index // 30}.txt:{index % 30 + 1}",),
        )
        for index, entry in enumerate(entries)
    ]


def timed(program: str, path: Path) -> tuple[float, list[str]]:
    """Wall seconds of one whole process and what it printed."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", program, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"reader failed: {done.stderr.strip()}")
    return seconds, done.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shape", choices=("check", "locpipe"), default="check")
    args = parser.parse_args()
    rng = random.Random(7)  # the same seed and order as bench_check.py: the same file
    entries = make_entries(rng, make_glossary(rng, 5_000), args.entries)
    if args.shape == "locpipe":
        entries = locpipe_shaped(entries)
    whole: dict[str, list[float]] = {name: [] for name in READERS}
    alone_wall: list[float] = []
    alone_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.po"
        path.write_text(format_po(Catalog(HEADER, tuple(entries))), encoding="utf-8")
        names = list(READERS)
        for name in in_turn(names, args.runs):
            seconds, printed = timed(READERS[name], path)
            if int(printed[0]) != args.entries:
                sys.exit(f"{name} read {printed[0]} entries, not {args.entries}")
            whole[name].append(seconds)
            if len(printed) == 3:
                alone_wall.append(float(printed[1]))
                alone_cpu.append(float(printed[2]))
    for name, runs in whole.items():
        print(f"{name} (whole process): runs {', '.join(f'{s:.2f}' for s in runs)} s")
    ours = statistics.median(whole["locpipe read_po"])
    babel = statistics.median(whole["Babel read_po"])
    polib = statistics.median(whole["polib pofile"])
    wall, cpu = statistics.median(alone_wall), statistics.median(alone_cpu)
    print(f"read_po call alone, in process: median {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"read_po vs Babel read_po (whole process): {babel / ours:.1f}x faster")
    print(
        f"read_po vs polib pofile (whole process): {polib / ours:.1f}x faster, {ours:.2f} s; "
        f"read_po alone {wall:.2f} s ({cpu:.2f} s CPU)"
    )


if __name__ == "__main__":
    main()
