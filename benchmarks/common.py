"""What every benchmark that times ``locpipe`` as a whole process does first."""

from __future__ import annotations

import compileall
from collections.abc import Iterator, Sequence
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"


def precompile() -> None:
    """Byte-compile the package, as ``pip install`` does, so no timed run compiles modules.

    An installed wheel ships compiled modules. A checkout under ``PYTHONDONTWRITEBYTECODE``
    (set on some CI machines and shells) would instead compile every module again in every
    timed process, which measures the compiler, not locpipe.
    """
    compileall.compile_dir(PACKAGE, quiet=1)


def in_turn(names: Sequence[str], runs: int) -> Iterator[str]:
    """Every name once per run, each run starting with the next one, so load hits all alike."""
    for run in range(runs):
        shift = run % len(names)
        yield from [*names[shift:], *names[:shift]]
