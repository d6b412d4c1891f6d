"""Editions from the sample catalogs: content, markers, thresholds, escaping, MO, Chromium."""

from __future__ import annotations

import gettext
import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.catalog.mo import compile_mo
from pipeline.catalog.po import format_po, parse_po, read_po
from pipeline.core.config import load_config
from pipeline.core.languages import language_tag
from pipeline.core.scripts import SIMPLIFIED, TRADITIONAL, foreign_characters
from pipeline.edition.plan import DRAFT, REVIEWED, SOURCE, BuildResult, Piece, edition_path
from pipeline.edition.render import join_pieces
from pipeline.glossary.match import check_target, find_terms
from pipeline.glossary.schema import load_project_glossary
from pipeline.jobs.build import build_editions
from tests.conftest import ROOT, SAMPLE_SLUG

CHROMIUM = Path("/usr/bin/chromium")
NOW = datetime(2026, 11, 29, 5, 0, tzinfo=UTC)
HOSTILE = '<script>document.body.setAttribute("data-pwned","1")</script>中国日本"><img src=x>'


@pytest.fixture
def project(sample_project: Path) -> Path:
    """The sample project with the committed, reviewed ja/zh catalogs."""
    shutil.copytree(ROOT / "locales", sample_project / "locales")
    return sample_project


def build(root: Path, **options: object) -> BuildResult:
    return build_editions(load_config(root / "locpipe.yaml"), now=NOW, **options)  # type: ignore[arg-type]


def po_file(root: Path, language: str) -> Path:
    return root / "locales" / language / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"


def edition_file(root: Path, language: str, fmt: str) -> Path:
    return edition_path(load_config(root / "locpipe.yaml"), language, SAMPLE_SLUG, fmt)


def edit_catalog(root: Path, language: str, changes: dict[str, tuple[str, bool]]) -> None:
    """Set msgstr and fuzziness of the entries whose msgid starts with each key."""
    path = po_file(root, language)
    catalog = read_po(path)
    entries = []
    for entry in catalog.entries:
        for prefix, (msgstr, fuzzy) in changes.items():
            if entry.msgid.startswith(prefix):
                entry = replace(entry, msgstr=msgstr, flags=("fuzzy",) if fuzzy else ())
        entries.append(entry)
    path.write_text(format_po(replace(catalog, entries=tuple(entries))), encoding="utf-8")


def article_part(text: str) -> str:
    """The edition text above its metadata."""
    return text.split("\n***\n")[0].split("-" * 40)[0]


@pytest.mark.parametrize("language", ["ja", "zh"])
@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_sample_editions_contain_no_english_sentence(
    project: Path, language: str, fmt: str
) -> None:
    result = build(project)
    assert not result.refused
    text = edition_file(project, language, fmt).read_text(encoding="utf-8")
    if fmt == "html":
        text = re.sub(r"<[^>]+>", "", text.split("<main>")[1].split("</main>")[0])
    body = article_part(text)
    for entry in read_po(po_file(project, language)).active:
        assert entry.msgid not in text
    # Latin letters left in the article: only the acronym the press keeps (RCEP).
    assert set(re.findall(r"[A-Za-z]{2,}", body)) <= {"RCEP"}


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_every_glossary_target_the_units_need_appears(project: Path, language: str) -> None:
    build(project)
    glossary = load_project_glossary(load_config(project / "locpipe.yaml"))
    text = edition_file(project, language, "txt").read_text(encoding="utf-8")
    for entry in read_po(po_file(project, language)).active:
        for match in find_terms(glossary, entry.msgid):
            check = check_target(match.term, language, text)
            assert check.found is not None, (match.text, language)
            assert check_target(match.term, language, entry.msgstr).satisfied, entry.msgid


def test_sentences_join_without_spaces_in_cjk_and_with_spaces_in_english() -> None:
    pieces = [Piece("今年は50周年だ。", REVIEWED), Piece("両国は…。", REVIEWED)]
    assert join_pieces(pieces, "ja", lambda p: p.text) == "今年は50周年だ。両国は…。"
    english = [Piece("One.", SOURCE), Piece("Two.", SOURCE)]
    assert join_pieces(english, "en", lambda p: p.text) == "One. Two."
    mixed = [Piece("今年だ。", REVIEWED), Piece("Two.", SOURCE), Piece("三。", DRAFT)]
    assert join_pieces(mixed, "zh", lambda p: p.text) == "今年だ。 Two. 三。"


