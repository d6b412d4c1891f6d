"""One table style for every command: compact enough for an 80-column terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table


def compact_table(title: str, columns: Sequence[str], left: int = 1) -> Table:
    """A table whose first ``left`` columns are text and the rest right-aligned figures."""
    table = Table(
        title=title, box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True
    )
    for index, column in enumerate(columns):
        table.add_column(
            column,
            justify="left" if index < left else "right",
            no_wrap=True,
            min_width=len(column),
        )
    return table
