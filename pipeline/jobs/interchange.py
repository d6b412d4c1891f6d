"""TMX and XLIFF in and out: the ``tm`` and ``xliff`` jobs (docs/architecture.md#translation-memory)."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.catalog import format_po, parse_po, read_po
from pipeline.core import Catalog, Entry, InputError, Settings, decode_text, language_tag
from pipeline.glossary import load_project_glossary
from pipeline.jobs.project import (
    FileChange,
    PlannedFile,
    ReadLog,
    select_languages,
    slugs,
    write_project_files,
)
from pipeline.jobs.tm import TMStats, open_memory, reviewed_units
from pipeline.qa import check_entry, configured_severities
from pipeline.tm import (
    FINAL_STATES,
    TM_NOTE,
    TMUnit,
    TMXUnit,
    XliffFile,
    format_tmx,
    format_xliff,
    read_tmx,
    read_xliff,
    unit_ids,
)

TM_FOLDER = "tm"
DRAFT_NOTES = (TM_NOTE, "mt: ")
TM_PATTERNS = ("tm/*.tmx", "tm/*.po")


def export_tmx(
    settings: Settings, languages: Sequence[str], output: Path
) -> tuple[FileChange, ...]:
    """Every language's memory as one TMX 1.4b file."""
    units = [
        TMXUnit(unit.source, language_tag(language), unit.target, unit.origin, unit.context)
        for language in select_languages(settings, languages)
        for unit in _memory_units(settings, language)
    ]
    data = format_tmx(units, language_tag(settings.source_language))
    return write_project_files(settings, [(output, data)])


def _memory_units(settings: Settings, language: str) -> list[TMUnit]:
    index = open_memory(settings, language)
    try:
        return index.units()
    finally:
        index.close()


def tm_stats(settings: Settings, languages: Sequence[str] = ()) -> list[TMStats]:
    """Units per origin in each language's memory (refreshing the index)."""
    stats = []
    for language in select_languages(settings, languages):
        index = open_memory(settings, language)
        try:
            stats.append(TMStats(language, tuple(index.counts().items())))
        finally:
            index.close()
    return stats


def import_tm(settings: Settings, source: Path) -> tuple[FileChange, ...]:
    """Copy a TMX file or PO compendium under ``tm/`` and list it in the config if needed."""
    if source.suffix not in (".tmx", ".po"):
        raise InputError("a TM file must be .tmx or .po", str(source))
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read TM file: {exc.strerror}", str(source)) from None
    _validate_tm(settings, source, data)
    target = settings.root / TM_FOLDER / source.name
    relative = target.relative_to(settings.root).as_posix()
    files: list[PlannedFile | tuple[Path, str | bytes]] = [(target, data)]
    reads = ReadLog()
    if not any(fnmatch.fnmatch(relative, pattern) for pattern in settings.tm.patterns):
        config = reads.read_text(settings.path) or ""

        def redo(current: bytes | None) -> str | None:
            try:  # the config edited meanwhile: append to the new text if it still has no tm key
                return _config_with_tm(settings, relative, (current or b"").decode("utf-8"))
            except (UnicodeDecodeError, InputError):
                return None

        files.append(PlannedFile(settings.path, _config_with_tm(settings, relative, config), redo))
    return write_project_files(settings, files, reads)


def _validate_tm(settings: Settings, source: Path, data: bytes) -> None:
    """Parse the file now, so a broken one never enters the project."""
    if source.suffix == ".tmx":
        for language in settings.languages:
            list(read_tmx(data, str(source), settings.source_language, language))
        return
    text = decode_text(data, str(source), hint="; a PO compendium must be UTF-8")
    list(reviewed_units(parse_po(text, str(source)), source.name))


def _config_with_tm(settings: Settings, relative: str, text: str) -> str:
    """The config text with ``tm.files`` covering ``tm/``: appended when there is no tm key."""
    if settings.tm.patterns or "\ntm:" in f"\n{text}":
        raise InputError(
            f"{relative} is not matched by tm.files; add it (or 'tm/*.tmx') to the config",
            str(settings.path),
        )
    block = (
        f"tm: {{files: [{', '.join(TM_PATTERNS)}]}}   # translation memory (locpipe tm import)\n"
    )
    return text + ("" if text.endswith("\n") else "\n") + block


def export_xliff(
    settings: Settings, languages: Sequence[str], folder: Path
) -> tuple[FileChange, ...]:
    """One XLIFF 1.2 file per catalog: ``<folder>/<lang>/<slug>.xlf``."""
    files: list[tuple[Path, str | bytes]] = []
    source = language_tag(settings.source_language)
    for language in select_languages(settings, languages):
        for slug in slugs(settings):
            path = settings.po_path(language, slug)
            if not path.exists():
                raise InputError(f"no catalog {settings.shown(path)}; run 'locpipe update' first")
            data = format_xliff(read_po(path), slug, source, language_tag(language))
            files.append((folder / language / f"{slug}.xlf", data))
    return write_project_files(settings, files)


