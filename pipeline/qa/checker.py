"""Run the registered check rules over PO files given as bytes: the pure core of ``locpipe check``.

A catalog that cannot be decoded or parsed, or whose header ``msgfmt -c`` would reject, becomes an
``invalid-po`` finding with its line: a broken file is a finding (exit 1), not an input error.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

from pipeline.catalog import collector_paused, parse_po
from pipeline.core import (
    Catalog,
    Entry,
    InputError,
    decode_text,
    is_known_language,
    resolve,
)
from pipeline.glossary import Glossary, Match, find_terms_many
from pipeline.qa.rules import (
    CHECKS,
    DEFAULT_SEVERITIES,
    OFF,
    RULES,
    CheckContext,
    Consistency,
    Finding,
    applicable,
    consistency_group,
    lower_severity,
)
from pipeline.qa.text import header_problems, language_from_path

_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_HEADER_MSGID = re.compile(r'^msgid\s+""\s*$', re.MULTILINE)


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
    active: tuple[Entry, ...] = ()  # the catalog's active entries, listed once


def check_catalogs(
    sources: Sequence[tuple[str, bytes]],
    glossary: Glossary | None = None,
    severities: Mapping[str, str] | None = None,
    *,
    every_check: bool = False,
) -> CheckResult:
    """Check PO files given as (shown name, content) pairs; the pure core of ``locpipe check``.

    Each entry gets only the checks that can find something there (:func:`rules.applicable`)
    and glossary terms are found for all sources in one pass. ``every_check`` runs every check
    on every entry, each matching its own terms: the reference the fast path is tested against.
    """
    with collector_paused():
        return _check_catalogs(sources, glossary, severities, every_check)


def _check_catalogs(
    sources: Sequence[tuple[str, bytes]],
    glossary: Glossary | None,
    severities: Mapping[str, str] | None,
    every_check: bool,
) -> CheckResult:
    glossary = glossary or Glossary(terms=())
    levels = {**DEFAULT_SEVERITIES, **(severities or {})}
    loaded = [_load(name, data, levels) for name, data in sources]
    consistency = _consistency(loaded, shared=not every_check)
    terms = None if every_check else _term_matches(glossary, loaded)
    term_languages = _term_languages(glossary)
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
            terms=terms,
        )
        entries += len(item.active)
        for entry in item.active:
            for check in CHECKS if every_check else applicable(entry, ctx):
                findings.extend(check(entry, ctx))
    kept = tuple(f for f in findings if f.severity != OFF)
    names = tuple(item.name for item in loaded)
    return CheckResult(kept, names, entries, tuple(item.language for item in loaded))


def _term_matches(glossary: Glossary, loaded: Sequence[_Loaded]) -> dict[str, list[Match]]:
    """Glossary matches of every distinct source of every file, found in one pass."""
    if not glossary.terms:
        return {}
    sources = [entry.msgid for item in loaded for entry in item.active]
    sources += [
        e.msgid_plural for item in loaded for e in item.active if e.msgid_plural is not None
    ]
    sources = list(dict.fromkeys(sources))
    found = find_terms_many(glossary, sources)
    return {text: matches for text, matches in zip(sources, found, strict=True) if matches}


def check_entry(
    entry: Entry,
    language: str,
    glossary: Glossary,
    severities: Mapping[str, str] | None = None,
) -> list[Finding]:
    """The content findings one entry would get in a catalog of ``language`` (no file context).

    What reuse asks before approving a translation: every rule but the review-state ones
    (untranslated, fuzzy) and the cross-file one (inconsistent-translation).
    """
    levels = {**DEFAULT_SEVERITIES, **(severities or {})}
    ctx = CheckContext(
        file="",
        language=language,
        term_language=_glossary_key(language, _term_languages(glossary)),
        glossary=glossary,
        severities=levels,
    )
    skipped = {"untranslated", "fuzzy", "inconsistent-translation"}
    checks = dict.fromkeys(rule.check for rule_id, rule in RULES.items() if rule_id not in skipped)
    found = [finding for check in checks for finding in check(entry, ctx)]
    return [f for f in found if f.severity != OFF and f.rule not in skipped]


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
    return _Loaded(name, catalog, language.strip(), nplurals, tuple(findings), catalog.active)


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


def _consistency(loaded: Sequence[_Loaded], shared: bool = True) -> Consistency:
    """Index the first holder of each reviewed source and translation met more than once.

    A text met once has only itself to agree with. With ``shared``, also the entries that are
    not the first holder of their source or their translation: the only ones the consistency
    rule can report.
    """
    reviewed = [(item, _reviewed(item.active)) for item in loaded]
    # Counting runs in C; only texts met twice are indexed, entry by entry, below.
    every = list(chain.from_iterable(entries for _, entries in reviewed))
    twice = _met_twice(map(attrgetter("msgid"), every), len(every))
    twice_translated = _met_twice(map(attrgetter("msgstr"), every), len(every))
    by_source: dict[tuple[str, str | None, str], tuple[str, int, str]] = {}
    by_target: dict[tuple[str, str | None, str], tuple[str, int, str]] = {}
    seen_elsewhere: set[tuple[str, int]] = set()
    for item, entries in reviewed if twice or twice_translated else ():
        group = consistency_group(item.language, item.name)
        for entry in entries:
            here = (item.name, entry.line)
            if entry.msgid in twice:
                first = (*here, entry.msgstr)
                if by_source.setdefault((group, entry.msgctxt, entry.msgid), first) is not first:
                    seen_elsewhere.add(here)
            if entry.msgstr in twice_translated:
                other = (*here, entry.msgid)
                if by_target.setdefault((group, entry.msgctxt, entry.msgstr), other) is not other:
                    seen_elsewhere.add(here)
    return Consistency(by_source, by_target, seen_elsewhere if shared else None)


def _reviewed(entries: Sequence[Entry]) -> list[Entry]:
    """``entry.reviewed`` spelled out (no properties): this runs once per entry of every file."""
    return [e for e in entries if e.msgstr and e.msgid_plural is None and "fuzzy" not in e.flags]


def _met_twice(texts: Iterable[str], count: int) -> set[str]:
    """The texts that occur more than once among ``count`` texts (a set first: mostly none)."""
    listed = list(texts)
    if len(set(listed)) == count:
        return set()
    return {text for text, times in Counter(listed).items() if times > 1}
