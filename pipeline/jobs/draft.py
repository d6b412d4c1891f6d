"""The draft job: MT drafts for every untranslated entry, glossary enforced (docs/architecture.md#enforcement)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.catalog import format_po, parse_po, read_po_text
from pipeline.core import Catalog, ConfigError, InputError, Settings
from pipeline.glossary import Glossary, load_project_glossary
from pipeline.jobs.catalogs import CatalogStatus
from pipeline.jobs.changes import CatalogChange
from pipeline.jobs.derive import DeriveReport, derive_language
from pipeline.jobs.project import (
    FileChange,
    PlannedFile,
    ReadLog,
    Redo,
    select_languages,
    slugs,
    write_project_files,
)
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
    make_executor,
    needs_draft,
    reapply_drafts,
    signature,
    started_ahead,
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
    derived: tuple[DeriveReport, ...] = ()  # units derived from another language (OpenCC)
    catalogs: tuple[CatalogChange, ...] = ()  # what changed in each catalog (run)
    dry_run: bool = False  # nothing was written; ``changes`` say what would be
    status: tuple[CatalogStatus, ...] = ()  # every catalog after the run, as ``status`` says

    @property
    def interrupted(self) -> bool:
        """Ctrl-C or SIGTERM stopped drafting; what finished was written."""
        return any(report.interrupted for report in self.reports)


@dataclass(frozen=True)
class DraftPlan:
    """Drafted PO texts, not yet written, with what drafting found."""

    texts: dict[Path, str]
    outcome: DraftOutcome
    fills: dict[Path, Catalog]  # what this job filled, by catalog, to redo on newer content
    catalogs: dict[Path, Catalog] = field(default_factory=dict)  # what each text holds, parsed


#: Finds the engine for a target language; None when no model is installed.
EngineFinder = Callable[[Settings, str], Engine | None]


def argos_engine(settings: Settings, language: str) -> Engine | None:
    """The installed Argos package for source → language, loaded (so it is known to work), or None."""
    model = find_model(settings.source_language, language)
    mt = settings.mt
    return ArgosEngine(model, mt.beam_size, threads=mt.threads).load() if model else None


def plan_drafts(
    settings: Settings,
    texts: Mapping[Path, str],
    languages: Sequence[str],
    find_engine: EngineFinder = argos_engine,
    progress: DraftProgress | None = None,
    glossary: Glossary | None = None,
    executor: Executor | None = None,
    parsed: Mapping[Path, Catalog] | None = None,
) -> DraftPlan:
    """Draft the PO texts in ``texts``; returns new texts, writes only the draft cache.

    ``parsed`` may hold what some of the texts read as, already parsed by the caller. The
    cache gets each finished chunk at once (``mt.cache``), so an interrupted run keeps its
    work; an interruption also stops the languages after it.
    """
    glossary = glossary if glossary is not None else load_project_glossary(settings)
    executor = executor or make_executor(settings.mt.executor, cpus_per_actor=settings.mt.threads)
    drafted_texts = dict(texts)
    known = parsed or {}
    drafted_catalogs: dict[Path, Catalog] = {}
    planned: dict[Path, Catalog] = {}
    reports: list[DraftReport] = []
    missing: list[MissingModel] = []
    memory: list[TMReport] = []
    derived: list[DeriveReport] = []
    for language in languages:
        if reports and reports[-1].interrupted:
            break
        paths = {slug: settings.po_path(language, slug) for slug in slugs(settings)}
        before = {
            slug: known[path] if path in known else parse_po(texts[path], settings.shown(path))
            for slug, path in paths.items()
        }
        # TM first (docs/architecture.md#translation-memory), then MT for what is left.
        catalogs, tm_report = fill_from_tm(settings, language, before, texts, glossary)
        memory.append(tm_report)
        # Then derivation (docs/language-variants.md) from the texts drafted so far, so a zh
        # entry the memory just filled reviewed is derived too.
        catalogs, derive_report = derive_language(
            settings, language, catalogs, drafted_texts, glossary
        )
        derived.extend(derive_report)
        if not any(needs_draft(e) for catalog in catalogs.values() for e in catalog.entries):
            engine = None  # nothing to draft: no model is loaded, and none is missing
        elif (engine := find_engine(settings, language)) is None:
            pair = f"{settings.source_language}→{language}"
            hint = install_hint(settings.source_language, language)
            missing.append(MissingModel(language, pair, hint))
        if engine is not None:
            cache = DraftCache(
                cache_path(settings.cache), signature(engine, glossary, settings.mt.n_best)
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
            planned[paths[slug]] = catalog
            if catalog is not before[slug]:
                drafted_texts[paths[slug]] = format_po(catalog)
                drafted_catalogs[paths[slug]] = filled_entries(before[slug], catalog)
    outcome = DraftOutcome(
        reports=tuple(reports),
        missing=tuple(missing),
        memory=tuple(memory),
        derived=tuple(derived),
    )
    return DraftPlan(drafted_texts, outcome, drafted_catalogs, planned)


def draft(
    settings: Settings,
    languages: Sequence[str] = (),
    find_engine: EngineFinder = argos_engine,
    progress: DraftProgress | None = None,
    executor: Executor | None = None,
) -> DraftOutcome:
    """MT drafts for every untranslated entry of each language's PO files.

    A catalog saved by someone else while drafting keeps their change: our drafts then fill
    only the entries still untranslated in the file as it is (docs/architecture.md#concurrency).
    """
    chosen = select_languages(settings, languages)
    executor = executor or make_executor(settings.mt.executor, cpus_per_actor=settings.mt.threads)
    reads = ReadLog()
    texts = {}
    with started_ahead(executor):  # Ray comes up while the catalogs are read
        for language in chosen:
            for slug in slugs(settings):
                path = settings.po_path(language, slug)
                if not path.exists():
                    raise ConfigError(
                        f"no catalog {settings.shown(path)}; run 'locpipe update' first"
                    )
                # Parsed now so a broken catalog stops the job with its line, as 'run' does,
                # even for a language without a model.
                texts[path] = read_po_text(path)
                reads.note(path, texts[path])
                parse_po(texts[path], str(path))
        plan = plan_drafts(settings, texts, chosen, find_engine, progress, executor=executor)
    planned = [
        PlannedFile(path, text, draft_redo(path, plan.fills.get(path)))
        for path, text in plan.texts.items()
    ]
    changes = write_project_files(settings, planned, reads)
    return replace(plan.outcome, changes=changes)


def filled_entries(before: Catalog, after: Catalog) -> Catalog:
    """``after`` keeping only the entries this job filled (pending in ``before``, not now)."""
    pending = {entry.key for entry in before.entries if needs_draft(entry)}
    return replace(
        after, entries=tuple(e for e in after.entries if e.key in pending and not needs_draft(e))
    )


def draft_redo(path: Path, fills: Catalog | None) -> Redo:
    """Fill the entries still untranslated in the file as it is now with what we filled."""

    def redo(current: bytes | None) -> str | bytes | None:
        if current is None:
            return None  # removed meanwhile: not ours to bring back
        if fills is None:
            return current
        try:
            catalog = parse_po(current, str(path))
        except InputError:
            return None  # a half-saved or broken file is the translator's: left as it is
        filled = reapply_drafts(catalog, fills)
        return current if filled is catalog else format_po(filled)

    return redo
