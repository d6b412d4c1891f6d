"""Line breaks as gettext takes them: libunistring where installed, our rules elsewhere."""

from __future__ import annotations

import itertools
from unicodedata import east_asian_width

import pytest

from pipeline.catalog import _linebreak
from pipeline.catalog._linebreak import BREAK_PROHIBITED, line_breaks

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
