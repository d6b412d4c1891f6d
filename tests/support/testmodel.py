"""Build tiny, true Argos Translate packages for tests: a copy model and scripted variants.

No torch, no network (docs/architecture.md#tests). The SentencePiece model is trained in memory;
the CTranslate2 Transformer is filled with hand-set numpy weights so that decoder step t
attends to source position t and emits that source piece again:

* every self-attention and FFN output projection is zero, so residuals pass straight through;
* encoder token embeddings are distinct balanced ±1 codes in a token block, decoder token
  embeddings are zero;
* a learned position table in separate dimensions holds, per frequency ω = π/2^k, the triple
  cos(ωt), cos(ωt+2π/3), cos(ωt+4π/3); each triple sums to zero with constant norm, so layer
  norms only rescale, and p(t)·p(s) = 1.5 Σ cos(ω(t-s)) peaks only at t = s;
* cross-attention query and key read the position block, value and output carry the token block;
* the output projection is the token code table, behind a final layer norm with gain 10.

The target starts with BOS at step 0 and the source ends with EOS (``add_source_eos``), so step
t outputs source piece t and the last step copies the source's EOS. ``substitutions`` and
``alternatives`` edit output-projection rows so chosen pieces come out as other pieces, first
or as a slightly worse n-best candidate.
"""

from __future__ import annotations

import io
import json
import math
import tempfile
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.core import PLACEHOLDER

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Matrix = NDArray[np.float64]

TOKEN_DIMS = 64  # width of the ±1 code block; codes are picked with |code·code'| <= TOKEN_DIMS/2
MAX_POSITIONS = 1024  # a power of two: 2^K positions need K cosine triples
FINAL_GAIN = 10.0  # final decoder layer-norm gain: logits = ~10 × code agreement
ATTENTION_MARGIN = 40.0  # nats between the aligned source position and any other
SEED = 20240607
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

#: Placeholder tokens drafting may send; the test models keep each as one piece (user symbols).
PLACEHOLDER_TOKENS = tuple(PLACEHOLDER.format(i) for i in range(32))

LANGUAGE_NAMES = {"en": "English", "ja": "Japanese", "zh": "Chinese"}

# News-style text so the vocabulary has ordinary English pieces; anything missing still
# round-trips through byte fallback.
DEFAULT_CORPUS = (
    "The prime minister said on Tuesday that the government would raise the budget by 3.5%.",
    "China and Japan marked the 50th anniversary of the normalization of diplomatic relations.",
    "Officials in Beijing and Tokyo met to discuss trade, security and human rights issues.",
    "“We want to strengthen our economic ties,” the foreign minister told reporters.",
    "It’s the first time since 2019 that the two leaders have spoken by phone.",
    "The Regional Comprehensive Economic Partnership came into effect this month.",
    "Analysts say the relationship is likely to remain a major challenge for both countries.",
    "The United States has expressed concern about military expansion in the East China Sea.",
    "President Xi Jinping is expected to step up efforts at the party congress later this year.",
    "A university professor said there is little celebratory mood around the anniversary.",
    "The company reported a profit of $1.2 billion, up 12 percent from a year earlier.",
    "Voters will go to the polls in the midterm elections this fall, according to the report.",
    "Washington and Beijing remain divided over Taiwan, technology and trade policy.",
    "The agreement covers 15 member nations across the Asia-Pacific region.",
    "Shares in Tokyo rose 1.8% on Monday; the yen weakened against the dollar.",
    "He warned that tensions could rise if neither side makes concessions (see page 4).",
    "日本と中国は国交正常化五十周年を迎えた。首相は北京との対話を重視すると述べた。",
    "中国和日本迎来邦交正常化五十周年。外交部长表示，双方将加强经济合作。",
)


