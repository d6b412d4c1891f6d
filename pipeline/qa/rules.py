"""Check PO catalogs for the CI gate (DESIGN §7): rules yield findings, never raise or return bools.

Each rule is ``(entry, context) -> Iterable[Finding]`` and is listed in :data:`RULES`. A catalog
that cannot be parsed, or whose header ``msgfmt -c`` would reject, becomes an ``invalid-po``
finding with its line: a broken file is a finding (exit 1), not an input error (exit 2).
Content rules (glossary, numbers, placeholders, markup) on fuzzy entries are one severity lower:
fuzzy entries are drafts that no edition or MO file publishes.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.catalog import parse_po
from pipeline.core import (
    SEVERITIES,
    Catalog,
    Entry,
    InputError,
    decode_text,
    format_problems,
    is_known_language,
    markup_problems,
    resolve,
)
from pipeline.glossary import Glossary, check_target, find_terms
from pipeline.qa.text import header_problems, language_from_path, number_problems

OFF = "off"
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_HEADER_MSGID = re.compile(r'^msgid\s+""\s*$', re.MULTILINE)


@dataclass(frozen=True)
class Finding:
    """One problem at one PO entry (``line`` is its ``msgid`` line; 1 for file-level ones)."""

    file: str
    line: int
    rule: str
    severity: str
    message: str
    msgid: str = ""
    msgctxt: str | None = None


@dataclass(frozen=True)
class Consistency:
    """The first reviewed translation of each source, and the first source of each translation."""

    by_source: Mapping[tuple[str, str | None, str], tuple[str, int, str]]
    by_target: Mapping[tuple[str, str | None, str], tuple[str, int, str]]


@dataclass(frozen=True)
class CheckContext:
    """What a rule knows about the entry's file: language, glossary, plural count, severities."""

    file: str
    language: str  # the catalog's language, e.g. "zh_CN"; "" when unknown
    term_language: str | None  # the glossary key for it ("zh"), None when it has no targets
    glossary: Glossary
    severities: Mapping[str, str]
    nplurals: int | None = None
    consistency: Consistency = field(default_factory=lambda: Consistency({}, {}))

    def finding(self, entry: Entry, rule: str, message: str, lower: bool = False) -> Finding:
        """A finding at ``entry``; lowered one severity for drafts or when asked."""
        severity = self.severities[rule]
        if lower or (entry.fuzzy and rule in DRAFT_LOWERED):
            severity = lower_severity(severity)
        return Finding(
            self.file, entry.line or 1, rule, severity, message, entry.msgid, entry.msgctxt
        )


