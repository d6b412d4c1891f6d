"""Render a planned Edition as Markdown, HTML or plain text: pure functions returning str."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from urllib.parse import urlsplit

from pipeline.core import (
    base_language,
    format_date_long,
    format_integer,
    format_ratio,
    is_known_language,
    language_name,
    resolve,
)
from pipeline.core import language_tag as html_language_tag
from pipeline.edition.gate import overrides
from pipeline.edition.plan import (
    DRAFT,
    LABELS,
    MARKS,
    REVIEWED,
    SOURCE,
    UNREVIEWED,
    Edition,
    Labels,
    Piece,
    Section,
)
from pipeline.glossary import UNSPACED_LANGUAGES
from pipeline.source import markdown_inline_html, markdown_inline_text


def labels_for(language: str) -> Labels:
    """The labels in the edition's language and script: zh_TW reads zh_Hant, never plain zh."""
    key = resolve(language).glossary_key(LABELS) if is_known_language(language) else None
    return LABELS[key] if key else Labels()


def join_pieces(pieces: Sequence[Piece], language: str, show: Callable[[Piece], str]) -> str:
    """Join a block's units: no space in ja/zh, except next to English left in place."""
    unspaced = base_language(language) in UNSPACED_LANGUAGES
    text = ""
    for index, piece in enumerate(pieces):
        if index:
            english = SOURCE in (piece.state, pieces[index - 1].state)
            text += "" if unspaced and not english else " "
        text += show(piece)
    return text


def metadata_rows(edition: Edition) -> list[tuple[str, str]]:
    """Label and value of each footer line, formatted by Babel for the edition's locale.

    Completeness counts reviewed units only; drafts get their own line. The build signature
    is not for readers: it goes in the machine-readable trailer (:func:`trailer`).
    """
    labels, tag = labels_for(edition.language), html_language_tag(edition.language)
    ratio = labels.ratio.format(
        percent=format_ratio(edition.completeness, tag),
        done=format_integer(edition.done, tag),
        total=format_integer(edition.total, tag),
    )
    rows = [
        (labels.language, language_name(tag, tag)),
        (labels.built, format_date_long(edition.built, tag)),
        (labels.complete, ratio),
    ]
    if edition.drafts:
        rows.append((labels.drafts, format_integer(edition.drafts, tag)))
    states = {gap.reason == UNREVIEWED for gap in edition.gaps}
    if True in states:
        rows.append((MARKS[DRAFT], labels.draft))
    if False in states:
        rows.append((MARKS[SOURCE], labels.source))
    return rows


def trailer(edition: Edition) -> list[tuple[str, str]]:
    """Machine-readable metadata: the build signature, and any check findings let through."""
    rows = [("generator", edition.signature)]
    allowed = " ".join(f"{rule}={count}" for rule, count in overrides(edition))
    if allowed:
        rows.append(("allowed-findings", allowed))
    return rows


def _comment(edition: Edition) -> str:
    # "--" may not appear inside an HTML/Markdown comment; neither value can contain it.
    return "".join(f"<!-- {name}: {value} -->\n" for name, value in trailer(edition))


_SAFE_SCHEMES = frozenset({"http", "https"})


def safe_url(url: str) -> str | None:
    """``url`` when an edition may link it (http, https or relative), else None.

    Never ``javascript:``, ``data:`` or any other scheme. Browsers ignore control characters
    and spaces inside a scheme ("java\tscript:"), so a URL holding any of them is refused.
    """
    if not url or any(ord(char) <= 0x20 or char == "\\" for char in url):
        return None
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in _SAFE_SCHEMES or (not scheme and ":" not in url.split("/")[0]) else None


def _md_url(url: str) -> str:
    # CommonMark's pointy-bracket form takes spaces and parentheses; safe_url ruled out < > ".
    return f"<{url}>" if any(char in url for char in "()<> ") else url


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|!"})
_MD_ALT = str.maketrans({c: "\\" + c for c in "\\[]"})


def _md_piece(piece: Piece, markup: bool) -> str:
    # A Markdown source keeps its inline markup in translations; only raw HTML is disarmed.
    text = piece.text.replace("<", "\\<") if markup else piece.text.translate(_MD_SPECIAL)
    return text + MARKS.get(piece.state, "")


