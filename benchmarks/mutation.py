"""A mutation pass over the modules behind the README's promises: how many one-line bugs do the
tests catch?

Each mutant below is a deliberate, plausible one-line bug in catalog read/write/merge, glossary
matching, enforcement, the check rules, edition rendering, atomic writes or the lock. For each,
the script copies the checkout to a temporary folder, applies the mutant, runs the tests of that
module's subpackage (``-x``, stopping at the first failure) and counts the mutant as killed when
they fail. It prints one line per mutant and the score last:

    python benchmarks/mutation.py               # this checkout
    python benchmarks/mutation.py --rev REV     # the same mutants against an earlier commit

A mutant whose text is no longer in its file (the code moved on) is reported as "n/a" and left
out of the score. Not part of .ci/run: a pass takes several minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutant:
    """Replace ``old`` (found exactly once) by ``new`` in ``path``; run ``tests``."""

    name: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]


MUTANTS = [
    # --- atomic writes and the lock -----------------------------------------------------------
    Mutant(
        "fsync dropped",
        "pipeline/core/fsio.py",
        "            os.fsync(handle.fileno())",
        "            pass",
        ("tests/core",),
    ),
    Mutant(
        "write in place instead of rename",
        "pipeline/core/fsio.py",
        "        os.replace(tmp, path)",
        "        path.write_bytes(Path(tmp).read_bytes()); os.unlink(tmp)",
        ("tests/core",),
    ),
    Mutant(
        "lock released before the writes",
        "pipeline/jobs/project.py",
        "    with project_lock(lock):\n        for folder in sorted(folders):",
        "    with project_lock(lock):\n        pass\n    if True:\n        for folder in sorted(folders):",
        ("tests/jobs",),
    ),
    # --- glossary matching ---------------------------------------------------------------------
    Mutant(
        "no left word boundary",
        "pipeline/glossary/match.py",
        "                if left and start > 0 and folded[start - 1].isalnum():",
        "                if False:",
        ("tests/glossary",),
    ),
    Mutant(
        "no right word boundary",
        "pipeline/glossary/match.py",
        "                if right and end < size and folded[end].isalnum():",
        "                if False:",
        ("tests/glossary",),
    ),
    # --- catalog merge ------------------------------------------------------------------------
    Mutant(
        "fuzzy threshold 0.5",
        "pipeline/catalog/merge.py",
        "FUZZY_THRESHOLD = 0.6",
        "FUZZY_THRESHOLD = 0.5",
        ("tests/catalog",),
    ),
    Mutant(
        "fuzzy threshold 0.75",
        "pipeline/catalog/merge.py",
        "FUZZY_THRESHOLD = 0.6",
        "FUZZY_THRESHOLD = 0.75",
        ("tests/catalog",),
    ),
    Mutant(
        "< for <= at the threshold",
        "pipeline/catalog/merge.py",
        "        if top_weight <= FUZZY_THRESHOLD:",
        "        if top_weight < FUZZY_THRESHOLD:",
        ("tests/catalog",),
    ),
    Mutant(
        "unused translations dropped, not obsolete",
        "pipeline/catalog/merge.py",
        "        if not was_used and _has_translation(entry)",
        "        if False",
        ("tests/catalog",),
    ),
    Mutant(
        "template date always now",
        "pipeline/jobs/catalogs.py",
        '    header["POT-Creation-Date"] = (old and old.header_value("POT-Creation-Date")) or po_date()',
        '    header["POT-Creation-Date"] = po_date()',
        ("tests/cli", "tests/jobs"),
    ),
    # --- PO read/write -------------------------------------------------------------------------
    Mutant(
        "page width 80",
        "pipeline/catalog/_powrite.py",
        "PAGE_WIDTH = 79",
        "PAGE_WIDTH = 80",
        ("tests/catalog",),
    ),
    Mutant(
        "quote not escaped",
        "pipeline/catalog/_powrite.py",
        "        '\"': '\\\\\"',",
        "        '\"': '\"',",
        ("tests/catalog",),
    ),
    # --- drafting and enforcement ----------------------------------------------------------------
    Mutant(
        "fuzzy entries drafted",
        "pipeline/tm/fill.py",
        "        and not entry.fuzzy\n",
        "\n",
        ("tests/mt", "tests/tm", "tests/jobs"),
    ),
    Mutant(
        "first hypothesis kept whatever it breaks",
        "pipeline/mt/enforce.py",
        "        if not checked.notes:\n            return checked",
        "        return checked",
        ("tests/mt",),
    ),
    # --- check rules ----------------------------------------------------------------------------
    Mutant(
        "numbers never checked",
        "pipeline/qa/rules.py",
        '            yield ctx.finding(entry, "number-mismatch", label + problem)',
        "            pass",
        ("tests/qa",),
    ),
    Mutant(
        "markup never checked",
        "pipeline/qa/rules.py",
        '            yield ctx.finding(entry, "markup-mismatch", label + problem)',
        "            pass",
        ("tests/qa",),
    ),
    # --- editions -------------------------------------------------------------------------------
    Mutant(
        "alt text unescaped",
        "pipeline/edition/render.py",
        "        alt = escape(join_pieces(",
        "        alt = (join_pieces(",
        ("tests/edition",),
    ),
    Mutant(
        "title unescaped",
        "pipeline/edition/render.py",
        "<title>{escape(title or edition.slug)}</title>",
        "<title>{(title or edition.slug)}</title>",
        ("tests/edition",),
    ),
    Mutant(
        "drafts published without --include-drafts",
        "pipeline/edition/plan.py",
        "    if entry is not None and include_drafts and entry.fuzzy and entry.translated:",
        "    if entry is not None and entry.fuzzy and entry.translated:",
        ("tests/edition",),
    ),
]


def checkout(rev: str | None, into: Path) -> None:
    """The working tree as it is, or ``rev`` from git, copied into ``into``."""
    if rev is None:
        shutil.copytree(ROOT / "pipeline", into / "pipeline")
        shutil.copytree(ROOT / "tests", into / "tests")
        for name in ("pyproject.toml", "locpipe.yaml"):
            shutil.copy(ROOT / name, into / name)
        for name in ("articles", "glossary", "locales"):
            shutil.copytree(ROOT / name, into / name)
        return
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)


def run_mutant(mutant: Mutant, tree: Path, timeout: float) -> str:
    """killed, survived or n/a for one mutant applied to ``tree`` (restored afterwards)."""
    target = tree / mutant.path
    if not target.exists():
        return "n/a"
    original = target.read_text(encoding="utf-8")
    if original.count(mutant.old) != 1:
        return "n/a"
    tests = [t for t in mutant.tests if (tree / t).exists()]
    target.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
    try:
        env = {**os.environ, "PYTHONPATH": str(tree)}
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
        result = subprocess.run(
            command, cwd=tree, env=env, capture_output=True, timeout=timeout, check=False
        )
        return "survived" if result.returncode == 0 else "killed"
    except subprocess.TimeoutExpired:
        return "killed"  # a mutant that hangs the suite is caught, if slowly
    finally:
        target.write_text(original, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", help="run against this commit instead of the working tree")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per mutant")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="locpipe-mutation-") as folder:
        tree = Path(folder)
        checkout(args.rev, tree)
        outcomes = []
        for mutant in MUTANTS:
            outcome = run_mutant(mutant, tree, args.timeout)
            outcomes.append(outcome)
            print(f"{outcome:>8}  {mutant.path}: {mutant.name}", flush=True)
    applicable = [o for o in outcomes if o != "n/a"]
    killed = applicable.count("killed")
    survivors = [m.name for m, o in zip(MUTANTS, outcomes, strict=True) if o == "survived"]
    if survivors:
        print("surviving: " + "; ".join(survivors))
    where = args.rev or "working tree"
    print(f"mutation score ({where}): {killed}/{len(applicable)} killed", end="")
    print(f" ({killed / len(applicable):.0%})" if applicable else "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
