"""The context every command shares: global options, and the settings read once on first use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pipeline import jobs
from pipeline.core import ConfigError, Settings, find_config, load_config

if TYPE_CHECKING:
    from rich.console import Console

#: Exit status after Ctrl-C or SIGTERM (128 + SIGINT), as shells report it.
INTERRUPTED = 130

#: What a file that changed on disk while a job ran became (docs/architecture.md#concurrency).
_CONCURRENT = {
    "merged": "changed on disk meanwhile; our change was applied on top",
    "kept": "changed on disk meanwhile and left as it is; run the command again",
}


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
        from rich.console import Console  # imported on first use: quick commands never need it

        return Console(quiet=self.quiet, highlight=False)


pass_app = click.make_pass_decorator(AppContext)


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """Store a global option given after the command (``locpipe run --quiet``)."""
    app = ctx.find_object(AppContext)
    if value and app is not None and param.name:
        setattr(app, param.name, value)


#: The global options, also accepted after a command's name: (flags, is_flag, help).
_GLOBAL_OPTIONS = (
    (["--config"], False, "Project config (default: locpipe.yaml here or in a parent folder)."),
    (["--quiet", "-q"], True, "Print only errors."),
    (["--verbose", "-v"], True, "Print every file touched."),
)


def _global_options() -> list[click.Option]:
    return [
        click.Option(
            flags,
            is_flag=is_flag,
            type=None if is_flag else click.Path(dir_okay=False, path_type=Path),
            expose_value=False,
            callback=_remember,
            help=text,
        )
        for flags, is_flag, text in _GLOBAL_OPTIONS
    ]


def accept_global_options(command: click.Command) -> None:
    """Let every command (and subcommand) take the global options after its name, as git does."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            accept_global_options(sub)
        return
    command.params.extend(_global_options())


def print_changes(app: AppContext, changes: Sequence[jobs.FileChange]) -> None:
    """One line per file a job wrote (every file with --verbose), or that all are up to date.

    Plain lines through click: a path is printed as it is, never read as rich markup.
    """
    if app.quiet:
        return
    settings = app.settings()
    for change in changes:
        if app.verbose or change.action != "unchanged":
            note = _CONCURRENT.get(change.action)
            click.echo(
                f"{change.action:>9}  {settings.shown(change.path)}"
                + (f" ({note})" if note else "")
            )
    if not any(change.action != "unchanged" for change in changes):
        click.echo(f"{len(changes)} files up to date")
