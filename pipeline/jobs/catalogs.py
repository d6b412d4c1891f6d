"""The catalog jobs: extract (sources → POT), update (POT → PO), status (counts per PO file)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline import __version__, source
from pipeline.catalog import format_po, merge_catalog, parse_po, read_po, read_po_text
from pipeline.core import (
    Catalog,
    ConfigError,
    Document,
    Entry,
    InputError,
    Settings,
    decode_text,
    language_name,
    plural_forms,
    po_date,
)
from pipeline.glossary import Glossary, check_targets, find_terms, hint_lines, load_project_glossary
from pipeline.jobs.project import (
    FileChange,
    PlannedFile,
    ReadLog,
    Redo,
    read_documents,
    select_languages,
    slugs,
    write_project_files,
)
from pipeline.mt import (
    is_mt_draft,
    is_reviewed_from,
    keep_draft_notes,
    reapply_drafts,
)
from pipeline.tm import provenance


@dataclass(frozen=True)
class CatalogStatus:
    """Review state of one PO file."""

    language: str
    slug: str
    path: Path
    reviewed: int
    fuzzy: int
    untranslated: int
    obsolete: int
    terms_required: int = 0  # glossary terms in the sources of translated entries
    terms_satisfied: int = 0  # ... rendered as the glossary says
    post_edited_mt: int = 0  # reviewed entries that started as MT drafts
    tm_exact: int = 0  # translated entries the translation memory filled: exact matches
    tm_fuzzy: int = 0  # ... fuzzy matches
    mt: int = 0  # translated entries MT drafted

    @property
    def total(self) -> int:
        return self.reviewed + self.fuzzy + self.untranslated

    @property
    def term_accuracy(self) -> float | None:
        """Satisfied / required glossary terms over translated entries; None if none apply."""
        return self.terms_satisfied / self.terms_required if self.terms_required else None


def term_counts(entries: list[Entry], glossary: Glossary, language: str) -> tuple[int, int]:
    """(required, satisfied) glossary terms over the translated entries."""
    required = satisfied = 0
    for entry in entries:
        if not entry.translated or entry.msgid_plural is not None:
            continue
        checks = check_targets(find_terms(glossary, entry.msgid), language, entry.msgstr)
        required += len(checks)
        satisfied += sum(check.satisfied for check in checks)
    return required, satisfied


def _with_fields(catalog: Catalog, fields: dict[str, str]) -> Catalog:
    """Set header fields, keeping the existing order and appending new ones."""
    header = [(key, fields.pop(key, value)) for key, value in catalog.header]
    remaining = dict(fields)
    header.extend((key, value) for key, value in remaining.items())
    return replace(catalog, header=tuple(header))


def _template_header(slug: str) -> dict[str, str]:
    return {
        "Project-Id-Version": slug,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": "",
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"locpipe {__version__}",
    }


def read_noted(reads: ReadLog, path: Path) -> str | None:
    """A PO or POT file's text (None: there is none), noted in the job's read log."""
    text = read_po_text(path) if path.exists() or path.is_symlink() else None
    reads.note(path, text)
    return text


def plan_template(settings: Settings, document: Document, old_text: str | None) -> PlannedText:
    """One document's POT text; the old creation date stays when nothing else changed."""
    path = settings.pot_path(document.slug)
    fresh = replace(
        source.build_template(source.segment_document(document), []),
        header_comment=f"Translation template for {document.path}, made by 'locpipe extract'.",
    )
    header = _template_header(document.slug)
    old = parse_po(old_text, str(path)) if old_text is not None else None
    header["POT-Creation-Date"] = (old and old.header_value("POT-Creation-Date")) or po_date()
    text = format_po(_with_fields(fresh, header))
    if old_text is not None and text != old_text:
        text = format_po(_with_fields(fresh, {**header, "POT-Creation-Date": po_date()}))
    return PlannedText(path, text, old_text, old)


def plan_templates(settings: Settings, reads: ReadLog) -> list[PlannedText]:
    """Every source's POT text beside the old one (the files to write: :func:`template_files`)."""
    return [
        plan_template(settings, document, read_noted(reads, settings.pot_path(document.slug)))
        for document in read_documents(settings)
    ]


def template_files(settings: Settings, planned: Sequence[PlannedText]) -> list[PlannedFile]:
    """The planned POT files, each redone from its source as it is then if it changed."""
    return [
        PlannedFile(text.path, text.text, _template_redo(settings, source_path))
        for source_path, text in zip(settings.sources, planned, strict=True)
    ]


def _template_redo(settings: Settings, source_path: Path) -> Redo:
    """Extract again, from the source as it is now, onto the POT as it is now."""

    def redo(current: bytes | None) -> str | None:
        shown = settings.shown(source_path)
        try:
            document = source.read_source(source_path, shown)
            old = decode_text(current, shown) if current is not None else None
            return plan_template(settings, document, old).text
        except InputError:
            return None  # not ours to repair: left as it is and reported

    return redo


def _new_po(template: Catalog, language: str, slug: str) -> Catalog:
    comment = f"{language_name(language)} translation of {slug}."
    return _with_fields(
        replace(template, entries=(), header_comment=comment),
        {
            "PO-Revision-Date": po_date(),
            "Last-Translator": "Automatically generated",
            "Language-Team": "none",
        },
    )


def with_glossary_hints(catalog: Catalog, glossary: Glossary, language: str) -> Catalog:
    """Add ``#. glossary: Kishida Fumio → 岸田文雄`` lines so reviewers see the rule in place."""
    entries = []
    for entry in catalog.entries:
        hints = [] if entry.obsolete else hint_lines(find_terms(glossary, entry.msgid), language)
        fresh = tuple(line for line in hints if line not in entry.extracted)
        entries.append(replace(entry, extracted=entry.extracted + fresh) if fresh else entry)
    return replace(catalog, entries=tuple(entries))