def test_metadata_is_formatted_for_the_edition_locale(project: Path) -> None:
    build(project)
    config = load_config(project / "locpipe.yaml")
    ja = edition_file(project, "ja", "txt").read_text(encoding="utf-8")
    zh = edition_file(project, "zh", "txt").read_text(encoding="utf-8")
    units = len(read_po(project / "locales" / f"{SAMPLE_SLUG}.pot").active)
    assert "言語：日本語" in ja and "作成日：2026年11月29日" in ja
    assert f"翻訳率：100%（{units}/{units}）" in ja
    assert "语言：中文 (简体)" in zh and f"翻译完成度：100%（{units}/{units}）" in zh
    digest = hashlib.sha256(po_file(project, "ja").read_bytes()).hexdigest()
    glossary = load_project_glossary(config).sha256
    assert f"locpipe:0.1.0|glossary:sha256.{glossary}|catalog:sha256.{digest}" in ja
    assert (language_tag("ja"), language_tag("zh")) == ("ja", "zh-Hans")


def test_hostile_translation_is_escaped_everywhere(project: Path) -> None:
    edit_catalog(project, "ja", {"Analysis:": (HOSTILE, False)})
    assert build(project).refused  # check fails the added tags: one gate
    assert not build(project, allow_findings=["markup-mismatch"]).refused
    html = edition_file(project, "ja", "html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&quot;&gt;&lt;img src=x&gt;" in html
    markdown = edition_file(project, "ja", "md").read_text(encoding="utf-8")
    assert "<script" not in markdown.replace("\\<script", "")


@pytest.mark.parametrize(
    ("kind", "prefix"),
    [
        pytest.param("headline", "Analysis:", id="headline"),
        pytest.param("sentence", "This year is the 50th", id="body"),
        pytest.param("image-alt", "Xi Jinping image", id="alt-text"),
        pytest.param("caption", "Xi Jinping wants to foster", id="caption"),
        pytest.param("heading", "Professor Shi Yinhong", id="heading"),
    ],
)
def test_every_translated_string_is_escaped_in_html(project: Path, kind: str, prefix: str) -> None:
    """Mutant killed: any one of headline, body, alt text, caption or heading left unescaped.

    The headline also reaches the metadata (``<title>``), so that is covered by its case.
    """
    edit_catalog(project, "ja", {prefix: (HOSTILE, False)})
    allowed = ["markup-mismatch", "glossary-missing", "number-mismatch"]
    result = build(project, allow_findings=allowed)
    assert not result.refused, result.refused
    html = edition_file(project, "ja", "html").read_text(encoding="utf-8")
    assert (
        "<script" not in html
        and "<img src=x" not in html
        and "data-pwned" not in html.replace("&quot;data-pwned&quot;", "")
    )
    assert "&lt;script&gt;" in html


def test_below_the_threshold_nothing_is_written_and_the_gaps_are_named(project: Path) -> None:
    edit_catalog(project, "zh", {"Part of that": ("", False), "That's because": ("x", True)})
    result = build(project)
    assert [(r.language, r.slug) for r in result.refused] == [("zh", SAMPLE_SLUG)]
    assert "2 of 26 units" in result.refused[0].reason
    details = "\n".join(result.refused[0].details)
    assert "untranslated: Part of that" in details and "fuzzy: That's because" in details
    assert re.search(r"japan-china-relations\.po:\d+: untranslated", details)
    assert not edition_file(project, "zh", "html").exists()
    assert not edition_file(project, "zh", "mo").exists()
    assert edition_file(project, "ja", "html").exists()  # a complete edition still ships


def test_above_a_lowered_threshold_english_fallback_is_marked(project: Path) -> None:
    edit_catalog(project, "zh", {"Part of that": ("", False)})
    assert not build(project, min_complete=95).refused
    html = edition_file(project, "zh", "html").read_text(encoding="utf-8")
    assert '<span class="source" lang="en" title="未翻译（英文原文）">Part of that' in html
    text = edition_file(project, "zh", "txt").read_text(encoding="utf-8")
    assert "Part of that is a tough approach towards the outside world.‡" in text
    assert "96.2%（25/26）" in text and "‡：未翻译（英文原文）" in text


def test_drafts_count_only_when_included_and_are_marked(project: Path) -> None:
    edit_catalog(project, "ja", {"Part of that": ("対外強硬姿勢（下訳）。", True)})
    assert build(project).refused
    result = build(project, include_drafts=True, languages=["ja"])
    assert not result.refused
    html = edition_file(project, "ja", "html").read_text(encoding="utf-8")
    assert '<span class="draft" title="未校閲の訳文">対外強硬姿勢（下訳）。<sup>†</sup>' in html
    text = edition_file(project, "ja", "txt").read_text(encoding="utf-8")
    # Completeness counts reviewed units only; the draft is counted and labelled as a draft.
    assert "翻訳率：96.2%（25/26）" in text and "未校閲の下訳：1" in text
    assert result.editions[0].drafts == 1 and result.editions[0].done == 25
    # The MO file is for running software: never an unreviewed draft.
    mo = gettext.GNUTranslations(edition_file(project, "ja", "mo").open("rb"))
    assert mo.gettext("Part of that is a tough approach towards the outside world.") == (
        "Part of that is a tough approach towards the outside world."
    )


def test_glossary_violation_in_a_reviewed_unit_blocks_the_edition(project: Path) -> None:
    edit_catalog(project, "ja", {"President Xi is": ("習大統領は権威を高めるとみられる。", False)})
    result = build(project)
    assert [r.language for r in result.refused] == ["ja"]
    details = "\n".join(result.refused[0].details)
    assert "glossary-forbidden: forbidden rendering 習大統領" in details
    assert "glossary-missing: “Communist Party National Congress” must be rendered" in details
    assert re.search(r"locales/ja/LC_MESSAGES/japan-china-relations\.po:\d+: glossary-", details)
    rules = ["glossary-missing", "glossary-forbidden"]
    assert not build(project, allow_findings=rules).refused


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_mo_files_read_back_with_msgunfmt_and_gettext(project: Path, language: str) -> None:
    build(project)
    catalog = read_po(po_file(project, language))
    mo = edition_file(project, language, "mo")
    translations = gettext.GNUTranslations(mo.open("rb"))
    assert translations.info()["language"] == language
    for entry in catalog.active:
        assert translations.gettext(entry.msgid) == entry.msgstr
    dumped = subprocess.run(["msgunfmt", str(mo)], capture_output=True, text=True, check=True)
    back = parse_po(dumped.stdout, "msgunfmt")
    assert {e.key: e.msgstr for e in back.active} == {e.key: e.msgstr for e in catalog.active}
    assert mo.read_bytes() == compile_mo(catalog)


def test_compile_mo_keeps_contexts_and_drops_fuzzy() -> None:
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\nLanguage: ja\\n"\n\n'
        'msgctxt "headline"\nmsgid "Xi"\nmsgstr "習主席"\n\n#, fuzzy\nmsgid "Draft"\nmsgstr "下訳"\n'
    )
    path = Path("/dev/null")
    translations = gettext.GNUTranslations()
    translations._parse(_BytesFile(compile_mo(parse_po(text, str(path)))))  # type: ignore[attr-defined]
    assert translations.pgettext("headline", "Xi") == "習主席"
    assert translations.gettext("Draft") == "Draft"


