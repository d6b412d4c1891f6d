"""The draft job: MT drafts for every untranslated entry, glossary enforced (docs/architecture.md#enforcement)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.catalog import format_po, parse_po, read_po_text
from pipeline.core import ConfigError, Settings
from pipeline.glossary import Glossary, load_project_glossary
from pipeline.jobs.project import FileChange, select_languages, slugs, write_project_files
from pipeline.mt import (
    ArgosEngine,
    DraftCache,
    DraftReport,
    Engine,
    draft_catalogs,
    find_model,
    install_hint,
    needs_draft,
    signature,
)


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


@dataclass(frozen=True)
class DraftPlan:
    """Drafted PO texts and cache files, not yet written, with what drafting found."""

    texts: dict[Path, str]
    cache_files: tuple[tuple[Path, str], ...]
    outcome: DraftOutcome


#: Finds the engine for a target language; None when no model is installed.
EngineFinder = Callable[[Settings, str], Engine | None]
#: Told how many more units of a language are done.
Progress = Callable[[str, int], None]


def argos_engine(settings: Settings, language: str) -> Engine | None:
    """The installed Argos package for source → language, or None."""
    model = find_model(settings.source_language, language)
    return ArgosEngine(model, settings.mt.beam_size) if model else None


def plan_drafts(
    settings: Settings,
    texts: Mapping[Path, str],
    languages: Sequence[str],
    find_engine: EngineFinder = argos_engine,
    progress: Progress | None = None,
    glossary: Glossary | None = None,
) -> DraftPlan:
    """Draft the PO texts in ``texts``; returns new texts and cache files, writes nothing."""
    glossary = glossary if glossary is not None else load_project_glossary(settings)
    drafted_texts = dict(texts)
    cache_files: list[tuple[Path, str]] = []
    reports: list[DraftReport] = []
    missing: list[MissingModel] = []
    for language in languages:
        paths = {slug: settings.po_path(language, slug) for slug in slugs(settings)}
        catalogs = {
            slug: parse_po(texts[path], settings.shown(path)) for slug, path in paths.items()
        }
        if not any(needs_draft(e) for catalog in catalogs.values() for e in catalog.entries):
            continue  # nothing to draft: no model is loaded, and none is missing
        engine = find_engine(settings, language)
        if engine is None:
            pair = f"{settings.source_language}→{language}"
            hint = install_hint(settings.source_language, language)
            missing.append(MissingModel(language, pair, hint))
            continue
        cache = DraftCache(settings.root, signature(engine, glossary, settings.mt.n_best))
        tick = (lambda done, lang=language: progress(lang, done)) if progress else None
        drafted, report = draft_catalogs(
            catalogs, language, glossary, engine, settings.mt.n_best, cache, tick
        )
        if (pending := cache.pending()) is not None:
            cache_files.append(pending)
        for slug, catalog in drafted.items():
            if catalog is not catalogs[slug]:
                drafted_texts[paths[slug]] = format_po(catalog)
        reports.append(report)
    outcome = DraftOutcome(reports=tuple(reports), missing=tuple(missing))
    return DraftPlan(drafted_texts, tuple(cache_files), outcome)


def draft(
    settings: Settings,
    languages: Sequence[str] = (),
    find_engine: EngineFinder = argos_engine,
    progress: Progress | None = None,
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
    plan = plan_drafts(settings, texts, chosen, find_engine, progress)
    changes = write_project_files(settings, [*plan.texts.items(), *plan.cache_files])
    return replace(plan.outcome, changes=changes[: len(plan.texts)])
