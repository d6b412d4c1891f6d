"""``locpipe glossary``: validate the glossary, export it to TBX/CSV, import it back.

Each command parses its options, calls the library once and prints; errors are
:class:`~pipeline.errors.LocpipeError` subclasses that the main CLI reports (exit 2).
"""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.context import AppContext, pass_app
from pipeline.core import write_atomic
from pipeline.glossary import (
    TERMBASE_FORMATS,
    export_termbase,
    import_termbase,
    load_glossary,
    load_project_glossary,
)


@click.group("glossary")
def glossary_group() -> None:
    """Validate the glossary and exchange it as TBX or CSV.

    Example: locpipe glossary export --format tbx -o terms.tbx
    """


@glossary_group.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@pass_app
def validate(obj: AppContext, files: tuple[Path, ...]) -> None:
    """Check glossary files (default: those in locpipe.yaml); list every problem.

    Example: locpipe glossary validate glossary/terms.yaml
    """
    settings = obj.settings()
    paths = files or settings.glossary
    glossary = load_glossary(paths, settings.languages, root=settings.root)
    click.echo(f"glossary ok: {len(glossary.terms)} terms in {len(paths)} file(s)")


@glossary_group.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(TERMBASE_FORMATS), required=True, help="Output format."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="File to write (default: stdout).",
)
@pass_app
def export(obj: AppContext, fmt: str, output: Path | None) -> None:
    """Write the glossary as TBX or CSV.

    Example: locpipe glossary export --format csv -o terms.csv
    """
    text = export_termbase(load_project_glossary(obj.settings()), fmt)
    _emit(text, output)


@glossary_group.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(TERMBASE_FORMATS),
    help="Input format (default: from the suffix).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="YAML file to write (default: stdout).",
)
@pass_app
def import_(obj: AppContext, source: Path, fmt: str | None, output: Path | None) -> None:
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
