"""The check job: the CI gate over PO files, ours or any project's (docs/architecture.md#check)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.catalog import collector_paused
from pipeline.core import InputError, Settings
from pipeline.glossary import Glossary, load_glossary, load_project_glossary
from pipeline.qa import CheckResult, check_catalogs, configured_severities, fail_levels


@dataclass(frozen=True)
class CheckOutcome:
    """The findings of one check and the severities that fail it."""

    result: CheckResult
    fail_on: tuple[str, ...]

    @property
    def failed(self) -> bool:
        return self.result.failed(self.fail_on)


def check(
    settings: Settings | None,
    paths: Sequence[Path] = (),
    severities: Mapping[str, str] | None = None,
    fail_on: str | None = None,
    glossaries: Sequence[Path] = (),
) -> CheckOutcome:
    """Check the project's catalogs, or the PO files and folders in ``paths``.

    Severities: the config's per-rule levels, then ``severities`` (the command line) wins.
    Without settings (no project), explicit paths are checked with no glossary.
    """
    files = _po_files(paths, settings)
    sources = _read(files, settings)
    levels = {**_configured_levels(settings), **(severities or {})}
    # A 5,000-term glossary is 40,000 YAML nodes and 5,000 terms, none in a reference cycle:
    # the cyclic collector would walk them again and again and free nothing.
    with collector_paused():
        glossary = _glossary(settings, glossaries)
    result = check_catalogs(sources, glossary, levels)
    configured = settings.check.fail_on if settings else ("error",)
    return CheckOutcome(result, fail_levels(fail_on) if fail_on else configured)


def _configured_levels(settings: Settings | None) -> dict[str, str]:
    """The config's ``check.severity``, its rule ids checked against the rule registry."""
    if settings is None:
        return {}
    return configured_severities(settings.check.severity, str(settings.path))


def _po_files(paths: Sequence[Path], settings: Settings | None) -> list[Path]:
    if not paths:
        if settings is None:
            raise InputError("no PO files given and no locpipe.yaml found")
        return sorted(settings.locales.glob("*/LC_MESSAGES/*.po"))
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.rglob("*.po")) if path.is_dir() else [path])
    return list(dict.fromkeys(found))


def _read(files: list[Path], settings: Settings | None) -> list[tuple[str, bytes]]:
    """Read each file; an unreadable one is an input error (exit 2)."""
    sources = []
    for path in files:
        shown = settings.shown(path.resolve()) if settings else str(path)
        try:
            sources.append((shown, path.read_bytes()))
        except OSError as exc:
            raise InputError(f"cannot read PO file: {exc.strerror}", shown) from None
    return sources


def _glossary(settings: Settings | None, glossaries: Sequence[Path]) -> Glossary:
    if glossaries:
        languages = settings.languages if settings else ()
        return load_glossary(glossaries, languages, root=settings.root if settings else None)
    if settings is None or not settings.glossary:
        return Glossary(terms=())
    return load_project_glossary(settings)
