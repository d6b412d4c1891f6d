"""The review job: one-entry saves under the lock, stale files refused, the check gate kept."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline import jobs
from pipeline.catalog import read_po
from pipeline.core import LockError, Settings, load_config, project_lock
from pipeline.review import ApprovalRefused, SaveRequest, StaleCatalog, UnknownCatalog
from tests.conftest import SAMPLE_SLUG, msgfmt_check
from tests.support.review import edit_entry, po_path

ALT = "Xi Jinping image"


@pytest.fixture
def settings(review_project: Path) -> Settings:
    return load_config(review_project / "locpipe.yaml")


def request(store: jobs.ProjectReview, msgstr: str, **extra: object) -> SaveRequest:
    digest = store.load("ja", SAMPLE_SLUG).digest
    return SaveRequest("ja", SAMPLE_SLUG, None, ALT, msgstr, digest, **extra)  # type: ignore[arg-type]


def blocks_without(text: str, msgid: str) -> list[str]:
    return [block for block in text.split("\n\n") if f'msgid "{msgid}"' not in block]


def test_units_come_in_document_order_with_the_file_digest(settings: Settings) -> None:
    view = jobs.ProjectReview(settings).load("ja", SAMPLE_SLUG)
    path = po_path(settings.root)
    assert view.digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [u.msgid for u in view.units] == [e.msgid for e in read_po(path).active]
    assert view.units[0].kind == "headline"
    assert {u.state for u in view.units} == {"untranslated"}


def test_save_changes_only_that_entry_and_leaves_a_draft(settings: Settings) -> None:
    store = jobs.ProjectReview(settings)
    path = po_path(settings.root)
    before = path.read_text(encoding="utf-8")
    saved = store.save(request(store, "習近平の写真"))
    after = path.read_text(encoding="utf-8")
    assert blocks_without(after, ALT) == blocks_without(before, ALT)
    entry = next(e for e in read_po(path).active if e.msgid == ALT)
    assert (entry.msgstr, entry.fuzzy) == ("習近平の写真", True)
    assert saved.unit.state == "fuzzy"
    assert saved.digest == hashlib.sha256(after.encode()).hexdigest()


def test_approve_removes_fuzzy_and_the_previous_source(settings: Settings) -> None:
    edit_entry(settings.root, ALT, msgstr="写真", flags=("fuzzy",), previous_msgid="Xi photo")
    store = jobs.ProjectReview(settings)
    store.save(request(store, "習近平の画像", approve=True))
    entry = next(e for e in read_po(po_path(settings.root)).active if e.msgid == ALT)
    assert (entry.msgstr, entry.reviewed, entry.previous_msgid) == ("習近平の画像", True, None)
    assert msgfmt_check(po_path(settings.root)).returncode == 0


def test_approval_is_refused_while_a_fail_level_finding_stands(settings: Settings) -> None:
    store = jobs.ProjectReview(settings)
    before = po_path(settings.root).read_bytes()
    with pytest.raises(ApprovalRefused, match="glossary-missing") as refused:
        store.save(request(store, "画像", approve=True))
    assert [f.rule for f in refused.value.findings] == ["glossary-missing"]
    assert po_path(settings.root).read_bytes() == before


def test_an_override_reason_is_kept_as_a_translator_comment(settings: Settings) -> None:
    store = jobs.ProjectReview(settings)
    reason = "photo desk\nwants it short"
    store.save(request(store, "画像", approve=True, override=reason))
    entry = next(e for e in read_po(po_path(settings.root)).active if e.msgid == ALT)
    assert entry.reviewed and entry.comments == ("review override: photo desk wants it short",)


def test_live_findings_are_what_check_reports_once_approved(settings: Settings) -> None:
    store = jobs.ProjectReview(settings)
    live = store.check("ja", SAMPLE_SLUG, None, ALT, "画像")
    store.save(request(store, "画像", approve=True, override="testing the gate"))
    reported = [
        (f.rule, f.severity, f.message)
        for f in jobs.check(settings).result.findings
        if f.msgid == ALT and f.file.startswith("locales/ja/")
    ]
    assert [(f.rule, f.severity, f.message) for f in live] == reported
    assert all(f.fails for f in live)


def test_configured_severities_decide_the_gate(settings: Settings) -> None:
    config = settings.path.read_text(encoding="utf-8").replace(
        "check: {fail_on: [error]}",
        "check: {fail_on: [error], severity: {glossary-missing: warning}}",
    )
    settings.path.write_text(config, encoding="utf-8")
    store = jobs.ProjectReview(load_config(settings.path))
    (finding,) = store.check("ja", SAMPLE_SLUG, None, ALT, "画像")
    assert (finding.severity, finding.fails) == ("warning", False)
    assert store.save(request(store, "画像", approve=True)).unit.state == "reviewed"


def test_a_file_changed_since_loaded_is_not_overwritten(settings: Settings) -> None:
    store = jobs.ProjectReview(settings)
    stale = request(store, "習近平の画像")
    edit_entry(settings.root, ALT, msgstr="習近平氏")
    changed = po_path(settings.root).read_bytes()
    with pytest.raises(StaleCatalog) as caught:
        store.save(stale)
    assert po_path(settings.root).read_bytes() == changed
    fresh = next(u for u in caught.value.fresh.units if u.msgid == ALT)
    assert fresh.msgstr == "習近平氏"


def test_a_held_project_lock_stops_the_save(settings: Settings) -> None:
    store = jobs.ProjectReview(settings)
    before = po_path(settings.root).read_bytes()
    with project_lock(settings.locales), pytest.raises(LockError):
        store.save(request(store, "習近平の画像"))
    assert po_path(settings.root).read_bytes() == before


@pytest.mark.parametrize(
    ("language", "slug"),
    [
        pytest.param("fr", SAMPLE_SLUG, id="unconfigured-language"),
        pytest.param("ja", "../../locpipe", id="path-in-slug"),
        pytest.param("..", SAMPLE_SLUG, id="path-in-language"),
        pytest.param("ja", "other", id="unknown-slug"),
    ],
)
def test_only_configured_catalogs_are_reachable(
    settings: Settings, language: str, slug: str
) -> None:
    with pytest.raises(UnknownCatalog):
        jobs.ProjectReview(settings).load(language, slug)


def test_lang_limits_the_catalogs(settings: Settings) -> None:
    store = jobs.ProjectReview(settings, ["zh"])
    assert [(row.language, row.slug) for row in store.overview()] == [("zh", SAMPLE_SLUG)]
    with pytest.raises(UnknownCatalog):
        store.load("ja", SAMPLE_SLUG)


def test_an_approved_draft_keeps_its_trail_and_survives_update(settings: Settings) -> None:
    entry = next(e for e in read_po(po_path(settings.root)).active if e.msgid == ALT)
    notes = ("mt: translate-en_ja 1.9; glossary: 1 issue", "glossary: missing 習近平 (Xi Jinping)")
    edit_entry(
        settings.root, ALT, msgstr="画像", flags=("fuzzy",), extracted=(*entry.extracted, *notes)
    )
    store = jobs.ProjectReview(settings)
    store.save(request(store, "習近平の画像", approve=True))
    approved = po_path(settings.root).read_bytes()
    entry = next(e for e in read_po(po_path(settings.root)).active if e.msgid == ALT)
    assert "reviewed from mt: translate-en_ja 1.9" in entry.extracted
    assert not any(line.startswith("glossary: missing") for line in entry.extracted)
    jobs.update(settings)
    assert po_path(settings.root).read_bytes() == approved
