"""A newsroom's day in one run: ``locpipe run`` on N generated articles against raw CTranslate2.

Generates N articles (default 300 × 30 sentences, 20% of each article's sentences shared with
other articles) and the project's copy model (docs/architecture.md#tests), then reports, each measured here:
1. end-to-end ``locpipe run`` (a fresh process: extract, update, draft, write) in unique units
   per second, against raw ``ctranslate2.Translator.translate_batch`` on the same prepared units,
   same model and settings (``raw_ctranslate2.py``: load, tokenize, translate, decode, also a
   fresh process, so both sides pay interpreter start and imports): target ≥ 0.8×;
   with ``--loaded``, also both again while a busy-loop process keeps one core spinning;
2. peak RSS of ``locpipe run`` at 100 and 1,000 articles (target: ≤ 1.5× for 10× the corpus,
   beyond the catalogs themselves, whose size on disk is printed beside it);
3. ``locpipe run --executor ray`` (a local Ray instance on this machine's cores) against the
   local executor on the same extracted project, best of N each, interleaved: target ≤ 1.5×
   the time, catalogs identical;
4. a run killed (``kill -9``) once half the units are in the draft cache, then resumed: the
   rerun translates only the unfinished half.
The last line is the throughput ratio ``locpipe run vs raw CTranslate2: <x>x``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # runnable from a checkout without installing
from bench_draft import busy_core, isolate_argos  # noqa: E402  (this folder is on sys.path)
from common import precompile  # noqa: E402  (this folder is on sys.path)


def locpipe(project: Path, *args: str) -> tuple[float, int, str, float]:
    """Run ``locpipe run ARGS`` in a fresh process: (seconds, peak RSS KiB, stdout, CPU seconds)."""
    command = [sys.executable, "-m", "pipeline", "run", *args]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, text=True)
    out = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"locpipe run {' '.join(args)} failed ({child.returncode}):\n{out}")
    return seconds, usage.ru_maxrss, out, usage.ru_utime + usage.ru_stime


def make_project(folder: Path, articles: int, sentences: int, mt: str) -> Path:
    from tests.support.corpus import write_corpus

    write_corpus(folder, articles, sentences, mt=mt)
    return folder


def pending_units(project: Path) -> list[str]:
    """The prepared text of every unit the run will translate, deduplicated (as locpipe does)."""
    from pipeline.catalog.po import read_po
    from pipeline.core.model import Catalog
    from pipeline.glossary.schema import load_glossary
    from pipeline.mt.draft import pending_sources
    from pipeline.mt.enforce import plan_unit

    catalogs: dict[str, Catalog] = {
        p.stem: read_po(p) for p in sorted(project.glob("locales/ja/LC_MESSAGES/*.po"))
    }
    glossary = load_glossary([], ("ja",))
    return [plan_unit(s, glossary, "ja").prepared for s in pending_sources(catalogs)]


def raw_ctranslate2(
    project: Path, beam: int, n_best: int, threads: int | None
) -> tuple[float, int, float]:
    """The raw engine as a whole process (``raw_ctranslate2.py``) on the run's prepared units.

    Returns (seconds, units, CPU seconds of that process, all threads).
    """
    from pipeline.mt.argos import find_model

    units = pending_units(project)
    model = find_model("en", "ja")
    assert model is not None
    units_file = project.parent / "raw-units.json"
    units_file.write_text(json.dumps(units, ensure_ascii=False), "utf-8")
    command = [
        sys.executable,
        str(Path(__file__).with_name("raw_ctranslate2.py")),
        str(units_file),
        str(model.path),
        str(beam),
        str(n_best),
        str(threads or ""),
    ]
    started = time.perf_counter()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"raw_ctranslate2.py failed ({os.waitstatus_to_exitcode(status)})")
    return seconds, len(units), usage.ru_utime + usage.ru_stime


def extracted_copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".locpipe-cache"))
    return target


def catalogs_identical(first: Path, second: Path) -> bool:
    files = sorted(p.relative_to(first) for p in first.glob("locales/**/*.po*"))
    return bool(files) and all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def cached_rows(project: Path) -> int:
    path = project / ".locpipe-cache" / "drafts.sqlite3"
    try:
        with sqlite3.connect(path, timeout=30) as db:
            return int(db.execute("SELECT count(*) FROM drafts").fetchone()[0])
    except sqlite3.Error:
        return 0


def resume_after_kill(project: Path, total: int) -> tuple[int, float, str]:
    """Kill -9 a run once half the units are cached; (cached then, rerun seconds, rerun line)."""
    child = subprocess.Popen([sys.executable, "-m", "pipeline", "--quiet", "run"], cwd=project)
    while cached_rows(project) < total // 2 and child.poll() is None:
        time.sleep(0.05)
    child.kill()
    child.wait()
    kept = cached_rows(project)
    seconds, _, out, _ = locpipe(project)
    line = next(line for line in out.splitlines() if "from the cache" in line)
    return kept, seconds, line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--sentences", type=int, default=30)
    parser.add_argument("--n-best", type=int, default=4)
    parser.add_argument("--rss", type=int, nargs="*", default=(100, 1000), metavar="ARTICLES")
    parser.add_argument(
        "--repeats", type=int, default=2, help="Best of N for (1) and (3), interleaved."
    )
    parser.add_argument("--no-ray", action="store_true", help="Skip the Ray comparison.")
    parser.add_argument("--no-resume", action="store_true", help="Skip the kill-and-resume run.")
    parser.add_argument(
        "--threads", type=int, help="mt.threads for both sides (default: locpipe's choice)."
    )
    parser.add_argument(
        "--loaded", action="store_true", help="Also time (1) with one core kept busy."
    )
    args = parser.parse_args()
    precompile()
    with tempfile.TemporaryDirectory(prefix="locpipe-corpus-") as scratch:
        folder = Path(scratch)
        isolate_argos(folder)
        os.environ["PYTHONPATH"] = str(ROOT)
        from pipeline.mt.runtime import quiet_openmp

        quiet_openmp()
        run(folder, args)


@dataclass(frozen=True)
class Throughput:
    """(1)'s figures, each the best of N: wall and CPU seconds of both sides."""

    ours: float
    raw: float
    ours_cpu: float
    raw_cpu: float
    units: int


