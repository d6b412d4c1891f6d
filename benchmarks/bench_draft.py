"""Draft speed: locpipe's draft step against raw CTranslate2 and per-sentence argostranslate.

Builds the project's copy model (docs/architecture.md#tests) into a temporary ARGOS_PACKAGES_DIR and times, in
one process, on N sentences made from the sample article (distinct, glossary terms included):
(a) locpipe's draft step (term planning, one translate_batch, decoding, enforcement);
(b) raw ``ctranslate2.Translator.translate_batch`` on the same tokenized sentences with the
same settings; (c) ``argostranslate.translate.translate`` called per sentence, as its users
do, with its MiniSBD splitter replaced (it downloads an ONNX model on first use).
Then (a) and (b) again while a busy-loop process keeps one core spinning, as on a shared CI
runner or laptop (``OMP_WAIT_POLICY`` is PASSIVE unless set: run with ``OMP_WAIT_POLICY=ACTIVE``
to see CTranslate2's default under load).
The last line is ``draft vs raw CTranslate2: <x>x; vs argostranslate per sentence: <y>x faster``
(baseline time / draft time: above 1 means locpipe is faster).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # runnable from a checkout without installing


def isolate_argos(folder: Path) -> None:
    """argostranslate reads these at import time: set them before anything imports it."""
    for name, sub in (
        ("ARGOS_PACKAGES_DIR", "packages"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        os.environ[name] = str(folder / sub)


def spin() -> None:
    """Keep one core busy, as a neighbour on a shared machine does."""
    with contextlib.suppress(OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    while True:
        pass


@contextlib.contextmanager
def busy_core() -> Iterator[None]:
    """A busy-loop process on one core for the duration of the block."""
    neighbour = multiprocessing.get_context("fork").Process(target=spin, daemon=True)
    neighbour.start()
    try:
        yield
    finally:
        neighbour.terminate()
        neighbour.join()


def best_of(repeats: int, job: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        job()
        times.append(time.perf_counter() - started)
    return min(times)


def bench_sentences(count: int) -> list[str]:
    """Distinct news sentences: the sample article's units, each with a numbered tail."""
    from pipeline.source.readers import read_source
    from pipeline.source.segment import segment_document

    article = ROOT / "articles" / "japan-china-relations.txt"
    units = [u.msgid for u in segment_document(read_source(article, "article.txt"))]
    return [f"{units[i % len(units)]} (Report {i + 1}.)" for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="locpipe-bench-") as scratch:
        isolate_argos(Path(scratch))
        from pipeline.mt.runtime import quiet_openmp

        quiet_openmp()  # argostranslate.translate imports ctranslate2 before locpipe would
        run(Path(scratch), args.sentences, args.repeats)


def run(folder: Path, count: int, repeats: int) -> None:
    import argostranslate.sbd
    import argostranslate.translate

    from pipeline.core.config import MTSettings
    from pipeline.core.model import Catalog, Entry
    from pipeline.glossary.schema import load_glossary
    from pipeline.mt.argos import (
        ArgosEngine,
        decoding_limit,
        install_file,
        load_model,
        translate_options,
    )
    from pipeline.mt.draft import DraftCache, draft_catalogs
    from pipeline.mt.enforce import plan_unit
    from tests.support.testmodel import PLACEHOLDER_TOKENS, build_argos_model

    sentences = bench_sentences(count)
    archive = build_argos_model(
        folder / "copy.argosmodel", vocabulary_text=sentences[:40], user_symbols=PLACEHOLDER_TOKENS
    )
    model = install_file(archive)
    glossary = load_glossary(sorted((ROOT / "glossary").glob("*.yaml")), ("ja", "zh"))
    mt = MTSettings()
    engine = ArgosEngine(model, mt.beam_size)
    catalogs = {"bench": Catalog(header=(), entries=tuple(Entry(msgid=s) for s in sentences))}

    def draft() -> None:
        draft_catalogs(catalogs, "ja", glossary, engine, mt.n_best, DraftCache(None, "bench"))

    translator, tokenizer = load_model(model.path)
    prepared = [plan_unit(s, glossary, "ja").prepared for s in sentences]
    tokenized = [list(p) for p in tokenizer.encode(prepared, out_type=str)]
    options = translate_options(
        mt.beam_size, mt.n_best, decoding_limit(max(map(len, tokenized))), engine.max_batch_size
    )

    def raw() -> None:
        translator.translate_batch(tokenized, **options)

    # Offline, argos users must replace MiniSBD (it downloads an ONNX model on first use).
    argostranslate.sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [text]

    def per_sentence() -> None:
        for sentence in sentences:
            argostranslate.translate.translate(sentence, "en", "ja")

    draft(), raw(), argostranslate.translate.translate(sentences[0], "en", "ja")  # warm up, load
    # Interleaved, so a noisy neighbour on a shared machine slows both sides alike.
    ours, baseline = float("inf"), float("inf")
    for _ in range(repeats):
        ours = min(ours, best_of(1, draft))
        baseline = min(baseline, best_of(1, raw))
    argos = best_of(1, per_sentence)
    with busy_core():
        loaded, loaded_raw = best_of(repeats, draft), best_of(repeats, raw)
    policy = os.environ.get("OMP_WAIT_POLICY", "PASSIVE (locpipe's default)")
    print(f"sentences: {count}; beam {mt.beam_size}, n-best {mt.n_best}; model {model.info.label}")
    print(f"threads: {engine.threads or 'default'}; OMP_WAIT_POLICY={policy}")
    print(
        f"(a) locpipe draft step: {ours:.3f}s  (b) raw translate_batch: {baseline:.3f}s  (best of {repeats})"
    )
    print(
        f"under load (one core busy): (a) {loaded:.3f}s ({loaded / ours:.2f}x idle)  "
        f"(b) {loaded_raw:.3f}s ({loaded_raw / baseline:.2f}x idle)"
    )
    print(f"(c) argostranslate.translate per sentence: {argos:.3f}s")
    print(
        f"draft vs raw CTranslate2: {baseline / ours:.2f}x; vs argostranslate per sentence: {argos / ours:.2f}x faster"
    )


if __name__ == "__main__":
    main()
