"""The Ray executor: the draft step as Ray Data ``map_batches`` over a pool of actors.

Each actor loads the Argos package once, with CTranslate2 ``intra_threads`` set to the CPUs
Ray gives it, and translates whole chunks, so its batches are exactly those of the local
executor and the catalogs come out byte-identical. The driver plans, enforces, caches and
writes; the model reaches the workers through Ray's object store: the driver packs the
installed package folder once, and an actor on a node without that folder unpacks it into a
temporary folder (docs/architecture.md#executors). Ray is imported only here, lazily.
"""

from __future__ import annotations

import io
import json
import logging
import os
import tarfile
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.core import InputError
from pipeline.mt.argos import ArgosEngine
from pipeline.mt.engine import Engine, Hypothesis
from pipeline.mt.executor import ChunkResult

INSTALL_HINT = "the ray executor needs Ray: pip install 'locpipe[ray]'"


class RayExecutor:
    """Translates chunks on a Ray cluster: an existing one at ``address``, else a local one."""

    name = "ray"

    def __init__(
        self,
        address: str | None = None,
        cpus_per_actor: int | None = None,
        init_options: dict[str, Any] | None = None,
    ) -> None:
        self.address = address
        self.cpus_per_actor = cpus_per_actor or 1
        self.init_options = init_options or {}

    def translate_chunks(
        self, engine: Engine, chunks: Iterable[Sequence[str]], n_best: int
    ) -> Iterator[ChunkResult]:
        """Yield each chunk's n-best lists as an actor finishes it."""
        chunks = list(chunks)  # every row goes into the dataset at once
        if not chunks:
            return
        ray = _import_ray()
        started_here = not ray.is_initialized()
        if started_here:
            ray.init(address=self.address, **self._init_options())
        try:
            yield from self._stream(ray, engine, chunks, n_best)
        finally:
            if started_here:
                ray.shutdown()

    def _init_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.WARNING,
        }
        return {**options, **self.init_options}

    def _stream(
        self, ray: Any, engine: Engine, chunks: Sequence[Sequence[str]], n_best: int
    ) -> Iterator[ChunkResult]:
        logging.getLogger("ray.data").setLevel(logging.ERROR)  # its notices are not ours
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the driver shows locpipe's own progress
        context.print_on_execution_start = False
        cpus = int(ray.cluster_resources().get("CPU", 1))
        actors = max(1, min(len(chunks), cpus // self.cpus_per_actor))
        rows = [{"chunk": i, "sources": json.dumps(list(c))} for i, c in enumerate(chunks)]
        shipped = [ray.put(pack_engine(engine))]  # in a list: Ray passes the ref, not the bytes
        results = ray.data.from_items(rows).map_batches(
            ChunkTranslator,
            fn_constructor_kwargs={"engine": engine, "shipped": shipped, "n_best": n_best},
            batch_size=1,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=actors),
            num_cpus=self.cpus_per_actor,
        )
        for batch in results.iter_batches(batch_size=None, batch_format="numpy"):
            for index, result in zip(batch["chunk"], batch["result"], strict=True):
                yield int(index), decode_hypotheses(str(result))


class ChunkTranslator:
    """A Ray actor: the engine, loaded once, translating one chunk per call."""

    def __init__(self, engine: Engine, shipped: list[Any], n_best: int) -> None:
        self.engine = localize(engine, shipped, _actor_cpus())
        self.n_best = n_best

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        results = [
            encode_hypotheses(self.engine.translate(json.loads(str(sources)), self.n_best))
            for sources in batch["sources"]
        ]
        return {"chunk": batch["chunk"], "result": np.array(results, dtype=object)}


def pack_engine(engine: Engine) -> bytes:
    """The Argos package folder as a tar archive (empty for other engines)."""
    if not isinstance(engine, ArgosEngine):
        return b""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        archive.add(engine.installed.path, arcname=engine.installed.folder)
    return buffer.getvalue()


def localize(engine: Engine, shipped: list[Any], cpus: int) -> Engine:
    """The engine as this worker runs it: its own threads, the package unpacked if absent."""
    if not isinstance(engine, ArgosEngine):
        return engine
    installed = engine.installed
    if not (installed.path / "model").is_dir():
        import ray

        folder = Path(tempfile.mkdtemp(prefix="locpipe-model-"))
        with tarfile.open(fileobj=io.BytesIO(ray.get(shipped[0])), mode="r") as archive:
            archive.extractall(folder, filter="data")
        installed = replace(installed, path=folder / installed.folder)
    return ArgosEngine(installed, engine.beam_size, engine.max_batch_size, threads=cpus)


def _actor_cpus() -> int:
    """The CPUs Ray assigned this actor (its ``num_cpus``)."""
    import ray

    assigned = ray.get_runtime_context().get_assigned_resources().get("CPU")
    return max(1, int(assigned or os.cpu_count() or 1))


def encode_hypotheses(lists: list[list[Hypothesis]]) -> str:
    """n-best lists as JSON text, the one column an actor returns."""
    return json.dumps([[[h.text, h.score, h.cut] for h in hs] for hs in lists], ensure_ascii=False)


def decode_hypotheses(text: str) -> list[list[Hypothesis]]:
    """The inverse of :func:`encode_hypotheses`."""
    return [[Hypothesis(str(t), float(s), bool(c)) for t, s, c in hs] for hs in json.loads(text)]


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError:
        raise InputError(INSTALL_HINT) from None
    return ray
