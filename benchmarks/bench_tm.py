"""Translation memory fill against GNU ``msgmerge --compendium`` on the same files.

A compendium of N reviewed units (news-like sentences, fixed seed) and a new template of M units,
a third of which repeat the compendium: half exactly, half with one word changed (near repeats).
Both tools fill the new catalog in a separate process, timed whole: ours reads the compendium
into the TM index (cold: a fresh index; warm: the cached index, the usual case in a project),
looks every unit up and writes the PO file; msgmerge merges an empty catalog with the compendium.
Then: agreement on which units get an exact match (ours reviewed, msgmerge not fuzzy), agreement
on fuzzy matches (same suggestion), and the lookup time per unit in a memory of 1,000,000 units.
The last line is ``tm fill vs msgmerge --compendium: <ratio>x`` (warm; our time / msgmerge's).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runnable from a checkout without installing: the package sits next to this folder.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_update import EDITS, HEADER, make_sentences

from pipeline.catalog.po import format_po, parse_po, read_po
from pipeline.core.model import Catalog, Entry
from pipeline.tm.fill import fill_catalogs
from pipeline.tm.index import TMIndex, TMUnit, similarity


def translate(sentence: str) -> str:
    """The compendium's stand-in translation: it names its source, so suggestions can be compared."""
    return "訳：" + sentence[::-1]


def make_data(size: int, new: int, seed: int = 2026) -> tuple[Catalog, Catalog, dict[str, str]]:
    """A compendium of reviewed units, a template a third of which repeats it, near → source."""
    rng = random.Random(seed)
    sentences = make_sentences(size + new, rng)
    memory, fresh = sentences[:size], sentences[size:]
    compendium = Catalog(HEADER, tuple(Entry(s, translate(s)) for s in memory))
    units: list[str] = []
    near: dict[str, str] = {}
    for index in range(new):
        if index % 3 == 0 and index % 2 == 0:
            units.append(rng.choice(memory))  # exact repeat
        elif index % 3 == 0:
            original = rng.choice(memory)
            words = original.split()
            words[rng.randrange(len(words) - 1)] = rng.choice(EDITS)
            units.append(" ".join(words))  # near repeat
            near[units[-1]] = original
        else:
            units.append(fresh[index])
    template = Catalog(HEADER, tuple(Entry(s) for s in dict.fromkeys(units)))
    return compendium, template, near


def fill(compendium: Path, template: Path, output: Path, index_file: Path) -> None:
    """Our side, run as its own process: refresh the index, fill, write the PO file."""
    text = compendium.read_text(encoding="utf-8")
    index = TMIndex(index_file)

    def units() -> list[TMUnit]:
        catalog = parse_po(text, str(compendium))
        return [TMUnit(e.msgid, e.msgstr, "compendium") for e in catalog.active if e.reviewed]

    # The digest is the file's size and mtime here: hashing is the project's choice, not the
    # index's, and a warm run must not pay for reading 200,000 units it never parses.
    stat = compendium.stat()
    index.refresh({"compendium": (f"{stat.st_size}:{stat.st_mtime_ns}", units)})
    catalogs = {"new": read_po(template)}
    filled, _ = fill_catalogs(catalogs, "ja", index, 75, True, lambda entry: [])
    output.write_text(format_po(filled["new"]), encoding="utf-8")


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def agreement(ours: Catalog, gnu: Catalog, near: dict[str, str]) -> dict[str, int]:
    """Counts behind the agreement figures, by source text."""
    mine = {e.msgid: e for e in ours.active if e.msgid}
    theirs = {e.msgid: e for e in gnu.active if e.msgid}
    exact_ours = {s for s, e in mine.items() if e.reviewed}
    exact_gnu = {s for s, e in theirs.items() if e.reviewed}
    fuzzy_ours = {s: e for s, e in mine.items() if e.fuzzy and e.translated}
    fuzzy_gnu = {s: e for s, e in theirs.items() if e.fuzzy and e.translated}
    both = set(fuzzy_ours) & set(fuzzy_gnu)
    return {
        "exact_ours": len(exact_ours),
        "exact_gnu": len(exact_gnu),
        "exact_same": len(exact_ours & exact_gnu),
        "fuzzy_ours": len(fuzzy_ours),
        "fuzzy_gnu": len(fuzzy_gnu),
        "fuzzy_both": len(both),
        "fuzzy_same": sum(fuzzy_ours[s].msgstr == fuzzy_gnu[s].msgstr for s in both),
        "near": len(near),
        # A near repeat's right suggestion is the sentence it was edited from.
        "near_ours": sum(
            s in fuzzy_ours and fuzzy_ours[s].previous_msgid == o for s, o in near.items()
        ),
        "near_gnu": sum(
            s in fuzzy_gnu and fuzzy_gnu[s].previous_msgid == o for s, o in near.items()
        ),
        # Where both suggest, is ours at least as close by our measure as msgmerge's?
        "fuzzy_as_close": sum(
            similarity(s, fuzzy_ours[s].previous_msgid or "")
            >= similarity(s, fuzzy_gnu[s].previous_msgid or "")
            for s in both
        ),
    }


