"""MT drafts for untranslated catalog entries, glossary enforced, cached by a signature.

Reviewed and fuzzy entries are never touched. Each draft is ``#, fuzzy`` and carries
``#. mt: <package> <version>; glossary: ok|N issues`` plus one line per problem, so a
reviewer sees in Poedit or Weblate exactly what to fix.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from pipeline import __version__
from pipeline.core import Catalog, Entry
from pipeline.glossary import Glossary
from pipeline.mt.cache import DraftCache
from pipeline.mt.enforce import Enforced, choose, plan_unit
from pipeline.mt.engine import Engine
from pipeline.mt.executor import Executor, LocalExecutor, make_chunks
from pipeline.tm import TM_NOTE, pending

#: Where a draft came from: machine translation, translation memory, an OpenCC conversion.
PROVENANCE_PREFIXES = ("mt: ", TM_NOTE, "opencc: ")
#: What a reviewed entry keeps of its draft's provenance, e.g. ``reviewed from mt: …``.
REVIEWED_PREFIX = "reviewed from "
#: Extracted-comment lines a draft writes; ``update`` keeps them while the draft stays fuzzy.
NOTE_PREFIXES = (*PROVENANCE_PREFIXES, "glossary: missing ", "glossary: forbidden ")
SIGNATURE_HEADER = "X-Locpipe-MT"


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


def needs_draft(entry: Entry) -> bool:
    """Untranslated, active, singular, not fuzzy: the only entries MT may fill (as TM's)."""
    return pending(entry)


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
    plans = {source: plan_unit(source, glossary, language) for source in sources}
    prepared = [[plans[source].prepared for source in chunk] for chunk in chunks]
    for index, n_best_lists in executor.translate_chunks(engine, prepared, n_best):
        yield {
            source: choose(plans[source], hypotheses, language)
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
    header = _with_header(catalog.header, SIGNATURE_HEADER, key)
    return replace(catalog, entries=tuple(entries), header=header)


def reapply_drafts(current: Catalog, fills: Catalog) -> Catalog:
    """Fill the entries of ``current`` still waiting for a translation with those in ``fills``.

    ``fills`` holds the entries a job filled (MT drafts, TM matches). For a catalog that changed
    on disk meanwhile: only entries still untranslated, with the same gettext identity, are
    filled; everything else stays as it is in ``current``.
    """
    found_by_key = {e.key: e for e in fills.entries if not e.obsolete and e.translated}
    entries = []
    for entry in current.entries:
        found = found_by_key.get(entry.key) if needs_draft(entry) else None
        if found is None:
            entries.append(entry)
            continue
        notes = [line for line in found.extracted if is_note(line)]
        flags = (*(("fuzzy",) if found.fuzzy else ()), *(f for f in entry.flags if f != "fuzzy"))
        entries.append(
            replace(
                entry,
                msgstr=found.msgstr,
                flags=flags,
                extracted=arrange_notes(entry.extracted, notes),
                previous_msgid=found.previous_msgid,
                previous_msgctxt=found.previous_msgctxt,
            )
        )
    if entries == list(current.entries):
        return current
    key = fills.header_value(SIGNATURE_HEADER)
    header = _with_header(current.header, SIGNATURE_HEADER, key) if key else current.header
    return replace(current, entries=tuple(entries), header=header)


def _with_header(
    header: tuple[tuple[str, str], ...], name: str, value: str
) -> tuple[tuple[str, str], ...]:
    if any(key == name for key, _ in header):
        return tuple((key, value if key == name else old) for key, old in header)
    return (*header, (name, value))


def is_mt_draft(entry: Entry) -> bool:
    """A translated entry whose translation MT wrote (it carries ``#. mt: …``)."""
    return entry.translated and any(line.startswith("mt: ") for line in entry.extracted)


def is_note(line: str) -> bool:
    """A line a draft wrote (``mt: …``, ``glossary: missing …``, ``glossary: forbidden …``)."""
    return line.startswith(NOTE_PREFIXES)


def arrange_notes(extracted: Iterable[str], notes: Iterable[str]) -> tuple[str, ...]:
    """Template lines, then draft notes, then glossary hints: the order ``update`` rebuilds."""
    lines = [
        line for line in extracted if not is_note(line) and not line.startswith(REVIEWED_PREFIX)
    ]
    hints = [line for line in lines if line.startswith("glossary: ")]
    others = [line for line in lines if not line.startswith("glossary: ")]
    return (*others, *notes, *hints)


def keep_draft_notes(old: Catalog, merged: Catalog) -> Catalog:
    """Carry draft notes across an update; keep a reviewed draft's provenance as an audit trail.

    Merging takes extracted comments from the template (as msgmerge does), which would drop
    them; msgmerge's semantics stay as they are and the notes are put back here: all of them
    while the draft is unchanged and still fuzzy, and once a reviewer approved it (in any
    editor), its provenance as ``reviewed from mt: …`` so post-edited MT stays countable.
    """
    previous = {e.key: e for e in old.entries if not e.obsolete}
    entries = []
    for entry in merged.entries:
        before = previous.get(entry.key)
        if entry.obsolete or before is None:
            entries.append(entry)
        elif entry.fuzzy and before.fuzzy and before.msgstr == entry.msgstr:
            notes = [line for line in before.extracted if is_note(line)]
            entries.append(replace(entry, extracted=arrange_notes(entry.extracted, notes)))
        elif (
            entry.reviewed
            and before.reviewed
            and before.msgstr == entry.msgstr
            and (written := [line for line in before.extracted if line.startswith(TM_NOTE)])
        ):
            # The TM wrote this entry reviewed (an exact match): its note stays as written.
            entries.append(replace(entry, extracted=arrange_notes(entry.extracted, written)))
        elif entry.reviewed and (trail := reviewed_provenance(before.extracted)):
            entries.append(replace(entry, extracted=arrange_notes(entry.extracted, trail)))
        else:
            entries.append(entry)
    return replace(merged, entries=tuple(entries))


def reviewed_provenance(extracted: Iterable[str]) -> list[str]:
    """``reviewed from <provenance>`` lines for a draft's provenance notes, kept as they are."""
    trail = []
    for line in extracted:
        if line.startswith(REVIEWED_PREFIX):
            trail.append(line)
        elif line.startswith(PROVENANCE_PREFIXES):
            trail.append(REVIEWED_PREFIX + line.split("; glossary: ")[0])
    return trail


def is_reviewed_from(entry: Entry, source: str) -> bool:
    """A reviewed entry that started as a ``source`` draft ("mt", "tm" or "opencc")."""
    prefix = f"{REVIEWED_PREFIX}{source}: "
    return entry.reviewed and any(line.startswith(prefix) for line in entry.extracted)
