"""YAML speed: ``locpipe check`` with a 10,000-term glossary, libyaml composition vs pure Python.

Baseline: the same command with PyYAML's pure-Python composer (what locpipe used before, and
what it falls back to where PyYAML was built without libyaml), forced by hiding
``yaml.CSafeLoader`` before locpipe is imported. Both are whole processes, run alternately,
best of ``--repeat``. Last line: ``check with libyaml vs pure-Python YAML: <ratio>x``.

Run: python benchmarks/bench_yaml.py [--terms N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import precompile  # this folder is on sys.path

ROOT = Path(__file__).resolve().parents[1]
RUN = "import sys; from pipeline.cli import main; main(sys.argv[1:])"
PURE = "import yaml; del yaml.CSafeLoader; " + RUN


def make_project(folder: Path, terms: int) -> None:
    """The sample article, ja only, and a glossary of ``terms`` synthetic terms."""
    (folder / "articles").mkdir(parents=True)
    shutil.copy(ROOT / "articles" / "japan-china-relations.txt", folder / "articles")
    (folder / "glossary").mkdir()
    lines = ["version: 1", "terms:"]
    for index in range(terms):
        lines += [
            f"  - id: term-{index}",
            f"    en: [Term Number {index}, TN{index}]",
            "    type: other",
            f"    ja: [用語{index}, 語{index}]",
            f"    forbidden: {{ja: [誤{index}]}}",
            f"    note: {json.dumps(f'Synthetic term {index}, for the benchmark.')}",
        ]
    (folder / "glossary" / "terms.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "locpipe.yaml").write_text(
        "source_language: en\nlanguages: [ja]\nsources: [articles/*.txt]\n"
        "glossary: [glossary/*.yaml]\n",
        encoding="utf-8",
    )
    subprocess.run([sys.executable, "-c", RUN, "run"], cwd=folder, check=True, capture_output=True)


def timed(code: str, folder: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code, "check"], cwd=folder, capture_output=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(result.stderr.decode())
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    precompile()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        make_project(folder, args.terms)
        size = (folder / "glossary" / "terms.yaml").stat().st_size
        fast, pure = [], []
        for _ in range(args.repeat):
            fast.append(timed(RUN, folder))
            pure.append(timed(PURE, folder))
    print(f"glossary: {args.terms:,} terms, {size / 2**20:.1f} MiB of YAML")
    print(f"locpipe check, libyaml:     best {min(fast):.2f} s of {args.repeat}")
    print(f"locpipe check, pure Python: best {min(pure):.2f} s of {args.repeat}")
    print(f"check with libyaml vs pure-Python YAML: {min(pure) / min(fast):.2f}x")


if __name__ == "__main__":
    main()
