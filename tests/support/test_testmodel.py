"""The project's own Argos test models: real CTranslate2 + SentencePiece, no torch, no network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.support.testmodel import MAX_POSITIONS, build_argos_model

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "articles" / "japan-china-relations.txt"
PLACEHOLDERS = ["⟦T0⟧", "⟦T1⟧"]
EXTRA_SENTENCES = [
    "Prime Minister ⟦T0⟧ met ⟦T1⟧ on 12 March 2022 at 10:30, “as planned”.",
    "It’s 50% — not 5.0% — of the 1,234 delegates (see §6); cost: $3.5bn/€2bn.",
    "中国と日本は 2022 年に国交正常化50周年を迎えた。",
    "snake_case, tabs\tand  two spaces survive",
]


def article_lines() -> list[str]:
    return [line for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]


class Model:
    """An extracted package driven directly, as the engine adapter does."""

    def __init__(self, archive: Path) -> None:
        import ctranslate2
        import sentencepiece as spm

        with zipfile.ZipFile(archive) as package:
            package.extractall(archive.parent)
            (top,) = {name.split("/")[0] for name in package.namelist()}
        self.root = archive.parent / top
        self.metadata = json.loads((self.root / "metadata.json").read_text(encoding="utf-8"))
        self.translator = ctranslate2.Translator(str(self.root / "model"), intra_threads=1)
        self.tokenizer = spm.SentencePieceProcessor(
            model_file=str(self.root / "sentencepiece.model")
        )

    def pieces(self, text: str) -> list[str]:
        return list(self.tokenizer.encode(text, out_type=str))

    def translate(self, texts: list[str], **options: Any) -> list[Any]:
        batch = [self.pieces(text) for text in texts]
        options.setdefault("max_decoding_length", 1024)
        return list(self.translator.translate_batch(batch, **options))

    def decode(self, pieces: list[str]) -> str:
        return str(self.tokenizer.decode_pieces(pieces))


@pytest.fixture(scope="module")
def copy_model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    folder = tmp_path_factory.mktemp("copy")
    return Model(build_argos_model(folder / "copy.argosmodel", user_symbols=PLACEHOLDERS))


@pytest.fixture(scope="module")
def scripted_model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    folder = tmp_path_factory.mktemp("scripted")
    archive = build_argos_model(
        folder / "scripted.argosmodel",
        to_code="zh",
        vocabulary_text=article_lines(),
        substitutions={"Kishida": "キシダ"},
        alternatives={"Kishida": ["岸田"]},
        user_symbols=PLACEHOLDERS,
    )
    return Model(archive)


@pytest.mark.parametrize(
    "text",
    [pytest.param(line, id=f"article-{i}") for i, line in enumerate(article_lines())]
    + [pytest.param(line, id=f"extra-{i}") for i, line in enumerate(EXTRA_SENTENCES)],
)
def test_copy_model_round_trips_text(copy_model: Model, text: str) -> None:
    (result,) = copy_model.translate([text])
    assert copy_model.decode(result.hypotheses[0]) == text


def test_placeholders_are_single_pieces(copy_model: Model) -> None:
    assert copy_model.pieces("a ⟦T0⟧b⟦T1⟧") == ["▁a", "▁", "⟦T0⟧", "b", "⟦T1⟧"]


def test_copy_model_batch_and_long_input(copy_model: Model) -> None:
    texts = [*article_lines(), " ".join(article_lines())[:1500]]
    assert 500 < len(copy_model.pieces(texts[-1])) < MAX_POSITIONS - 1
    results = copy_model.translate(texts, max_batch_size=8, beam_size=2)
    assert [copy_model.decode(r.hypotheses[0]) for r in results] == texts


def test_copy_model_is_confident(copy_model: Model) -> None:
    results = copy_model.translate(article_lines(), return_scores=True)
    assert all(-1e-3 < r.scores[0] <= 0 for r in results)


def test_scripted_model_mistranslates_the_chosen_piece(scripted_model: Model) -> None:
    text = "Japanese Prime Minister Kishida Fumio met ⟦T0⟧ in Beijing."
    (result,) = scripted_model.translate([text])
    assert scripted_model.decode(result.hypotheses[0]) == text.replace("Kishida", "キシダ")


def test_scripted_model_n_best_offers_the_alternative_next(scripted_model: Model) -> None:
    text = "A Chinese expert says the Kishida administration is siding with the US."
    (result,) = scripted_model.translate([text], beam_size=4, num_hypotheses=4, return_scores=True)
    outputs = [scripted_model.decode(h) for h in result.hypotheses]
    assert outputs[:2] == [text.replace("Kishida", "キシダ"), text.replace("Kishida", "岸田")]
    assert result.scores == sorted(result.scores, reverse=True)
    assert result.scores[1] > result.scores[2] + 0.1  # the rest are far behind


def test_multi_word_substitution_and_target_prefix(tmp_path: Path) -> None:
    archive = build_argos_model(
        tmp_path / "prefixed.argosmodel",
        substitutions={"Kishida Fumio": "岸田文雄"},
        target_prefix="__ja__",
    )
    model = Model(archive)
    assert model.metadata["target_prefix"] == "__ja__"
    text = "Prime Minister Kishida Fumio said 1,234."
    (honoured,) = model.translate([text], target_prefix=[["__ja__"]])
    assert honoured.hypotheses[0][0] == "__ja__"
    assert model.decode(honoured.hypotheses[0][1:]) == "Prime Minister 岸田文雄 said 1,234."
    (ignored,) = model.translate([text])  # a shifted, visibly wrong output
    assert model.decode(ignored.hypotheses[0]) != "Prime Minister 岸田文雄 said 1,234."


def test_unscriptable_substitutions_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="each piece once"):
        build_argos_model(tmp_path / "bad.argosmodel", substitutions={"a": "b", "b": "c"})


def test_archive_layout(tmp_path: Path) -> None:
    archive = build_argos_model(tmp_path / "m.argosmodel", name="test-en_zh", to_code="zh")
    with zipfile.ZipFile(archive) as package:
        names = set(package.namelist())
        metadata = json.loads(package.read("test-en_zh/metadata.json"))
        config = json.loads(package.read("test-en_zh/model/config.json"))
    assert {name.split("/")[0] for name in names} == {"test-en_zh"}
    assert {
        "test-en_zh/metadata.json",
        "test-en_zh/sentencepiece.model",
        "test-en_zh/model/model.bin",
        "test-en_zh/model/config.json",
        "test-en_zh/model/shared_vocabulary.json",
    } <= names
    assert metadata["from_code"] == "en" and metadata["to_code"] == "zh"
    assert metadata["package_version"] == "1.0" and metadata["type"] == "translate"
    assert config["add_source_eos"] is True


def test_build_is_byte_reproducible_and_small(tmp_path: Path) -> None:
    """Same options, another process and hash seed: the same bytes (speed is not tested here)."""
    options: dict[str, Any] = {"substitutions": {"Kishida": "キシダ"}, "user_symbols": ["⟦T0⟧"]}
    first = build_argos_model(tmp_path / "first.argosmodel", **options)
    script = (
        "import sys; from pathlib import Path; from tests.support.testmodel import MAX_POSITIONS, build_argos_model;"
        f"build_argos_model(Path(sys.argv[1]), **{options!r})"
    )
    second = tmp_path / "second.argosmodel"
    environment = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", script, str(second)], env=environment, check=True)
    assert first.read_bytes() == second.read_bytes()
    size = first.stat().st_size
    assert 10_000 < size < 400_000, f"{size} bytes"


ARGOS_SCRIPT = """
import json, sys
from pathlib import Path
import argostranslate.package as package
import argostranslate.sbd as sbd
import argostranslate.translate as translate