def render_markdown(edition: Edition) -> str:
    """The edition as CommonMark: no translation can open raw HTML."""
    lang = edition.language

    def text(pieces: Sequence[Piece]) -> str:
        return join_pieces(pieces, lang, lambda piece: _md_piece(piece, edition.markup))

    prefix = {"headline": "# ", "heading": "## ", "list-item": "- ", "quote": "> "}
    blocks = [("", f"---\n{edition.front_matter}\n---")] if edition.front_matter else []
    for section in edition.sections:
        url = safe_url(section.url) if section.kind == "figure" else None
        if url is not None:
            alt = join_pieces(section.pieces, lang, lambda p: p.text).translate(_MD_ALT)
            blocks.append(("", f"![{alt}]({_md_url(url)})"))
            blocks += [("", text(section.caption))] if section.caption else []
        elif section.kind == "figure":
            figure = labels_for(lang).image.format(alt=text(section.pieces))
            caption = f"\n>\n> {text(section.caption)}" if section.caption else ""
            blocks.append(("", f"> {figure}{caption}"))
        elif section.number:
            blocks.append(("ol", f"{section.number}. {text(section.pieces)}"))
        else:
            blocks.append((_list(section), prefix.get(section.kind, "") + text(section.pieces)))
    colon = labels_for(lang).colon
    meta = "\n".join(f"- {label}{colon}{value}" for label, value in metadata_rows(edition))
    return "\n\n".join([_join(blocks), "***", meta]) + "\n\n" + _comment(edition)


def render_text(edition: Edition) -> str:
    """The edition as plain text: blocks separated by blank lines, metadata at the end."""
    lang, labels = edition.language, labels_for(edition.language)

    def plain(piece: Piece) -> str:
        words = markdown_inline_text(piece.text) if edition.markup else piece.text
        return words + MARKS.get(piece.state, "")

    def text(pieces: Sequence[Piece]) -> str:
        return join_pieces(pieces, lang, plain)

    blocks: list[tuple[str, str]] = []
    for section in edition.sections:
        if section.kind == "figure":
            url = safe_url(section.url)
            image = labels.image.format(alt=text(section.pieces)) + (f" {url}" if url else "")
            blocks.append(("", image + (f"\n{text(section.caption)}" if section.caption else "")))
        elif section.number:
            blocks.append(("ol", f"{section.number}. {text(section.pieces)}"))
        else:
            bullet = "- " if section.kind == "list-item" else ""
            blocks.append((_list(section), bullet + text(section.pieces)))
    meta = "\n".join(f"{label}{labels.colon}{value}" for label, value in metadata_rows(edition))
    # The trailer follows the plain-text signature delimiter "-- " (RFC 3676).
    sig = "".join(f"{name}: {value}\n" for name, value in trailer(edition))
    return "\n\n".join([_join(blocks), "-" * 40 + "\n" + meta]) + "\n\n-- \n" + sig


def _list(section: Section) -> str:
    """The kind of list a section belongs to: "ol", "ul", or "" for no list."""
    if section.kind != "list-item":
        return ""
    return "ol" if section.number else "ul"


def _join(blocks: Sequence[tuple[str, str]]) -> str:
    """Blocks apart by a blank line; items of one list on consecutive lines (a tight list)."""
    text = ""
    for index, (kind, block) in enumerate(blocks):
        if index:
            text += "\n" if kind and kind == blocks[index - 1][0] else "\n\n"
        text += block
    return text


STYLESHEET = """
body{margin:0;background:#fbfaf6;color:#1d1d1b;font:18px/1.9 Georgia,serif}
:lang(ja){font-family:"Noto Serif CJK JP","Hiragino Mincho ProN","Yu Mincho",serif}
:lang(zh-Hans){font-family:"Noto Serif CJK SC","Songti SC","SimSun",serif}
:lang(zh-Hant){font-family:"Noto Serif CJK TC","Songti TC","PMingLiU",serif}
:lang(zh-Hant-HK){font-family:"Noto Serif CJK HK","Noto Serif CJK TC","MingLiU_HKSCS",serif}
:lang(en){font-family:Georgia,"Times New Roman",serif}
main,footer{max-width:38rem;margin:0 auto;padding:2.5rem 1.25rem 1rem}
h1{font-size:1.75rem;line-height:1.45;margin:0 0 1.5rem;text-wrap:balance}
h2{font-size:1.25rem;margin:2rem 0 .75rem}
p,li,figcaption{text-wrap:pretty;line-break:strict}
p{margin:0 0 1.2rem}
figure{margin:2rem 0}
figure img{display:block;max-width:100%;height:auto;margin:0 auto}
.image{display:flex;align-items:center;justify-content:center;min-height:7rem;padding:1rem;
  background:#ecebe4;border:1px dashed #b9b7ad;border-radius:6px;color:#5b5a55;text-align:center}
figcaption{font-size:.88rem;color:#55544f;margin-top:.5rem}
.draft{background:#fff1b8}.source{background:#fbd9d3}
footer{padding-bottom:3rem;font-size:.78rem;color:#66655f}
footer dl{border-top:1px solid #d8d6ce;padding-top:1rem;display:grid;
  grid-template-columns:max-content 1fr;gap:.2rem 1rem}
footer dd{margin:0;overflow-wrap:anywhere}
"""


