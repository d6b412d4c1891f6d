"""The real engine with a test's hook around each call: to count calls, or act mid-draft."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.mt.engine import Engine, Hypothesis, ModelInfo


@dataclass
class WrappedEngine:
    """Passes everything to the real engine; subclasses add what a test watches or does."""

    inner: Engine

    @property
    def model(self) -> ModelInfo:
        return self.inner.model

    @property
    def options(self) -> str:
        return self.inner.options

    def translate(self, sources: list[str], n_best: int) -> list[list[Hypothesis]]:
        return self.inner.translate(sources, n_best)


@dataclass
class CountingEngine(WrappedEngine):
    """Counts the calls and the units the engine is asked to translate."""

    calls: int = 0
    units: int = 0
    _counting: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def translate(self, sources: list[str], n_best: int) -> list[list[Hypothesis]]:
        with self._counting:  # the local executor calls from several threads
            self.calls += 1
            self.units += len(sources)
        return self.inner.translate(sources, n_best)


@dataclass
class HookedEngine(WrappedEngine):
    """Runs ``before`` at the start of every call (a translator's save landing mid-draft)."""

    before: Callable[[], object] = lambda: None

    def translate(self, sources: list[str], n_best: int) -> list[list[Hypothesis]]:
        self.before()
        return self.inner.translate(sources, n_best)
