"""Atomic writes: modes and errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pipeline.core.errors import OutputError
from pipeline.core.fsio import write_atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_gets_the_umask_mode_not_mkstemps_0600(tmp_path: Path) -> None:
    # Regression: every file locpipe created (editions, MO, PO) was 0600, unreadable to a
    # web server or another member of the team.
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "ja" / "a.html", "<p>x</p>")
    finally:
        os.umask(old)
    assert mode(tmp_path / "ja" / "a.html") == 0o644


def test_rewritten_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.po"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert (target.read_text(encoding="utf-8"), mode(target)) == ("new", 0o640)


def test_unwritable_target_is_an_output_error_naming_the_file(tmp_path: Path) -> None:
    # Regression: a write failure escaped as an OSError traceback.
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        write_atomic(blocker / "out.json", "{}")
    assert caught.value.path == str(blocker / "out.json")
    assert caught.value.message.startswith("cannot write file: ")
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_a_failed_rename_leaves_the_old_file_whole_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mutant killed: writing the target in place (truncate, then write) instead of rename."""
    target = tmp_path / "ja.po"
    target.write_text("old reviewed work\n", encoding="utf-8")

    def failing_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OutputError):
        write_atomic(target, "new text that must not half-land\n")
    assert target.read_text(encoding="utf-8") == "old reviewed work\n"
    assert [p.name for p in tmp_path.iterdir()] == ["ja.po"]


def test_the_data_is_fsynced_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mutant killed: dropping the fsync, so a crash after rename can leave an empty file."""
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync-dir" if os.path.isdir(f"/proc/self/fd/{fd}") else "fsync-file")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomic(tmp_path / "ja.po", "text\n")
    assert events == ["fsync-file", "replace", "fsync-dir"]
