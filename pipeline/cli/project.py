"""``locpipe init``, ``extract`` and ``update``: a project's files, without MT."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline import jobs
from pipeline.cli.context import AppContext, pass_app, print_changes


@click.command("init")
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path))
@click.option(
    "--languages",
    default="ja,zh",
    show_default=True,
    help="Target languages, comma-separated (BCP 47 or POSIX codes).",
)
@pass_app
def init_command(app: AppContext, folder: Path, languages: str) -> None:
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


@click.command("extract")
@pass_app
def extract_command(app: AppContext) -> None:
    """Extract translation units from the sources into locales/<slug>.pot.

    \b
    Example:
      locpipe extract
    """
    print_changes(app, jobs.extract(app.settings()))


@click.command("update")
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable).")
@pass_app
def update_command(app: AppContext, languages: tuple[str, ...]) -> None:
    """Merge the POT files into each language's PO file, as msgmerge does.

    Reviewed translations are kept; edited sentences become fuzzy with the previous msgid;
    removed sentences become obsolete (#~) entries.

    \b
    Example:
      locpipe update --lang ja
    """
    print_changes(app, jobs.update(app.settings(), languages))
