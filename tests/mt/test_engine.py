"""The engine interface and the Argos engine on the project's own copy model (real CTranslate2)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline.mt import argos
from pipeline.mt.argos import ArgosEngine, find_model, install_file
from pipeline.mt.engine import Engine, Hypothesis
from tests.support.testmodel import build_argos_model

SENTENCES = [
    "Prime Minister ⟦0⟧ met ⟦1⟧ on 12 March 2022, “as planned”.",
    "Short.",
    "The agreement covers 15 member nations across the Asia-Pacific region, up from 1,234.",
]


def engine(packages: Path, language: str = "ja", beam_size: int = 4) -> ArgosEngine:
    model = find_model("en", language, packages)
    assert model is not None
    return ArgosEngine(model, beam_size)


def test_hypothesis_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Hypothesis("a", 0.0).text = "b"  # type: ignore[misc]


def test_argos_engine_implements_the_interface(copy_packages: Path) -> None:
    adapter: Engine = engine(copy_packages)
    assert adapter.model.package == "locpipe-test-en_ja"
    assert adapter.model.label == "locpipe-test-en_ja 1.0"
    assert "beam:4" in adapter.options


def test_copy_model_n_best_in_input_order(copy_packages: Path) -> None:
    results = engine(copy_packages).translate(SENTENCES, n_best=3)
    assert [len(n_best) for n_best in results] == [3, 3, 3]
    assert [n_best[0].text for n_best in results] == SENTENCES
    for n_best in results:
        scores = [h.score for h in n_best]
        assert scores == sorted(scores, reverse=True)
        assert not any(h.cut for h in n_best)


def test_empty_batch_translates_nothing(copy_packages: Path) -> None:
    assert engine(copy_packages).translate([], n_best=2) == []


def test_decoding_turns_underscores_into_spaces_as_argos_does(copy_packages: Path) -> None:
    (n_best,) = engine(copy_packages).translate(["snake_case stays?"], n_best=1)
    assert n_best[0].text == "snake case stays?"


def test_an_output_reaching_the_length_limit_is_marked_cut(
    copy_packages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(argos, "DECODING_CAP", 6)
    (n_best,) = engine(copy_packages).translate([SENTENCES[2]], n_best=1)
    assert n_best[0].cut
    assert SENTENCES[2].startswith(n_best[0].text)


def test_package_target_prefix_is_honoured(tmp_path: Path) -> None:
    archive = build_argos_model(
        tmp_path / "prefixed.argosmodel",
        substitutions={"Kishida Fumio": "岸田文雄"},
        target_prefix="__ja__",
    )
    installed = install_file(archive, tmp_path / "packages")
    assert installed.target_prefix == "__ja__"
    (n_best,) = ArgosEngine(installed, 2).translate(["Prime Minister Kishida Fumio said 1,234."], 1)
    assert n_best[0].text == "Prime Minister 岸田文雄 said 1,234."