def build_argos_model(
    path: Path,
    *,
    from_code: str = "en",
    to_code: str = "ja",
    vocabulary_text: Iterable[str] = (),
    substitutions: Mapping[str, str] = {},
    user_symbols: Sequence[str] = (),
    package_version: str = "1.0",
    name: str | None = None,
    alternatives: Mapping[str, Sequence[str]] = {},
    alternative_gap: float = 1.0,
    target_prefix: str = "",
) -> Path:
    """Write a tiny copy (or scripted 'dictionary') model as an .argosmodel zip at path.

    ``substitutions`` maps a source piece to the target piece the model emits instead (the two
    swap: the target, met in a source, comes out as the key). ``alternatives`` maps a source
    piece to further output pieces scoring ``alternative_gap``, 2×gap, … logits below its best
    one, so beam search with several hypotheses returns them next. Keys, outputs, user symbols
    and ``target_prefix`` become SentencePiece user-defined symbols, hence single pieces; a
    space in them stands for the word boundary (``▁``), so "Kishida Fumio" is one piece too.
    With a ``target_prefix`` the decoder expects that piece forced after BOS, as Argos does.
    """
    substitutions = {piece(k): piece(v) for k, v in substitutions.items()}
    alternatives = {piece(k): [piece(v) for v in vs] for k, vs in alternatives.items()}
    scripted = [*substitutions, *substitutions.values(), *alternatives]
    scripted += [output for outputs in alternatives.values() for output in outputs]
    prefix = [piece(target_prefix)] if target_prefix else []
    symbols = list(dict.fromkeys([*map(piece, user_symbols), *prefix, *scripted]))
    sentencepiece_model = train_sentencepiece([*DEFAULT_CORPUS, *vocabulary_text], symbols)
    pieces = vocabulary_of(sentencepiece_model)
    codes = token_codes(len(pieces))
    rows = output_rows(codes, pieces, substitutions, alternatives, alternative_gap)
    spec = fill_copy_spec(codes, rows, shift=bool(target_prefix))
    name = name or f"locpipe-test-{from_code}_{to_code}"
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"package name {name!r} must be a plain folder name")
    metadata = package_metadata(name, from_code, to_code, package_version, target_prefix)
    files = {"metadata.json": metadata, "sentencepiece.model": sentencepiece_model}
    files.update({f"model/{k}": v for k, v in save_ctranslate2(spec, pieces).items()})
    write_archive(path, name, files)
    return path


def piece(text: str) -> str:
    """A symbol as SentencePiece spells it: spaces are the word-boundary mark ▁."""
    return text.replace(" ", "▁")


def train_sentencepiece(corpus: Sequence[str], symbols: Sequence[str]) -> bytes:
    """Train a small unigram SentencePiece model in memory that keeps any input intact."""
    import sentencepiece as spm

    # Every character is kept (coverage 1.0), so the vocabulary must hold them all.
    required = 3 + 256 + len(symbols) + len(set("".join(corpus)))
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus),
        model_writer=buffer,
        model_type="unigram",
        vocab_size=max(600, required + 100),
        hard_vocab_limit=False,
        character_coverage=1.0,
        byte_fallback=True,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,  # so decode(encode(text)) == text exactly
        user_defined_symbols=list(symbols),
        num_threads=1,
        minloglevel=2,
    )
    return buffer.getvalue()


