"""``locpipe build``: language editions (md, html, txt) and MO files from the PO catalogs.

Exit status: 0 every edition written; 1 an edition was refused (incomplete or breaking the
glossary: a finding about the translations, like ``check``); 2 usage or input errors.
"""

from __future__ import annotations

import click

from pipeline.cli.context import AppContext, pass_app
from pipeline.edition import FORMATS, BuildResult
from pipeline.jobs import build_editions


@click.command("build")
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, "all"]),
    default="all",
    show_default=True,
    help="Edition format.",
)
@click.option(
    "--min-complete",
    type=click.FloatRange(0, 100),
    default=100.0,
    show_default=True,
    help="Refuse an edition with fewer translated units than this percentage.",
)
@click.option("--include-drafts", is_flag=True, help="Use fuzzy drafts, marked as unreviewed.")
@click.option(
    "--allow-glossary-violations",
    is_flag=True,
    help="Publish even when reviewed translations break the glossary.",
)
@pass_app
def build_command(
    app: AppContext,
    languages: tuple[str, ...],
    fmt: str,
    min_complete: float,
    include_drafts: bool,
    allow_glossary_violations: bool,
) -> int:
    """Build editions/<lang>/<slug>.{md,html,txt} and editions/<lang>/LC_MESSAGES/<slug>.mo.

    Only reviewed translations by default; a unit without one is printed in English and counts
    against --min-complete. Exit 1 when an edition is refused (nothing of it is written).

    \b
    Example:
      locpipe build --lang ja --format html
      locpipe build --include-drafts --min-complete 80
    """
    settings = app.settings()
    result = build_editions(
        settings,
        languages,
        FORMATS if fmt == "all" else (fmt,),
        min_complete,
        include_drafts,
        allow_glossary_violations,
    )
    _report(app, result)
    return 1 if result.refused else 0


def _report(app: AppContext, result: BuildResult) -> None:
    settings = app.settings()
    for path, action in result.files:
        if not app.quiet and (app.verbose or action != "unchanged"):
            click.echo(f"{action:>9}  {settings.shown(path)}")
    for edition in result.editions:
        if not app.quiet:
            click.echo(
                f"{edition.language} {edition.slug}: {edition.completeness:.1%} "
                f"({edition.done}/{edition.total} units)"
            )
    for refusal in result.refused:
        click.echo(
            f"locpipe: {refusal.language} {refusal.slug}: refused: {refusal.reason}", err=True
        )
        for detail in refusal.details:
            click.echo(f"  {detail}", err=True)
