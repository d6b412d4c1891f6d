"""``run``'s report of what changed in each catalog, and of files written or to be written."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console

from pipeline import jobs
from pipeline.cli.tables import compact_table

COLUMNS = ("lang", "catalog", "new", "edited", "removed", "TM", "OpenCC", "MT", "left", "same")
LEGEND = (
    "edited: now fuzzy, with the previous source; removed: now obsolete (#~); "
    "TM, OpenCC, MT: drafted by; left: still untranslated; same: unchanged."
)


def report_catalogs(console: Console, changes: Sequence[jobs.CatalogChange], dry_run: bool) -> None:
    """One row per catalog that changed; the unchanged ones are counted on one line."""
    changed = [change for change in changes if change.changed]
    title = "What would change (dry run)" if dry_run else "What changed"
    if changed:
        table = compact_table(title, COLUMNS, left=2)
        for change in changed:
            table.add_row(
                change.language,
                change.slug,
                *(
                    str(n)
                    for n in (
                        change.new,
                        change.fuzzy,
                        change.obsolete,
                        change.tm,
                        change.derived,
                        change.mt,
                        change.pending,
                        change.unchanged,
                    )
                ),
            )
        console.print(table)
        console.print(LEGEND, soft_wrap=True)
    quiet = len(changes) - len(changed)
    if quiet:
        verb = "would stay" if dry_run else "stayed"
        console.print(f"{quiet} of {len(changes)} catalogs {verb} as they were.")
