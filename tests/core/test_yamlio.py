"""YAML with lines: libyaml or the pure loader give the same values; aliases, depth and size bounded."""

from __future__ import annotations

import pytest
import yaml

from pipeline.core import yamlio
from pipeline.core.errors import InputError
from pipeline.core.yamlio import parse_yaml

LOADERS = [
    pytest.param(getattr(yaml, "CSafeLoader", yaml.SafeLoader), id="libyaml"),
    pytest.param(yaml.SafeLoader, id="pure"),
]


@pytest.fixture(params=LOADERS)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "_LOADER", request.param)


@pytest.mark.usefixtures("loader")
def test_values_and_lines_are_the_same_with_either_loader() -> None:
    data = parse_yaml("a: 1\nb:\n  - x\n  - [y, z]\nc: {d: true}\n", "t.yaml")
    assert data == {"a": 1, "b": ["x", ["y", "z"]], "c": {"d": True}}
    assert data.key_lines == {"a": 1, "b": 2, "c": 5}
    assert data["b"].item_lines == [3, 4]


@pytest.mark.usefixtures("loader")
def test_scalars_are_what_safe_load_makes_of_them() -> None:
    # Plain strings take a short cut past the constructor; every other scalar does not.
    text = (
        'a: x\nb: "1"\nc: 1\nd: !!str 2\ne: yes\nf: ~\ng: 1.5\nh: 2024-01-02\n'
        "i: 'it''s'\nj: |\n  two\n  lines\nk: [no, '0x1F', 0x1F]\n"
    )
    assert parse_yaml(text, "t.yaml") == yaml.safe_load(text)


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param("a: &x [1]\nb: *x\n", 2, "YAML aliases", id="alias"),
        pytest.param("languages: &a [ja, *a]\n", 1, "YAML aliases", id="self-reference"),
        pytest.param("a: &x 1\nb: *x\n", 2, "YAML aliases", id="scalar-alias"),
        pytest.param("a: &x {c: 1}\nb:\n  <<: *x\n", 3, "merge keys", id="merge-key"),
        pytest.param("a: " + "[" * 40 + "]" * 40 + "\n", 1, "nested deeper", id="deep"),
    ],
)
def test_aliases_and_deep_nesting_are_refused_with_their_line(
    text: str, line: int, message: str
) -> None:
    with pytest.raises(InputError, match=message) as caught:
        parse_yaml(text, "t.yaml")
    assert (caught.value.path, caught.value.line) == ("t.yaml", line)


def test_an_anchor_without_an_alias_is_plain_data() -> None:
    assert parse_yaml("a: &x [1, 2]\n", "t.yaml") == {"a": [1, 2]}


def test_a_file_over_the_size_limit_is_refused_before_parsing() -> None:
    text = "a: " + "x" * yamlio.MAX_YAML_BYTES
    with pytest.raises(InputError, match=r"file too large .* limited to 16 MiB"):
        parse_yaml(text, "t.yaml")
