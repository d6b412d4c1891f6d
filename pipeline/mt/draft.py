"""MT drafts for untranslated catalog entries, glossary enforced, cached by a signature.

Reviewed and fuzzy entries are never touched. Each draft is ``#, fuzzy`` and carries
``#. mt: <package> <version>; glossary: ok|N issues`` plus one line per problem, so a
reviewer sees in Poedit or Weblate exactly what to fix.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from pipeline import __version__
from pipeline.core import Catalog
from pipeline.glossary import Glossary
from pipeline.mt.cache import DraftCache
from pipeline.mt.enforce import Enforced, UnitPlan, choose, plan_unit
from pipeline.mt.engine import Engine
from pipeline.mt.executor import Executor, LocalExecutor, make_chunks
from pipeline.mt.notes import SIGNATURE_HEADER, arrange_notes, needs_draft, with_header


@dataclass(frozen=True)
class DraftReport:
    """What drafting did for one language."""

    language: str
    model: str
    drafted: int
    cached: int
    required: int
    satisfied: int
    flagged: int
    seconds: float
    pending: int = 0  # units left untranslated by an interruption
    interrupted: bool = False  # Ctrl-C or SIGTERM stopped drafting

    @property
    def term_accuracy(self) -> float | None:
        """Terms satisfied / terms required; None when no unit needed a term."""
        return self.satisfied / self.required if self.required else None


def signature(engine: Engine, glossary: Glossary, n_best: int) -> str:
    """The reproducibility signature: what decides a draft, sacrebleu-style."""
    model = engine.model
    return "|".join(
        [
            f"locpipe:{__version__}",
            f"model:{model.package}:{model.version}",
            f"pair:{model.from_code}-{model.to_code}",
            f"glossary:{glossary.sha256[:16]}",
            f"nbest:{n_best}",
            engine.options,
        ]
    )


class DraftProgress(Protocol):
    """Told how drafting a language goes: its total once, then units as chunks finish."""

    def start(self, language: str, total: int, done: int) -> None: ...

    def advance(self, language: str, done: int) -> None: ...


def pending_sources(catalogs: Mapping[str, Catalog]) -> list[str]:
    """Every source that needs a draft, once, however many catalogs hold it."""
    return list(
        dict.fromkeys(e.msgid for c in catalogs.values() for e in c.entries if needs_draft(e))
    )


def draft_catalogs(
    catalogs: Mapping[str, Catalog],
    language: str,
    glossary: Glossary,
    engine: Engine,
    n_best: int,
    cache: DraftCache,
    progress: DraftProgress | None = None,
    executor: Executor | None = None,
) -> tuple[dict[str, Catalog], DraftReport]:
    """Draft every pending entry of a language's catalogs, chunk by chunk.

    Units are deduplicated across catalogs and translated in one length-sorted stream of
    chunks; each finished chunk is enforced and committed to the cache at once. Ctrl-C stops
    the stream: what finished is applied and the report says ``interrupted``.
    """
    started = time.perf_counter()
    sources = pending_sources(catalogs)
    done = cache.get_many(sources)
    cached = len(done)
    if progress:
        progress.start(language, len(sources), cached)
    missing = [source for source in sources if source not in done]
    stream = _translate(engine, glossary, language, n_best, missing, executor or LocalExecutor())
    interrupted = _collect(stream, cache, done, language, progress)
    drafted = {
        slug: apply_drafts(c, done, engine.model.label, signature(engine, glossary, n_best))
        for slug, c in catalogs.items()
    }
    results = [done[source] for source in sources if source in done]
    report = DraftReport(
        language=language,
        model=engine.model.label,
        drafted=len(results),
        cached=cached,
        required=sum(r.required for r in results),
        satisfied=sum(r.satisfied for r in results),
        flagged=sum(1 for r in results if r.notes),
        seconds=time.perf_counter() - started,
        pending=len(sources) - len(results),
        interrupted=interrupted,
    )
    return drafted, report


def _collect(
    stream: Iterator[dict[str, Enforced]],
    cache: DraftCache,
    done: dict[str, Enforced],
    language: str,
    progress: DraftProgress | None,
) -> bool:
    """Commit each finished chunk to the cache and ``done``; True if interrupted."""
    try:
        for finished in stream:
            cache.put_many(finished.items())
            done.update(finished)
            if progress:
                progress.advance(language, len(finished))
    except KeyboardInterrupt:
        return True
    return False


def _translate(
    engine: Engine,
    glossary: Glossary,
    language: str,
    n_best: int,
    sources: list[str],
    executor: Executor,
) -> Iterator[dict[str, Enforced]]:
    """Yield the enforced drafts of each chunk as the executor finishes it."""
    chunks = make_chunks(sources)
    plans: dict[str, UnitPlan] = {}

    def prepared() -> Iterator[list[str]]:
        # Planned as the executor takes each chunk: the engine starts on the first at once.
        for chunk in chunks:
            plans.update((source, plan_unit(source, glossary, language)) for source in chunk)
            yield [plans[source].prepared for source in chunk]

    # A plan is dropped once its draft is chosen: only chunks in flight hold plans.
    for index, n_best_lists in executor.translate_chunks(engine, prepared(), n_best):
        yield {
            source: choose(plans.pop(source), hypotheses, language)
            for source, hypotheses in zip(chunks[index], n_best_lists, strict=True)
        }


def apply_drafts(catalog: Catalog, drafts: Mapping[str, Enforced], label: str, key: str) -> Catalog:
    """Fill pending entries with their drafts as fuzzy, annotated entries."""
    entries = []
    changed = False
    for entry in catalog.entries:
        found = drafts.get(entry.msgid) if needs_draft(entry) else None
        if found is None:
            entries.append(entry)
            continue
        changed = True
        count = len(found.notes)
        status = "ok" if not count else f"{count} issue" if count == 1 else f"{count} issues"
        notes = (f"mt: {label}; glossary: {status}", *found.notes)
        flags = ("fuzzy", *(f for f in entry.flags if f != "fuzzy"))
        extracted = arrange_notes(entry.extracted, notes)
        entries.append(replace(entry, msgstr=found.text, flags=flags, extracted=extracted))
    if not changed:
        return catalog
    header = with_header(catalog.header, SIGNATURE_HEADER, key)
    return replace(catalog, entries=tuple(entries), header=header)
