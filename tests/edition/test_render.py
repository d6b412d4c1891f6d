"""Editions as faithful as the source: images with URLs, front matter, lists, plain text."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from pipeline.core.model import Catalog, Entry
from pipeline.edition.plan import BuildContext, BuildOptions, CatalogSource, Edition, make_edition
from pipeline.edition.render import render_html, render_markdown, render_text, safe_url
from pipeline.glossary.schema import Glossary
from pipeline.source.readers import parse_markdown
from tests.edition.test_edition import CHROMIUM

NOW = datetime(2026, 11, 29, 5, 0, tzinfo=UTC)
ARTICLE = """---
title: Port traffic rises
author: Jane Doe
date: 2026-11-28
tags:
  - trade
lang: en
---

# Port traffic rises

The *People's Daily* said **regional cooperation** matters, citing a [report](https://example.org/r).

![The port at dawn](https://example.org/img/port.jpg)

Cranes unload containers.

Three steps follow:

3. Tariffs fall.
4. Quotas end.

- One bullet.
"""
ZH = {
    "Port traffic rises": "港口吞吐量上升",
    "The *People's Daily* said **regional cooperation** matters, citing a [report](https://example.org/r).": "*人民日报*称**地区合作**很重要，并援引了一份[报告](https://example.org/r)。",
    "The port at dawn": "黎明时分的港口",
    "Cranes unload containers.": "起重机正在卸集装箱。",
    "Three steps follow:": "接下来有三步：",
    "Tariffs fall.": "关税下降。",
    "Quotas end.": "配额取消。",
    "One bullet.": "一个要点。",
}


def edition_of(text: str, translations: dict[str, str], language: str = "zh") -> Edition:
    document = parse_markdown(text, "articles/port.md", "port")
    entries = tuple(Entry(msgid, msgstr) for msgid, msgstr in translations.items())
    source = CatalogSource(Catalog(header=(), entries=entries), "port.po", "0" * 64)
    context = BuildContext(Glossary(terms=()), BuildOptions(now=NOW))
    return make_edition(document, source, language, context)


def test_markdown_edition_keeps_front_matter_with_lang_and_translated_title() -> None:
    markdown = render_markdown(edition_of(ARTICLE, ZH))
    front = markdown.split("\n---\n", 1)[0]
    assert front == (
        '---\ntitle: "港口吞吐量上升"\nauthor: Jane Doe\ndate: 2026-11-28\ntags:\n  - trade\n'
        'lang: "zh-Hans"'
    )


def test_front_matter_title_stays_when_it_is_not_a_unit() -> None:
    text = ARTICLE.replace("title: Port traffic rises", "title: Ports\nslug: ports")
    markdown = render_markdown(edition_of(text, ZH))
    assert markdown.startswith("---\ntitle: Ports\nslug: ports\nauthor: Jane Doe\n")
    assert 'lang: "zh-Hans"\n---' in markdown


def test_bad_front_matter_is_an_input_error_with_its_line() -> None:
    from pipeline.core.errors import InputError

    with pytest.raises(InputError) as caught:
        parse_markdown("---\ntitle: ok\nbad: [unclosed\n---\n\n# T\n", "a.md", "a")
    assert caught.value.path == "a.md" and caught.value.line in (3, 4, 5)
    assert caught.value.message.startswith("front matter: YAML syntax error")


def test_images_keep_their_url_in_every_format() -> None:
    edition = edition_of(ARTICLE, ZH)
    html = render_html(edition)
    assert (
        '<figure><img src="https://example.org/img/port.jpg" alt="黎明时分的港口">'
        "<figcaption>起重机正在卸集装箱。</figcaption></figure>"
    ) in html
    markdown = render_markdown(edition)
    assert (
        "\n\n![黎明时分的港口](https://example.org/img/port.jpg)\n\n起重机正在卸集装箱。\n\n"
        in markdown
    )
    text = render_text(edition)
    assert "［图片：黎明时分的港口］ https://example.org/img/port.jpg\n起重机正在卸集装箱。" in text


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:image/png;base64,iVBORw0KGgo=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "java\tscript:alert(1)",
        " javascript:alert(1)",
    ],
)
def test_image_urls_other_than_http_https_or_relative_are_never_written(url: str) -> None:
    assert safe_url(url) is None
    # Written straight into the document model: markdown-it already refuses most of them.
    from dataclasses import replace

    edition = edition_of(ARTICLE, ZH)
    sections = tuple(replace(s, url=url) if s.kind == "figure" else s for s in edition.sections)
    edition = replace(edition, sections=sections)
    for output in (render_html(edition), render_markdown(edition), render_text(edition)):
        assert "script:" not in output.lower() and "data:" not in output
        assert "file:" not in output
    assert '<div class="image" role="img" aria-label="黎明时分的港口">' in render_html(edition)


@pytest.mark.parametrize(
    "url", ["https://x.org/a.jpg", "http://x.org/a.jpg", "img/a.png", "../a.png", "/a.png"]
)
def test_http_https_and_relative_urls_are_kept(url: str) -> None:
    assert safe_url(url) == url


def test_ordered_lists_stay_ordered_and_keep_their_start() -> None:
    edition = edition_of(ARTICLE, ZH)
    assert (
        '<ol start="3"><li>关税下降。</li><li>配额取消。</li></ol>\n<ul><li>一个要点。</li></ul>'
        in render_html(edition)
    )
    markdown = render_markdown(edition)
    assert "\n\n3. 关税下降。\n4. 配额取消。\n\n- 一个要点。\n\n" in markdown
    assert "\n\n3. 关税下降。\n4. 配额取消。\n\n- 一个要点。\n\n" in render_text(edition)
    # Read back as Markdown: one tight ordered list from 3, then a bullet list.
    again = parse_markdown(markdown, "zh/port.md", "port").blocks
    items = [(b.text, b.number) for b in again if b.kind == "list-item"]
    assert items[:3] == [("关税下降。", 3), ("配额取消。", 4), ("一个要点。", 0)]


def test_text_edition_has_no_markdown_left() -> None:
    text = render_text(edition_of(ARTICLE, ZH))
    body = text.split("-" * 40)[0]
    assert "人民日报称地区合作很重要，并援引了一份报告 (https://example.org/r)。" in body
    assert not re.search(r"[*_`#]|\]\(|!\[", body), body


def test_signature_is_metadata_not_body_text() -> None:
    edition = edition_of(ARTICLE, ZH)
    signature = edition.signature
    html = render_html(edition)
    head, body = html.split("<body>")
    assert f'<meta name="generator" content="{signature}">' in head and signature not in body
    markdown = render_markdown(edition)
    assert markdown.endswith(f"<!-- generator: {signature} -->\n")
    assert markdown.count(signature) == 1
    text = render_text(edition)
    assert text.endswith(f"\n-- \ngenerator: {signature}\n") and text.count(signature) == 1


def test_html_edition_shows_a_local_image_in_chromium(tmp_path: Path) -> None:
    """A real headless Chromium loads the page and its image; the screenshot shows its pixels."""
    article = "# Port\n\n![A red square](port.png)\n\nThe port.\n"
    edition = edition_of(
        article, {"Port": "港口", "A red square": "红色方块", "The port.": "港口。"}
    )
    page = tmp_path / "port.html"
    page.write_text(render_html(edition), "utf-8")
    Image.new("RGB", (300, 300), (230, 20, 20)).save(tmp_path / "port.png")
    shot = tmp_path / "shot.png"
    assert CHROMIUM.exists(), "Debian chromium is required (.ci/run installs it)"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=800,1000",
        "--force-device-scale-factor=1", f"--screenshot={shot}", page.as_uri(),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=120, check=True)
    pixels = Image.open(shot).convert("RGB")
    red = sum(
        1
        for x in range(0, pixels.width, 4)
        for y in range(0, pixels.height, 4)
        if pixels.getpixel((x, y)) == (230, 20, 20)
    )
    # 300×300 px of red sampled every 4 px: about 5,600 samples when the image is shown.
    assert red > 4000, red
