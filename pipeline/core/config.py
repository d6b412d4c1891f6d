"""Read ``locpipe.yaml`` once into frozen settings; every problem names file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.core.errors import ConfigError, did_you_mean
from pipeline.core.languages import is_known_language, resolve
from pipeline.core.model import SEVERITIES
from pipeline.core.paths import project_files, project_folder
from pipeline.core.yamlio import LineList, LineMap, read_yaml, type_name

CONFIG_NAME = "locpipe.yaml"
ENGINES = ("argos",)
EXECUTORS = ("local", "ray")


@dataclass(frozen=True)
class MTSettings:
    """Machine translation options (docs/architecture.md#engine)."""

    engine: str = "argos"
    n_best: int = 8
    beam_size: int = 8
    threads: int | None = None  # CTranslate2 intra_threads; None: one worker per core
    executor: str = "local"  # where drafting runs: this process, or a Ray cluster


@dataclass(frozen=True)
class CheckSettings:
    """Which finding severities fail ``locpipe check``, and per-rule severity changes."""

    fail_on: tuple[str, ...] = ("error",)
    # (rule id, error|warning|info|off, line in the config). The rule ids are the qa registry's
    # business: the check job validates them (docs/architecture.md#check), config does not know them.
    severity: tuple[tuple[str, str, int], ...] = ()


#: OpenCC conversions a derived variant may use (the ``.json`` configs the opencc package ships).
OPENCC_CONFIGS = ("s2t", "s2tw", "s2twp", "s2hk", "t2s", "tw2s", "tw2sp", "hk2s", "t2tw", "t2hk")


@dataclass(frozen=True)
class Derivation:
    """A language drafted from another's reviewed catalog: ``zh_TW`` from ``zh`` by s2twp."""

    language: str
    source: str
    opencc: str


TM_EXACT_MODES = ("reviewed", "fuzzy")


@dataclass(frozen=True)
class TMSettings:
    """Translation memory options (docs/architecture.md#translation-memory)."""

    files: tuple[Path, ...] = ()  # committed TMX files and PO compendia
    patterns: tuple[str, ...] = ()  # the ``tm.files`` entries as written, for ``tm import``
    min_similarity: int = 75  # percent, rapidfuzz's normalised Indel similarity
    exact: str = "reviewed"  # an exact match that passes every check: reviewed or fuzzy


@dataclass(frozen=True)
class Settings:
    """The project configuration, with paths resolved against the config file's folder."""

    path: Path
    root: Path
    source_language: str
    languages: tuple[str, ...]
    sources: tuple[Path, ...]
    glossary: tuple[Path, ...]
    locales: Path
    editions: Path
    mt: MTSettings = field(default_factory=MTSettings)
    check: CheckSettings = field(default_factory=CheckSettings)
    derive: tuple[Derivation, ...] = ()
    tm: TMSettings = field(default_factory=TMSettings)

    def derivation(self, language: str) -> Derivation | None:
        """How ``language`` is derived from another configured language, if it is."""
        return next((d for d in self.derive if d.language == language), None)

    @property
    def cache(self) -> Path:
        """The rebuildable cache folder: deleting it loses nothing."""
        return self.root / ".locpipe-cache"

    def pot_path(self, slug: str) -> Path:
        """The template of one source: ``locales/<slug>.pot``."""
        return self.locales / f"{slug}.pot"

    def po_path(self, language: str, slug: str) -> Path:
        """One language's catalog: ``locales/<lang>/LC_MESSAGES/<slug>.po``."""
        return self.locales / language / "LC_MESSAGES" / f"{slug}.po"

    def shown(self, path: Path) -> str:
        """A path as users and ``#:`` references see it: relative to the project root."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


_TOP_KEYS = {
    "source_language",
    "languages",
    "sources",
    "glossary",
    "locales",
    "editions",
    "mt",
    "check",
    "derive",
    "tm",
}
#: Upper bounds: CTranslate2 allocates beam × hypotheses per sentence up front (2^40 fails
#: with an allocation traceback); real Argos packages use 4–8.
LIMITS = {"mt.n_best": 64, "mt.beam_size": 64, "mt.threads": 256}
_REQUIRED = ("source_language", "languages", "sources")


def find_config(start: Path) -> Path:
    """The nearest ``locpipe.yaml`` in ``start`` or a folder above it."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise ConfigError(
        f"no {CONFIG_NAME} found in {start} or any folder above it; "
        "'locpipe init' creates a new project"
    )