package.install_from_path(Path(sys.argv[1]))
found = [
    {"from": p.from_code, "to": p.to_code, "version": p.package_version, "path": str(p.package_path),
     "target_prefix": p.target_prefix, "tokenizer": type(p.tokenizer).__name__}
    for p in package.get_installed_packages()
]
# argostranslate's default sentence splitter (MiniSBD) downloads an ONNX model on first use;
# splitting is ours to do, so stand in a one-sentence splitter to keep this offline.
sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [text]
text = translate.translate(sys.argv[2], "en", "ja")
print(json.dumps({"packages": found, "translation": text}))
"""


def test_argostranslate_installs_lists_and_runs_the_package(tmp_path: Path) -> None:
    archive = build_argos_model(tmp_path / "copy.argosmodel", user_symbols=PLACEHOLDERS)
    packages = tmp_path / "packages"
    environment = {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "ARGOS_PACKAGES_DIR": str(packages),
    }
    text = "Kishida Fumio met ⟦T0⟧ on 12 March; it’s 50%."
    completed = subprocess.run(
        [sys.executable, "-c", ARGOS_SCRIPT, str(archive), text],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout.splitlines()[-1])
    assert result["packages"] == [
        {
            "from": "en",
            "to": "ja",
            "version": "1.0",
            "path": str(packages / "locpipe-test-en_ja"),
            "target_prefix": "",
            "tokenizer": "SentencePieceTokenizer",
        }
    ]
    assert result["translation"] == text
