"""``locpipe run``, the main job, and ``locpipe status``: what is reviewed, drafted, pending."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import click

from pipeline import jobs
from pipeline.cli.changes import report_catalogs
from pipeline.cli.context import AppContext, pass_app, print_changes
from pipeline.cli.draft import chosen_executor, draft_status, executor_options, report_drafts
from pipeline.cli.progress import draft_progress
from pipeline.cli.tables import compact_table
from pipeline.core import Settings


@click.command("run")
@click.option("--require-mt", is_flag=True, help="Exit 1 when a language has no MT model.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@executor_options
@pass_app
def run_command(
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
    if app.quiet:  # nothing would be shown: the report's tables are not even built
        return 0 if dry_run else draft_status(outcome, require_mt)
    report_catalogs(app.console, outcome.catalogs, dry_run)
    print_changes(app, outcome.changes)
    if dry_run:
        app.console.print("Dry run: nothing was translated or written.")
        return 0
    code = report_drafts(app.console, outcome, require_mt)
    rows = list(outcome.status)  # as the files are now, without reading them again
    if len(rows) > STATUS_ROWS:  # a newsroom's corpus: one row per language
        title = "Catalog status by language ('locpipe status' lists each catalog)"
        _print_status(app, by_language(rows), title)
    else:
        _print_status(app, rows)
    for line in next_steps(settings, rows):
        app.console.print(line, soft_wrap=True)
    return code


#: ``run`` lists each catalog's status up to this many; beyond, it sums them per language.
STATUS_ROWS = 12
#: Next steps name the files up to this many; beyond, they count them.
NAMED_FILES = 5


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def by_language(rows: Sequence[jobs.CatalogStatus]) -> list[jobs.CatalogStatus]:
    """One status row per language, summing its catalogs (the slug says how many)."""
    groups: dict[str, list[jobs.CatalogStatus]] = {}
    for row in rows:
        groups.setdefault(row.language, []).append(row)
    return [
        replace(
            group[0],
            slug=_count(len(group), "catalog"),
            **{name: sum(getattr(row, name) for row in group) for name in _COUNTS},
        )
        for group in groups.values()
    ]


_COUNTS = (
    "reviewed",
    "fuzzy",
    "untranslated",
    "obsolete",
    "terms_required",
    "terms_satisfied",
    "post_edited_mt",
    "tm_exact",
    "tm_fuzzy",
    "mt",
)


def _files(settings: Settings, rows: Sequence[jobs.CatalogStatus]) -> str:
    if len(rows) <= NAMED_FILES:
        return ", ".join(settings.shown(row.path) for row in rows)
    return f"{len(rows):,} files ('locpipe status' lists them)"


def next_steps(settings: Settings, rows: Sequence[jobs.CatalogStatus]) -> list[str]:
    """What is actually pending, naming the files: drafts to review, units to translate."""
    fuzzy = [row for row in rows if row.fuzzy]
    untranslated = [row for row in rows if row.untranslated]
    steps = []
    if fuzzy:
        files = _files(settings, fuzzy)
        drafts = _count(sum(row.fuzzy for row in fuzzy), "fuzzy draft")
        steps.append(
            f"Next: review {drafts} in {files} (Poedit, Weblate, Lokalize), then 'locpipe check'."
        )
    if untranslated:
        files = _files(settings, untranslated)
        units = _count(sum(row.untranslated for row in untranslated), "untranslated unit")
        steps.append(f"Next: {units} in {files}: translate them there, or draft them with MT.")
    if not steps:
        steps.append("All reviewed: publish with 'locpipe build'.")
    return steps


@click.command("status")
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@pass_app
def status_command(app: AppContext, languages: tuple[str, ...], fmt: str) -> None:
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


def _print_status(
    app: AppContext, rows: list[jobs.CatalogStatus], title: str = "Catalog status"
) -> None:
    columns = ("lang", "catalog", "reviewed", "fuzzy", "empty", "obsolete", "tm", "mt", "terms")
    # tm: exact+fuzzy entries filled from the translation memory; mt: entries MT drafted.
    table = compact_table(title, columns, left=2)
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
