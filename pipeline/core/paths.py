"""Configured paths: every one resolves inside the project, symlinks followed.

A config or a symlink must not make locpipe read ``/etc/passwd`` as an article or write
catalogs and locks outside the project (docs/architecture.md#paths).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.core.decode import has_control
from pipeline.core.errors import ConfigError


def project_files(root: Path, pattern: str, key: str, name: str, line: int) -> list[Path]:
    """The files a config glob matches, each checked to resolve inside ``root``."""
    if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
        raise ConfigError(f"'{pattern}' must be relative to the project folder", name, line)
    matches = sorted(p for p in root.glob(pattern) if p.is_file())
    if not matches and not any(ch in pattern for ch in "*?["):
        raise ConfigError(f"{key}: file not found: {pattern}", name, line)
    for match in matches:
        shown = match.relative_to(root).as_posix()
        if has_control(shown):
            raise ConfigError(f"{key}: a file name with a control character: {shown!r}", name, line)
        if not match.resolve().is_relative_to(root):
            raise ConfigError(
                f"{key}: {shown} resolves outside the project ({match.resolve()}); "
                "copy the file into the project instead of linking it",
                name,
                line,
            )
    return matches


def project_folder(root: Path, value: str, key: str, name: str, line: int) -> Path:
    """A configured folder (``locales``, ``editions``): inside ``root``, and not a file."""
    folder = root / value
    resolved = folder.resolve()
    if not resolved.is_relative_to(root):
        raise ConfigError(
            f"'{key}' must be a folder inside the project, not {value} ({resolved})", name, line
        )
    if resolved.exists() and not resolved.is_dir():
        raise ConfigError(f"'{key}': {value} is a file, not a folder", name, line)
    return folder
