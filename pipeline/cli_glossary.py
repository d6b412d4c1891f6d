"""``locpipe glossary``: validate the glossary, export it to TBX/CSV, import it back.

Each command parses its options, calls the library once and prints; errors are
:class:`~pipeline.errors.LocpipeError` subclasses that the main CLI reports (exit 2).
``ctx.obj`` must offer ``settings() -> Settings`` (the main CLI's context object).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pipeline.fsio import write_atomic
from pipeline.glossary import load_glossary, load_project_glossary
from pipeline.termbase import FORMATS, export_termbase, import_termbase


@click.group("glossary")
def glossary_group() -> None:
    """Validate the glossary and exchange it as TBX or CSV.

    Example: locpipe glossary export --format tbx -o terms.tbx
    """


@glossary_group.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def validate(obj: Any, files: tuple[Path, ...]) -> None:
    """Check glossary files (default: those in locpipe.yaml); list every problem.

    Example: locpipe glossary validate glossary/terms.yaml
    """
    settings = obj.settings()
    paths = files or settings.glossary
    glossary = load_glossary(paths, settings.languages, root=settings.root)
    click.echo(f"glossary ok: {len(glossary.terms)} terms in {len(paths)} file(s)")


@glossary_group.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="File to write (default: stdout).",
)
@click.pass_obj
def export(obj: Any, fmt: str, output: Path | None) -> None:
    """Write the glossary as TBX or CSV.

    Example: locpipe glossary export --format csv -o terms.csv
    """
    text = export_termbase(load_project_glossary(obj.settings()), fmt)
    _emit(text, output)


@glossary_group.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), help="Input format (default: from the suffix)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="YAML file to write (default: stdout).",
)
@click.pass_obj
def import_(obj: Any, source: Path, fmt: str | None, output: Path | None) -> None:
    """Convert a TBX or CSV termbase to glossary YAML, validated for the configured languages.

    Example: locpipe glossary import terms.tbx -o glossary/imported.yaml
    """
    _emit(import_termbase(source, obj.settings().languages, fmt), output)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
