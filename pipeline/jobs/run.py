"""The main job: extract, update and draft every configured language, written together."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path

from pipeline.catalog import parse_po
from pipeline.core import Catalog, Settings
from pipeline.glossary import load_project_glossary
from pipeline.jobs.catalogs import (
    merge_redo,
    plan_catalogs,
    plan_templates,
    status,
    template_files,
)
from pipeline.jobs.changes import catalog_change
from pipeline.jobs.draft import DraftOutcome, DraftPlan, EngineFinder, argos_engine, plan_drafts
from pipeline.jobs.project import PlannedFile, ReadLog, preview_files, write_project_files
from pipeline.mt import DraftProgress, Executor, make_executor, started_ahead


def run(
    settings: Settings,
    find_engine: EngineFinder = argos_engine,
    progress: DraftProgress | None = None,
    executor: Executor | None = None,
    dry_run: bool = False,
) -> DraftOutcome:
    """The main job: extract, update and draft every configured language, written together.

    With ``dry_run`` nothing is translated or written: the outcome says what would change.
    An executor with a start-up (Ray) starts before planning and shuts down while files are
    written (docs/architecture.md#executors).
    """
    executor = executor or make_executor(settings.mt.executor, cpus_per_actor=settings.mt.threads)
    reads = ReadLog()
    with nullcontext() if dry_run else started_ahead(executor):
        glossary = load_project_glossary(settings)
        planned_templates = plan_templates(settings, reads)
        # Merge from the text we are about to write, exactly as a separate 'update' would read it.
        templates = {text.path.stem: text.catalog() for text in planned_templates}
        merged = plan_catalogs(settings, templates, settings.languages, reads, glossary)
        texts = {settings.po_path(*pair): plan.text for pair, plan in merged.items()}
        if dry_run:
            plan = DraftPlan(texts, DraftOutcome(dry_run=True), {})
        else:
            parsed = {settings.po_path(*pair): plan.catalog() for pair, plan in merged.items()}
            plan = plan_drafts(
                settings,
                texts,
                settings.languages,
                find_engine,
                progress,
                glossary,
                executor,
                parsed,
            )
    # Compared with the catalogs as read and as planned, both already parsed: no file is
    # read or parsed again for the report.
    report = [
        catalog_change(language, slug, path, merged[language, slug].old, _planned(plan, path))
        for (language, slug), path in zip(merged, texts, strict=True)
    ]
    catalogs = [
        PlannedFile(
            path,
            plan.texts[path],
            merge_redo(settings, glossary, language, slug, plan.fills.get(path)),
        )
        for (language, slug), path in zip(merged, texts, strict=True)
    ]
    files = [*template_files(settings, planned_templates), *catalogs]
    if dry_run:
        return replace(plan.outcome, changes=preview_files(files), catalogs=tuple(report))
    changes = write_project_files(settings, files, reads)
    # A file written (or left) exactly as planned holds the catalog we have: not read again.
    # One changed meanwhile (merged, kept) is read as it is now.
    exact = {c.path for c in changes if c.action in ("created", "updated", "unchanged")}
    known = {path: _planned(plan, path) for path in texts if path in exact}
    rows = tuple(status(settings, (), known))
    return replace(plan.outcome, changes=changes, catalogs=tuple(report), status=rows)


def _planned(plan: DraftPlan, path: Path) -> Catalog:
    """The catalog a run writes to ``path``: as drafting left it, else parsed from its text."""
    found = plan.catalogs.get(path)
    return found if found is not None else parse_po(plan.texts[path], str(path))
