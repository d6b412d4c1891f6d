"""The TM jobs: the memory of each language, filling before MT, export, import and stats.

The memory of a language is every reviewed entry of the project's catalogs plus the committed
files under ``tm.files`` (TMX or PO compendia); its SQLite index lives under the cache folder
and is refreshed from content digests (docs/architecture.md#translation-memory).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.catalog import parse_po, read_po_text
from pipeline.core import Catalog, Entry, InputError, Settings, decode_text
from pipeline.glossary import Glossary
from pipeline.jobs.project import slugs
from pipeline.qa import check_entry, configured_severities
from pipeline.tm import TMIndex, TMReport, TMUnit, UnitLoader, fill_catalogs

TM_SUFFIXES = (".tmx", ".po", ".pot")


def index_path(settings: Settings, language: str) -> Path:
    """Where one language's TM index is cached."""
    return settings.cache / "tm" / f"{language}.sqlite"


def _digest(data: str | bytes) -> str:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(payload).hexdigest()


def reviewed_units(catalog: Catalog, origin: str) -> Iterator[TMUnit]:
    """A catalog's reviewed singular entries as memory units."""
    for entry in catalog.active:
        if entry.reviewed and entry.msgid_plural is None and entry.msgid:
            yield TMUnit(entry.msgid, entry.msgstr, origin, entry.msgctxt)


def _catalog_loader(text: str, shown: str, slug: str) -> UnitLoader:
    return lambda: reviewed_units(parse_po(text, shown), slug)


def _parsed_loader(catalog: Catalog, slug: str) -> UnitLoader:
    return lambda: reviewed_units(catalog, slug)


def _file_loader(settings: Settings, path: Path, data: bytes, language: str) -> UnitLoader:
    shown = settings.shown(path)
    if path.suffix == ".tmx":
        from pipeline.tm import read_tmx  # lxml: loaded only for a project with TMX files

        return lambda: read_tmx(data, shown, settings.source_language, language)
    text = _decode(data, shown)
    return lambda: reviewed_units(parse_po(text, shown), path.name)


def _decode(data: bytes, shown: str) -> str:
    return decode_text(data, shown, hint="; TM files must be UTF-8")


def memory_origins(
    settings: Settings,
    language: str,
    texts: Mapping[Path, str],
    parsed: Mapping[Path, Catalog] | None = None,
) -> dict[str, tuple[str, UnitLoader]]:
    """Every origin of a language's memory: name → (content digest, loader).

    ``parsed`` holds catalogs already parsed from ``texts``: their units are read from them
    rather than parsing the text once more.
    """
    origins: dict[str, tuple[str, UnitLoader]] = {}
    for slug in slugs(settings):
        path = settings.po_path(language, slug)
        text = texts.get(path)
        if text is None:
            if not path.exists():
                continue
            text = read_po_text(path)
        shown = settings.shown(path)
        catalog = (parsed or {}).get(path) if path in texts else None
        loader = (
            _parsed_loader(catalog, slug)
            if catalog is not None
            else _catalog_loader(text, shown, slug)
        )
        origins[slug] = (_digest(text), loader)
    for path in settings.tm.files:
        if path.suffix not in TM_SUFFIXES:
            raise InputError(f"unknown TM file type '{path.suffix}'; use .tmx or .po", str(path))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read TM file: {exc.strerror}", settings.shown(path)) from None
        # Files are keyed apart from slugs by their folder: "tm/agency.tmx".
        origins[settings.shown(path)] = (
            _digest(data),
            _file_loader(settings, path, data, language),
        )
    return origins


def open_memory(
    settings: Settings,
    language: str,
    texts: Mapping[Path, str] | None = None,
    parsed: Mapping[Path, Catalog] | None = None,
) -> TMIndex:
    """The language's TM index, refreshed from the catalogs (``texts`` first) and TM files."""
    index = TMIndex(index_path(settings, language))
    index.refresh(memory_origins(settings, language, texts or {}, parsed))
    return index


def fill_from_tm(
    settings: Settings,
    language: str,
    catalogs: Mapping[str, Catalog],
    texts: Mapping[Path, str],
    glossary: Glossary,
) -> tuple[dict[str, Catalog], TMReport]:
    """The TM step, run before derivation and MT: fill pending entries from the memory.

    ``catalogs`` are this language's ``texts`` parsed, by slug: the memory reads them as they are.
    """
    levels = configured_severities(settings.check.severity, str(settings.path))
    parsed = {settings.po_path(language, slug): c for slug, c in catalogs.items()}
    index = open_memory(settings, language, texts, parsed)
    try:

        def vet(entry: Entry) -> list[str]:
            # Today's glossary and the project's severities: what 'locpipe check' would say.
            findings = check_entry(entry, language, glossary, levels)
            return [f"{finding.rule}: {finding.message}" for finding in findings]

        return fill_catalogs(
            catalogs,
            language,
            index,
            settings.tm.min_similarity,
            settings.tm.exact == "reviewed",
            vet,
        )
    finally:
        index.close()


@dataclass(frozen=True)
class TMStats:
    """One language's memory: units per origin."""

    language: str
    origins: tuple[tuple[str, int], ...]

    @property
    def units(self) -> int:
        return sum(count for _, count in self.origins)