def load_config(path: Path) -> Settings:
    """Load and validate a config file into :class:`Settings`."""
    name = str(path)
    data = read_yaml(path, name)
    if not isinstance(data, LineMap):
        raise ConfigError(f"the config must be a mapping, not {type_name(data)}", name, 1)
    _check_keys(data, _TOP_KEYS, name, "")
    for key in _REQUIRED:
        if key not in data:
            raise ConfigError(f"missing required key '{key}'", name, data.line)
    root = path.resolve().parent
    source_language = _language(data, "source_language", name)
    languages = _languages(data, name)
    if any(resolve(code).identity == resolve(source_language).identity for code in languages):
        line = data.key_lines["languages"]
        raise ConfigError(
            f"'{source_language}' is the source language; it cannot also be a target", name, line
        )
    return Settings(
        path=path.resolve(),
        root=root,
        source_language=source_language,
        languages=languages,
        sources=_globs(data, "sources", root, name),
        glossary=_globs(data, "glossary", root, name) if "glossary" in data else (),
        locales=_folder(data, "locales", root, name),
        editions=_folder(data, "editions", root, name),
        mt=_mt(data, name),
        check=_check(data, name),
        derive=_derive(data, languages, name),
        tm=_tm(data, root, name),
    )


def _check_keys(data: LineMap, allowed: set[str], name: str, prefix: str) -> None:
    for key in data:
        if key not in allowed:
            hint = did_you_mean(key, allowed, prefix)
            raise ConfigError(f"unknown key '{prefix}{key}'{hint}", name, data.key_lines[key])


