"""What ``run`` reports per catalog, and ``run --dry-run`` writing nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline import jobs
from pipeline.catalog.po import format_po, read_po
from pipeline.core.config import load_config
from pipeline.core.model import Catalog, Entry
from pipeline.jobs.changes import catalog_change

ARTICLE = "A headline\n\nFirst sentence stays. Second sentence goes. Third sentence is here.\n"
EDITED = "A headline\n\nFirst sentence stays. Third sentence is there. A new fourth one.\n"


def project(root: Path) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "locpipe.yaml").write_text(
        "source_language: en\nlanguages: [ja]\nsources: [articles/*.txt]\n", encoding="utf-8"
    )
    return root


def review_everything(path: Path) -> None:
    catalog = read_po(path)
    entries = tuple(
        replace(e, flags=tuple(f for f in e.flags if f != "fuzzy")) for e in catalog.entries
    )
    path.write_text(format_po(replace(catalog, entries=entries)), encoding="utf-8")


def test_run_reports_new_edited_removed_drafted_and_unchanged(
    tmp_path: Path, with_copy_models: Path
) -> None:
    root = project(tmp_path)
    settings = load_config(root / "locpipe.yaml")
    first = jobs.run(settings)
    assert [(c.new, c.mt, c.unchanged, c.pending) for c in first.catalogs] == [(4, 4, 0, 0)]
    po = root / "locales/ja/LC_MESSAGES/story.po"
    review_everything(po)
    (root / "articles" / "story.txt").write_text(EDITED, encoding="utf-8")
    second = jobs.run(settings)
    (change,) = second.catalogs
    assert (change.language, change.slug, change.path) == ("ja", "story", po)
    assert (change.new, change.fuzzy, change.obsolete, change.mt) == (1, 1, 1, 1)
    assert (change.unchanged, change.tm, change.derived, change.pending) == (2, 0, 0, 0)
    third = jobs.run(settings)
    assert [(c.changed, c.unchanged) for c in third.catalogs] == [(False, 4)]


def test_dry_run_writes_and_translates_nothing(tmp_path: Path, with_copy_models: Path) -> None:
    root = project(tmp_path)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    outcome = jobs.run(load_config(root / "locpipe.yaml"), dry_run=True)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert outcome.dry_run and not outcome.reports
    assert [(c.new, c.mt, c.pending) for c in outcome.catalogs] == [(4, 0, 4)]
    assert [c.action for c in outcome.changes] == ["would create"] * 2
    jobs.run(load_config(root / "locpipe.yaml"))
    (root / "articles" / "story.txt").write_text(EDITED, encoding="utf-8")
    snapshot = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    again = jobs.run(load_config(root / "locpipe.yaml"), dry_run=True)
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == snapshot
    assert [c.action for c in again.changes] == ["would update"] * 2


def test_a_translation_kept_for_an_edited_unit_is_not_counted_as_drafted() -> None:
    old = Catalog(header=(), entries=(Entry(msgid="Old text.", msgstr="古い"),))
    edited = Entry(
        msgid="New text.", msgstr="古い", flags=("fuzzy",), previous_msgid="Old text.",
        extracted=("mt: model 1.0; glossary: ok",),
    )  # fmt: skip
    obsolete = replace(old.entries[0], obsolete=True)
    change = catalog_change("ja", "s", Path("s.po"), old, Catalog((), (edited, obsolete)))
    assert (change.new, change.fuzzy, change.obsolete, change.mt) == (0, 1, 1, 0)


def test_the_report_from_parsed_catalogs_matches_the_files_as_written(
    tmp_path: Path, with_copy_models: Path
) -> None:
    """run reports from the catalogs it already parsed; the files it wrote say the same."""
    root = project(tmp_path)
    settings = load_config(root / "locpipe.yaml")
    jobs.run(settings)
    po = root / "locales/ja/LC_MESSAGES/story.po"
    review_everything(po)
    before = read_po(po)
    (root / "articles" / "story.txt").write_text(EDITED, encoding="utf-8")
    (change,) = jobs.run(settings).catalogs
    assert change == catalog_change("ja", "story", po, before, read_po(po))
    assert change.changed


def test_the_status_run_returns_is_the_status_of_the_files_written(
    tmp_path: Path, with_copy_models: Path
) -> None:
    """run's status rows come from the catalogs it wrote; reading the files gives the same."""
    root = project(tmp_path)
    settings = load_config(root / "locpipe.yaml")
    first = jobs.run(settings)
    assert first.status == tuple(jobs.status(settings))
    assert [(s.fuzzy, s.mt, s.untranslated) for s in first.status] == [(4, 4, 0)]
    review_everything(root / "locales/ja/LC_MESSAGES/story.po")
    (root / "articles" / "story.txt").write_text(EDITED, encoding="utf-8")
    second = jobs.run(settings)
    assert second.status == tuple(jobs.status(settings))
    assert [(s.reviewed, s.obsolete) for s in second.status] == [(2, 1)]
