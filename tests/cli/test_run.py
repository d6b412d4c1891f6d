"""``locpipe run`` on a many-article corpus as a user runs it: a real process, real signals."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import jobs
from pipeline.catalog.po import read_po
from pipeline.core.config import Settings, load_config
from pipeline.mt.cache import cache_path
from tests.conftest import ROOT, invoke, msgfmt_check
from tests.support.corpus import unique_sentences, write_corpus

ARTICLES, SENTENCES = 25, 30
#: A guard against a hung child, not a speed requirement.
GIVE_UP = 300.0


@pytest.fixture
def corpus(tmp_path: Path, copy_packages: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A 25-article project (650 units) and the environment that finds the copy model."""
    root = tmp_path / "news"
    write_corpus(root, ARTICLES, SENTENCES, mt="{n_best: 4, beam_size: 4, threads: 1}")
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(copy_packages), "PYTHONPATH": str(ROOT)}
    yield root, env


def start_run(root: Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """``locpipe run`` in a child that gets Ctrl-C as a terminal user's process does."""
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", *args],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A child of a background job inherits SIGINT ignored; a user's terminal does not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def cached_rows(root: Path) -> int:
    path = cache_path(root / ".locpipe-cache")
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=30) as db:
            return int(db.execute("SELECT count(*) FROM drafts").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # the table is being created


def wait_for_first_chunk(root: Path, child: subprocess.Popen[str]) -> None:
    """Return once a chunk is in the cache and the child still runs."""
    deadline = time.monotonic() + GIVE_UP
    while cached_rows(root) == 0:
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline, "no chunk finished"
        time.sleep(0.02)


def total_units() -> int:
    return unique_sentences(ARTICLES, SENTENCES) + ARTICLES  # + one headline each


def rerun_counting(settings: Settings) -> tuple[jobs.DraftOutcome, list[int]]:
    translated: list[int] = []

    def counting(s: Settings, language: str) -> object:
        engine = jobs.argos_engine(s, language)
        assert engine is not None
        inner_translate = engine.translate

        def translate(sources: list[str], n_best: int) -> object:
            translated.append(len(sources))
            return inner_translate(sources, n_best)

        engine.translate = translate  # type: ignore[method-assign]
        return engine

    return jobs.run(settings, find_engine=counting), translated  # type: ignore[arg-type]


def test_cache_survives_kill_9_and_a_rerun_translates_only_the_rest(
    corpus: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, env = corpus
    child = start_run(root, env)
    wait_for_first_chunk(root, child)
    child.kill()
    child.wait()
    with sqlite3.connect(cache_path(root / ".locpipe-cache")) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    kept = cached_rows(root)
    assert 0 < kept < total_units()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", env["ARGOS_PACKAGES_DIR"])
    outcome, translated = rerun_counting(load_config(root / "locpipe.yaml"))
    report = outcome.reports[0]
    assert (report.cached, sum(translated)) == (kept, total_units() - kept)
    assert not report.interrupted and report.drafted == total_units()
    for path in root.glob("locales/ja/LC_MESSAGES/*.po"):
        assert all(e.fuzzy and e.msgstr for e in read_po(path).active)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize(
    "executor", ["local", pytest.param("ray", marks=pytest.mark.ray)], ids=["local", "ray"]
)
def test_interrupt_exits_130_and_writes_consistent_catalogs(
    corpus: tuple[Path, dict[str, str]], signum: int, executor: str
) -> None:
    root, env = corpus
    child = start_run(root, env, "--executor", executor)  # Ray: a local instance of its own
    wait_for_first_chunk(root, child)
    child.send_signal(signum)
    out, err = child.communicate(timeout=GIVE_UP)
    assert child.returncode == 130, err
    assert "Traceback" not in err and "Interrupted" in out
    with sqlite3.connect(cache_path(root / ".locpipe-cache")) as db:
        cached = {source for (source,) in db.execute("SELECT source FROM drafts")}
    drafted, waiting = set(), set()
    for path in sorted(root.glob("locales/ja/LC_MESSAGES/*.po")):
        assert msgfmt_check(path).returncode == 0
        for entry in read_po(path).active:
            (drafted if entry.msgstr else waiting).add(entry.msgid)
            assert not entry.msgstr or entry.fuzzy  # drafts only, never reviewed
    assert drafted and waiting and drafted <= cached
    assert len(drafted | waiting) == total_units()
    rerun = subprocess.run(
        [sys.executable, "-m", "pipeline", "run"], cwd=root, env=env, capture_output=True, text=True
    )
    assert rerun.returncode == 0, rerun.stderr
    left, reused = total_units() - len(drafted), len(cached - drafted)
    assert f"drafting ja: {reused}/{left} units ({reused} from the cache)" in rerun.stdout
    for path in root.glob("locales/ja/LC_MESSAGES/*.po"):
        assert all(e.fuzzy and e.msgstr for e in read_po(path).active)


def test_progress_is_plain_lines_on_a_non_terminal(tmp_path: Path, copy_packages: Path) -> None:
    write_corpus(tmp_path, 3, 10)
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(copy_packages), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "pipeline", "run"]
    shown = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    total = unique_sentences(3, 10) + 3
    lines = shown.stdout.splitlines()
    assert lines[0] == f"drafting ja: 0/{total} units (0 from the cache)"
    assert lines[1].startswith(f"drafting ja: {total}/{total} units, ")
    assert lines[1].endswith(" units/s") and "\x1b[" not in shown.stdout  # no bar, no colour
    quiet = subprocess.run(
        [sys.executable, "-m", "pipeline", "--quiet", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert (quiet.returncode, quiet.stdout) == (0, "")


def test_dry_run_prints_the_report_and_writes_nothing(
    tmp_path: Path,
    with_copy_models: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_corpus(tmp_path, 2, 6)
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    code, out, err = invoke(["run", "--dry-run"], capsys)
    assert (code, err) == (0, "")
    assert sorted(tmp_path.rglob("*")) == before
    assert "What would change (dry run)" in out and "drafting" not in out
    assert "would create  locales/ja/LC_MESSAGES/article-00001.po" in out
    assert out.rstrip().endswith("Dry run: nothing was translated or written.")
    code, out, _ = invoke(["run"], capsys)
    assert code == 0 and "What changed" in out
    assert "created  locales/ja/LC_MESSAGES/article-00002.po" in out


def test_a_corpus_s_status_is_summed_per_language_and_status_lists_each(
    tmp_path: Path,
    with_copy_models: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past a dozen catalogs, run's status is one row per language and its next step counts
    the files; 'locpipe status' still lists each catalog. What changed is still per catalog."""
    write_corpus(tmp_path, 7, 3, languages=("ja", "zh"))
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke(["run"], capsys)
    assert (code, err) == (0, "")
    rows = [line.split() for line in out.splitlines()]
    changed = [row for row in rows if row[:1] in (["ja"], ["zh"]) and row[1].startswith("article-")]
    assert len(changed) == 14  # What changed: every catalog
    summed = [row for row in rows if row[1:3] == ["7", "catalogs"]]
    assert [row[0] for row in summed] == ["ja", "zh"]
    catalogs = [read_po(p) for p in sorted(tmp_path.glob("locales/ja/LC_MESSAGES/*.po"))]
    fuzzy = sum(e.fuzzy for catalog in catalogs for e in catalog.active)
    assert summed[0][4] == str(fuzzy) and fuzzy > 0  # reviewed, fuzzy, empty ... summed
    assert out.splitlines()[-1].startswith(
        f"Next: review {2 * fuzzy} fuzzy drafts in 14 files ('locpipe status' lists them)"
    )
    code, out, _ = invoke(["status"], capsys)
    listed = [line.split()[1] for line in out.splitlines() if line.startswith(("ja ", "zh "))]
    assert code == 0 and len(listed) == 14 and listed[0] == "article-00001"
