"""Read English source articles (plain text or Markdown) into Documents of Blocks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.core import Block, Document, InputError, decode_text, parse_yaml

#: A one-line paragraph ending in the word "image" stands for a picture; its text is the alt text.
_IMAGE_LINE = re.compile(r"\bimage$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]]$")


def read_source(path: Path, shown: str) -> Document:
    """Read an article file; ``shown`` is its path as references write it."""
    text = decode_source(path.read_bytes(), shown)
    slug = path.stem
    if path.suffix.lower() in (".md", ".markdown"):
        return parse_markdown(text, shown, slug)
    return parse_text(text, shown, slug)


def decode_source(data: bytes, shown: str) -> str:
    """Decode UTF-8 source bytes; binary or non-UTF-8 input is an error naming the line."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError("binary file (NUL byte), not a text article", shown, line)
    text = decode_text(data, shown, "utf-8-sig")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty article: no text to translate", shown, 1)
    return text


def _paragraphs(text: str) -> list[tuple[int, list[str]]]:
    """Split on blank lines into (first line number, lines) pairs."""
    paragraphs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            paragraphs.append((start, current))
            current = []
    if current:
        paragraphs.append((start, current))
    return paragraphs


def _is_image_label(label: str, following: str | None) -> bool:
    """A picture placeholder: "… image", or an unpunctuated label its caption repeats."""
    if _IMAGE_LINE.search(label):
        return True
    if _SENTENCE_END.search(label) or following is None:
        return False
    # News sites print a photo's label, then a caption that starts with the same words.
    return following.startswith(label + " ")


def parse_text(text: str, shown: str, slug: str) -> Document:
    """Plain-text newsroom layout: headline, paragraphs, image labels and their captions."""
    paragraphs = _paragraphs(text)
    first_line, first = paragraphs[0]
    blocks = [Block("headline", first[0], first_line)]
    if first[1:]:
        blocks.append(Block("paragraph", "\n".join(first[1:]), first_line + 1))
    caption_next = False
    for index, (line, lines) in enumerate(paragraphs[1:], start=1):
        after = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        following = lines[1] if len(lines) > 1 else (after[1][0] if after else None)
        if caption_next:
            blocks.append(Block("caption", "\n".join(lines), line))
            caption_next = False
        elif _is_image_label(lines[0], following):
            blocks.append(Block("image-alt", lines[0], line))
            if len(lines) > 1:  # the caption sits on the line right under the label
                blocks.append(Block("caption", "\n".join(lines[1:]), line + 1))
            else:
                caption_next = after is not None
        elif len(lines) == 1 and not _SENTENCE_END.search(lines[0]):
            blocks.append(Block("heading", lines[0], line))
        else:
            blocks.append(Block("paragraph", "\n".join(lines), line))
    return Document(path=shown, slug=slug, blocks=tuple(blocks), format="text")


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def _split_front_matter(text: str, shown: str) -> tuple[str, str, str]:
    """(text with the front matter blanked, the front matter's YAML, its title or "").

    Front matter (Hugo, Jekyll) is metadata for the site generator, not article text:
    CommonMark alone would read its closing ``---`` as a heading underline. Blank lines keep
    the line numbers of what follows; the YAML is carried into the Markdown edition.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text, "", ""
    try:
        data = parse_yaml(match["yaml"], shown)
    except InputError as exc:  # the YAML starts on the file's second line
        raise InputError(f"front matter: {exc.message}", shown, (exc.line or 0) + 1) from None
    title = data.get("title") if isinstance(data, dict) else None
    blanked = "\n" * match.group().count("\n") + text[match.end() :]
    return blanked, match["yaml"], title.strip() if isinstance(title, str) else ""


def parse_markdown(text: str, shown: str, slug: str) -> Document:
    """CommonMark via markdown-it-py: headings, paragraphs, list items, quotes, images."""
    from markdown_it import MarkdownIt

    body, front_matter, title = _split_front_matter(text, shown)
    tokens = MarkdownIt("commonmark").parse(body)
    blocks: list[Block] = []
    containers: list[str] = []
    numbers = _item_numbers(tokens)
    heading_level = 0
    caption_next = False
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            containers.append(token.type)
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            containers.pop()
        elif token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type == "inline" and token.map is not None and token.content.strip():
            line = token.map[0] + 1
            previous = tokens[index - 1].type
            image = _image(token)
            if previous == "heading_open":
                first_h1 = heading_level == 1 and not any(b.kind == "headline" for b in blocks)
                blocks.append(Block("headline" if first_h1 else "heading", token.content, line))
            elif image is not None:
                blocks.append(Block("image-alt", image[0], line, url=image[1]))
                caption_next = True
                continue
            elif caption_next and not containers:  # a list or quote is no caption
                blocks.append(Block("caption", token.content, line))
            elif containers and containers[-1] != "blockquote_open":
                blocks.append(Block("list-item", token.content, line, number=numbers[index]))
            elif containers:
                blocks.append(Block("quote", token.content, line))
            else:
                blocks.append(Block("paragraph", token.content, line))
            caption_next = False
    if not blocks:
        raise InputError("empty article: no text to translate", shown, 1)
    return Document(shown, slug, tuple(blocks), "markdown", front_matter, title)


def _item_numbers(tokens: Sequence[Any]) -> dict[int, int]:
    """For each token index, the number of the ordered-list item it sits in (0: none)."""
    result: dict[int, int] = {}
    following: list[int | None] = []  # per open list: its next number, None for bullets
    current: list[int] = [0]  # the number of the innermost open item
    for index, token in enumerate(tokens):
        if token.type == "ordered_list_open":
            following.append(int(token.attrs.get("start", 1)))
        elif token.type == "bullet_list_open":
            following.append(None)
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            following.pop()
        elif token.type == "list_item_open":
            number = following[-1]
            current.append(number or 0)
            if number is not None:
                following[-1] = number + 1
        elif token.type == "list_item_close":
            current.pop()
        result[index] = current[-1]
    return result


def _image(inline: object) -> tuple[str, str] | None:
    """(alt text, source URL) when an inline run holds nothing but one image, else None."""
    children = [c for c in getattr(inline, "children", None) or [] if c.type != "softbreak"]
    if len(children) == 1 and children[0].type == "image":
        alt = str(children[0].content).strip()
        return (alt, str(children[0].attrs.get("src", ""))) if alt else None
    return None


def markdown_inline_text(text: str) -> str:
    """Inline Markdown of a msgid or translation as plain text: no markup left.

    Emphasis and code marks go, escapes are resolved, a link keeps its words and then its
    target in brackets (a reader of plain text cannot click), an image its alt text.
    """
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": False}).parseInline(text)
    children = (tokens[0].children or []) if tokens else []
    parts: list[str] = []
    links: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline", "image"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "link_open":
            links.append(str(child.attrs.get("href", "")))
        elif child.type == "link_close" and links:
            href = links.pop()
            parts.append(f" ({href})" if href else "")
    return "".join(parts)


def markdown_inline_html(text: str) -> str:
    """Inline Markdown of a msgid or translation as HTML; raw HTML in it is escaped, not kept.

    CommonMark with HTML disabled, so a translation can add emphasis or a link but can never
    inject a tag, and markdown-it refuses ``javascript:`` and similar link targets.
    """
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark", {"html": False}).renderInline(text))
