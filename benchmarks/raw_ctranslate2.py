"""The raw-engine baseline of bench_corpus.py, as a whole process: load, tokenize, translate, decode.

``python raw_ctranslate2.py UNITS.json MODEL_FOLDER BEAM N_BEST [THREADS]`` translates the
prepared units in UNITS.json (a JSON list of strings) with one length-sorted
``ctranslate2.Translator.translate_batch`` call, locpipe's options and thread counts, and
decodes every hypothesis as locpipe does. It writes nothing: the parent times the process.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # runnable from a checkout without installing


def main(units_file: str, model: str, beam: str, n_best: str, threads: str = "") -> None:
    from pipeline.mt.argos import decode_result, decoding_limit, translate_options
    from pipeline.mt.runtime import quiet_openmp, thread_counts

    quiet_openmp()  # as locpipe does, before ctranslate2 loads OpenMP
    import ctranslate2
    import sentencepiece

    units = json.loads(Path(units_file).read_text("utf-8"))
    intra, inter = thread_counts(int(threads) if threads else None)
    translator = ctranslate2.Translator(
        str(Path(model) / "model"), device="cpu", intra_threads=intra, inter_threads=inter
    )
    tokenizer = sentencepiece.SentencePieceProcessor(
        model_file=str(Path(model) / "sentencepiece.model")
    )
    batch = sorted(tokenizer.encode(units, out_type=str), key=len)
    limit = decoding_limit(max(map(len, batch)))
    options = translate_options(int(beam), int(n_best), limit, 16)
    for result in translator.translate_batch(batch, **options):
        decode_result(tokenizer, result, "", limit)


if __name__ == "__main__":
    main(*sys.argv[1:])
