"""Optimistic concurrency: a file changed while a job ran is redone on top, or kept, never lost."""

from __future__ import annotations

import fcntl
import itertools
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import jobs
from pipeline.catalog import format_po, read_po
from pipeline.core import Settings, load_config
from pipeline.jobs.project import PlannedFile, ReadLog, write_project_files
from pipeline.mt import Engine
from tests.conftest import ROOT, SAMPLE_SLUG, msgfmt_check
from tests.support.engines import HookedEngine
from tests.support.inotify import read_watch

WORDS = [
    "river",
    "mountain",
    "city",
    "council",
    "report",
    "budget",
    "school",
    "market",
    "harbour",
    "festival",
    "railway",
]


def big_project(root: Path, sentences: int) -> Path:
    """A project with one long article (distinct sentences), ja only, extracted and updated."""
    (root / "articles").mkdir(parents=True)
    rng = random.Random(7)
    lines = []
    for number in range(sentences):
        a, b, c, d = rng.sample(WORDS, 4)
        lines.append(f"The {a} near the {b} opened {number} new {c} halls beside the {d}.")
    paragraphs = [" ".join(lines[i : i + 5]) for i in range(0, len(lines), 5)]
    text = "\n\n".join(["Big test article", *paragraphs]) + "\n"
    (root / "articles" / "big.txt").write_text(text, encoding="utf-8")
    (root / "locpipe.yaml").write_text(
        "source_language: en\nlanguages: [ja]\nsources: [articles/*.txt]\n", encoding="utf-8"
    )
    settings = load_config(root / "locpipe.yaml")
    jobs.extract(settings)
    jobs.update(settings)
    return root / "locales" / "ja" / "LC_MESSAGES" / "big.po"


def start_draft(root: Path, packages: Path) -> subprocess.Popen[str]:
    return start_locpipe(root, packages, "draft")


def start_locpipe(root: Path, packages: Path, command: str) -> subprocess.Popen[str]:
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", command],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_translators_save_during_a_slow_draft_survives(
    tmp_path: Path, copy_packages: Path
) -> None:
    po = big_project(tmp_path, 300)
    with read_watch(po) as wait_for_read:
        draft = start_draft(tmp_path, copy_packages)
        wait_for_read(120)  # the draft has read the catalog; it translates for seconds now
        # As Poedit would: the translator reviews one entry and saves the whole file.
        catalog = read_po(po)
        target = catalog.entries[3]
        edited = replace(target, msgstr="翻訳者の訳。")
        entries = tuple(edited if e is target else e for e in catalog.entries)
        po.write_text(format_po(replace(catalog, entries=entries)), encoding="utf-8")
        out, err = draft.communicate(timeout=600)
    assert (draft.returncode, err) == (0, "")
    assert "merged  locales/ja/LC_MESSAGES/big.po" in out  # the save landed mid-draft
    after = {e.msgid: e for e in read_po(po).entries}
    assert after[target.msgid].msgstr == "翻訳者の訳。"
    assert after[target.msgid].reviewed
    drafted = [
        e for e in after.values() if e.fuzzy and any(x.startswith("mt: ") for x in e.extracted)
    ]
    assert len(drafted) == len(after) - 1  # every other entry got its draft


