"""The ``locpipe`` command line: parse arguments, call the library once, print, exit 0/1/2.

Each command lives in its own module and is imported only when it runs (or for ``--help``), so
a quick command does not pay for the imports of every other one (docs/architecture.md#layout).
"""

from __future__ import annotations

import gc
import importlib
import signal
import sys
import threading
from pathlib import Path

import click

from pipeline import __version__
from pipeline.cli.context import INTERRUPTED, AppContext, accept_global_options
from pipeline.core import LocpipeError, ProblemsError, did_you_mean

#: Command name → "module:attribute" of its click command.
COMMANDS = {
    "init": "pipeline.cli.project:init_command",
    "extract": "pipeline.cli.project:extract_command",
    "update": "pipeline.cli.project:update_command",
    "run": "pipeline.cli.run:run_command",
    "status": "pipeline.cli.run:status_command",
    "draft": "pipeline.cli.draft:draft_command",
    "models": "pipeline.cli.draft:models_group",
    "check": "pipeline.cli.check:check_command",
    "build": "pipeline.cli.build:build_command",
    "review": "pipeline.cli.review:review_command",
    "glossary": "pipeline.cli.glossary:glossary_group",
    "tm": "pipeline.cli.tm:tm_group",
    "xliff": "pipeline.cli.tm:xliff_group",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, as in click's lazy-loading recipe."""

    def __init__(self, *args: object, commands: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = commands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            # Every command takes --config, --quiet and --verbose after its name too.
            accept_global_options(command)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            hint = did_you_mean(name, self.list_commands(ctx))
            raise click.UsageError(f"no such command '{name}'{hint}", ctx)
        return super().resolve_command(ctx, args)


@click.group(
    cls=LazyGroup, commands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Project config (default: locpipe.yaml here or in a parent folder).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--verbose", "-v", is_flag=True, help="Print every file touched.")
@click.version_option(__version__, prog_name="locpipe")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, quiet: bool, verbose: bool) -> None:
    """Offline localization pipeline for news articles.

    \b
    Example:
      locpipe run          # extract, update and draft every language's PO file
      locpipe status       # what is reviewed, drafted, untranslated
    """
    ctx.obj = AppContext(config=config, quiet=quiet, verbose=verbose)


def _relative(error: LocpipeError) -> str:
    """The error's one line, its file shown relative to the current folder where it is inside."""
    if error.path and Path(error.path).is_absolute():
        try:
            shown = Path(error.path).relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(error)
        return str(LocpipeError(error.message, shown, error.line))
    return str(error)


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM stops a run as Ctrl-C does: finished work is kept and written."""
    raise KeyboardInterrupt


#: The collector's first threshold for locpipe as a process (CPython's default is 700).
GC_THRESHOLD = 200_000


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: library errors become one line and exit status 2."""
    if argv is None:
        # Catalogs are trees of frozen dataclasses, strings and tuples, freed by reference
        # counting; at the default threshold the collector walks every parsed catalog again
        # and again (~0.2 s of a 300-article run). It runs rarely instead, as in mypy.
        gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        _main(argv)
    finally:
        if argv is None:  # locpipe as its own process, not called from Python with arguments
            # The process ends here and frees what is left as it exits; frozen, those objects
            # (modules, Babel's locale data) are not walked by one more collection first,
            # ~15 ms of a quick command's ~200 (docs/architecture.md#layout).
            gc.freeze()


def _main(argv: list[str] | None) -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        status = cli.main(args=argv, prog_name="locpipe", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"locpipe: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):
            sys.exit(INTERRUPTED)  # click turns Ctrl-C into Abort; the shell convention is 130
        click.echo("Aborted!", err=True)
        sys.exit(1)
    except LocpipeError as exc:
        problems = exc.problems if isinstance(exc, ProblemsError) else [exc]
        for problem in problems:
            click.echo(f"locpipe: error: {_relative(problem)}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)
    sys.exit(status if isinstance(status, int) else 0)
