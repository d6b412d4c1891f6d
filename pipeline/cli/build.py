"""``locpipe build``: language editions (md, html, txt) and MO files from the PO catalogs.

Exit status: 0 every edition written; 1 an edition was refused (incomplete, or a unit it
would publish fails ``locpipe check``); 2 usage or input errors.
"""

from __future__ import annotations

import click

from pipeline.cli.context import AppContext, pass_app
from pipeline.edition import FORMATS, BuildResult, overrides
from pipeline.jobs import build_editions
from pipeline.qa import RULES

#: What the older, narrower ``--allow-glossary-violations`` lets through.
GLOSSARY_RULES = ("glossary-missing", "glossary-forbidden", "dnt-changed")


def _rules(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """Rule ids from repeated or comma-separated values; an unknown one is a usage error."""
    rules = [rule.strip() for value in values for rule in value.split(",") if rule.strip()]
    for rule in rules:
        if rule not in RULES:
            raise click.BadParameter(f"unknown rule '{rule}'; known: {', '.join(RULES)}")
    return tuple(dict.fromkeys(rules))


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
    "--allow-findings",
    "allow_findings",
    multiple=True,
    metavar="RULE[,RULE…]",
    callback=_rules,
    help="Publish despite check findings of these rules (repeatable); recorded in the edition.",
)
@click.option(
    "--allow-glossary-violations",
    is_flag=True,
    hidden=True,
    help="Alias of --allow-findings glossary-missing,glossary-forbidden,dnt-changed.",
)
@pass_app
def build_command(
    app: AppContext,
    languages: tuple[str, ...],
    fmt: str,
    min_complete: float,
    include_drafts: bool,
    allow_findings: tuple[str, ...],
    allow_glossary_violations: bool,
) -> int:
    """Build editions/<lang>/<slug>.{md,html,txt} and editions/<lang>/LC_MESSAGES/<slug>.mo.

    Only reviewed translations by default; a unit without one is printed in English and counts
    against --min-complete. The units an edition publishes go through the same rules as
    'locpipe check': a finding at a fail level refuses the edition unless --allow-findings
    names its rule. Exit 1 when an edition is refused (nothing of it is written).

    \b
    Example:
      locpipe build --lang ja --format html
      locpipe build --include-drafts --min-complete 80
      locpipe build --allow-findings number-mismatch
    """
    settings = app.settings()
    result = build_editions(
        settings,
        languages,
        FORMATS if fmt == "all" else (fmt,),
        min_complete,
        include_drafts,
        allow_findings + (GLOSSARY_RULES if allow_glossary_violations else ()),
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
            drafts = f", {edition.drafts} unreviewed draft(s)" if edition.drafts else ""
            allowed = ", ".join(f"{rule} ×{count}" for rule, count in overrides(edition))
            click.echo(
                f"{edition.language} {edition.slug}: {edition.completeness:.1%} reviewed "
                f"({edition.done}/{edition.total} units{drafts})"
                + (f"; published despite {allowed}" if allowed else "")
            )
    for refusal in result.refused:
        click.echo(
            f"locpipe: {refusal.language} {refusal.slug}: refused: {refusal.reason}", err=True
        )
        for detail in refusal.details:
            click.echo(f"  {detail}", err=True)