def test_an_extract_and_update_finishing_during_a_draft_is_not_undone(
    tmp_path: Path, copy_packages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = big_project(tmp_path, 300)
    settings = load_config(tmp_path / "locpipe.yaml")
    new_sentence = "A brand new sentence arrived while the draft was running."
    with read_watch(po) as wait_for_read:
        draft = start_draft(tmp_path, copy_packages)
        wait_for_read(120)
        with (tmp_path / "articles" / "big.txt").open("a", encoding="utf-8") as article:
            article.write(f"\n{new_sentence}\n")
        jobs.extract(settings)
        jobs.update(settings)
        out, err = draft.communicate(timeout=600)
    assert (draft.returncode, err) == (0, "")
    assert "merged  locales/ja/LC_MESSAGES/big.po" in out
    template = {e.msgid for e in read_po(settings.pot_path("big")).entries}
    after = {e.msgid: e for e in read_po(po).entries if not e.obsolete}
    assert new_sentence in template
    assert set(after) == template  # the update's new unit is still there
    assert not after[new_sentence].translated  # the draft never saw it: left for the next one
    assert all(e.fuzzy and e.translated for m, e in after.items() if m != new_sentence)


# --- the mechanism itself, in process -----------------------------------------------------------


def test_a_file_changed_since_it_was_read_is_redone_on_its_new_content(
    sample_project: Path,
) -> None:
    settings = load_config(sample_project / "locpipe.yaml")
    path = settings.locales / "notes.txt"
    path.parent.mkdir()
    path.write_text("one\n", encoding="utf-8")
    reads = ReadLog()
    reads.note(path, path.read_bytes())
    path.write_text("one\ntheirs\n", encoding="utf-8")  # someone else's change

    def redo(current: bytes | None) -> bytes:
        assert current is not None
        return current + b"ours\n"

    [change] = write_project_files(settings, [PlannedFile(path, "one\nours\n", redo)], reads)
    assert (change.action, path.read_text(encoding="utf-8")) == ("merged", "one\ntheirs\nours\n")


@pytest.mark.parametrize("redo", [None, lambda current: None], ids=["no-redo", "redo-gives-up"])
def test_a_changed_file_that_cannot_be_redone_is_kept_as_it_is(
    sample_project: Path, redo: object
) -> None:
    settings = load_config(sample_project / "locpipe.yaml")
    path = settings.locales / "notes.txt"
    path.parent.mkdir()
    reads = ReadLog()
    reads.note(path, None)  # absent when read
    path.write_text("theirs\n", encoding="utf-8")
    planned = PlannedFile(path, "ours\n", redo)  # type: ignore[arg-type]
    [change] = write_project_files(settings, [planned], reads)
    assert (change.action, path.read_text(encoding="utf-8")) == ("kept", "theirs\n")


def test_an_unchanged_file_is_written_as_planned(sample_project: Path) -> None:
    settings = load_config(sample_project / "locpipe.yaml")
    path = settings.locales / "notes.txt"
    path.parent.mkdir()
    path.write_text("old\n", encoding="utf-8")
    reads = ReadLog()
    reads.note(path, "old\n")
    [change] = write_project_files(settings, [PlannedFile(path, "new\n")], reads)
    assert (change.action, path.read_text(encoding="utf-8")) == ("updated", "new\n")


def test_stale_temporary_files_of_a_killed_write_are_removed_by_the_next_write(
    sample_project: Path,
) -> None:
    settings = load_config(sample_project / "locpipe.yaml")
    folder = settings.locales / "ja" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    stale = folder / ".x.po.a1B2c3_d.tmp"
    stale.write_text("half", encoding="utf-8")
    unrelated = folder / ".notes.tmp"  # not a name our writes make: not ours to remove
    unrelated.write_text("keep", encoding="utf-8")
    write_project_files(settings, [(folder / "x.po", "whole\n")])
    assert sorted(p.name for p in folder.iterdir()) == [".notes.tmp", "x.po"]


def test_every_file_is_written_while_the_project_lock_is_held(
    sample_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mutant killed: releasing the lock before the writes (another run could interleave)."""
    settings = load_config(sample_project / "locpipe.yaml")
    lock = settings.locales / ".locpipe.lock"
    held: list[bool] = []
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        with open(lock, "a+") as probe:
            try:
                fcntl.flock(probe.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                held.append(True)
            else:
                held.append(False)
                fcntl.flock(probe.fileno(), fcntl.LOCK_UN)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    files: list[tuple[Path, str | bytes]] = [
        (settings.locales / "a.pot", "a\n"),
        (settings.locales / "ja" / "LC_MESSAGES" / "a.po", "b\n"),
    ]
    write_project_files(settings, files)
    assert held == [True, True]


def test_build_only_reads_locales_so_it_takes_no_lock_there(sample_project: Path) -> None:
    """A read-only locales/ (or a run holding its lock) does not stop a build."""
    settings = load_config(sample_project / "locpipe.yaml")
    jobs.extract(settings)
    jobs.update(settings)
    before = {p: p.read_bytes() for p in settings.locales.rglob("*") if p.is_file()}
    with open(settings.locales / ".locpipe.lock", "a+") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = jobs.build_editions(settings, min_complete=0)
    assert result.files and all(path.is_relative_to(settings.editions) for path, _ in result.files)
    assert {p: p.read_bytes() for p in settings.locales.rglob("*") if p.is_file()} == before
    assert not any(p.name == ".locpipe.lock" for p in settings.editions.rglob("*"))


# --- properties: random edits and kills ------------------------------------------------------


def unique_sentence(number: int, kind: str) -> str:
    """A sentence unlike any other (so no TM match fills it: MT has to draft it)."""
    rng = random.Random(f"{kind}{number}")
    return " ".join(f"{rng.getrandbits(40):x}" for _ in range(6)).capitalize() + "."


def add_sentence(settings: Settings, article: Path, sentence: str) -> None:
    """An editor adds a sentence to the article; extract and update follow."""
    with article.open("a", encoding="utf-8") as source:
        source.write(f"\n{sentence}\n")
    jobs.extract(settings)
    jobs.update(settings)


def review(path: Path, pick: int, text: str) -> tuple[str, str] | None:
    """As a translator in Poedit: approve one entry with ``text``; (msgid, msgstr) or None."""
    catalog = read_po(path)
    active = [e for e in catalog.entries if not e.obsolete and e.msgid_plural is None]
    if not active:
        return None
    target = active[pick % len(active)]
    edited = replace(target, msgstr=text, flags=tuple(f for f in target.flags if f != "fuzzy"))
    entries = tuple(edited if e is target else e for e in catalog.entries)
    path.write_text(format_po(replace(catalog, entries=entries)), encoding="utf-8")
    return target.msgid, text


OPERATION = st.one_of(
    st.tuples(st.just("review"), st.integers(0, 200)),
    st.tuples(st.just("update"), st.just(0)),
    st.tuples(st.just("review-during-draft"), st.integers(0, 200)),
    st.tuples(st.just("add-sentence-during-draft"), st.integers(0, 200)),
)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=st.lists(OPERATION, min_size=1, max_size=5))
def test_random_edit_and_review_cycles_lose_no_reviewed_translation(
    sample_project: Path, with_copy_models: Path, operations: list[tuple[str, int]]
) -> None:
    root = Path(tempfile.mkdtemp(dir=sample_project.parent)) / "project"
    shutil.copytree(sample_project, root)
    settings = load_config(root / "locpipe.yaml")
    jobs.extract(settings)
    jobs.update(settings)
    po = settings.po_path("ja", SAMPLE_SLUG)
    reviewed: dict[str, str] = {}
    saves = itertools.count()

    def remember(pick: int) -> None:
        # A new text each save: the same entry reviewed twice still changes the file.
        done = review(po, pick, f"訳{next(saves)}。")
        if done is not None:
            reviewed[done[0]] = done[1]

    for number, (operation, pick) in enumerate(operations):
        if operation == "review":
            remember(pick)
        elif operation == "update":
            jobs.update(settings)
        else:
            article = root / "articles" / f"{SAMPLE_SLUG}.txt"
            add_sentence(settings, article, unique_sentence(number, "waits"))

            def save(
                operation: str = operation,
                pick: int = pick,
                number: int = number,
                article: Path = article,
            ) -> None:
                if operation == "review-during-draft":
                    remember(pick)
                else:
                    add_sentence(settings, article, unique_sentence(number, "came"))

            def find(settings: Settings, language: str) -> Engine | None:
                engine = jobs.argos_engine(settings, language)
                return HookedEngine(engine, before=save) if engine and language == "ja" else engine

            outcome = jobs.draft(settings, ["ja"], find_engine=find)
            assert {c.path: c.action for c in outcome.changes}[po] == "merged"
        template = {e.msgid for e in read_po(settings.pot_path(SAMPLE_SLUG)).entries}
        now = {e.msgid: e for e in read_po(po).entries if not e.obsolete}
        assert set(now) == template  # no unit of the template is undone
        for msgid, msgstr in reviewed.items():
            if msgid in template:
                assert now[msgid].msgstr == msgstr and now[msgid].reviewed, msgid


def test_kill_9_during_runs_leaves_whole_files_and_the_next_run_cleans_up(
    tmp_path: Path, copy_packages: Path
) -> None:
    po = big_project(tmp_path, 40)
    article = tmp_path / "articles" / "big.txt"
    rng = random.Random(11)
    outcomes = []
    for round_number in range(8):
        with article.open("a", encoding="utf-8") as source:  # fresh work for every run
            source.write(
                "\n" + " ".join(unique_sentence(round_number * 50 + i, "kill") for i in range(30))
            )
        run = start_locpipe(tmp_path, copy_packages, "run")
        try:
            run.wait(timeout=rng.uniform(0.05, 1.5))
        except subprocess.TimeoutExpired:
            run.send_signal(signal.SIGKILL)
        run.communicate()
        outcomes.append(run.returncode)
        for path in tmp_path.joinpath("locales").rglob("*.po*"):
            if not path.name.endswith(".tmp"):
                read_po(path)  # whole: old or new, never half
        assert msgfmt_check(po).returncode == 0
    assert set(outcomes) <= {0, -signal.SIGKILL}
    settings = load_config(tmp_path / "locpipe.yaml")
    jobs.update(settings)  # any write, under the lock, removes what killed writes left
    assert not list(tmp_path.joinpath("locales").rglob(".*.tmp"))


def test_each_file_is_fsynced_and_each_folder_once(
    sample_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batched: one fsync per file written and one per folder, after the renames."""
    settings = load_config(sample_project / "locpipe.yaml")
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    folder = settings.locales / "ja" / "LC_MESSAGES"
    files: list[tuple[Path, str | bytes]] = [(folder / f"{n}.po", f"{n}\n") for n in "abc"]
    changes = write_project_files(settings, [*files, (settings.locales / "x.pot", "x\n")])
    assert [c.action for c in changes] == ["created"] * 4
    folders = [name for name in synced if Path(name).is_dir()]
    assert sorted(folders) == sorted([str(settings.locales), str(folder)])
    assert len(synced) - len(folders) == 4  # every file's own fsync, before its rename
    assert synced[-2:] == sorted(folders)  # the folders last: after every rename
    assert all(Path(p).read_text(encoding="utf-8") == d for p, d in files)


def test_files_are_written_at_once_so_their_fsyncs_overlap(
    sample_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two files' fsyncs are under way together (one after the other would never meet)."""
    import threading

    settings = load_config(sample_project / "locpipe.yaml")
    meeting = threading.Barrier(2, timeout=120)  # a bound for a loaded machine, not a speed test
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if not Path(os.readlink(f"/proc/self/fd/{fd}")).is_dir():
            meeting.wait()
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    folder = settings.locales / "ja" / "LC_MESSAGES"
    changes = write_project_files(settings, [(folder / "a.po", "a\n"), (folder / "b.po", "b\n")])
    assert [c.action for c in changes] == ["created", "created"]
    assert (folder / "a.po").read_text(encoding="utf-8") == "a\n"
