"""Language editions (docs/architecture.md#editions): source structure + catalog translations, planned in memory.

An edition records, for every unit, the translation chosen (reviewed, draft or English
fallback), its completeness and the check findings on what it publishes. Rendering lives in
``render``, the gate in ``gate`` and writing in ``jobs.build``; nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from pipeline import __version__
from pipeline.core import Block, Catalog, Document, Entry, Settings, Unit, language_tag
from pipeline.edition.frontmatter import carry_front_matter
from pipeline.glossary import Glossary
from pipeline.qa import Finding
from pipeline.source import assign_contexts, segment_document

FORMATS = ("md", "html", "txt")
REVIEWED, DRAFT, SOURCE = "reviewed", "draft", "source"
UNREVIEWED = "unreviewed draft"  # the Gap reason of a draft used with --include-drafts


@dataclass(frozen=True)
class Labels:
    """The few words an edition prints around the article, in its own language."""

    language: str = "Language"
    built: str = "Built"
    complete: str = "Complete"
    drafts: str = "Unreviewed drafts"
    image: str = "[Image: {alt}]"
    draft: str = "unreviewed translation"
    source: str = "not translated (English source)"
    colon: str = ": "
    ratio: str = "{percent} ({done}/{total})"


# Written by the maintainers; languages not listed get English labels around their text.
LABELS = {
    "ja": Labels(
        "言語", "作成日", "翻訳率", "未校閲の下訳", "［画像：{alt}］", "未校閲の訳文",
        "未翻訳（英語原文）", "：", "{percent}（{done}/{total}）",
    ),
    "zh": Labels(
        "语言", "生成日期", "翻译完成度", "未经审校的草稿", "［图片：{alt}］", "未经审校的译文",
        "未翻译（英文原文）", "：", "{percent}（{done}/{total}）",
    ),
    "zh_Hant": Labels(
        "語言", "產生日期", "翻譯完成度", "未經審校的草稿", "［圖片：{alt}］", "未經審校的譯文",
        "未翻譯（英文原文）", "：", "{percent}（{done}/{total}）",
    ),
}  # fmt: skip
MARKS = {DRAFT: "†", SOURCE: "‡"}


@dataclass(frozen=True)
class Piece:
    """One unit as printed: its text and where it came from (reviewed, draft or source)."""

    text: str
    state: str


@dataclass(frozen=True)
class Section:
    """A block of the article; a figure carries its alt text in ``pieces`` and a caption."""

    kind: str  # headline, heading, paragraph, list-item, quote, caption, figure
    pieces: tuple[Piece, ...]
    caption: tuple[Piece, ...] = ()
    url: str = ""  # a figure's image, as the source gives it
    number: int = 0  # an ordered list item's number (0: a bullet)


@dataclass(frozen=True)
class Gap:
    """A unit printed in English (or as a draft) and why, located in the PO file."""

    where: str
    reason: str
    msgid: str


@dataclass(frozen=True)
class Edition:
    """Everything one language edition of one article needs, before rendering."""

    language: str
    slug: str
    sections: tuple[Section, ...]
    total: int
    done: int  # reviewed units: drafts are never counted as done
    gaps: tuple[Gap, ...]
    findings: tuple[Finding, ...]  # fail-level check findings on the units it publishes
    signature: str
    built: datetime
    source_language: str = "en"
    markup: bool = False  # the source was Markdown: its inline markup is in the translations
    front_matter: str = ""  # the source's YAML front matter as the Markdown edition carries it

    @property
    def completeness(self) -> float:
        """Reviewed units / all units."""
        return self.done / self.total if self.total else 1.0

    @property
    def drafts(self) -> int:
        """Units printed as unreviewed drafts (``--include-drafts``)."""
        return sum(1 for gap in self.gaps if gap.reason == UNREVIEWED)


@dataclass(frozen=True)
class Refusal:
    """An edition that was not written, with the reason and the units behind it."""

    language: str
    slug: str
    reason: str
    details: tuple[str, ...]


@dataclass(frozen=True)
class BuildResult:
    """What ``build_editions`` did: (path, action) per file, and the editions it refused."""

    files: tuple[tuple[Path, str], ...]
    editions: tuple[Edition, ...]
    refused: tuple[Refusal, ...]


def edition_path(settings: Settings, language: str, slug: str, fmt: str) -> Path:
    """``editions/<lang>/<slug>.<fmt>``; MO files go to ``editions/<lang>/LC_MESSAGES/``."""
    if fmt == "mo":
        return settings.editions / language / "LC_MESSAGES" / f"{slug}.mo"
    return settings.editions / language / f"{slug}.{fmt}"


def document_sections(document: Document) -> list[tuple[Block, list[Unit]]]:
    """The document's blocks with their units, msgctxt assigned exactly as extract does."""
    per_block = [segment_document(replace(document, blocks=(b,))) for b in document.blocks]
    flat = iter(assign_contexts([unit for units in per_block for unit in units]))
    return [
        (block, [next(flat) for _ in units])
        for block, units in zip(document.blocks, per_block, strict=True)
    ]


def choose_piece(unit: Unit, entry: Entry | None, include_drafts: bool) -> Piece:
    """The reviewed translation, else (if allowed) the fuzzy draft, else the English source."""
    if entry is not None and entry.reviewed:
        return Piece(entry.msgstr, REVIEWED)
    if entry is not None and include_drafts and entry.fuzzy and entry.translated:
        return Piece(entry.msgstr, DRAFT)
    return Piece(unit.msgid, SOURCE)


