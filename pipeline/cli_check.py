"""``locpipe check``: the CI gate over PO files, in every format CI systems read (DESIGN §7).

Exit 0 when no finding reaches a fail level, 1 when one does (a broken PO file is an
``invalid-po`` finding), 2 for usage or input errors (a missing path, a bad glossary or config).
``ctx.obj`` must offer ``config``, ``settings() -> Settings`` (the main CLI's context object).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from pipeline.checks import RULES, SEVERITY_ORDER, CheckResult, check_catalogs
from pipeline.config import Settings, find_config
from pipeline.errors import ConfigError, InputError, OutputError
from pipeline.fsio import write_atomic
from pipeline.glossary import Glossary, load_glossary, load_project_glossary
from pipeline.report import RENDERERS, fail_levels, render_step_summary

FAIL_LEVELS = (*SEVERITY_ORDER, "never")


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(list(RENDERERS)), default="text", show_default=True
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_LEVELS),
    help="Exit 1 on findings at this severity or above (default: check.fail_on in the config).",
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
@click.pass_obj
def check_command(
    obj: Any,
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str | None,
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
    settings = _settings(obj, bool(paths))
    sources = _read(_po_files(paths, settings), settings)
    # The config's per-rule severities first; --severity on the command line wins.
    severities = {**dict(settings.check.severity if settings else ()), **_severities(overrides)}
    result = check_catalogs(sources, _glossary(settings, glossaries), severities)
    levels = (
        fail_levels(fail_on) if fail_on else (settings.check.fail_on if settings else ("error",))
    )
    text = RENDERERS[fmt](result, levels)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
    _write_step_summary(result, levels)
    return 1 if result.failed(levels) else 0


def _settings(obj: Any, have_paths: bool) -> Settings | None:
    """The project settings; without a config, explicit paths are still checked (no glossary)."""
    if obj.config is None and have_paths:
        try:
            find_config(Path.cwd())
        except ConfigError:
            return None
    settings: Settings = obj.settings()
    return settings


def _po_files(paths: tuple[Path, ...], settings: Settings | None) -> list[Path]:
    if not paths:
        assert settings is not None  # _settings raised when neither is there
        return sorted(settings.locales.glob("*/LC_MESSAGES/*.po"))
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.rglob("*.po")) if path.is_dir() else [path])
    return list(dict.fromkeys(found))


def _read(files: list[Path], settings: Settings | None) -> list[tuple[str, bytes]]:
    """Read each file (I/O stays here); unreadable files are input errors, exit 2."""
    sources = []
    for path in files:
        shown = settings.shown(path.resolve()) if settings else str(path)
        try:
            sources.append((shown, path.read_bytes()))
        except OSError as exc:
            raise InputError(f"cannot read PO file: {exc.strerror}", shown) from None
    return sources


def _severities(overrides: tuple[str, ...]) -> dict[str, str]:
    severities: dict[str, str] = {}
    for item in overrides:
        rule, _, level = item.partition("=")
        if rule not in RULES:
            known = ", ".join(RULES)
            raise click.BadParameter(
                f"unknown rule '{rule}'; known: {known}", param_hint="--severity"
            )
        if level not in (*SEVERITY_ORDER, "off"):
            raise click.BadParameter(
                f"'{item}': level must be error, warning, info or off", param_hint="--severity"
            )
        severities[rule] = level
    return severities


def _glossary(settings: Settings | None, glossaries: tuple[Path, ...]) -> Glossary:
    if glossaries:
        languages = settings.languages if settings else ()
        return load_glossary(glossaries, languages, root=settings.root if settings else None)
    if settings is None or not settings.glossary:
        return Glossary(terms=())
    return load_project_glossary(settings)


def _write_step_summary(result: CheckResult, levels: tuple[str, ...]) -> None:
    """Append a Markdown summary for GitHub Actions, which shows only 10 annotations a step."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        try:
            with open(target, "a", encoding="utf-8") as summary:
                summary.write(render_step_summary(result, levels))
        except OSError as exc:
            raise OutputError(f"cannot write file: {exc.strerror}", target) from None