def _string(data: LineMap, key: str, name: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or not value.strip():
        line = data.key_lines.get(key, data.line)
        raise ConfigError(f"'{key}' must be a non-empty string, not {type_name(value)}", name, line)
    return value


def _language(data: LineMap, key: str, name: str) -> str:
    code = _string(data, key, name)
    if not is_known_language(code):
        raise ConfigError(f"unknown language code '{code}'", name, data.key_lines[key])
    return resolve(code).code


def _string_list(data: LineMap, key: str, name: str) -> list[tuple[str, int]]:
    value = data[key]
    line = data.key_lines[key]
    if isinstance(value, str):
        return [(value, line)]
    if not isinstance(value, LineList) or not value:
        raise ConfigError(f"'{key}' must be a non-empty list, not {type_name(value)}", name, line)
    items = []
    for item, item_line in zip(value, value.item_lines, strict=True):
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(
                f"'{key}' items must be strings, not {type_name(item)}", name, item_line
            )
        items.append((item, item_line))
    return items


def _languages(data: LineMap, name: str) -> tuple[str, ...]:
    """Canonical codes (``zh-TW`` → ``zh_TW``); two spellings of one language are an error."""
    codes: dict[tuple[str, str, str], str] = {}
    for code, line in _string_list(data, "languages", name):
        if not is_known_language(code):
            raise ConfigError(f"unknown language code '{code}'", name, line)
        language = resolve(code)
        if language.identity in codes:
            first = codes[language.identity]
            same = "listed twice" if first == code else f"is the same language as '{first}'"
            raise ConfigError(f"language '{code}' {same}", name, line)
        codes[language.identity] = language.code
    return tuple(codes.values())


def _globs(data: LineMap, key: str, root: Path, name: str) -> tuple[Path, ...]:
    found: dict[Path, None] = {}  # in order, once each: an archive's sources are many
    for pattern, line in _string_list(data, key, name):
        found.update(dict.fromkeys(project_files(root, pattern, key, name, line)))
    if not found:
        raise ConfigError(f"'{key}' matches no files", name, data.key_lines[key])
    return tuple(found)


def _folder(data: LineMap, key: str, root: Path, name: str) -> Path:
    value = _string(data, key, name, key)
    return project_folder(root, value, key, name, data.key_lines.get(key, data.line))


def _section(data: LineMap, key: str, allowed: set[str], name: str) -> LineMap:
    value = data.get(key)
    if value is None:
        empty = LineMap()
        empty.line, empty.key_lines = data.line, {}
        return empty
    if not isinstance(value, LineMap):
        line = data.key_lines[key]
        raise ConfigError(f"'{key}' must be a mapping, not {type_name(value)}", name, line)
    _check_keys(value, allowed, name, f"{key}.")
    return value


def _positive_int(section: LineMap, key: str, default: int, name: str, prefix: str) -> int:
    value: Any = section.get(key, default)
    limit = LIMITS[f"{prefix}{key}"]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= limit:
        line = section.key_lines.get(key, section.line)
        raise ConfigError(f"'{prefix}{key}' must be an integer from 1 to {limit}", name, line)
    return value


def _mt(data: LineMap, name: str) -> MTSettings:
    section = _section(data, "mt", {"engine", "n_best", "beam_size", "threads", "executor"}, name)
    engine = _choice(section, "engine", ENGINES, name)
    executor = _choice(section, "executor", EXECUTORS, name)
    threads = _positive_int(section, "threads", 1, name, "mt.") if "threads" in section else None
    n_best = _positive_int(section, "n_best", 8, name, "mt.")
    beam_size = _positive_int(section, "beam_size", 8, name, "mt.")
    if n_best > beam_size:
        line = section.key_lines.get("n_best", section.line)
        raise ConfigError("'mt.n_best' cannot exceed 'mt.beam_size'", name, line)
    return MTSettings(
        engine=engine, n_best=n_best, beam_size=beam_size, threads=threads, executor=executor
    )


def _choice(section: LineMap, key: str, known: tuple[str, ...], name: str) -> str:
    value = section.get(key, known[0])
    if value not in known:
        line = section.key_lines.get(key, section.line)
        what = {"engine": "MT engine", "executor": "MT executor"}[key]
        raise ConfigError(f"unknown {what} '{value}'; known: {', '.join(known)}", name, line)
    return str(value)


def _check(data: LineMap, name: str) -> CheckSettings:
    section = _section(data, "check", {"fail_on", "severity"}, name)
    severity = _severity(section, name)
    if "fail_on" not in section:
        return CheckSettings(severity=severity)
    levels = _string_list(section, "fail_on", name)
    for level, line in levels:
        if level not in SEVERITIES:
            raise ConfigError(
                f"unknown severity '{level}' in check.fail_on; known: {', '.join(SEVERITIES)}",
                name,
                line,
            )
    return CheckSettings(fail_on=tuple(level for level, _ in levels), severity=severity)


def _severity(section: LineMap, name: str) -> tuple[tuple[str, str, int], ...]:
    """``check.severity``: a mapping of rule id to error, warning, info or off, with lines."""
    value = section.get("severity")
    if value is None:
        return ()
    if not isinstance(value, LineMap):
        line = section.key_lines["severity"]
        raise ConfigError(f"'check.severity' must be a mapping, not {type_name(value)}", name, line)
    levels = []
    for rule, written in value.items():
        level = "off" if written is False else written  # YAML 1.1 reads a bare off as false
        if level not in (*SEVERITIES, "off"):
            raise ConfigError(
                f"check.severity.{rule}: '{level}' is not one of error, warning, info, off",
                name,
                value.key_lines[rule],
            )
        levels.append((rule, level, value.key_lines[rule]))
    return tuple(levels)


def _derive(data: LineMap, languages: tuple[str, ...], name: str) -> tuple[Derivation, ...]:
    """``derive: {zh_TW: {from: zh, opencc: s2twp}}``: both languages configured, distinct."""
    section = data.get("derive")
    if section is None:
        return ()
    if not isinstance(section, LineMap):
        line = data.key_lines["derive"]
        raise ConfigError(f"'derive' must be a mapping, not {type_name(section)}", name, line)
    found = []
    for key, value in section.items():
        line = section.key_lines[key]
        target = _configured(str(key), languages, f"derive.{key}", name, line)
        if not isinstance(value, LineMap):
            found_type = type_name(value)
            raise ConfigError(f"'derive.{key}' must be a mapping, not {found_type}", name, line)
        _check_keys(value, {"from", "opencc"}, name, f"derive.{key}.")
        for needed in ("from", "opencc"):
            if needed not in value:
                raise ConfigError(f"'derive.{key}' needs '{needed}'", name, line)
        source_line = value.key_lines["from"]
        source = _configured(str(value["from"]), languages, f"derive.{key}.from", name, source_line)
        if source == target:
            raise ConfigError(f"'derive.{key}' cannot derive a language from itself", name, line)
        conversion = value["opencc"]
        if conversion not in OPENCC_CONFIGS:
            known = ", ".join(OPENCC_CONFIGS)
            message = f"unknown OpenCC conversion '{conversion}'; known: {known}"
            raise ConfigError(message, name, value.key_lines["opencc"])
        found.append(Derivation(target, source, str(conversion)))
    return tuple(found)


def _configured(code: str, languages: tuple[str, ...], key: str, name: str, line: int) -> str:
    """The configured spelling of ``code``; an error when it is not a configured language."""
    if is_known_language(code):
        identity = resolve(code).identity
        match = next((lang for lang in languages if resolve(lang).identity == identity), None)
        if match is not None:
            return match
    configured = ", ".join(languages)
    raise ConfigError(f"'{key}': '{code}' is not a configured language ({configured})", name, line)


def _tm(data: LineMap, root: Path, name: str) -> TMSettings:
    """``tm``: files (globs; a pattern may match nothing yet), min_similarity, exact."""
    section = _section(data, "tm", {"files", "min_similarity", "exact"}, name)
    patterns = _string_list(section, "files", name) if "files" in section else []
    files: list[Path] = []
    for pattern, line in patterns:
        matches = project_files(root, pattern, "tm.files", name, line)
        files.extend(m for m in matches if m not in files)
    similarity: Any = section.get("min_similarity", 75)
    if isinstance(similarity, bool) or not isinstance(similarity, int) or not 1 <= similarity <= 99:
        line = section.key_lines.get("min_similarity", section.line)
        raise ConfigError("'tm.min_similarity' must be an integer from 1 to 99", name, line)
    exact = section.get("exact", "reviewed")
    if exact not in TM_EXACT_MODES:
        line = section.key_lines.get("exact", section.line)
        raise ConfigError(f"'tm.exact' must be one of {', '.join(TM_EXACT_MODES)}", name, line)
    return TMSettings(tuple(files), tuple(p for p, _ in patterns), similarity, exact)
