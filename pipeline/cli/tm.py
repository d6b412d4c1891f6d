"""``locpipe tm`` and ``locpipe xliff``: the translation memory and agency interchange."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from pipeline import jobs
from pipeline.cli.context import AppContext, pass_app
from pipeline.cli.tables import compact_table


def _print_changes(obj: AppContext, changes: Sequence[jobs.FileChange]) -> None:
    settings = obj.settings()
    for change in changes:
        obj.console.print(f"{change.action:>9}  {settings.shown(change.path)}")


@click.group("tm")
def tm_group() -> None:
    """The translation memory: reviewed work reused before MT.

    Example: locpipe tm export --format tmx -o memory.tmx
    """


@tm_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["tmx"]), default="tmx", show_default=True)
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The TMX file to write.",
)
@pass_app
def tm_export(obj: AppContext, fmt: str, languages: tuple[str, ...], output: Path) -> None:
    """Write the memory (reviewed catalog entries and TM files) as TMX 1.4b.

    Example: locpipe tm export --format tmx --lang ja -o ja.tmx
    """
    _print_changes(obj, jobs.export_tmx(obj.settings(), languages, output))


@tm_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_app
def tm_import(obj: AppContext, file: Path) -> None:
    """Copy a TMX file or PO compendium under tm/ and list it in locpipe.yaml.

    Example: locpipe tm import agency.tmx
    """
    _print_changes(obj, jobs.import_tm(obj.settings(), file))


@tm_group.command("stats")
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable).")
@pass_app
def tm_stats(obj: AppContext, languages: tuple[str, ...]) -> None:
    """Units in each language's memory, per catalog or TM file.

    Example: locpipe tm stats
    """
    table = compact_table("Translation memory", ("lang", "origin", "units"), left=2)
    for stats in jobs.tm_stats(obj.settings(), languages):
        for origin, count in stats.origins:
            table.add_row(stats.language, origin, str(count))
        table.add_row(stats.language, "total", str(stats.units))
    obj.console.print(table)


@click.group("xliff")
def xliff_group() -> None:
    """XLIFF 1.2 for translation agencies: export the catalogs, import translations back.

    Example: locpipe xliff export --lang ja -o to-agency
    """


@xliff_group.command("export")
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable).")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("xliff"),
    show_default=True,
    help="Folder for <lang>/<slug>.xlf.",
)
@pass_app
def xliff_export(obj: AppContext, languages: tuple[str, ...], output: Path) -> None:
    """One XLIFF file per catalog: source, target, state, glossary notes.

    Example: locpipe xliff export --lang ja -o to-agency
    """
    _print_changes(obj, jobs.export_xliff(obj.settings(), languages, output))


@xliff_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--overwrite-reviewed", is_flag=True, help="Let the file replace reviewed translations."
)
@pass_app
def xliff_import(obj: AppContext, files: tuple[Path, ...], overwrite_reviewed: bool) -> None:
    """Write XLIFF translations back: final and passing checks → reviewed, others fuzzy.

    Reviewed entries are kept unless --overwrite-reviewed; units whose source changed since
    the export are listed, not applied.

    Example: locpipe xliff import from-agency/ja/*.xlf
    """
    result = jobs.import_xliff(obj.settings(), files, overwrite_reviewed)
    _print_changes(obj, result.changes)
    console = obj.console
    console.print(f"{result.reviewed} reviewed, {result.fuzzy} fuzzy")
    for where in result.kept_reviewed:
        console.print(f"kept reviewed (use --overwrite-reviewed): {where}", soft_wrap=True)
    for where in result.changed_source:
        console.print(f"source changed since export, not applied: {where}", soft_wrap=True)