@dataclass(frozen=True)
class XliffImport:
    """What an XLIFF import did: units applied, kept and reported, and the files written."""

    reviewed: int = 0
    fuzzy: int = 0
    kept_reviewed: tuple[str, ...] = ()  # "file:line: source" of reviewed entries left alone
    changed_source: tuple[str, ...] = ()  # "file:line: source" of units not applied
    changes: tuple[FileChange, ...] = ()


def import_xliff(
    settings: Settings, paths: Sequence[Path], overwrite_reviewed: bool = False
) -> XliffImport:
    """Write XLIFF translations back into the PO files, under the lock.

    A unit marked final (or signed-off) that passes the check rules becomes reviewed, any other
    translated unit fuzzy; a reviewed entry is kept unless ``overwrite_reviewed``; a unit whose
    source differs from the catalog's (edited since export) is reported, not applied. A PO file
    saved by someone else meanwhile gets the same units applied to its new content.
    """
    glossary = load_project_glossary(settings)
    levels = configured_severities(settings.check.severity, str(settings.path))

    def vetter(language: str) -> Callable[[Entry], bool]:
        return lambda entry: not check_entry(entry, language, glossary, levels)

    reads = ReadLog()
    result = XliffImport()
    planned = []
    for po, batch in _xliff_batches(settings, paths).items():
        text = reads.read_text(po)
        if text is None:
            raise InputError(f"no catalog {settings.shown(po)}; run 'locpipe update' first")
        shown = settings.shown(po)

        def apply(
            text: str, tally: XliffImport, batch: XliffBatch = batch, shown: str = shown
        ) -> tuple[str, XliffImport]:
            catalog = parse_po(text, shown)
            for file, name, language in batch:
                catalog, tally = _apply_units(
                    catalog, file, name, vetter(language), overwrite_reviewed, tally
                )
            return format_po(catalog), tally

        def redo(
            current: bytes | None, apply: Callable[..., tuple[str, XliffImport]] = apply
        ) -> str | None:
            try:
                return None if current is None else apply(current.decode("utf-8"), XliffImport())[0]
            except (UnicodeDecodeError, InputError):
                return None  # broken meanwhile: left as it is, reported as kept

        new_text, result = apply(text, result)
        planned.append(PlannedFile(po, new_text, redo))
    changes = write_project_files(settings, planned, reads)
    return replace(result, changes=changes)


#: One PO file's share of the XLIFF input: (file element, XLIFF path, language) each.
XliffBatch = list[tuple[XliffFile, str, str]]


def _xliff_batches(settings: Settings, paths: Sequence[Path]) -> dict[Path, XliffBatch]:
    """The XLIFF ``<file>`` elements of ``paths``, grouped by the PO file they belong to."""
    tags = {language_tag(language): language for language in settings.languages}
    batches: dict[Path, XliffBatch] = {}
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read XLIFF file: {exc.strerror}", str(path)) from None
        for file in read_xliff(data, str(path)):
            language = tags.get(file.target_language)
            if language is None or file.original not in slugs(settings):
                raise InputError(
                    f"no catalog for original '{file.original}' in '{file.target_language}'",
                    str(path),
                )
            po = settings.po_path(language, file.original)
            batches.setdefault(po, []).append((file, str(path), language))
    return batches


def _apply_units(
    catalog: Catalog,
    file: XliffFile,
    shown: str,
    passes: Callable[[Entry], bool],
    overwrite_reviewed: bool,
    result: XliffImport,
) -> tuple[Catalog, XliffImport]:
    """One XLIFF file's translations applied to its catalog, and the tally so far."""
    ids = unit_ids(catalog.entries)
    updates: dict[tuple[str | None, str], Entry] = {}
    reviewed, fuzzy = result.reviewed, result.fuzzy
    kept, changed = list(result.kept_reviewed), list(result.changed_source)
    for unit in file.units:
        entry = ids.get(unit.id)
        where = f"{shown}:{unit.line}: {unit.source}"
        if unit.target is None or not unit.target.strip():
            continue
        if entry is None or entry.msgid != unit.source:
            changed.append(where)
        elif entry.msgstr == unit.target and (entry.reviewed or unit.state not in FINAL_STATES):
            continue  # nothing new: the same text, not newly approved
        elif entry.reviewed and not overwrite_reviewed:
            kept.append(where)
        else:
            flags = tuple(f for f in entry.flags if f != "fuzzy")
            # An approved draft keeps its provenance; a new text is no longer the draft's.
            notes = entry.extracted
            if entry.msgstr != unit.target:
                notes = tuple(line for line in notes if not line.startswith(DRAFT_NOTES))
            new = replace(
                entry,
                msgstr=unit.target,
                flags=flags,
                extracted=notes,
                previous_msgid=None,
                previous_msgctxt=None,
            )
            if unit.state in FINAL_STATES and passes(new):
                reviewed += 1
            else:
                new = replace(new, flags=("fuzzy", *flags))
                fuzzy += 1
            updates[entry.key] = new
    entries = tuple(e if e.obsolete else updates.get(e.key, e) for e in catalog.entries)
    tally = XliffImport(reviewed, fuzzy, tuple(kept), tuple(changed))
    return replace(catalog, entries=entries), tally