class _BytesFile:
    """The minimal file object ``GNUTranslations._parse`` reads."""

    def __init__(self, data: bytes) -> None:
        self.data, self.name = data, "<memory>"

    def read(self) -> bytes:
        return self.data


def chromium_dom(page: Path, profile: Path) -> str:
    """The DOM of ``page`` after a real headless Chromium has loaded it."""
    assert CHROMIUM.exists(), "Debian chromium is required (.ci/run installs it)"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", "--dump-dom", page.as_uri(),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


@pytest.mark.parametrize(("language", "tag"), [("ja", "ja"), ("zh", "zh-Hans")])
def test_html_edition_renders_in_headless_chromium(
    project: Path, tmp_path: Path, language: str, tag: str
) -> None:
    edit_catalog(project, language, {"Analysis:": (HOSTILE, False)})
    assert not build(project, allow_findings=["markup-mismatch"]).refused
    dom = chromium_dom(edition_file(project, language, "html"), tmp_path / "profile")
    assert f'<html lang="{tag}">' in dom
    assert "data-pwned" in dom and 'data-pwned="1"' not in dom  # shown as text, never run
    msgstr = next(e.msgstr for e in read_po(po_file(project, language)).active if "15" in e.msgid)
    assert msgstr in dom
    assert "<figcaption>" in dom and "<script" not in dom.split("</style>")[1]


def chromium_pdf_fonts(page: Path, profile: Path, pdf: Path) -> set[str]:
    """The font faces real headless Chromium embeds when it prints ``page`` to PDF."""
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
        page.as_uri(),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=120, check=True)
    return set(re.findall(r"NotoSerifCJK[a-z]{2}", pdf.read_bytes().decode("latin-1")))


