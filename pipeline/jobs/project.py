"""What every job shares: the project's sources, languages and the one way files are written.

Jobs read project files, compute in memory, then write everything at the end under the project
lock (docs/architecture.md#writes), so a bad input stops a job before any file changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.core import ConfigError, Document, InputError, Settings, write_files
from pipeline.source import read_source


@dataclass(frozen=True)
class FileChange:
    """What a job did to one file: created, updated or unchanged."""

    path: Path
    action: str


def slugs(settings: Settings) -> list[str]:
    """One catalog name per configured source; two sources with one slug are a config error."""
    seen: dict[str, Path] = {}
    for path in settings.sources:
        if path.stem in seen:
            raise ConfigError(
                f"sources {settings.shown(seen[path.stem])} and {settings.shown(path)} "
                f"share the catalog name '{path.stem}'",
                str(settings.path),
            )
        seen[path.stem] = path
    return list(seen)


def read_documents(settings: Settings) -> list[Document]:
    """Read every configured source, after checking their catalog names are distinct."""
    slugs(settings)
    return [read_source(path, settings.shown(path)) for path in settings.sources]


def select_languages(settings: Settings, requested: Sequence[str]) -> tuple[str, ...]:
    """The requested languages (all configured ones when none), each of which must be configured."""
    for language in requested:
        if language not in settings.languages:
            raise InputError(
                f"language '{language}' is not configured; configured: "
                f"{', '.join(settings.languages)}"
            )
    return tuple(requested) or settings.languages


def write_project_files(
    settings: Settings, files: Sequence[tuple[Path, str | bytes]]
) -> tuple[FileChange, ...]:
    """Write planned files atomically under the project lock; say what happened to each."""
    return tuple(
        FileChange(path, action) for path, action in write_files(settings.locales, list(files))
    )
