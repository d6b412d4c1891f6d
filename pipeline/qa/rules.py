"""The check rules of the CI gate (docs/architecture.md#check): they yield findings, never raise.

Each rule is ``(entry, context) -> Iterable[Finding]`` and is listed in :data:`RULES`, the one
registry of rule ids (the config's ``check.severity`` is validated against it here).
Content rules (glossary, numbers, placeholders, markup) on fuzzy entries are one severity lower:
fuzzy entries are drafts that no edition or MO file publishes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.core import (
    SEVERITIES,
    ConfigError,
    Entry,
    did_you_mean,
    format_problems,
    is_known_language,
    markup_problems,
    may_have_markup,
    may_have_numbers,
)
from pipeline.glossary import Glossary, Match, check_target, find_terms
from pipeline.qa.text import chinese_script, number_problems, script_problems

OFF = "off"


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
    """The first reviewed translation of each source, and the first source of each translation.

    Only texts met more than once are listed: one met once agrees with itself.
    """

    by_source: Mapping[tuple[str, str | None, str], tuple[str, int, str]]
    by_target: Mapping[tuple[str, str | None, str], tuple[str, int, str]]
    # (file, line) of entries whose source or translation was first seen elsewhere: only they
    # can be inconsistent. None: not worked out, every reviewed entry is looked up.
    shared: Collection[tuple[str, int]] | None = None


def consistency_group(language: str, file: str) -> str:
    """Files of one language are compared together; a file of unknown language only with itself."""
    return language or f"?{file}"


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
    # Glossary matches of the file's sources, found in one pass; sources without any are left
    # out. None: not worked out, each entry's source is matched when it is checked.
    terms: Mapping[str, Sequence[Match]] | None = None

    def matches(self, source: str) -> Sequence[Match]:
        """The glossary terms in ``source``: from :attr:`terms` when worked out, else found now."""
        if self.terms is None:
            return find_terms(self.glossary, source)
        found = self.terms.get(source)
        return find_terms(self.glossary, source) if found is None else found

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
    # The catalog's own code resolves per term (zh_TW, else zh_Hant), as drafting does.
    language = ctx.language if is_known_language(ctx.language) else ctx.term_language
    language = language or "und"
    for label, source, text in _forms(entry, ctx):
        seen: set[str] = set()
        for match in ctx.matches(source):
            term = match.term
            if term.id in seen or not (term.dnt or ctx.term_language):
                continue
            seen.add(term.id)
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
    group = consistency_group(ctx.language, ctx.file)
    first = ctx.consistency.by_source.get((group, entry.msgctxt, entry.msgid))
    if first and first[:2] != here and first[2] != entry.msgstr:
        message = f"translated as “{entry.msgstr}” here but “{first[2]}” at {first[0]}:{first[1]}"
        yield ctx.finding(entry, "inconsistent-translation", message)
    other = ctx.consistency.by_target.get((group, entry.msgctxt, entry.msgstr))
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


def check_script(entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
    """Simplified-only characters in a Traditional catalog, and the reverse (zh, zh_TW, zh_HK)."""
    script = chinese_script(ctx.language)
    for label, _, text in _forms(entry, ctx) if script else ():
        for problem in script_problems(text, script):
            yield ctx.finding(entry, "script-mismatch", label + problem)


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
    "script-mismatch": Rule(
        "error", "characters of the other Chinese script (Simplified vs Traditional)", check_script
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
        "script-mismatch",
    }
)
DEFAULT_SEVERITIES: dict[str, str] = {rule_id: rule.severity for rule_id, rule in RULES.items()}
#: Every check once, in registry order (one check may report several rule ids).
CHECKS: tuple[EntryCheck, ...] = tuple(dict.fromkeys(rule.check for rule in RULES.values()))


def applicable(entry: Entry, ctx: CheckContext) -> Sequence[EntryCheck]:
    """The checks that can report something at ``entry``, in :data:`CHECKS` order.

    Each test is its check's own early exit, taken before the call (no translation: only
    untranslated and fuzzy; no digit in the source: no number-mismatch; no glossary term: no
    glossary rule ...), so the findings are those of every check on every entry; the checker's
    tests compare the two on hostile catalogs. Plural entries are rare and get every check.
    """
    if entry.msgid_plural is not None:
        return CHECKS
    msgid, msgstr, flags = entry.msgid, entry.msgstr, entry.flags
    fuzzy = "fuzzy" in flags
    if not msgstr:
        return (check_untranslated, check_fuzzy) if fuzzy else (check_untranslated,)
    checks: list[EntryCheck] = []
    if not fuzzy and ("\n" in msgid or "\n" in msgstr):
        checks.append(check_entry_syntax)
    if ctx.terms is None or msgid in ctx.terms:
        checks.append(check_glossary)
    if may_have_numbers(msgid):
        checks.append(check_numbers)
    if flags and any(flag.endswith("-format") and not flag.startswith("no-") for flag in flags):
        checks.append(check_placeholders)
    if may_have_markup(msgid) or may_have_markup(msgstr):
        checks.append(check_markup)
    shared = ctx.consistency.shared
    if not fuzzy and (shared is None or (ctx.file, entry.line) in shared):
        checks.append(check_consistency)
    if chinese_script(ctx.language):
        checks.append(check_script)
    if fuzzy:
        checks.append(check_fuzzy)
    return checks


def configured_severities(
    configured: Iterable[tuple[str, str, int]], config: str
) -> dict[str, str]:
    """``check.severity`` of locpipe.yaml as rule → level; an unknown rule id is a ConfigError.

    The config reader keeps each entry's line but does not know the rules; the registry does.
    """
    levels: dict[str, str] = {}
    for rule, level, line in configured:
        if rule not in RULES:
            hint = did_you_mean(rule, RULES, "check.severity.")
            raise ConfigError(f"unknown key 'check.severity.{rule}'{hint}", config, line)
        levels[rule] = level
    return levels
