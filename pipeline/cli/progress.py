"""Draft progress: a rich bar on a terminal, plain lines every few seconds in logs."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from pipeline.mt import DraftProgress

#: Seconds between plain progress lines on a non-terminal (CI logs).
PLAIN_INTERVAL = 10.0


class RateColumn(ProgressColumn):
    """Units per second of one language's task."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("–" if speed is None else f"{speed:,.1f} units/s")


class BarProgress:
    """One rich progress bar per language: done / total, units per second, ETA."""

    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.tasks: dict[str, object] = {}

    def start(self, language: str, total: int, done: int) -> None:
        self.tasks[language] = self.bar.add_task(
            f"drafting {language}", total=total, completed=done
        )

    def advance(self, language: str, done: int) -> None:
        self.bar.advance(self.tasks[language], done)  # type: ignore[arg-type]


@dataclass
class PlainProgress:
    """Plain lines for logs: at the start, every ``interval`` seconds, and at the end."""

    echo: Callable[[str], None]
    interval: float = PLAIN_INTERVAL
    clock: Callable[[], float] = time.monotonic
    _state: dict[str, list[float]] = field(default_factory=dict)

    def start(self, language: str, total: int, done: int) -> None:
        now = self.clock()
        self._state[language] = [total, done, done, now, now]  # total, done, cached, t0, shown
        self.echo(f"drafting {language}: {done}/{total} units ({done} from the cache)")

    def advance(self, language: str, done: int) -> None:
        state = self._state[language]
        state[1] += done
        total, count, cached, started, shown = state
        now = self.clock()
        if now - shown < self.interval and count < total:
            return
        state[4] = now
        rate = (count - cached) / max(now - started, 1e-9)
        eta = f", ETA {(total - count) / rate:.0f}s" if rate and count < total else ""
        self.echo(f"drafting {language}: {count:.0f}/{total:.0f} units, {rate:,.1f} units/s{eta}")


@contextlib.contextmanager
def draft_progress(console: Console) -> Iterator[DraftProgress | None]:
    """A bar on a terminal, plain lines otherwise (CI logs); nothing when quiet."""
    if console.quiet:
        yield None
        return
    if not console.is_terminal:
        yield PlainProgress(lambda line: console.print(line, soft_wrap=True))
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        yield BarProgress(bar)