def throughput(folder: Path, base: Path, args: argparse.Namespace, label: str) -> Throughput:
    """(1): best of N, interleaved, for locpipe run and the raw engine."""
    # Interleaved: a noisy neighbour on a shared machine slows both sides alike.
    raw_seconds = ours = raw_cpu = ours_cpu = float("inf")
    for attempt in range(args.repeats):
        seconds, units, cpu = raw_ctranslate2(base, args.n_best, args.n_best, args.threads)
        raw_seconds, raw_cpu = min(raw_seconds, seconds), min(raw_cpu, cpu)
        seconds, _, _, cpu = locpipe(extracted_copy(base, folder / f"{label}-{attempt}"))
        ours, ours_cpu = min(ours, seconds), min(ours_cpu, cpu)
    return Throughput(ours, raw_seconds, ours_cpu, raw_cpu, units)


def report_throughput(folder: Path, base: Path, args: argparse.Namespace) -> Throughput:
    """Print (1), and (1') under one busy core with ``--loaded``; return (1)'s figures."""
    from pipeline.mt.runtime import thread_counts

    idle = throughput(folder, base, args, "idle")
    intra, inter = thread_counts(args.threads)
    print(
        f"corpus: {args.articles} articles × {args.sentences} sentences, {idle.units} unique units"
    )
    print(
        f"mt: beam {args.n_best}, n-best {args.n_best}; copy model; {os.cpu_count()} cores, intra_threads {intra}, inter_threads {inter}"
    )
    print(
        f"(1) locpipe run: {idle.ours:.2f}s, {idle.units / idle.ours:.1f} units/s;"
        f" raw translate_batch: {idle.raw:.2f}s, {idle.units / idle.raw:.1f} units/s (best of {args.repeats})"
    )
    # CPU time is what a loaded machine distorts least: the work each side did.
    print(
        f"(1) CPU user+sys: locpipe run {idle.ours_cpu:.2f}s, raw {idle.raw_cpu:.2f}s"
        f" = {idle.raw_cpu / idle.ours_cpu:.2f}x"
    )
    if args.loaded:
        with busy_core():
            loaded = throughput(folder, base, args, "loaded")
        print(
            f"(1') one core busy: locpipe run {loaded.ours:.2f}s, raw translate_batch"
            f" {loaded.raw:.2f}s = {loaded.raw / loaded.ours:.2f}x"
        )
    return idle


