"""The main job against the jobs it stands for: ``run`` writes what extract, update and draft write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import jobs
from pipeline.core.config import load_config
from tests.conftest import ROOT, SAMPLE_SLUG, TM_SLUG
from tests.support.review import edit_entry

#: A sentence of the sample article, reviewed in every language of the committed catalogs.
REVIEWED = (
    "The two countries are fostering economic ties, but Japan tends to share the United "
    "States’ unresolved concerns about China's military expansion and human rights issues."
)


def project_files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted((root / "locales").rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def edited_project(sample_project: Path, with_copy_models: Path) -> Path:
    """Reviewed catalogs, a second article, and a source edited since they were made.

    After it, templates and catalogs change in every way a merge knows: a sentence edited
    (fuzzy), one removed (obsolete), one added (untranslated, drafted), the rest as they were;
    the second article gains a sentence reviewed in the first (filled from the memory), and a
    zh_TW entry whose zh one is reviewed is emptied (derived with OpenCC).
    """
    shutil.copy(ROOT / "articles" / f"{TM_SLUG}.txt", sample_project / "articles")
    for language in ("ja", "zh", "zh_TW"):
        folder = sample_project / "locales" / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(ROOT / f"locales/{language}/LC_MESSAGES/{SAMPLE_SLUG}.po", folder)
    jobs.run(load_config(sample_project / "locpipe.yaml"))
    article = sample_project / "articles" / f"{SAMPLE_SLUG}.txt"
    text = article.read_text(encoding="utf-8")
    edited = text.replace("grow increasingly tense", "grow ever more tense", 1)
    edited = edited.replace("Beijing wants to strengthen bonds with Japan.", "", 1)
    edited += "\nEditors added this sentence after the catalogs were reviewed.\n"
    assert edited.count("\n") > 3 and edited != text
    article.write_text(edited, encoding="utf-8")
    with (sample_project / "articles" / f"{TM_SLUG}.txt").open("a", encoding="utf-8") as second:
        second.write(f"\n{REVIEWED}\n")
    edit_entry(sample_project, REVIEWED, "zh_TW", msgstr="", flags=())
    return sample_project


def test_run_writes_what_extract_update_and_draft_write_in_turn(
    edited_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # run reads each catalog it merges once and drafts from that reading: the files must be
    # byte for byte those of the three jobs, each reading what the one before wrote.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795928400")
    separate = tmp_path / "separate"
    shutil.copytree(edited_project, separate)
    outcome = jobs.run(load_config(edited_project / "locpipe.yaml"))
    settings = load_config(separate / "locpipe.yaml")
    jobs.extract(settings)
    jobs.update(settings)
    jobs.draft(settings)
    assert project_files(edited_project) == project_files(separate)
    changed = {c.path.name for c in outcome.changes if c.action == "updated"}
    assert {f"{SAMPLE_SLUG}.pot", f"{SAMPLE_SLUG}.po"} <= changed
    report = {(c.language, c.slug): c for c in outcome.catalogs}
    ja = report["ja", SAMPLE_SLUG]
    assert (ja.new, ja.fuzzy, ja.obsolete, ja.mt) == (1, 1, 1, 1)
    assert report["ja", TM_SLUG].tm == 1
    assert report["zh_TW", SAMPLE_SLUG].derived == 1
