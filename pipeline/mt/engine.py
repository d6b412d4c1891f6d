"""The machine-translation interface every engine implements (docs/architecture.md#engine)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Hypothesis:
    """One n-best candidate: its text and model score (higher is better).

    ``cut`` marks an output that reached the decoding length limit, so it may be truncated.
    """

    text: str
    score: float
    cut: bool = False


@dataclass(frozen=True)
class ModelInfo:
    """Which model drafts: shown in ``#. mt:`` lines and part of the draft cache key."""

    package: str
    version: str
    from_code: str
    to_code: str

    @property
    def label(self) -> str:
        return f"{self.package} {self.version}"


class Engine(Protocol):
    """Translates a batch of source texts into n-best lists, best first."""

    @property
    def model(self) -> ModelInfo:
        """The model behind this engine, for provenance."""
        ...

    @property
    def options(self) -> str:
        """Decoding options that change outputs, as a signature fragment (``beam:8``)."""
        ...

    def translate(self, sources: list[str], n_best: int) -> list[list[Hypothesis]]:
        """One n-best list per source, in input order."""
        ...
