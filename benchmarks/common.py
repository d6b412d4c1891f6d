"""What every benchmark that times ``locpipe`` as a whole process does first."""

from __future__ import annotations

import compileall
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"


def precompile() -> None:
    """Byte-compile the package, as ``pip install`` does, so no timed run compiles modules.

    An installed wheel ships compiled modules. A checkout under ``PYTHONDONTWRITEBYTECODE``
    (set on some CI machines and shells) would instead compile every module again in every
    timed process, which measures the compiler, not locpipe.
    """
    compileall.compile_dir(PACKAGE, quiet=1)
