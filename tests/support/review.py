"""Helpers for the review tests: the sample's PO paths and on-disk edits of one entry."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

SAMPLE_SLUG = "japan-china-relations"


def po_path(project: Path, language: str = "ja") -> Path:
    """The sample catalog of ``language`` in ``project``."""
    return project / "locales" / language / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"


def edit_entry(project: Path, msgid: str, language: str = "ja", **changes: object) -> None:
    """Change one entry of a PO file on disk, as an editor or 'git pull' would."""
    from pipeline.catalog import read_po, replace_entry

    path = po_path(project, language)
    entry = next(e for e in read_po(path).active if e.msgid == msgid)
    text = replace_entry(path.read_text(encoding="utf-8"), str(path), replace(entry, **changes))
    path.write_text(text, encoding="utf-8")
