"""Source readers: the sample article's layout, Markdown structure, bad input files."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.errors import InputError
from pipeline.source.readers import parse_markdown, parse_text, read_source
from pipeline.source.segment import segment_document
from tests.conftest import DATA, ROOT

SAMPLE = ROOT / "articles" / "japan-china-relations.txt"


def kinds_and_lines(path: Path) -> list[tuple[str, int, str]]:
    document = read_source(path, "articles/" + path.name)
    return [(block.kind, block.line, block.text.split("\n")[0][:30]) for block in document.blocks]


def test_sample_article_layout() -> None:
    blocks = kinds_and_lines(SAMPLE)
    assert blocks[0] == ("headline", 1, "Analysis: China reaches out to")
    images = [(line, text) for kind, line, text in blocks if kind == "image-alt"]
    assert images == [
        (9, "Xi Jinping image"),
        (18, "Beijing Olympics image"),
        (27, "Professor Shi Yinhong"),
    ]
    captions = [(line, text) for kind, line, text in blocks if kind == "caption"]
    assert captions == [
        (10, "Xi Jinping wants to foster a n"),
        (19, "Japan will not send a governme"),
        (28, "Professor Shi Yinhong regards "),
    ]
    paragraphs = [line for kind, line, _ in blocks if kind == "paragraph"]
    assert paragraphs == [3, 5, 7, 12, 14, 16, 21, 23, 25, 30]


def test_document_slug_and_path() -> None:
    document = read_source(SAMPLE, "articles/japan-china-relations.txt")
    assert document.slug == "japan-china-relations"
    assert document.path == "articles/japan-china-relations.txt"
    assert document.format == "text"


TEXT_CASES = [
    pytest.param(
        "Headline\n\nBody one.\nstill body.\n",
        [("headline", "Headline", 1), ("paragraph", "Body one.\nstill body.", 3)],
        id="paragraph-keeps-line-breaks",
    ),
    pytest.param(
        "Headline\n\nA map image\n\nThe caption after a blank line.\n\nBody.\n",
        [
            ("headline", "Headline", 1),
            ("image-alt", "A map image", 3),
            ("caption", "The caption after a blank line.", 5),
            ("paragraph", "Body.", 7),
        ],
        id="image-caption-separate-paragraph",
    ),
    pytest.param(
        "Headline\n\nBackground\n\nBody text here.\n",
        [
            ("headline", "Headline", 1),
            ("heading", "Background", 3),
            ("paragraph", "Body text here.", 5),
        ],
        id="unpunctuated-line-is-heading",
    ),
    pytest.param(
        "\ufeffHeadline\r\n\r\nBody.\r\n",
        [("headline", "Headline", 1), ("paragraph", "Body.", 3)],
        id="bom-and-crlf",
    ),
    pytest.param(
        "Headline\n\nThe image of Japan abroad is changing.\n",
        [("headline", "Headline", 1), ("paragraph", "The image of Japan abroad is changing.", 3)],
        id="sentence-mentioning-image-is-prose",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TEXT_CASES)
def test_text_layout(text: str, expected: list[tuple[str, str, int]]) -> None:
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    document = parse_text(text, "a.txt", "a")
    assert [(b.kind, b.text, b.line) for b in document.blocks] == expected


MARKDOWN = """\
# Japan and China mark an anniversary

Intro with a [link to U.S. data](https://example.com/a.b) and *emphasis*.

## Background

- First item.
- Second item with `code.x`.

> A quoted paragraph.

![Xi Jinping at a podium](xi.jpg)

*Xi Jinping in Beijing.*

```
code is not translated
```
"""


def test_markdown_structure() -> None:
    document = parse_markdown(MARKDOWN, "a.md", "a")
    assert document.format == "markdown"
    assert [(b.kind, b.text, b.line) for b in document.blocks] == [
        ("headline", "Japan and China mark an anniversary", 1),
        (
            "paragraph",
            "Intro with a [link to U.S. data](https://example.com/a.b) and *emphasis*.",
            3,
        ),
        ("heading", "Background", 5),
        ("list-item", "First item.", 7),
        ("list-item", "Second item with `code.x`.", 8),
        ("quote", "A quoted paragraph.", 10),
        ("image-alt", "Xi Jinping at a podium", 12),
        ("caption", "*Xi Jinping in Beijing.*", 14),
    ]


def test_markdown_block_quote_is_a_quote_block() -> None:
    # Regression: block quotes were read as paragraphs, so editions lost the quotation.
    text = "# Title\n\n> Said one. Said two.\n>\n> - listed in a quote.\n\nAfter.\n"
    blocks = parse_markdown(text, "q.md", "q").blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("headline", "Title"),
        ("quote", "Said one. Said two."),
        ("list-item", "listed in a quote."),
        ("paragraph", "After."),
    ]
    units = segment_document(parse_markdown(text, "q.md", "q"))
    assert [(u.kind, u.msgid) for u in units][1:3] == [
        ("sentence", "Said one."),
        ("sentence", "Said two."),
    ]


BAD_ARTICLES = [
    pytest.param("article_bad_encoding.txt", 3, "not valid UTF-8 text", id="not-utf8"),
    pytest.param("article_bad_empty.txt", 1, "empty article", id="empty"),
    pytest.param("article_bad_binary.txt", 1, "binary file", id="binary"),
]


@pytest.mark.parametrize(("name", "line", "message"), BAD_ARTICLES)
def test_bad_article_names_file_and_line(name: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_source(DATA / name, f"articles/{name}")
    assert caught.value.path == f"articles/{name}"
    assert caught.value.line == line
    assert message in caught.value.message


def test_markdown_front_matter_is_not_translated_and_lines_stay_true() -> None:
    text = "---\ntitle: Japan and China\ndate: 2022-01-05\n---\n# Headline here\n\nBody text.\n"
    document = parse_markdown(text, "a.md", "a")
    assert [(b.kind, b.text, b.line) for b in document.blocks] == [
        ("headline", "Headline here", 5),
        ("paragraph", "Body text.", 7),
    ]


def test_markdown_thematic_break_later_is_not_front_matter() -> None:
    document = parse_markdown("# Title\n\n---\n\nAfter the break.\n", "a.md", "a")
    assert [b.text for b in document.blocks] == ["Title", "After the break."]


def test_markdown_front_matter_is_kept_for_the_edition_with_its_title() -> None:
    text = "---\ntitle: Japan and China\ndate: 2022-01-05\n---\n# Headline here\n"
    document = parse_markdown(text, "a.md", "a")
    assert document.front_matter == "title: Japan and China\ndate: 2022-01-05"
    assert document.title == "Japan and China"


def test_markdown_images_keep_their_url_and_ordered_items_their_number() -> None:
    text = "# T\n\n![A port](img/port.jpg)\n\n5. Five.\n6. Six.\n\n- Bullet.\n"
    blocks = parse_markdown(text, "a.md", "a").blocks
    assert [(b.kind, b.text, b.url, b.number) for b in blocks[1:]] == [
        ("image-alt", "A port", "img/port.jpg", 0),
        ("list-item", "Five.", "", 5),
        ("list-item", "Six.", "", 6),
        ("list-item", "Bullet.", "", 0),
    ]


def test_markdown_inline_text_leaves_no_markup() -> None:
    from pipeline.source.readers import markdown_inline_text

    text = "The *Daily* said **this**, see [the report](https://x.org/r) and `code` \\*."
    assert markdown_inline_text(text) == (
        "The Daily said this, see the report (https://x.org/r) and code *."
    )