def _gap(unit: Unit, entry: Entry | None, piece: Piece, where: str) -> Gap | None:
    if piece.state == REVIEWED:
        return None
    if piece.state == DRAFT:
        return Gap(f"{where}:{entry.line if entry else 0}", UNREVIEWED, unit.msgid)
    if entry is None:
        return Gap(where, "not in the catalog (run 'locpipe update')", unit.msgid)
    reason = "fuzzy" if entry.fuzzy and entry.translated else "untranslated"
    return Gap(f"{where}:{entry.line}", reason, unit.msgid)


@dataclass(frozen=True)
class CatalogSource:
    """A language's catalog for one document, how to name it in messages, its file digest."""

    catalog: Catalog
    where: str
    sha256: str


@dataclass(frozen=True)
class BuildContext:
    """What every edition of one build shares."""

    glossary: Glossary
    options: BuildOptions
    source_language: str = "en"
    findings: Sequence[Finding] = ()  # what ``locpipe check`` found in the project's catalogs
    fail_on: Collection[str] = ("error",)


@dataclass(frozen=True)
class BuildOptions:
    """The choices of one build; the defaults publish only complete, reviewed, clean editions."""

    min_complete: float = 100.0
    include_drafts: bool = False
    allow_findings: frozenset[str] = frozenset()  # rule ids published despite findings
    now: datetime = datetime(1970, 1, 1, tzinfo=UTC)


def plan_edition(
    document: Document, catalog: Catalog, where: str, context: BuildContext
) -> tuple[list[Section], dict[tuple[str | None, str], Gap | None]]:
    """Choose every unit's text; collect one gap per entry (None for a reviewed one)."""
    entries = {entry.key: entry for entry in catalog.active}
    sections: list[Section] = []
    seen: dict[tuple[str | None, str], Gap | None] = {}
    for block, units in document_sections(document):
        pieces = []
        for unit in units:
            entry = entries.get((unit.context, unit.msgid))
            piece = choose_piece(unit, entry, context.options.include_drafts)
            pieces.append(piece)
            if (unit.context, unit.msgid) not in seen:
                seen[(unit.context, unit.msgid)] = _gap(unit, entry, piece, where)
        sections.append(Section(block.kind, tuple(pieces), url=block.url, number=block.number))
    return _figures(sections), seen


def _figures(sections: Sequence[Section]) -> list[Section]:
    """Fold each image-alt block and the caption right after it into one figure."""
    result: list[Section] = []
    for section in sections:
        previous = result[-1] if result else None
        if section.kind == "image-alt":
            result.append(Section("figure", section.pieces, url=section.url))
        elif section.kind == "caption" and previous and previous.kind == "figure":
            if previous.caption:
                result.append(section)
            else:
                result[-1] = replace(previous, caption=section.pieces)
        else:
            result.append(section)
    return result


def make_edition(
    document: Document, source: CatalogSource, language: str, context: BuildContext
) -> Edition:
    """Plan one language edition of one document (no I/O)."""
    sections, seen = plan_edition(document, source.catalog, source.where, context)
    gaps = tuple(gap for gap in seen.values() if gap is not None)
    published = {key for key, gap in seen.items() if gap is None or gap.reason == UNREVIEWED}
    return Edition(
        language=language,
        slug=document.slug,
        sections=tuple(sections),
        total=len(seen),
        done=sum(1 for gap in seen.values() if gap is None),
        gaps=gaps,
        findings=published_findings(context, source.where, published),
        signature=edition_signature(context.glossary, source.sha256),
        built=context.options.now,
        source_language=context.source_language,
        markup=document.format == "markdown",
        front_matter=_front_matter(document, source.catalog, language, context),
    )


def _front_matter(
    document: Document, catalog: Catalog, language: str, context: BuildContext
) -> str:
    """The source's front matter with ``lang`` set and its title translated if it is a unit."""
    if not document.front_matter:
        return ""
    entries = [e for e in catalog.active if e.msgid == document.title]
    entry = min(
        entries, key=lambda e: (e.msgctxt != "headline", e.msgctxt is not None), default=None
    )
    title = None
    if entry is not None:
        unit = Unit(entry.msgid, "headline", (), entry.msgctxt)
        piece = choose_piece(unit, entry, context.options.include_drafts)
        title = piece.text if piece.state != SOURCE else None
    return carry_front_matter(document.front_matter, language_tag(language), title)


def published_findings(
    context: BuildContext, where: str, published: Collection[tuple[str | None, str]]
) -> tuple[Finding, ...]:
    """Fail-level check findings of file ``where`` on a published unit or on the whole file.

    A file-level finding (a header ``msgfmt -c`` rejects) concerns every unit and the MO file.
    """
    return tuple(
        finding
        for finding in context.findings
        if finding.file == where
        and finding.severity in context.fail_on
        and ((finding.msgctxt, finding.msgid) in published or not finding.msgid)
    )


def edition_signature(glossary: Glossary, catalog_sha256: str) -> str:
    """A reproducibility signature, sacrebleu style; ``sha256sum`` of the PO file verifies it."""
    return (
        f"locpipe:{__version__}|glossary:sha256.{glossary.sha256}|catalog:sha256.{catalog_sha256}"
    )
