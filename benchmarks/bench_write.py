"""Writing a 100,000-entry PO file: our ``format_po`` against polib's ``save`` and Babel's ``write_po``.

Each library reads the file of ``bench_check.py`` with its own reader and writes it back with its
own writer, as a whole process (``python -c``), in turn, ``--runs`` times; the medians are
compared. Each process also times its write call alone (CPU seconds), the part the writer owns.
Only our output is checked against GNU ``msgcat`` (polib and Babel wrap lines their own way).
Last line: ``format_po vs polib save (whole process, read + write): <x>x faster, <s> s; format_po
alone <s> s CPU``.

Run: python benchmarks/bench_write.py [--entries N] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout without installing

from bench_check import HEADER, make_entries, make_glossary  # noqa: E402  (this folder)
from bench_read import timed  # noqa: E402
from common import in_turn  # noqa: E402  (this folder is on sys.path)

from pipeline.catalog.po import format_po  # noqa: E402
from pipeline.core.model import Catalog  # noqa: E402

# Each program reads argv[1], writes next to it under its own name and prints the entries it read
# and its write call's CPU seconds.
OURS = """\
import sys, time
from pathlib import Path
from pipeline.catalog import format_po, read_po
catalog = read_po(Path(sys.argv[1]))
cpu = time.process_time()
text = format_po(catalog)
cpu = time.process_time() - cpu
Path(sys.argv[1] + ".locpipe").write_text(text, encoding="utf-8")
print(len(catalog.entries), cpu)
"""
POLIB = """\
import sys, time, polib
po = polib.pofile(sys.argv[1])
cpu = time.process_time()
po.save(sys.argv[1] + ".polib")
print(len(po), time.process_time() - cpu)
"""
BABEL = """\
import sys, time
from babel.messages.pofile import read_po, write_po
with open(sys.argv[1], "rb") as file:
    catalog = read_po(file)
cpu = time.process_time()
with open(sys.argv[1] + ".babel", "wb") as file:
    write_po(file, catalog)
print(len(catalog), time.process_time() - cpu)
"""
WRITERS = {"locpipe format_po": OURS, "polib save": POLIB, "Babel write_po": BABEL}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)  # the same seed and order as bench_check.py: the same file
    entries = make_entries(rng, make_glossary(rng, 5_000), args.entries)
    whole: dict[str, list[float]] = {name: [] for name in WRITERS}
    alone: dict[str, list[float]] = {name: [] for name in WRITERS}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.po"
        path.write_text(format_po(Catalog(HEADER, tuple(entries))), encoding="utf-8")
        names = list(WRITERS)
        for name in in_turn(names, args.runs):
            seconds, printed = timed(WRITERS[name], path)
            if int(printed[0]) != args.entries:
                sys.exit(f"{name} read {printed[0]} entries, not {args.entries}")
            whole[name].append(seconds)
            alone[name].append(float(printed[1]))
        ours = Path(f"{path}.locpipe").read_bytes()  # the same bytes every run
        if ours != path.read_bytes():
            sys.exit("format_po did not reproduce the file it read")
        gnu = subprocess.run(["msgcat", f"{path}.locpipe"], capture_output=True, check=True)
        if gnu.stdout != ours:
            sys.exit("msgcat changes our output")
    for name in WRITERS:
        runs = ", ".join(f"{s:.2f}" for s in whole[name])
        print(
            f"{name}: whole process (read + write) runs {runs} s; "
            f"write call alone median {statistics.median(alone[name]):.2f} s CPU"
        )
    ours_whole = statistics.median(whole["locpipe format_po"])
    babel = statistics.median(whole["Babel write_po"])
    polib = statistics.median(whole["polib save"])
    print(
        f"format_po vs Babel write_po (whole process, read + write): {babel / ours_whole:.1f}x faster"
    )
    print(
        f"format_po vs polib save (whole process, read + write): {polib / ours_whole:.1f}x "
        f"faster, {ours_whole:.2f} s; format_po alone "
        f"{statistics.median(alone['locpipe format_po']):.2f} s CPU"
    )


if __name__ == "__main__":
    main()