def _html_text(piece: Piece, edition: Edition) -> str:
    """A piece as HTML: Markdown sources keep their inline markup, rendered safely."""
    return markdown_inline_html(piece.text) if edition.markup else escape(piece.text)


def _html_piece(piece: Piece, edition: Edition) -> str:
    if piece.state == REVIEWED:
        return _html_text(piece, edition)
    labels = labels_for(edition.language)
    title = labels.draft if piece.state == DRAFT else labels.source
    lang = f' lang="{escape(edition.source_language)}"' if piece.state == SOURCE else ""
    return (
        f'<span class="{piece.state}"{lang} title="{escape(title)}">'
        f"{_html_text(piece, edition)}<sup>{MARKS[piece.state]}</sup></span>"
    )


def _html_section(section: Section, edition: Edition) -> str:
    def text(pieces: Sequence[Piece]) -> str:
        return join_pieces(pieces, edition.language, lambda piece: _html_piece(piece, edition))

    if section.kind == "figure":
        plain = markdown_inline_text if edition.markup else str
        alt = escape(join_pieces(section.pieces, edition.language, lambda p: plain(p.text)))
        caption = f"<figcaption>{text(section.caption)}</figcaption>" if section.caption else ""
        url = safe_url(section.url)
        # Without a usable URL a grey box stands in; inside it the alt text alone is enough.
        image = (
            f'<img src="{escape(url)}" alt="{alt}">'
            if url is not None
            else f'<div class="image" role="img" aria-label="{alt}">{alt}</div>'
        )
        return f"<figure>{image}{caption}</figure>"
    tags = {"headline": "h1", "heading": "h2", "list-item": "li", "quote": "blockquote"}
    tag = tags.get(section.kind, "p")
    return f"<{tag}>{text(section.pieces)}</{tag}>"


def _html_body(edition: Edition) -> str:
    """Every section as HTML; consecutive items of one kind of list share one list."""
    parts: list[str] = []
    items: list[str] = []
    opening = ""
    for section in edition.sections:
        tag = "" if section.kind != "list-item" else "ol" if section.number else "ul"
        if items and (not tag or (tag == "ol") != opening.startswith("<ol")):
            parts.append(f"{opening}{''.join(items)}</{opening[1:3]}>")
            items = []
        if not tag:
            parts.append(_html_section(section, edition))
            continue
        if not items:
            start = f' start="{section.number}"' if section.number not in (0, 1) else ""
            opening = f"<{tag}{start}>"
        items.append(_html_section(section, edition))
    if items:
        parts.append(f"{opening}{''.join(items)}</{opening[1:3]}>")
    return "\n".join(parts)


def render_html(edition: Edition) -> str:
    """The edition as one HTML page: every string escaped, lang set, a small inline style."""
    headline = next((s for s in edition.sections if s.kind == "headline"), None)
    title = join_pieces(headline.pieces, edition.language, lambda p: p.text) if headline else ""
    body = _html_body(edition)
    meta = "\n".join(
        f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>"
        for label, value in metadata_rows(edition)
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(html_language_tag(edition.language))}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        + "".join(
            f'<meta name="{escape(name)}" content="{escape(value)}">\n'
            for name, value in trailer(edition)
        )
        + f"<title>{escape(title or edition.slug)}</title>\n<style>{STYLESHEET}</style>\n"
        f"</head>\n<body>\n<main>\n<article>\n{body}\n</article>\n</main>\n"
        f"<footer><dl>\n{meta}\n</dl></footer>\n</body>\n</html>\n"
    )


RENDERERS: dict[str, Callable[[Edition], str]] = {
    "md": render_markdown,
    "html": render_html,
    "txt": render_text,
}