def test_zh_TW_edition_in_headless_chromium(project: Path, tmp_path: Path) -> None:
    """The maintainers' zh_TW catalog: lang zh-Hant-TW, Traditional text, a Traditional font."""
    assert not build(project).refused
    page = edition_file(project, "zh_TW", "html")
    dom = chromium_dom(page, tmp_path / "profile")
    assert '<html lang="zh-Hant-TW">' in dom
    text = re.sub(r"<[^>]+>", "", dom.split("</style>")[1])
    reviewed = [e.msgstr for e in read_po(po_file(project, "zh_TW")).active]
    assert all(msgstr in text for msgstr in reviewed)
    assert "華府" in text and "台灣" in text and "<dt>語言</dt>" in dom
    assert foreign_characters(text, TRADITIONAL) == ""  # not one Simplified-only character
    assert foreign_characters("".join(reviewed), SIMPLIFIED) != ""  # the test can tell
    fonts = chromium_pdf_fonts(page, tmp_path / "profile", tmp_path / "zh_TW.pdf")
    assert fonts == {"NotoSerifCJKtc"}  # Traditional glyph forms, from the zh-Hant font rule
    zh_fonts = chromium_pdf_fonts(
        edition_file(project, "zh", "html"), tmp_path / "profile", tmp_path / "zh.pdf"
    )
    assert zh_fonts == {"NotoSerifCJKsc"}


def test_markdown_block_quote_stays_a_quote_in_editions() -> None:
    # Regression: a Markdown block quote came out as a plain paragraph in every edition.
    from pipeline.core.model import Catalog, Entry
    from pipeline.edition.plan import BuildContext, BuildOptions, CatalogSource, make_edition
    from pipeline.edition.render import render_html, render_markdown
    from pipeline.glossary.schema import Glossary
    from pipeline.source.readers import parse_markdown

    document = parse_markdown("# Title\n\n> We will comply.\n", "q.md", "q")
    entries = (Entry("Title", "見出し"), Entry("We will comply.", "従う。"))
    source = CatalogSource(Catalog(header=(), entries=entries), "q.po", "")
    context = BuildContext(Glossary(terms=()), BuildOptions(now=NOW))
    edition = make_edition(document, source, "ja", context)
    assert "\n\n> 従う。\n\n" in render_markdown(edition)
    assert "<blockquote>従う。</blockquote>" in render_html(edition)


def test_markdown_inline_markup_renders_in_html_without_letting_markup_in() -> None:
    from pipeline.core.model import Catalog, Entry
    from pipeline.edition.plan import BuildContext, BuildOptions, CatalogSource, make_edition
    from pipeline.edition.render import render_html
    from pipeline.glossary.schema import Glossary
    from pipeline.source.readers import parse_markdown

    document = parse_markdown("# Title\n\nSee *this* [report](https://x.org/r).\n", "m.md", "m")
    hostile = (
        "*これ*と[報告](https://x.org/r)と<script>alert(1)</script>[罠](javascript:alert(1))。"
    )
    entries = (Entry("Title", "見出し"), Entry("See *this* [report](https://x.org/r).", hostile))
    source = CatalogSource(Catalog(header=(), entries=entries), "m.po", "")
    context = BuildContext(Glossary(terms=()), BuildOptions(now=NOW))
    html = render_html(make_edition(document, source, "ja", context))
    assert "<em>これ</em>" in html
    assert '<a href="https://x.org/r">報告</a>' in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_consecutive_list_items_share_one_html_list() -> None:
    from pipeline.core.model import Catalog, Entry
    from pipeline.edition.plan import BuildContext, BuildOptions, CatalogSource, make_edition
    from pipeline.edition.render import render_html
    from pipeline.glossary.schema import Glossary
    from pipeline.source.readers import parse_markdown

    document = parse_markdown("# T\n\n- One.\n- Two.\n\nAfter.\n", "l.md", "l")
    entries = tuple(
        Entry(msgid, msgstr)
        for msgid, msgstr in (("T", "題"), ("One.", "一。"), ("Two.", "二。"), ("After.", "後。"))
    )
    source = CatalogSource(Catalog(header=(), entries=entries), "l.po", "")
    context = BuildContext(Glossary(terms=()), BuildOptions(now=NOW))
    html = render_html(make_edition(document, source, "ja", context))
    assert "<ul><li>一。</li><li>二。</li></ul>\n<p>後。</p>" in html


def build_in_process(root: Path, seed: int) -> dict[str, bytes]:
    """``locpipe build`` in a fresh interpreter; every written file's bytes, then removed."""
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "SOURCE_DATE_EPOCH": "1795928400"}
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "build", "--include-drafts", "--min-complete", "90"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    files = {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "editions").rglob("*"))
        if p.is_file()
    }
    shutil.rmtree(root / "editions")
    return files


def test_every_edition_gives_the_same_bytes_twice(project: Path) -> None:
    edit_catalog(project, "zh", {"Part of that": ("", False), "That's because": ("草稿。", True)})
    first = build_in_process(project, 1)
    assert len(first) == 12  # md, html, txt and mo for ja, zh and zh_TW
    assert b"2026" in first[f"editions/ja/{SAMPLE_SLUG}.txt"]  # the SOURCE_DATE_EPOCH date
    assert build_in_process(project, 2) == first