def lookup_per_unit(size: int, probes: int, folder: Path) -> tuple[float, float]:
    """(seconds to build an index of ``size`` units, mean seconds per lookup)."""
    compendium, template, _ = make_data(size, probes, seed=7)
    index = TMIndex(folder / "million.sqlite")
    units = [TMUnit(e.msgid, e.msgstr, "memory") for e in compendium.entries]
    start = time.perf_counter()
    index.refresh({"memory": ("1", lambda: units)})
    build = time.perf_counter() - start
    start = time.perf_counter()
    for entry in template.entries:
        index.lookup(entry.msgid, None, 75)
    return build, (time.perf_counter() - start) / len(template.entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200_000, help="compendium units (200000)")
    parser.add_argument("--new", type=int, default=2_000, help="units to fill (2000)")
    parser.add_argument("--large", type=int, default=1_000_000, help="memory for lookups (1M)")
    parser.add_argument("--fill", nargs=4, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill:
        fill(*args.fill)
        return
    compendium, template, near = make_data(args.units, args.new)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        comp_po, new_pot, empty_po = folder / "comp.po", folder / "new.pot", folder / "empty.po"
        comp_po.write_text(format_po(compendium), encoding="utf-8")
        new_pot.write_text(format_po(template), encoding="utf-8")
        empty_po.write_text(format_po(Catalog(HEADER, ())), encoding="utf-8")
        ours_po, gnu_po, index = folder / "ours.po", folder / "gnu.po", folder / "tm.sqlite"
        ours = [sys.executable, __file__, "--fill", str(comp_po), str(new_pot), str(ours_po)]
        cold = timed([*ours, str(index)])
        warm = timed([*ours, str(index)])
        gnu = timed(
            ["msgmerge", "-q", "--previous", "--compendium", str(comp_po), str(empty_po), str(new_pot),
             "-o", str(gnu_po)]
        )  # fmt: skip
        counts = agreement(read_po(ours_po), read_po(gnu_po), near)
        build, per_unit = lookup_per_unit(args.large, args.new, folder)
    exact = counts["exact_same"] / max(counts["exact_ours"], counts["exact_gnu"], 1)
    print(f"compendium {args.units} units, new catalog {len(template.entries)} units")
    print(
        f"exact: ours {counts['exact_ours']}, msgmerge {counts['exact_gnu']}, agreement {exact:.1%}"
    )
    print(
        f"fuzzy: ours {counts['fuzzy_ours']} (≥75%), msgmerge {counts['fuzzy_gnu']} (its 0.6 "
        f"threshold); both {counts['fuzzy_both']}, same suggestion {counts['fuzzy_same']} "
        f"({counts['fuzzy_same'] / max(counts['fuzzy_both'], 1):.1%} of both; ours as similar "
        f"or more by fuzz.ratio in {counts['fuzzy_as_close']})"
    )
    print(
        f"near repeats (one word changed): the source sentence suggested by ours in "
        f"{counts['near_ours']}/{counts['near']}, by msgmerge in {counts['near_gnu']}/{counts['near']}"
    )
    print(
        f"memory of {args.large} units: index built in {build:.1f}s, "
        f"lookup {per_unit * 1000:.2f} ms per unit"
    )
    print(f"ours cold (index built): {cold:.2f}s; ours warm: {warm:.2f}s; msgmerge: {gnu:.2f}s")
    print(f"cold vs msgmerge: {cold / gnu:.2f}x")
    print(f"tm fill vs msgmerge --compendium: {warm / gnu:.2f}x")


if __name__ == "__main__":
    main()
