"""The local executor: chunks in flight together on the real engine, same drafts as one by one."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from pipeline.mt.argos import ArgosEngine, find_model
from pipeline.mt.executor import LocalExecutor, make_chunks
from tests.support.corpus import article_sentences
from tests.support.engines import HookedEngine


def copy_engine() -> ArgosEngine:
    model = find_model("en", "ja")
    assert model is not None
    return ArgosEngine(model, beam_size=2).load()


def sources() -> list[str]:
    return list(dict.fromkeys(s for lines in article_sentences(6, 10) for s in lines))


def test_lookahead_gives_the_drafts_of_one_chunk_at_a_time(with_copy_models: Path) -> None:
    engine = copy_engine()
    chunks = make_chunks(sources(), size=8)
    one_by_one = {index: engine.translate(chunk, 2) for index, chunk in enumerate(chunks)}
    ahead = list(LocalExecutor(lookahead=3).translate_chunks(engine, chunks, 2))
    assert len(chunks) > 4
    assert sorted(index for index, _ in ahead) == list(range(len(chunks)))
    assert dict(ahead) == one_by_one


def test_the_next_chunk_is_translated_while_one_is_collected(with_copy_models: Path) -> None:
    # Every call waits until two calls are inside translate: one chunk at a time would never
    # get there, and the barrier's timeout would break the run.
    barrier = threading.Barrier(2, timeout=30)
    engine = HookedEngine(copy_engine(), before=barrier.wait)
    chunks = make_chunks(sources(), size=8)[:4]
    results = dict(LocalExecutor(lookahead=2).translate_chunks(engine, chunks, 2))
    assert sorted(results) == [0, 1, 2, 3]


def test_a_stopped_stream_starts_no_more_chunks(with_copy_models: Path) -> None:
    gate = threading.Event()
    calls: list[int] = []

    def wait_after_the_first() -> None:
        calls.append(len(calls))
        if len(calls) > 1:
            gate.wait(timeout=30)

    engine = HookedEngine(copy_engine(), before=wait_after_the_first)
    chunks = make_chunks(sources(), size=4)
    stream = LocalExecutor(lookahead=2).translate_chunks(engine, chunks, 2)
    index, first = next(stream)
    stream.close()  # as Ctrl-C in the caller closes it
    gate.set()
    for thread in threading.enumerate():
        if thread.name.startswith("locpipe-mt"):
            thread.join(timeout=30)
    assert (index, len(first)) == (0, 4)
    assert len(chunks) > 10
    # The collected chunk and the two in flight: memory stays bounded, nothing else started.
    assert len(calls) == 3


def test_chunks_are_taken_as_they_are_submitted(with_copy_models: Path) -> None:
    # The draft step plans each chunk as it is taken, so the engine starts on the first at once.
    chunks = make_chunks(sources(), size=8)
    taken: list[int] = []

    def lazily() -> Iterator[list[str]]:
        for index, chunk in enumerate(chunks):
            taken.append(index)
            yield chunk

    stream = LocalExecutor(lookahead=2).translate_chunks(copy_engine(), lazily(), 2)
    assert taken == []
    assert next(stream)[0] == 0
    assert taken == [0, 1, 2]
    assert [index for index, _ in stream] == list(range(1, len(chunks)))
    assert taken == list(range(len(chunks)))