EntryCheck = Callable[[Entry, CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: default severity, one-line summary, and the check that reports it."""

    severity: str
    summary: str
    check: EntryCheck


def lower_severity(severity: str) -> str:
    """One step down: error → warning → info (info stays info, off stays off)."""
    if severity not in SEVERITIES:
        return severity
    index = SEVERITIES.index(severity)
    return SEVERITIES[min(index + 1, len(SEVERITIES) - 1)]


def _forms(entry: Entry, ctx: CheckContext) -> Iterator[tuple[str, str, str]]:
    """(label, source, translation) per non-empty msgstr; plural forms each get their source."""
    if entry.msgid_plural is None:
        if entry.msgstr:
            yield "", entry.msgid, entry.msgstr
        return
    singular_form = (ctx.nplurals or 2) > 1  # with one form, msgstr[0] renders msgid_plural
    for index, form in enumerate(entry.msgstr_plural):
        if form:
            source = entry.msgid if index == 0 and singular_form else entry.msgid_plural
            yield f"msgstr[{index}]: ", source, form


def check_untranslated(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Report entries with an empty msgstr or an empty plural form."""
    if entry.msgid_plural is None:
        if not entry.msgstr:
            yield ctx.finding(entry, "untranslated", "no translation yet (msgstr is empty)")
        return
    empty = [str(i) for i, form in enumerate(entry.msgstr_plural) if not form]
    if not entry.msgstr_plural or empty:
        which = f"plural forms {', '.join(empty)} are" if empty else "every plural form is"
        yield ctx.finding(entry, "untranslated", f"{which} empty")


def check_fuzzy(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Report fuzzy (draft) entries, naming the previous source when msgmerge kept it."""
    if not entry.fuzzy:
        return
    message = "a draft to review; remove the fuzzy flag once it is approved"
    if entry.previous_msgid is not None:
        message = f"the source changed since translation (was “{entry.previous_msgid}”)"
    yield ctx.finding(entry, "fuzzy", message)


def check_glossary(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Glossary targets present, forbidden renderings absent, do-not-translate terms verbatim."""
    for label, source, text in _forms(entry, ctx):
        seen: set[str] = set()
        for match in find_terms(ctx.glossary, source):
            term = match.term
            if term.id in seen or not (term.dnt or ctx.term_language):
                continue
            seen.add(term.id)
            # The catalog's own code resolves per term (zh_TW, else zh_Hant), as drafting does.
            language = ctx.language if is_known_language(ctx.language) else ctx.term_language
            language = language or "und"
            result = check_target(term, language, text)
            if term.dnt and result.found is None:
                message = f"{label}do-not-translate term “{match.text}” must appear verbatim (term {term.id})"
                yield ctx.finding(entry, "dnt-changed", message)
            elif not term.dnt and result.found is None and term.target(language):
                accepted = " or ".join(term.target(language))
                message = f"{label}“{match.text}” must be rendered as {accepted} (term {term.id}); none found"
                yield ctx.finding(entry, "glossary-missing", message)
            for bad in result.forbidden:
                preferred = term.target(language)[:1] or term.en[:1]
                message = f"{label}forbidden rendering {bad} for “{match.text}” (term {term.id}); use {preferred[0]}"
                yield ctx.finding(entry, "glossary-forbidden", message)


def check_numbers(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Every number in the source appears in the translation, in any script or grouping."""
    formatted = any(flag.endswith("-format") and not flag.startswith("no-") for flag in entry.flags)
    for label, source, text in _forms(entry, ctx):
        for problem in number_problems(source, text, formatted):
            yield ctx.finding(entry, "number-mismatch", label + problem)


def check_placeholders(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """printf, python-format and brace placeholders agree, as the entry's flags declare."""
    kinds = [
        flag for flag in entry.flags if flag.endswith("-format") and not flag.startswith("no-")
    ]
    for kind in kinds:
        for label, source, text in _forms(entry, ctx):
            plural = entry.msgid_plural is not None
            for problem in format_problems(kind, source, text, plural):
                yield ctx.finding(entry, "placeholder-mismatch", f"{label}{kind}: {problem}")


def check_markup(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Inline HTML tags, Markdown links and code spans survive translation unchanged."""
    for label, source, text in _forms(entry, ctx):
        for problem in markup_problems(source, text):
            yield ctx.finding(entry, "markup-mismatch", label + problem)


def check_consistency(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """One source, one translation; one translation, one source (across same-language files)."""
    if not entry.reviewed or entry.msgid_plural is not None:
        return
    here = (ctx.file, entry.line)
    first = ctx.consistency.by_source.get((ctx.language, entry.msgctxt, entry.msgid))
    if first and first[:2] != here and first[2] != entry.msgstr:
        message = f"translated as “{entry.msgstr}” here but “{first[2]}” at {first[0]}:{first[1]}"
        yield ctx.finding(entry, "inconsistent-translation", message)
    other = ctx.consistency.by_target.get((ctx.language, entry.msgctxt, entry.msgstr))
    # Short labels (month names and their abbreviations) legitimately share a translation.
    if (
        other
        and other[:2] != here
        and _sentence(entry.msgid)
        and _sentence(other[2])
        and other[2].casefold() != entry.msgid.casefold()
    ):
        message = f"same translation “{entry.msgstr}” as a different source at {other[0]}:{other[1]} (“{other[2]}”)"
        yield ctx.finding(entry, "inconsistent-translation", message)


def _sentence(text: str) -> bool:
    return len(text.split()) >= 3


def check_entry_syntax(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """What ``msgfmt -c`` rejects in an entry: plural form count, leading/trailing newlines."""
    if entry.fuzzy:
        return  # msgfmt skips fuzzy entries
    if entry.msgid_plural is not None and ctx.nplurals and entry.translated:
        count = len(entry.msgstr_plural)
        if count != ctx.nplurals:
            message = f"{count} plural form(s) but the header says nplurals={ctx.nplurals}"
            yield ctx.finding(entry, "invalid-po", message)
    for label, source, text in _forms(entry, ctx):
        for where, test in (("begin", str.startswith), ("end", str.endswith)):
            if test(source, "\n") != test(text, "\n"):
                message = f"{label}msgid and msgstr do not both {where} with '\\n'"
                yield ctx.finding(entry, "invalid-po", message)


#: The rule registry: stable id → rule. One check may report several related rule ids.
RULES: dict[str, Rule] = {
    "invalid-po": Rule(
        "error", "PO syntax or header problems msgfmt -c would report", check_entry_syntax
    ),
    "glossary-missing": Rule(
        "error", "a glossary term's target rendering is missing", check_glossary
    ),
    "glossary-forbidden": Rule(
        "error", "a forbidden rendering of a glossary term is used", check_glossary
    ),
    "dnt-changed": Rule(
        "error", "a do-not-translate term does not appear verbatim", check_glossary
    ),
    "number-mismatch": Rule(
        "error", "a number in the source is missing from the translation", check_numbers
    ),
    "placeholder-mismatch": Rule(
        "error", "printf/python/brace placeholders differ (by flags)", check_placeholders
    ),
    "markup-mismatch": Rule(
        "error", "inline tags, Markdown links or code spans differ", check_markup
    ),
    "inconsistent-translation": Rule(
        "warning", "one source with two translations, or the reverse", check_consistency
    ),
    "untranslated": Rule("info", "the entry has no translation yet", check_untranslated),
    "fuzzy": Rule("info", "the entry is a fuzzy draft awaiting review", check_fuzzy),
}
#: Content rules shown one severity lower on fuzzy entries.
DRAFT_LOWERED = frozenset(
    {
        "glossary-missing",
        "glossary-forbidden",
        "dnt-changed",
        "number-mismatch",
        "placeholder-mismatch",
        "markup-mismatch",
    }
)
DEFAULT_SEVERITIES: dict[str, str] = {rule_id: rule.severity for rule_id, rule in RULES.items()}


@dataclass(frozen=True)
class CheckResult:
    """All findings of one run, with the counts the reports summarise."""

    findings: tuple[Finding, ...]
    names: tuple[str, ...]  # the files checked, as shown in findings
    entries: int
    languages: tuple[str, ...] = ()  # each file's language (Language header or path), by names

    def language_of(self, file: str) -> str:
        """The language of a checked file; "" when unknown."""
        return dict(zip(self.names, self.languages, strict=False)).get(file, "")

    @property
    def files(self) -> int:
        return len(self.names)

    def failed(self, fail_on: Iterable[str]) -> bool:
        """True when any finding has a severity listed in ``fail_on``."""
        levels = set(fail_on)
        return any(finding.severity in levels for finding in self.findings)

    def by_rule(self) -> dict[str, int]:
        """Finding counts per rule id, in registry order, rules without findings left out."""
        counts = Counter(finding.rule for finding in self.findings)
        return {rule: counts[rule] for rule in RULES if counts[rule]}


@dataclass(frozen=True)
class _Loaded:
    """One input file after parsing: its catalog (None if broken) and file-level findings."""

    name: str
    catalog: Catalog | None
    language: str
    nplurals: int | None
    findings: tuple[Finding, ...]


def check_catalogs(
    sources: Sequence[tuple[str, bytes]],
    glossary: Glossary | None = None,
    severities: Mapping[str, str] | None = None,
) -> CheckResult:
    """Check PO files given as (shown name, content) pairs; the pure core of ``locpipe check``."""
    glossary = glossary or Glossary(terms=())
    levels = {**DEFAULT_SEVERITIES, **(severities or {})}
    loaded = [_load(name, data, levels) for name, data in sources]
    consistency = _consistency(loaded)
    term_languages = _term_languages(glossary)
    checks = tuple(dict.fromkeys(rule.check for rule in RULES.values()))
    findings: list[Finding] = []
    entries = 0
    for item in loaded:
        findings.extend(item.findings)
        if item.catalog is None:
            continue
        ctx = CheckContext(
            file=item.name,
            language=item.language,
            term_language=_glossary_key(item.language, term_languages),
            glossary=glossary,
            severities=levels,
            nplurals=item.nplurals,
            consistency=consistency,
        )
        for entry in item.catalog.active:
            entries += 1
            for check in checks:
                findings.extend(check(entry, ctx))
    kept = tuple(f for f in findings if f.severity != OFF)
    names = tuple(item.name for item in loaded)
    return CheckResult(kept, names, entries, tuple(item.language for item in loaded))


def _load(name: str, data: bytes, levels: Mapping[str, str]) -> _Loaded:
    """Decode by the declared charset and parse; failures become invalid-po findings."""

    def invalid(message: str, line: int | None) -> _Loaded:
        finding = Finding(name, line or 1, "invalid-po", levels["invalid-po"], message)
        return _Loaded(name, None, language_from_path(name), None, (finding,))

    match = _CHARSET.search(data[:4096])
    charset = match.group(1).decode("ascii") if match else "utf-8"
    try:
        codecs.lookup(charset)  # an unknown charset is the header check's finding
        text = decode_text(data, name, charset)
    except LookupError:
        text = data.decode("utf-8", errors="replace")  # the header finding reports the charset
    except InputError as exc:
        return invalid(exc.message, exc.line)
    try:
        catalog = parse_po(text, name)
    except InputError as exc:
        return invalid(exc.message, exc.line)
    header_match = _HEADER_MSGID.search(text)
    header_line = text.count("\n", 0, header_match.start()) + 1 if header_match else 1
    language = catalog.header_value("Language") or language_from_path(name)
    findings, nplurals = _check_header(catalog, name, header_line, levels["invalid-po"])
    return _Loaded(name, catalog, language.strip(), nplurals, tuple(findings))


def _check_header(
    catalog: Catalog, name: str, line: int, severity: str
) -> tuple[list[Finding], int | None]:
    """Header problems as ``msgfmt -c`` reports them; its warnings come one severity lower."""
    errors, warnings, nplurals = header_problems(catalog)
    findings = [Finding(name, line, "invalid-po", severity, message) for message in errors]
    lowered = lower_severity(severity)
    findings += [Finding(name, line, "invalid-po", lowered, message) for message in warnings]
    return findings, nplurals


def _term_languages(glossary: Glossary) -> set[str]:
    """The glossary's language keys (canonical spellings: zh_TW, zh_Hant, ja)."""
    return {lang for term in glossary.terms for lang, _ in term.targets} | set(glossary.languages)


def _glossary_key(code: str, keys: set[str]) -> str | None:
    """The glossary key a catalog language reads (the one resolver: ja_JP → ja, never zh_TW → zh)."""
    return resolve(code).glossary_key(keys) if is_known_language(code) else None


def _consistency(loaded: Sequence[_Loaded]) -> Consistency:
    """Index the first reviewed translation of every source, and source of every translation."""
    by_source: dict[tuple[str, str | None, str], tuple[str, int, str]] = {}
    by_target: dict[tuple[str, str | None, str], tuple[str, int, str]] = {}
    for item in loaded:
        if item.catalog is None:
            continue
        # Files of unknown language are compared only with themselves.
        group = item.language or f"?{item.name}"
        for entry in item.catalog.active:
            if entry.reviewed and entry.msgid_plural is None:
                by_source.setdefault(
                    (group, entry.msgctxt, entry.msgid), (item.name, entry.line, entry.msgstr)
                )
                by_target.setdefault(
                    (group, entry.msgctxt, entry.msgstr), (item.name, entry.line, entry.msgid)
                )
    return Consistency(by_source, by_target)