def report_ray(folder: Path, base: Path, args: argparse.Namespace) -> None:
    """(3): ``run --executor ray`` against the local executor, best of N each, interleaved."""
    # Its own local runs beside the Ray ones: a one-off Ray run against (1)'s best local run
    # compared a noisy moment with the quietest one.
    on_ray = local = float("inf")
    same = True
    for attempt in range(args.repeats):
        local_copy = extracted_copy(base, folder / f"ray-local-{attempt}")
        local = min(local, locpipe(local_copy)[0])
        ray_copy = extracted_copy(base, folder / f"ray-{attempt}")
        on_ray = min(on_ray, locpipe(ray_copy, "--executor", "ray")[0])
        same = same and catalogs_identical(local_copy, ray_copy)
    print(
        f"(3) Ray executor (local instance): {on_ray:.2f}s vs local {local:.2f}s ="
        f" {on_ray / local:.2f}x, {on_ray - local:+.2f}s (best of {args.repeats}, interleaved);"
        f" catalogs identical: {same}"
    )


def run(folder: Path, args: argparse.Namespace) -> None:
    from pipeline.mt.argos import install_file
    from tests.support.corpus import article_sentences
    from tests.support.testmodel import PLACEHOLDER_TOKENS, build_argos_model

    vocabulary = [s for lines in article_sentences(20, args.sentences) for s in lines]
    install_file(
        build_argos_model(
            folder / "ja.argosmodel", vocabulary_text=vocabulary, user_symbols=PLACEHOLDER_TOKENS
        )
    )
    threads = f"threads: {args.threads}, " if args.threads else ""
    mt = f"{{{threads}n_best: {args.n_best}, beam_size: {args.n_best}}}"
    base = make_project(folder / "base", args.articles, args.sentences, mt)
    subprocess.run([sys.executable, "-m", "pipeline", "--quiet", "extract"], cwd=base, check=True)
    subprocess.run([sys.executable, "-m", "pipeline", "--quiet", "update"], cwd=base, check=True)
    figures = report_throughput(folder, base, args)
    ours, raw_seconds, units = figures.ours, figures.raw, figures.units
    for count in args.rss:
        project = make_project(folder / f"rss-{count}", count, args.sentences, mt)
        seconds, rss, _, _ = locpipe(project)
        size = sum(p.stat().st_size for p in project.glob("locales/**/*.po*"))
        print(
            f"(2) {count} articles: peak RSS {rss / 1024:.0f} MiB, catalogs {size / 2**20:.1f} MiB,"
            f" {seconds:.1f}s"
        )
    if not args.no_ray:
        report_ray(folder, base, args)
    if not args.no_resume:
        resumed = extracted_copy(base, folder / "resume")
        kept, seconds, line = resume_after_kill(resumed, units)
        print(f"(4) killed with {kept}/{units} units cached; rerun {seconds:.2f}s: {line}")
    print(f"locpipe run vs raw CTranslate2: {raw_seconds / ours:.2f}x")


if __name__ == "__main__":
    main()
