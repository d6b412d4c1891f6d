"""Where MT runs: the executor interface and the in-process executor (docs/architecture.md#executors).

The draft step hands an executor the engine and the units in chunks; the executor yields each
chunk's n-best lists as the chunk finishes, in any order. Planning, enforcement, the cache and
writing stay with the caller, so every executor gives the same drafts for the same chunks.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Protocol, runtime_checkable

from pipeline.mt.engine import Engine, Hypothesis

#: Units per translate_batch call: small enough that Ctrl-C is honoured within a chunk and
#: memory stays bounded, large enough that batching pays (length-sorted within the stream).
CHUNK_SIZE = 64
#: Chunks the local executor keeps in flight beyond the one being collected.
LOOKAHEAD = 2
#: (chunk index, one n-best list per source of that chunk)
ChunkResult = tuple[int, list[list[Hypothesis]]]


class Executor(Protocol):
    """Runs an engine over chunks of sources."""

    @property
    def name(self) -> str:
        """``local`` or ``ray``, for reports."""
        ...

    def translate_chunks(
        self, engine: Engine, chunks: Iterable[Sequence[str]], n_best: int
    ) -> Iterator[ChunkResult]:
        """Yield each chunk's n-best lists as it finishes (any order).

        Chunks are numbered in the order ``chunks`` gives them and may be taken lazily.
        """
        ...


class LocalExecutor:
    """Translates chunks in this process, a few in flight on the engine's one Translator.

    ``lookahead`` chunks are submitted at once from worker threads, so the engine's workers
    always have the next chunk's sub-batches queued while this thread enforces and caches a
    finished one (the Translator takes concurrent calls; docs/architecture.md#threads). Each
    chunk is still one ``engine.translate`` call, so drafts do not depend on the look-ahead.
    """

    name = "local"

    def __init__(self, lookahead: int = LOOKAHEAD) -> None:
        self.lookahead = max(1, lookahead)

    def translate_chunks(
        self, engine: Engine, chunks: Iterable[Sequence[str]], n_best: int
    ) -> Iterator[ChunkResult]:
        pool = ThreadPoolExecutor(self.lookahead, thread_name_prefix="locpipe-mt")
        queued: deque[tuple[int, Future[list[list[Hypothesis]]]]] = deque()
        try:
            for index, chunk in enumerate(chunks):
                queued.append((index, pool.submit(engine.translate, list(chunk), n_best)))
                if len(queued) > self.lookahead:
                    done, future = queued.popleft()
                    yield done, future.result()
            while queued:
                done, future = queued.popleft()
                yield done, future.result()
        finally:
            # Ctrl-C or an error: chunks not started are dropped, the running ones end alone.
            pool.shutdown(wait=False, cancel_futures=True)


def make_chunks(sources: Sequence[str], size: int = CHUNK_SIZE) -> list[list[str]]:
    """Sources sorted by length (stable), cut into chunks: similar lengths batch with little padding."""
    ordered = sorted(sources, key=len)
    return [ordered[start : start + size] for start in range(0, len(ordered), size)]


def make_executor(
    name: str, address: str | None = None, cpus_per_actor: int | None = None
) -> Executor:
    """The executor named in ``mt.executor`` or ``--executor``; Ray is imported only if chosen."""
    if name == "ray" or address is not None:
        from pipeline.mt.ray_executor import RayExecutor

        return RayExecutor(address, cpus_per_actor)
    return LocalExecutor()


@runtime_checkable
class StartsAhead(Protocol):
    """An executor with a start-up worth overlapping with the caller's own work (Ray)."""

    def start(self) -> None:
        """Begin starting, in the background; return at once."""
        ...

    def close(self) -> None:
        """Let go of what ``start`` began; may finish in the background."""
        ...


@contextmanager
def started_ahead(executor: Executor) -> Iterator[Executor]:
    """The executor, its start-up begun now; closed on the way out, whatever happens.

    A job enters this before it plans, so Ray comes up while sources are read, catalogs merged
    and the memory consulted, and leaves it once drafting is done, so Ray shuts down while the
    job writes (docs/architecture.md#executors). The local executor has nothing to start.
    """
    if not isinstance(executor, StartsAhead):
        yield executor
        return
    executor.start()
    try:
        yield executor
    finally:
        executor.close()
