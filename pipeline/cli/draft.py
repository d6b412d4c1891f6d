"""``locpipe draft`` and ``locpipe models``: MT drafts and the Argos packages behind them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from pipeline import jobs
from pipeline.cli.context import INTERRUPTED, AppContext, pass_app, print_changes
from pipeline.cli.progress import draft_progress
from pipeline.cli.tables import compact_table
from pipeline.core import EXECUTORS, Settings
from pipeline.mt import (
    Executor,
    install_by_name,
    install_file,
    installed_models,
    make_executor,
    packages_dir,
    remove_model,
)

F = TypeVar("F", bound=Callable[..., Any])


def executor_options(command: F) -> F:
    """``--executor local|ray`` and ``--ray-address``, shared by ``run`` and ``draft``."""
    command = click.option(
        "--ray-address",
        metavar="ADDR",
        help="Draft on this Ray cluster (implies --executor ray), e.g. ray://head:10001.",
    )(command)
    return click.option(
        "--executor",
        type=click.Choice(EXECUTORS),
        help="Where MT runs (default: mt.executor in locpipe.yaml, else local).",
    )(command)


def chosen_executor(settings: Settings, name: str | None, address: str | None) -> Executor:
    """The executor the options name, else the config's."""
    return make_executor(name or settings.mt.executor, address, settings.mt.threads)


@click.command("draft")
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable).")
@click.option("--require-mt", is_flag=True, help="Exit 1 when a language has no MT model.")
@executor_options
@pass_app
def draft_command(
    obj: AppContext,
    languages: tuple[str, ...],
    require_mt: bool,
    executor: str | None,
    ray_address: str | None,
) -> int:
    """Machine-translate untranslated entries into fuzzy drafts, glossary enforced.

    Reviewed and fuzzy entries are never touched; reruns reuse cached drafts.

    \b
    Example:
      locpipe draft --lang ja
      locpipe draft --executor ray --ray-address ray://head:10001
    """
    settings = obj.settings()
    chosen = chosen_executor(settings, executor, ray_address)
    with draft_progress(obj.console) as progress:
        outcome = jobs.draft(settings, languages, progress=progress, executor=chosen)
    print_changes(obj, outcome.changes)
    return report_drafts(obj.console, outcome, require_mt)


def draft_status(outcome: jobs.DraftOutcome, require_mt: bool) -> int:
    """The exit status of a draft: 130 when interrupted, 1 if MT was required but missing."""
    if outcome.interrupted:
        return INTERRUPTED
    return 1 if require_mt and outcome.missing else 0


def report_drafts(console: Console, outcome: jobs.DraftOutcome, require_mt: bool) -> int:
    """Print the per-language tables, derived units and missing models; the exit status."""
    if any(report.filled for report in outcome.memory):
        memory_table = compact_table(
            "Translation memory", ("lang", "exact", "exact→fuzzy", "fuzzy")
        )
        for memory in outcome.memory:
            memory_table.add_row(
                memory.language, str(memory.exact), str(memory.exact_flagged), str(memory.fuzzy)
            )
        console.print(memory_table)
    for derived in (report for report in outcome.derived if report.derived):
        console.print(
            f"Derived {derived.derived} unit{'' if derived.derived == 1 else 's'} of "
            f"{derived.language} from reviewed {derived.source} (OpenCC {derived.conversion}).",
            soft_wrap=True,
        )
    if outcome.reports:
        columns = ("lang", "model", "drafted", "cached", "terms", "flagged", "seconds")
        table = compact_table("MT drafts", columns, left=2)
        for report in outcome.reports:
            accuracy = report.term_accuracy
            table.add_row(
                report.language,
                report.model,
                str(report.drafted),
                str(report.cached),
                "–" if accuracy is None else f"{report.satisfied}/{report.required} {accuracy:.1%}",
                str(report.flagged),
                f"{report.seconds:.2f}",
            )
        console.print(table)
    for missing in outcome.missing:
        console.print(
            f"No MT model for {missing.pair}: {missing.language} was not drafted. Install: {missing.command}",
            soft_wrap=True,
        )
    if outcome.interrupted:
        left = sum(report.pending for report in outcome.reports)
        console.print(
            f"Interrupted: finished drafts were written and cached; {left} units are left. "
            "Run the same command again to translate only those.",
            soft_wrap=True,
        )
    return draft_status(outcome, require_mt)


@click.group("models")
def models_group() -> None:
    """List, install and remove the Argos Translate packages used for drafts.

    Example: locpipe models install translate-en_ja-1_1.argosmodel
    """


@models_group.command("list")
@pass_app
def list_command(obj: AppContext) -> None:
    """Show installed Argos packages and where they live.

    Example: locpipe models list
    """
    models = installed_models()
    console: Console = obj.console
    if not models:
        console.print(f"No Argos packages installed in {packages_dir()}.", soft_wrap=True)
        return
    table = compact_table(
        f"Argos packages in {packages_dir()}", ("folder", "package", "version", "pair"), left=4
    )
    for model in models:
        info = model.info
        table.add_row(model.folder, info.package, info.version, f"{info.from_code}→{info.to_code}")
    console.print(table)


@models_group.command("install")
@click.argument("source")
@pass_app
def install_command(obj: AppContext, source: str) -> None:
    """Install a package from a local .argosmodel file (offline) or by name from Argos's index.

    \b
    Example:
      locpipe models install translate-en_ja-1_1.argosmodel
      locpipe models install translate-en_zh
    """
    path = Path(source)
    looks_like_file = path.suffix == ".argosmodel" or path.exists() or "/" in source
    model = install_file(path) if looks_like_file else install_by_name(source)
    info = model.info
    obj.console.print(
        f"installed {info.package} {info.version} ({info.from_code}→{info.to_code}) in {model.path}",
        soft_wrap=True,
    )


@models_group.command("remove")
@click.argument("name")
@pass_app
def remove_command(obj: AppContext, name: str) -> None:
    """Remove an installed package by folder or package name.

    Example: locpipe models remove translate-en_ja
    """
    model = remove_model(name)
    obj.console.print(
        f"removed {model.info.package} {model.info.version} ({model.path})", soft_wrap=True
    )
