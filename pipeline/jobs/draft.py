"""The draft job: MT drafts for every untranslated entry, glossary enforced (docs/architecture.md#enforcement)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.catalog import format_po, parse_po, read_po_text
from pipeline.core import ConfigError, Settings
from pipeline.glossary import Glossary, load_project_glossary
from pipeline.jobs.project import FileChange, select_languages, slugs, write_project_files
from pipeline.jobs.tm import fill_from_tm
from pipeline.mt import (
    ArgosEngine,
    DraftCache,
    DraftProgress,
    DraftReport,
    Engine,
    Executor,
    cache_path,
    draft_catalogs,
    find_model,
    install_hint,
    needs_draft,
    signature,
)
from pipeline.tm import TMReport


@dataclass(frozen=True)
class MissingModel:
    """A configured language with no installed MT model, and how to install one."""

    language: str
    pair: str
    command: str


@dataclass(frozen=True)
class DraftOutcome:
    """What the draft step did: files written, per-language reports, missing models."""

    changes: tuple[FileChange, ...] = ()
    reports: tuple[DraftReport, ...] = ()
    missing: tuple[MissingModel, ...] = ()
    memory: tuple[TMReport, ...] = ()  # units filled from the translation memory, per language

    @property
    def interrupted(self) -> bool:
        """Ctrl-C or SIGTERM stopped drafting; what finished was written."""
        return any(report.interrupted for report in self.reports)


@dataclass(frozen=True)
class DraftPlan:
    """Drafted PO texts, not yet written, with what drafting found."""

    texts: dict[Path, str]
    outcome: DraftOutcome


#: Finds the engine for a target language; None when no model is installed.
EngineFinder = Callable[[Settings, str], Engine | None]


def argos_engine(settings: Settings, language: str) -> Engine | None:
    """The installed Argos package for source → language, or None."""
    model = find_model(settings.source_language, language)
    mt = settings.mt
    return ArgosEngine(model, mt.beam_size, threads=mt.threads) if model else None


def plan_drafts(
    settings: Settings,
    texts: Mapping[Path, str],
    languages: Sequence[str],
    find_engine: EngineFinder = argos_engine,
    progress: DraftProgress | None = None,
    glossary: Glossary | None = None,
    executor: Executor | None = None,
) -> DraftPlan:
    """Draft the PO texts in ``texts``; returns new texts, writes only the draft cache.

    The cache gets each finished chunk at once (``mt.cache``), so an interrupted run keeps
    its work; an interruption also stops the languages after it.
    """
    glossary = glossary if glossary is not None else load_project_glossary(settings)
    drafted_texts = dict(texts)
    reports: list[DraftReport] = []
    missing: list[MissingModel] = []
    memory: list[TMReport] = []
    for language in languages:
        if reports and reports[-1].interrupted:
            break
        paths = {slug: settings.po_path(language, slug) for slug in slugs(settings)}
        parsed = {slug: parse_po(texts[path], settings.shown(path)) for slug, path in paths.items()}
        # TM first (docs/architecture.md#translation-memory), then MT for what is left.
        catalogs, tm_report = fill_from_tm(settings, language, parsed, texts, glossary)
        memory.append(tm_report)
        if not any(needs_draft(e) for catalog in catalogs.values() for e in catalog.entries):
            engine = None  # nothing to draft: no model is loaded, and none is missing
        elif (engine := find_engine(settings, language)) is None:
            pair = f"{settings.source_language}→{language}"
            hint = install_hint(settings.source_language, language)
            missing.append(MissingModel(language, pair, hint))
        if engine is not None:
            cache = DraftCache(
                cache_path(settings.root), signature(engine, glossary, settings.mt.n_best)
            )
            try:
                catalogs, report = draft_catalogs(
                    catalogs,
                    language,
                    glossary,
                    engine,
                    settings.mt.n_best,
                    cache,
                    progress,
                    executor,
                )
            finally:
                cache.close()
            reports.append(report)
        for slug, catalog in catalogs.items():
            if catalog is not parsed[slug]:
                drafted_texts[paths[slug]] = format_po(catalog)
    outcome = DraftOutcome(reports=tuple(reports), missing=tuple(missing), memory=tuple(memory))
    return DraftPlan(drafted_texts, outcome)


def draft(
    settings: Settings,
    languages: Sequence[str] = (),
    find_engine: EngineFinder = argos_engine,
    progress: DraftProgress | None = None,
    executor: Executor | None = None,
) -> DraftOutcome:
    """MT drafts for every untranslated entry of each language's PO files."""
    chosen = select_languages(settings, languages)
    texts = {}
    for language in chosen:
        for slug in slugs(settings):
            path = settings.po_path(language, slug)
            if not path.exists():
                raise ConfigError(f"no catalog {settings.shown(path)}; run 'locpipe update' first")
            # Parsed now so a broken catalog stops the job with its line, as 'run' does,
            # even for a language without a model.
            texts[path] = read_po_text(path)
            parse_po(texts[path], str(path))
    plan = plan_drafts(settings, texts, chosen, find_engine, progress, executor=executor)
    changes = write_project_files(settings, list(plan.texts.items()))
    return replace(plan.outcome, changes=changes)
