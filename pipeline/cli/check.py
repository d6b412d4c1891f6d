"""``locpipe check``: the CI gate over PO files, in every format CI systems read.

Exit 0 when no finding reaches a fail level, 1 when one does (a broken PO file is an
``invalid-po`` finding), 2 for usage or input errors (a missing path, a bad glossary or config).
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from pipeline.cli.context import AppContext, pass_app
from pipeline.core import SEVERITIES, OutputError, write_atomic
from pipeline.jobs import CheckOutcome, check
from pipeline.qa import (
    DEFAULT_SHOW,
    REPORTERS,
    RULES,
    fail_levels,
    render_step_summary,
)

FAIL_LEVELS = (*SEVERITIES, "never")


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(list(REPORTERS)), default="text", show_default=True
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_LEVELS),
    help="Exit 1 on findings at this severity or above (default: check.fail_on in the config).",
)
@click.option(
    "--show",
    type=click.Choice(SEVERITIES),
    help="Print findings at this severity or above (text, github; default: warning). "
    "The summary counts all; json, junit and sarif always carry every finding.",
)
@click.option(
    "--severity",
    "overrides",
    multiple=True,
    metavar="RULE=LEVEL",
    help="Change a rule's severity: error, warning, info or off (repeatable).",
)
@click.option(
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Glossary YAML to check against (default: the config's; repeatable).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of stdout.",
)
@pass_app
def check_command(
    app: AppContext,
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str | None,
    show: str | None,
    overrides: tuple[str, ...],
    glossaries: tuple[Path, ...],
    output: Path | None,
) -> int:
    """Check PO files: glossary terms, numbers, placeholders, markup, consistency, syntax.

    With no PATHS, checks the project's catalogs; PATHS may be PO files or folders (searched
    for *.po), from any project: the language comes from each file's Language header. Exit 0
    clean, 1 findings at a fail level, 2 usage or input error.

    \b
    Example:
      locpipe check
      locpipe check --format sarif -o check.sarif locales/
      locpipe check --fail-on warning --severity untranslated=off po/ja.po
    """
    settings = app.optional_settings() if paths else app.settings()
    outcome = check(settings, paths, _severities(overrides), fail_on, glossaries)
    shown = fail_levels(show) if show else DEFAULT_SHOW
    text = REPORTERS[fmt](outcome.result, outcome.fail_on, shown)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
    _write_step_summary(outcome)
    return 1 if outcome.failed else 0


def _rules_epilog() -> str:
    """The rule ids and default severities, from the registry, for ``check --help``."""
    width = max(map(len, RULES))
    lines = [
        f"  {rule_id:<{width}}  {rule.severity:<7}  {rule.summary}"
        for rule_id, rule in RULES.items()
    ]
    return "\b\nRules (id, default severity, what it finds):\n" + "\n".join(lines)


check_command.epilog = _rules_epilog()


def _severities(overrides: tuple[str, ...]) -> dict[str, str]:
    severities: dict[str, str] = {}
    for item in overrides:
        rule, _, level = item.partition("=")
        if rule not in RULES:
            known = ", ".join(RULES)
            raise click.BadParameter(
                f"unknown rule '{rule}'; known: {known}", param_hint="--severity"
            )
        if level not in (*SEVERITIES, "off"):
            raise click.BadParameter(
                f"'{item}': level must be error, warning, info or off", param_hint="--severity"
            )
        severities[rule] = level
    return severities


def _write_step_summary(outcome: CheckOutcome) -> None:
    """Append a Markdown summary for GitHub Actions, which shows only 10 annotations a step."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        try:
            with open(target, "a", encoding="utf-8") as summary:
                summary.write(render_step_summary(outcome.result, outcome.fail_on))
        except OSError as exc:
            raise OutputError(f"cannot write file: {exc.strerror}", target) from None