def vocabulary_of(sentencepiece_model: bytes) -> list[str]:
    """The model's pieces in id order: the shared source and target vocabulary."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=sentencepiece_model)
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def token_codes(count: int) -> Matrix:
    """Distinct balanced ±1 codes, any two agreeing in at most 3/4 of their dimensions."""
    import numpy as np

    rng = np.random.default_rng(SEED)
    half = np.repeat([1.0, -1.0], TOKEN_DIMS // 2)
    codes = np.zeros((count, TOKEN_DIMS))
    accepted = 0
    while accepted < count:
        candidate = rng.permutation(half)
        if np.all(np.abs(codes[:accepted] @ candidate) <= TOKEN_DIMS // 2):
            codes[accepted] = candidate
            accepted += 1
    return codes


def position_table(positions: int = MAX_POSITIONS) -> Matrix:
    """Cosine triples for ω = π/2^k, k < log2(positions): constant norm, zero sum."""
    import numpy as np

    steps = np.arange(positions, dtype=np.float64)[:, None]
    omegas = math.pi / 2.0 ** np.arange(int(math.log2(positions)))
    phases = np.array([0.0, 2 * math.pi / 3, 4 * math.pi / 3])
    angles = steps[:, :, None] * omegas[None, :, None] + phases[None, None, :]
    return np.asarray(np.cos(angles).reshape(positions, -1))


def output_rows(
    codes: Matrix,
    pieces: Sequence[str],
    substitutions: Mapping[str, str],
    alternatives: Mapping[str, Sequence[str]],
    gap: float,
) -> Matrix:
    """Output-projection rows over the token block: logit(v | s) = scale × row(v)·code(s)."""
    used = [*substitutions, *substitutions.values()]
    if len(set(used)) != len(used):
        raise ValueError(f"substitutions must use each piece once: {dict(substitutions)}")
    index = {piece: i for i, piece in enumerate(pieces)}
    rows = codes.copy()
    for source, target in substitutions.items():
        rows[index[target]], rows[index[source]] = codes[index[source]], codes[index[target]]
    step = gap / logit_scale()
    for source, outputs in alternatives.items():
        code = codes[index[source]]
        for rank, output in enumerate(outputs, start=1):
            row = rows[index[output]]
            # Add a little of the source's code: |code|² = TOKEN_DIMS is the best row's logit.
            wanted = TOKEN_DIMS - rank * step
            rows[index[output]] = row + (wanted - row @ code) / TOKEN_DIMS * code
    expected = {index[k]: index[v] for k, v in substitutions.items()}
    expected.update({index[v]: index[k] for k, v in substitutions.items()})
    ranked = {index[k]: [index[v] for v in vs] for k, vs in alternatives.items()}
    check_rows(codes @ rows.T, pieces, expected, ranked)
    return rows


def check_rows(
    logits: Matrix, pieces: Sequence[str], swaps: dict[int, int], ranked: dict[int, list[int]]
) -> None:
    """Fail the build if a source piece would not come out as scripted (best, then ranked)."""
    import numpy as np

    order = np.argsort(-logits, axis=1, kind="stable")
    for source in range(len(pieces)):
        wanted = [swaps.get(source, source), *ranked.get(source, [])]
        if list(order[source, : len(wanted)]) != wanted:
            got = [pieces[i] for i in order[source, : len(wanted)]]
            raise ValueError(
                f"test model would turn {pieces[source]!r} into {got}, not "
                f"{[pieces[i] for i in wanted]}; choose other scripted pieces"
            )


def layer_scales() -> tuple[float, float, float]:
    """Layer-norm factors 1/std of encoder output, decoder query input and decoder output."""
    triples = int(math.log2(MAX_POSITIONS))
    width = TOKEN_DIMS + 3 * triples
    position_energy = 1.5 * triples  # |p(t)|²: each triple contributes 3/2
    encoder = math.sqrt(width / (TOKEN_DIMS + position_energy))
    query = math.sqrt(width / position_energy)
    decoder = math.sqrt(width / (encoder**2 * TOKEN_DIMS + position_energy))
    return encoder, query, decoder


def logit_scale() -> float:
    """Logit per unit of row·code agreement, through the final layer norm and its gain."""
    encoder, _, decoder = layer_scales()
    return FINAL_GAIN * decoder * encoder


def fill_copy_spec(codes: Matrix, rows: Matrix, *, shift: bool) -> Any:
    """A one-layer TransformerSpec that copies the source, read through ``codes``, to ``rows``.

    ``shift``: a target prefix piece follows BOS, so decoder step t+1 reads source position t.
    """
    import ctranslate2
    import numpy as np

    spec = ctranslate2.specs.TransformerSpec.from_config(num_layers=1, num_heads=1)
    spec.config.add_source_eos = True
    positions = position_table()
    width = TOKEN_DIMS + positions.shape[1]
    tokens, place = slice(0, TOKEN_DIMS), slice(TOKEN_DIMS, width)

    def wide(block: Matrix, where: slice) -> Matrix:
        out = np.zeros((block.shape[0], width))
        out[:, where] = block
        return out

    table = wide(positions, place)
    fill_encoder(spec.encoder, wide(codes, tokens), table, width)
    decoder_table = np.roll(table, 1, axis=0) if shift else table
    fill_decoder(spec.decoder, np.zeros((len(codes), width)), decoder_table, width)
    fill_cross_attention(spec.decoder.layer[0].attention, width)
    spec.decoder.layer_norm.gamma = f32(np.full(width, FINAL_GAIN))
    spec.decoder.projection.weight = f32(wide(rows, tokens))
    return spec


def fill_cross_attention(attention: Any, width: int) -> None:
    """Query and key read the position block (sharply), value and output the token block."""
    import numpy as np

    encoder, query, _ = layer_scales()
    # p(t)·p(s) beats any other position by >= 3; scores are divided by sqrt(width).
    sharpness = ATTENTION_MARGIN * math.sqrt(width) / (3 * query * encoder)
    in_place = np.r_[np.zeros(TOKEN_DIMS), np.ones(width - TOKEN_DIMS)]
    in_tokens = 1.0 - in_place
    attention.linear[0].weight = f32(np.diag(sharpness * in_place))
    attention.linear[1].weight = f32(np.vstack([np.diag(in_place), np.diag(in_tokens)]))
    attention.linear[2].weight = f32(np.diag(in_tokens))


def fill_encoder(encoder: Any, embeddings: Matrix, table: Matrix, width: int) -> None:
    """Encoder: code + position, passed through unchanged by a zeroed layer."""
    import numpy as np

    encoder.scale_embeddings = False
    encoder.embeddings[0].weight = f32(embeddings)
    encoder.position_encodings.encodings = f32(table)
    layer = encoder.layer[0]
    layer.self_attention.linear[0].weight = f32(np.zeros((3 * width, width)))
    layer.self_attention.linear[1].weight = f32(np.zeros((width, width)))
    fill_feed_forward(layer.ffn, width)
    for norm in (encoder.layer_norm, layer.self_attention.layer_norm):
        set_unit_norm(norm, width)


def fill_decoder(decoder: Any, embeddings: Matrix, table: Matrix, width: int) -> None:
    """Decoder: position only, until cross-attention brings in the aligned source code."""
    import numpy as np

    decoder.scale_embeddings = False
    decoder.embeddings.weight = f32(embeddings)
    decoder.position_encodings.encodings = f32(table)
    layer = decoder.layer[0]
    layer.self_attention.linear[0].weight = f32(np.zeros((3 * width, width)))
    layer.self_attention.linear[1].weight = f32(np.zeros((width, width)))
    fill_feed_forward(layer.ffn, width)
    for norm in (decoder.layer_norm, layer.self_attention.layer_norm, layer.attention.layer_norm):
        set_unit_norm(norm, width)


def fill_feed_forward(ffn: Any, width: int, inner: int = 4) -> None:
    """A feed-forward block whose output projection is zero."""
    import numpy as np

    ffn.linear_0.weight = f32(np.zeros((inner, width)))
    ffn.linear_1.weight = f32(np.zeros((width, inner)))
    set_unit_norm(ffn.layer_norm, width)


def set_unit_norm(norm: Any, width: int) -> None:
    import numpy as np

    norm.gamma = f32(np.ones(width))
    norm.beta = f32(np.zeros(width))


def f32(array: Matrix) -> Any:
    import numpy as np

    return np.ascontiguousarray(array, dtype=np.float32)


def save_ctranslate2(spec: Any, pieces: Sequence[str]) -> dict[str, bytes]:
    """The CTranslate2 model directory's files, written through a Converter."""
    from ctranslate2.converters import Converter

    class SpecConverter(Converter):  # type: ignore[misc]
        def _load(self) -> Any:
            spec.register_source_vocabulary(list(pieces))
            spec.register_target_vocabulary(list(pieces))
            return spec

    with tempfile.TemporaryDirectory(prefix="locpipe-testmodel-") as scratch:
        folder = Path(scratch) / "model"
        SpecConverter().convert(str(folder))
        return {f.name: f.read_bytes() for f in sorted(folder.iterdir())}


def package_metadata(
    name: str, from_code: str, to_code: str, version: str, target_prefix: str
) -> bytes:
    """metadata.json: the fields argostranslate.package reads to list and load a package."""
    metadata = {
        "name": name,
        "type": "translate",
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": LANGUAGE_NAMES.get(from_code, from_code),
        "to_code": to_code,
        "to_name": LANGUAGE_NAMES.get(to_code, to_code),
        "target_prefix": target_prefix,
        "links": [],
    }
    return (json.dumps(metadata, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_archive(path: Path, folder: str, files: Mapping[str, bytes]) -> None:
    """Zip files under one top-level folder, sorted, with fixed timestamps: byte-reproducible."""
    names = sorted(files)
    folders = sorted(
        {f"{folder}/"} | {f"{folder}/{n.rsplit('/', 1)[0]}/" for n in names if "/" in n}
    )
    with zipfile.ZipFile(path, "w") as archive:
        for entry in folders:
            info = zipfile.ZipInfo(entry, ZIP_TIME)
            info.external_attr = (0o40755 << 16) | 0x10
            archive.writestr(info, b"")
        for name in names:
            info = zipfile.ZipInfo(f"{folder}/{name}", ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=9)