@dataclass(frozen=True)
class PlannedText:
    """A PO or POT text a job plans to write, beside the file's text as the job read it."""

    path: Path
    text: str
    old_text: str | None  # None: there is no file yet
    old: Catalog | None  # ``old_text`` parsed

    def catalog(self) -> Catalog:
        """The catalog ``text`` reads as: the old one, parsed once, when the text is unchanged."""
        if self.old is not None and self.text == self.old_text:
            return self.old
        return parse_po(self.text, str(self.path))


def merge_text(
    settings: Settings,
    template: Catalog,
    glossary: Glossary,
    language: str,
    slug: str,
    old_text: str | None,
) -> PlannedText:
    """Merge a template into one language's PO text; the old catalog is kept for the report."""
    path = settings.po_path(language, slug)
    old = parse_po(old_text, str(path)) if old_text is not None else None
    base = old if old is not None else _new_po(template, language, slug)
    merged = keep_draft_notes(base, merge_catalog(base, template))
    merged = with_glossary_hints(merged, glossary, language)
    fields = {
        "Project-Id-Version": template.header_value("Project-Id-Version") or slug,
        "POT-Creation-Date": template.header_value("POT-Creation-Date") or po_date(),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    # As msgmerge: a translator's own Language and Plural-Forms stay; missing ones are filled.
    if not merged.header_value("Language"):
        fields["Language"] = language
    if not merged.header_value("Plural-Forms"):
        fields["Plural-Forms"] = plural_forms(language)
    return PlannedText(path, format_po(_with_fields(merged, fields)), old_text, old)


def merge_redo(
    settings: Settings, glossary: Glossary, language: str, slug: str, drafted: Catalog | None
) -> Redo:
    """Update again: the POT as it is now merged into the PO as it is now, then our drafts."""
    path = settings.po_path(language, slug)

    def redo(current: bytes | None) -> str | None:
        try:
            template = read_po(settings.pot_path(slug))
            old = decode_text(current, str(path)) if current is not None else None
            text = merge_text(settings, template, glossary, language, slug, old).text
        except InputError:
            return None  # a half-saved or broken file is the translator's: left as it is
        if drafted is None:
            return text
        return format_po(reapply_drafts(parse_po(text, str(path)), drafted))

    return redo


def extract(settings: Settings) -> tuple[FileChange, ...]:
    """Sources → ``locales/<slug>.pot``."""
    reads = ReadLog()
    return write_project_files(
        settings, template_files(settings, plan_templates(settings, reads)), reads
    )


def read_templates(settings: Settings, reads: ReadLog) -> dict[str, Catalog]:
    """The POT files on disk, one per configured source."""
    templates = {}
    for slug in slugs(settings):
        path = settings.pot_path(slug)
        text = read_noted(reads, path)
        if text is None:
            raise ConfigError(f"no template {settings.shown(path)}; run 'locpipe extract' first")
        templates[slug] = parse_po(text, str(path))
    return templates


def plan_catalogs(
    settings: Settings,
    templates: dict[str, Catalog],
    languages: tuple[str, ...],
    reads: ReadLog,
    glossary: Glossary,
) -> dict[tuple[str, str], PlannedText]:
    """Each (language, slug)'s merged PO text; the old texts are noted in ``reads``."""
    return {
        (language, slug): merge_text(
            settings,
            template,
            glossary,
            language,
            slug,
            read_noted(reads, settings.po_path(language, slug)),
        )
        for language in languages
        for slug, template in templates.items()
    }


def update(settings: Settings, languages: Sequence[str] = ()) -> tuple[FileChange, ...]:
    """POT → each language's PO with msgmerge semantics."""
    chosen = select_languages(settings, languages)
    reads = ReadLog()
    glossary = load_project_glossary(settings)
    texts = plan_catalogs(settings, read_templates(settings, reads), chosen, reads, glossary)
    planned = [
        PlannedFile(
            settings.po_path(language, slug),
            merged.text,
            merge_redo(settings, glossary, language, slug, None),
        )
        for (language, slug), merged in texts.items()
    ]
    return write_project_files(settings, planned, reads)


def status(
    settings: Settings, languages: Sequence[str] = (), known: Mapping[Path, Catalog] | None = None
) -> list[CatalogStatus]:
    """Reviewed / fuzzy / untranslated / obsolete counts and term accuracy for every PO file.

    ``known`` holds catalogs whose file content is known (a job just wrote them): not read again.
    """
    glossary = load_project_glossary(settings)
    result = []
    for language in select_languages(settings, languages):
        for slug in slugs(settings):
            path = settings.po_path(language, slug)
            catalog = (known or {}).get(path)
            if catalog is None and path.exists():
                catalog = read_po(path)
            entries = catalog.entries if catalog is not None else ()
            active = [e for e in entries if not e.obsolete]
            required, satisfied = term_counts(active, glossary, language)
            filled = [provenance(e) for e in active if e.translated]
            result.append(
                CatalogStatus(
                    language=language,
                    slug=slug,
                    path=path,
                    reviewed=sum(1 for e in active if e.reviewed),
                    fuzzy=sum(1 for e in active if e.fuzzy and e.translated),
                    untranslated=sum(1 for e in active if not e.translated),
                    obsolete=sum(1 for e in entries if e.obsolete),
                    terms_required=required,
                    terms_satisfied=satisfied,
                    post_edited_mt=sum(1 for e in active if is_reviewed_from(e, "mt")),
                    tm_exact=filled.count("exact"),
                    tm_fuzzy=filled.count("fuzzy"),
                    mt=sum(1 for e in active if is_mt_draft(e)),
                )
            )
    return result
