"""Markup and placeholders: one code-span pattern for segmentation, drafting and check."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.core.markup import _PROTECTED, inline_spans, markup_problems, protected_spans

TEXT = "Run ``a `b` c`` then **go** to [the site](https://example.com) <b>now</b>."


def _spans(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


def test_segmentation_keeps_whole_constructs() -> None:
    assert _spans(TEXT, inline_spans(TEXT)) == [
        "``a `b` c``",
        "**go**",
        "[the site](https://example.com)",
        "<b>",
        "</b>",
    ]


def test_mt_protects_markers_and_targets_not_link_text() -> None:
    assert _spans(TEXT, protected_spans(TEXT)) == [
        "``a `b` c``",
        "**",
        "**",
        "[",
        "](https://example.com)",
        "<b>",
        "</b>",
    ]


@pytest.mark.parametrize(
    ("translation", "problems"),
    [
        pytest.param("``a `b` c`` を実行", [], id="same-code"),
        pytest.param(
            "`a b c` を実行",
            [
                "code span `a `b` c` is missing from the translation",
                "code span `a b c` is not in the source",
            ],
            id="changed-code",
        ),
    ],
)
def test_check_reads_code_spans_as_drafting_protects_them(
    translation: str, problems: list[str]
) -> None:
    assert markup_problems("Run ``a `b` c``", translation) == problems


_PIECES = st.sampled_from([*"ab_ *`<>[]()!⟦⟧1:/.", "http", "https://x.y", "a_b"])


@given(st.lists(_PIECES).map("".join))
@example("`c`")
@example("<b>")
@example("http://x.y")
@example("](x)")
@example("[a](b)")
@example("snake_case")
@example("__init__")
@example("**")
@example("⟦1⟧")
def test_the_quick_no_marks_answer_is_the_pattern_s(text: str) -> None:
    # A text without any mark is answered without the pattern: it must find nothing there.
    assert protected_spans(text) == [m.span() for m in _PROTECTED.finditer(text)]
