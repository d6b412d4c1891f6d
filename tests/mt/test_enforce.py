"""Glossary, markup and number enforcement around MT output."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.glossary.schema import Glossary, load_glossary
from pipeline.mt.argos import ArgosEngine, find_model
from pipeline.mt.enforce import choose, plan_unit, restore
from pipeline.mt.engine import Hypothesis

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(sorted((ROOT / "glossary").glob("*.yaml")), ("ja", "zh"), root=ROOT)


MARKUP = [
    pytest.param(
        "Read [the report](https://example.com/a_b?x=1) now.",
        ["[", "](https://example.com/a_b?x=1)"],
        id="link",
    ),
    pytest.param("Run `pip install x` first.", ["`pip install x`"], id="code"),
    pytest.param("It is **very** clear.", ["**", "**"], id="emphasis"),
    pytest.param(
        "See https://nhk.or.jp/news/2022, then <b>this</b>.",
        ["https://nhk.or.jp/news/2022", "<b>", "</b>"],
        id="url-html",
    ),
    pytest.param("The field snake_case stays.", ["snake_case"], id="identifier"),
    pytest.param("![Xi Jinping](xi.jpg)", ["![", "](xi.jpg)"], id="image"),
]


@pytest.mark.parametrize(("source", "protected"), MARKUP)
def test_markup_becomes_placeholders_and_restores(
    glossary: Glossary, source: str, protected: list[str]
) -> None:
    plan = plan_unit(source, glossary, "ja")
    assert [original for _, original in plan.placeholders] == protected
    assert [token for token, _ in plan.placeholders] == [f"⟦{i}⟧" for i in range(len(protected))]
    assert all(plan.prepared.count(token) == 1 for token, _ in plan.placeholders)
    assert restore(plan, plan.prepared) == source.replace("Xi Jinping", "習近平")


def test_terms_are_injected_and_numbers_listed(glossary: Glossary) -> None:
    source = "Japanese Prime Minister Kishida Fumio said 1,234 of 15 nations, 3.5% more."
    plan = plan_unit(source, glossary, "zh")
    assert plan.prepared == "首相 岸田文雄 said 1,234 of 15 nations, 3.5% more."
    assert [t.id for t in plan.terms] == ["japanese-prime-minister", "kishida-fumio"]
    assert [number.shown for number in plan.numbers] == ["1,234", "15", "3.5"]


def test_a_number_inside_a_term_is_the_term_s_business(glossary: Glossary) -> None:
    plan = plan_unit(
        "The 50th anniversary of the normalization of diplomatic relations.", glossary, "ja"
    )
    assert plan.numbers == ()


def test_choose_prefers_the_first_hypothesis_meeting_every_rule(glossary: Glossary) -> None:
    plan = plan_unit("Kishida Fumio met **15** delegates.", glossary, "ja")
    hypotheses = [
        Hypothesis("岸田フミオは⟦0⟧15⟦1⟧人と会った。", -0.1),  # forbidden rendering, term missing
        Hypothesis("岸田文雄は⟦0⟧15人と会った。", -0.2),  # a placeholder lost
        Hypothesis("岸田文雄は⟦0⟧十六⟦1⟧人と会った。", -0.3),  # the number changed (16)
        Hypothesis("岸田文雄は⟦0⟧15⟦1⟧人と会った。", -0.4),
    ]
    chosen = choose(plan, hypotheses, "ja")
    assert chosen.text == "岸田文雄は**15**人と会った。"
    assert (chosen.required, chosen.satisfied, chosen.notes) == (1, 1, ())


def test_when_nothing_passes_the_best_is_kept_and_every_problem_listed(glossary: Glossary) -> None:
    plan = plan_unit("Kishida Fumio met **15** delegates.", glossary, "ja")
    chosen = choose(plan, [Hypothesis("岸田フミオは⟦0⟧人と会った。", -0.1, cut=True)], "ja")
    assert chosen.text == "岸田フミオは**人と会った。"
    assert chosen.notes == (
        "mt: markup ** lost",
        "glossary: missing 岸田文雄 (Kishida Fumio)",
        "glossary: forbidden 岸田フミオ (Kishida Fumio)",
        "mt: missing number 15",
        "mt: output reached the decoding length limit and may be cut",
    )
    assert (chosen.required, chosen.satisfied) == (1, 0)


def test_markup_and_numbers_survive_the_real_copy_model(
    glossary: Glossary, copy_packages: Path
) -> None:
    model = find_model("en", "ja", copy_packages)
    assert model is not None
    sources = [
        "**Kishida Fumio** met [Xi Jinping](https://example.com/xi_jinping) on 12 March 2022 at 10:30.",
        "Run `make test_all` for 1,234 cases — 3.5% of them in snake_case files.",
        "<em>RCEP</em> covers 15 nations: see https://example.org/rcep?id=15.",
    ]
    plans = [plan_unit(source, glossary, "ja") for source in sources]
    results = ArgosEngine(model, 4).translate([p.prepared for p in plans], 4)
    chosen = [choose(plan, n_best, "ja") for plan, n_best in zip(plans, results, strict=True)]
    assert [c.notes for c in chosen] == [(), (), ()]
    assert (
        chosen[0].text
        == "**岸田文雄** met [習近平](https://example.com/xi_jinping) on 12 March 2022 at 10:30."
    )
    assert chosen[1].text == sources[1]
    assert (
        chosen[2].text
        == "<em>地域的な包括的経済連携協定</em> covers 15 nations: see https://example.org/rcep?id=15."
    )
