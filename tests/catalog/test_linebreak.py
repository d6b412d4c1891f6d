"""Line breaks as gettext takes them: libunistring where installed, our rules elsewhere."""

from __future__ import annotations

import itertools
from unicodedata import east_asian_width

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.catalog import _linebreak
from pipeline.catalog._linebreak import BREAK_PROHIBITED, line_breaks, line_breaks_many

SENTENCES = [
    "Prime Minister Kishida Fumio told reporters on Tuesday that Japan would raise defence "
    "spending to 2% of GDP by 2027, a sharp break with decades of restraint.",
    "As relations between China and the US grow increasingly tense, Beijing wants to "
    "strengthen bonds with Japan, officials in Tokyo and Washington said.",
    "岸田文雄首相は火曜日、記者団に対し、防衛費を2027年までに国内総生産（GDP）の2％に引き上げると"
    "述べ、数十年にわたる抑制からの大きな転換となる「反撃能力」の保有にも言及した。",
    "中华人民共和国外交部发言人表示，双方将继续加强在经贸、人文、地区和国际事务等领域的沟通与合作，"
    "推动两国关系健康稳定发展。",
    "両国は経済面での結びつきを強めているが、日本は中国の軍事力拡大や人権問題をめぐって、"
    "米国が抱く未解決の懸念を共有する傾向にある。",
]


def _cut(text: str, width: int, start: int, pure: bool) -> list[str]:
    data = text.encode("utf-8")
    breaks, _ = line_breaks(data, width, start, bytes(len(data)), pure=pure)
    bounds = [0, *breaks, len(data)]
    return [data[a:b].decode("utf-8") for a, b in itertools.pairwise(bounds)]


def test_libunistring_is_found_where_gettext_is() -> None:
    assert _linebreak._libunistring() is not None  # gettext's tools are installed here


@pytest.mark.parametrize(
    "sonames",
    [
        pytest.param((), id="by-search"),
        pytest.param(("libunistring.so.99",), id="unknown-name-then-search"),
    ],
)
def test_libunistring_is_found_by_search_under_another_name(
    sonames: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The usual names are a shortcut: a library under another one is still found."""
    monkeypatch.setattr(_linebreak, "_SONAMES", sonames)
    library = _linebreak._load_libunistring()
    assert library is not None and hasattr(library, "u8_width_linebreaks")


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("width", [77, 74, 40])
def test_our_rules_agree_with_libunistring_on_news_text(text: str, width: int) -> None:
    assert _cut(text, width, 0, pure=True) == _cut(text, width, 0, pure=False)


def test_lines_end_with_their_space_and_cjk_lines_fill_the_width() -> None:
    english, japanese = _cut(SENTENCES[0], 77, 0, True), _cut(SENTENCES[2], 77, 0, True)
    assert all(line.endswith(" ") for line in english[:-1])
    widths = [sum(2 if east_asian_width(c) in "WF" else 1 for c in line) for line in japanese]
    assert all(70 <= width <= 77 for width in widths[:-1]), widths


def test_no_break_where_overrides_forbid_it() -> None:
    data = b"aaaa bbbb cccc"
    forbidden = bytes([BREAK_PROHIBITED if i == 10 else 0 for i in range(len(data))])
    for pure in (True, False):
        assert line_breaks(data, 12, 0, forbidden, pure=pure)[0] == [5]


#: Characters UAX #14 treats apart: letters, digits, spaces (plain, no-break, ideographic, zero
#: width), joiners and combining marks, quotes, brackets, hyphens and slashes, currency and
#: percent, Hebrew with its hyphen, regional indicators, Thai, CJK ideographs, kana, small kana,
#: CJK punctuation. No mandatory break: those never reach the batch.
_KINDS = [
    *"aZ09 -/.,:;?!%$'\"()[]{}<>#&*+=_|~",
    *"\u00a0\u3000\u200b\u200d\u0301\u00ab\u00bb\u201c\u201d\u2018\u2019\u2010\u2014",
    *"\u05d0\u05d1\u05be\u0e01\u0e32\u20ac\u00a3\u2026",
    "\U0001f1ef",
    "\U0001f1f5",
    *"日本語岸田文雄、。「」（）ーぁッカ％＄１２",
]


@settings(deadline=None, max_examples=300)
@given(
    texts=st.lists(st.text(alphabet=st.sampled_from(_KINDS), max_size=90), min_size=1, max_size=6),
    width=st.integers(4, 77),
)
def test_texts_laid_out_together_break_as_each_alone(texts: list[str], width: int) -> None:
    """Joining texts by newlines into one libunistring call changes no text's breaks.

    Mutants killed: a joiner that is not a mandatory break (a space), breaks assigned to the
    text before or after, a width fill carried across the joiner.
    """
    data = [text.encode("utf-8") for text in texts]
    alone = [line_breaks(item, width, 0, bytes(len(item)))[0] for item in data]
    assert line_breaks_many(data, width) == alone
