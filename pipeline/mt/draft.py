"""MT drafts for untranslated catalog entries, glossary enforced, cached by a signature.

Reviewed and fuzzy entries are never touched. Each draft is ``#, fuzzy`` and carries
``#. mt: <package> <version>; glossary: ok|N issues`` plus one line per problem, so a
reviewer sees in Poedit or Weblate exactly what to fix.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline import __version__
from pipeline.core import Catalog, Entry
from pipeline.glossary import Glossary
from pipeline.mt.enforce import Enforced, choose, plan_unit
from pipeline.mt.engine import Engine

#: Where a draft came from: machine translation, translation memory, an OpenCC conversion.
PROVENANCE_PREFIXES = ("mt: ", "tm: ", "opencc: ")
#: What a reviewed entry keeps of its draft's provenance, e.g. ``reviewed from mt: …``.
REVIEWED_PREFIX = "reviewed from "
#: Extracted-comment lines a draft writes; ``update`` keeps them while the draft stays fuzzy.
NOTE_PREFIXES = (*PROVENANCE_PREFIXES, "glossary: missing ", "glossary: forbidden ")
SIGNATURE_HEADER = "X-Locpipe-MT"
CACHE_FOLDER = ".locpipe-cache"


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


class DraftCache:
    """Finished drafts by source text, one JSON file per signature under ``.locpipe-cache/``."""

    def __init__(self, root: Path | None, key: str) -> None:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
        self.path = root / CACHE_FOLDER / "drafts" / f"{digest}.json" if root else None
        self.key = key
        self.drafts: dict[str, Enforced] = {}
        self.dirty = False
        if self.path is not None and self.path.is_file():
            self.drafts = _read_cache(self.path, key)

    def get(self, source: str) -> Enforced | None:
        return self.drafts.get(_source_key(source))

    def put(self, source: str, enforced: Enforced) -> None:
        self.drafts[_source_key(source)] = enforced
        self.dirty = True

    def pending(self) -> tuple[Path, str] | None:
        """The cache file and its new text when drafts were added; the caller writes it."""
        if self.path is None or not self.dirty:
            return None
        data = {
            "signature": self.key,
            "drafts": {
                k: [v.text, v.required, v.satisfied, list(v.notes)] for k, v in self.drafts.items()
            },
        }
        return self.path, json.dumps(data, ensure_ascii=False, sort_keys=True)


def _source_key(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:32]


def _read_cache(path: Path, key: str) -> dict[str, Enforced]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("signature") != key:
            return {}
        return {
            k: Enforced(str(text), int(required), int(satisfied), tuple(map(str, notes)))
            for k, (text, required, satisfied, notes) in data["drafts"].items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}  # a damaged cache only costs a re-translation


def needs_draft(entry: Entry) -> bool:
    """Untranslated, active, singular, not fuzzy: the only entries MT may fill."""
    return (
        not entry.obsolete
        and not entry.translated
        and not entry.fuzzy
        and entry.msgid_plural is None
        and entry.msgid != ""
    )


def draft_catalogs(
    catalogs: Mapping[str, Catalog],
    language: str,
    glossary: Glossary,
    engine: Engine,
    n_best: int,
    cache: DraftCache,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, Catalog], DraftReport]:
    """Draft every pending entry of a language's catalogs with one engine call."""
    started = time.perf_counter()
    sources = list(
        dict.fromkeys(e.msgid for c in catalogs.values() for e in c.entries if needs_draft(e))
    )
    done = {source: found for source in sources if (found := cache.get(source)) is not None}
    cached = len(done)
    if progress:
        progress(cached)
    missing = [source for source in sources if source not in done]
    plans = [plan_unit(source, glossary, language) for source in missing]
    if plans:
        n_best_lists = engine.translate([plan.prepared for plan in plans], n_best)
        for plan, hypotheses in zip(plans, n_best_lists, strict=True):
            done[plan.source] = choose(plan, hypotheses, language)
            cache.put(plan.source, done[plan.source])
        if progress:
            progress(len(plans))
    label = engine.model.label
    key = signature(engine, glossary, n_best)
    drafted = {slug: apply_drafts(c, done, label, key) for slug, c in catalogs.items()}
    results = [done[source] for source in sources]
    report = DraftReport(
        language=language,
        model=label,
        drafted=len(sources),
        cached=cached,
        required=sum(r.required for r in results),
        satisfied=sum(r.satisfied for r in results),
        flagged=sum(1 for r in results if r.notes),
        seconds=time.perf_counter() - started,
    )
    return drafted, report


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


def _with_header(
    header: tuple[tuple[str, str], ...], name: str, value: str
) -> tuple[tuple[str, str], ...]:
    if any(key == name for key, _ in header):
        return tuple((key, value if key == name else old) for key, old in header)
    return (*header, (name, value))


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
