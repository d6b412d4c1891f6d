"""The ``locpipe`` command line: parse arguments, call the library once, print, exit 0/1/2."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from pipeline import __version__, jobs
from pipeline.cli.build import build_command
from pipeline.cli.changes import report_catalogs
from pipeline.cli.check import check_command
from pipeline.cli.context import AppContext, accept_global_options, pass_app, print_changes
from pipeline.cli.draft import (
    INTERRUPTED,
    chosen_executor,
    draft_command,
    executor_options,
    models_group,
    report_drafts,
)
from pipeline.cli.glossary import glossary_group
from pipeline.cli.progress import draft_progress
from pipeline.cli.review import review_command
from pipeline.cli.tables import compact_table
from pipeline.cli.tm import tm_group, xliff_group
from pipeline.core import LocpipeError, ProblemsError, Settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


@cli.command()
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path))
@click.option(
    "--languages",
    default="ja,zh",
    show_default=True,
    help="Target languages, comma-separated (BCP 47 or POSIX codes).",
)
@pass_app
def init(app: AppContext, folder: Path, languages: str) -> None:
    """Start a new project: locpipe.yaml, a glossary stub, an example article, a .gitignore.

    Existing files are never overwritten. The new project runs as it is.

    \b
    Example:
      locpipe init newsroom --languages ja,zh
      cd newsroom && locpipe run && locpipe check
    """
    chosen = [code.strip() for code in languages.split(",") if code.strip()]
    for change in jobs.init(folder, chosen):
        app.console.print(f"{change.action:>9}  {change.path}")
    app.console.print("Next: put English articles under articles/, then 'locpipe run'.")


@cli.command()
@pass_app
def extract(app: AppContext) -> None:
    """Extract translation units from the sources into locales/<slug>.pot.

    \b
    Example:
      locpipe extract
    """
    print_changes(app, jobs.extract(app.settings()))


@cli.command()
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable).")
@pass_app
def update(app: AppContext, languages: tuple[str, ...]) -> None:
    """Merge the POT files into each language's PO file, as msgmerge does.

    Reviewed translations are kept; edited sentences become fuzzy with the previous msgid;
    removed sentences become obsolete (#~) entries.

    \b
    Example:
      locpipe update --lang ja
    """
    print_changes(app, jobs.update(app.settings(), languages))


@cli.command()
@click.option("--require-mt", is_flag=True, help="Exit 1 when a language has no MT model.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@executor_options
@pass_app
def run(
    app: AppContext, require_mt: bool, dry_run: bool, executor: str | None, ray_address: str | None
) -> int:
    """The main job: extract, update every configured language, then draft with MT.

    A language without an installed model is still extracted and updated; the command
    to install its model is printed.

    \b
    Example:
      locpipe run
      locpipe run --require-mt   # exit 1 when a model is missing (CI)
      locpipe run --executor ray # draft on Ray (pip install 'locpipe[ray]')
      locpipe run --dry-run      # what would change, nothing written or translated
    """
    settings = app.settings()
    chosen = chosen_executor(settings, executor, ray_address)
    with draft_progress(app.console) as progress:
        outcome = jobs.run(settings, progress=progress, executor=chosen, dry_run=dry_run)
    report_catalogs(app.console, outcome.catalogs, dry_run)
    print_changes(app, outcome.changes)
    if dry_run:
        app.console.print("Dry run: nothing was translated or written.")
        return 0
    code = report_drafts(app.console, outcome, require_mt)
    rows = jobs.status(settings)
    _print_status(app, rows)
    for line in next_steps(settings, rows):
        app.console.print(line, soft_wrap=True)
    return code


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def next_steps(settings: Settings, rows: Sequence[jobs.CatalogStatus]) -> list[str]:
    """What is actually pending, naming the files: drafts to review, units to translate."""
    fuzzy = [row for row in rows if row.fuzzy]
    untranslated = [row for row in rows if row.untranslated]
    steps = []
    if fuzzy:
        files = ", ".join(settings.shown(row.path) for row in fuzzy)
        drafts = _count(sum(row.fuzzy for row in fuzzy), "fuzzy draft")
        steps.append(
            f"Next: review {drafts} in {files} (Poedit, Weblate, Lokalize), then 'locpipe check'."
        )
    if untranslated:
        files = ", ".join(settings.shown(row.path) for row in untranslated)
        units = _count(sum(row.untranslated for row in untranslated), "untranslated unit")
        steps.append(f"Next: {units} in {files}: translate them there, or draft them with MT.")
    if not steps:
        steps.append("All reviewed: publish with 'locpipe build'.")
    return steps


@cli.command()
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@pass_app
def status(app: AppContext, languages: tuple[str, ...], fmt: str) -> None:
    """Per language: reviewed, fuzzy, untranslated and obsolete entries.

    \b
    Example:
      locpipe status --format json
    """
    rows = jobs.status(app.settings(), languages)
    if fmt == "json":
        click.echo(json.dumps(_status_json(app.settings(), rows), ensure_ascii=False, indent=2))
    else:
        _print_status(app, rows)


def _status_json(settings: Settings, rows: list[jobs.CatalogStatus]) -> dict[str, Any]:
    return {
        "catalogs": [
            {
                "language": row.language,
                "catalog": row.slug,
                "file": settings.shown(row.path),
                "reviewed": row.reviewed,
                "fuzzy": row.fuzzy,
                "untranslated": row.untranslated,
                "obsolete": row.obsolete,
                "terms_required": row.terms_required,
                "terms_satisfied": row.terms_satisfied,
                "post_edited_mt": row.post_edited_mt,
                "tm_exact": row.tm_exact,
                "tm_fuzzy": row.tm_fuzzy,
                "mt": row.mt,
            }
            for row in rows
        ]
    }


def _print_status(app: AppContext, rows: list[jobs.CatalogStatus]) -> None:
    columns = ("lang", "catalog", "reviewed", "fuzzy", "empty", "obsolete", "tm", "mt", "terms")
    # tm: exact+fuzzy entries filled from the translation memory; mt: entries MT drafted.
    table = compact_table("Catalog status", columns, left=2)
    for row in rows:
        accuracy = row.term_accuracy
        terms = "–" if accuracy is None else f"{row.terms_satisfied}/{row.terms_required}"
        table.add_row(
            row.language,
            row.slug,
            str(row.reviewed),
            str(row.fuzzy),
            str(row.untranslated),
            str(row.obsolete),
            f"{row.tm_exact}+{row.tm_fuzzy}",
            str(row.mt),
            terms,
        )
    app.console.print(table)
    edited = [
        f"{row.language} {row.slug} {row.post_edited_mt}" for row in rows if row.post_edited_mt
    ]
    if edited:
        app.console.print(
            f"Post-edited MT (reviewed units that began as MT drafts): {', '.join(edited)}"
        )


cli.add_command(glossary_group)
cli.add_command(tm_group)
cli.add_command(xliff_group)
cli.add_command(build_command)
cli.add_command(check_command)
cli.add_command(draft_command)
cli.add_command(models_group)
cli.add_command(review_command)
# Last, so every command added above takes --config, --quiet and --verbose after its name too.
accept_global_options(cli)


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


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: library errors become one line and exit status 2."""
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
