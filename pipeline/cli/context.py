"""The context every command shares: global options, and the settings read once on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click
from rich.console import Console

from pipeline.core import ConfigError, Settings, find_config, load_config


@dataclass
class AppContext:
    """Global options; the config is read once, when a command first needs it."""

    config: Path | None
    quiet: bool
    verbose: bool
    _settings: Settings | None = field(default=None, repr=False)

    def optional_settings(self) -> Settings | None:
        """The settings, or None when no --config was given and no locpipe.yaml is found."""
        if self.config is None and self._settings is None:
            try:
                find_config(Path.cwd())
            except ConfigError:
                return None
        return self.settings()

    def settings(self) -> Settings:
        if self._settings is None:
            path = self.config or find_config(Path.cwd())
            self._settings = load_config(path)
        return self._settings

    @property
    def console(self) -> Console:
        return Console(quiet=self.quiet, highlight=False)


pass_app = click.make_pass_decorator(AppContext)
