"""Catalog update with GNU msgmerge semantics: keep reviewed work, fuzzy-match edits, obsolete the rest.

Mirrors ``msgmerge --previous`` (gettext 0.21): exact (msgctxt, msgid) matches keep their
translation; otherwise the most similar old entry with a translation (active, fuzzy or obsolete,
any context) above msgmerge's threshold becomes a fuzzy suggestion with ``#| msgid``; old
entries used by neither become obsolete, and untranslated ones that nobody used are dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.core import Catalog, Entry

#: Header fields msgmerge copies from the new template into the old header.
_TEMPLATE_HEADER_FIELDS = ("Report-Msgid-Bugs-To", "POT-Creation-Date")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def merge_catalog(old: Catalog, template: Catalog) -> Catalog:
    """Update ``old`` (a PO catalog) to a freshly extracted ``template`` (a POT catalog)."""
    nplurals = _nplurals(old.header)
    exact: dict[tuple[str | None, str], int] = {}
    for index, entry in enumerate(old.entries):
        # An active entry wins over an obsolete one with the same key, as msgmerge's lookup.
        if entry.key not in exact or old.entries[exact[entry.key]].obsolete > entry.obsolete:
            exact[entry.key] = index
    finder = None
    used = [False] * len(old.entries)
    merged: list[Entry] = []
    refs = [
        e for e in template.entries if not (e.obsolete or (e.msgid == "" and e.msgctxt is None))
    ]
    matches = [exact.get(ref.key) for ref in refs]
    for number, (ref, found) in enumerate(zip(refs, matches, strict=True)):
        fuzzy = found is None
        if found is None and old.entries:
            if finder is None:
                # Imported here: rapidfuzz (~8 ms) loads only when an entry has no exact match.
                from pipeline.catalog.fuzzy import FuzzyFinder

                finder = FuzzyFinder(old.entries)
            found = finder.find(ref.msgctxt, ref.msgid, _neighbours(matches, number))
        if found is None:
            merged.append(_untranslated(ref, nplurals))
            continue
        matches[number] = found
        used[found] = True
        merged.append(_merge_entry(old.entries[found], ref, fuzzy, nplurals))
    leftovers = [
        _obsolete(entry)
        for entry, was_used in zip(old.entries, used, strict=True)
        if not was_used and _has_translation(entry)
    ]
    return Catalog(
        header=_merge_header(old, template),
        entries=tuple(merged + leftovers),
        header_comment=old.header_comment or template.header_comment,
        header_fuzzy=old.header_fuzzy,
    )


def _neighbours(matches: list[int | None], number: int) -> tuple[int, ...]:
    """Old entries where an edited sentence most likely was: beside its neighbours' matches."""
    guesses = []
    if number > 0 and (before := matches[number - 1]) is not None:
        guesses.append(before + 1)
    if number + 1 < len(matches) and (after := matches[number + 1]) is not None:
        guesses.append(after - 1)
    return tuple(dict.fromkeys(guesses))


def _merge_entry(old: Entry, ref: Entry, force_fuzzy: bool, nplurals: int) -> Entry:
    """msgmerge's message_merge: msgstr, comments and fuzziness from old; the rest from ref."""
    fuzzy = old.fuzzy or force_fuzzy or old.msgid_plural != ref.msgid_plural
    msgstr, forms = old.msgstr, old.msgstr_plural
    if ref.msgid_plural is not None and old.msgid_plural is None:
        msgstr, forms = "", (old.msgstr,) * max(nplurals, 1)
    elif ref.msgid_plural is None and old.msgid_plural is not None:
        msgstr, forms = (old.msgstr_plural[:1] or ("",))[0], ()
    # The previous msgid is the source the translation was made from: for a fuzzy old entry
    # that is its own previous msgid, for a reviewed one its msgid.
    if old.fuzzy:
        previous = (old.previous_msgctxt, old.previous_msgid, old.previous_msgid_plural)
    else:
        previous = (old.msgctxt, old.msgid, old.msgid_plural)
    translated = bool(msgstr or (forms and forms[0]))
    if not fuzzy or not translated:
        previous = (None, None, None)
    flags = tuple(flag for flag in ref.flags if flag != "fuzzy")
    return Entry(
        msgid=ref.msgid,
        msgstr=msgstr,
        msgctxt=ref.msgctxt,
        msgid_plural=ref.msgid_plural,
        msgstr_plural=forms,
        flags=("fuzzy", *flags) if fuzzy else flags,
        comments=old.comments,
        extracted=ref.extracted,
        refs=ref.refs,
        previous_msgctxt=previous[0],
        previous_msgid=previous[1],
        previous_msgid_plural=previous[2],
    )


def _untranslated(ref: Entry, nplurals: int) -> Entry:
    """A template entry with no old counterpart, plural forms sized for the language."""
    forms = ("",) * max(nplurals, 1) if ref.msgid_plural is not None else ()
    return replace(ref, msgstr="", msgstr_plural=forms, obsolete=False, line=0)


def _obsolete(entry: Entry) -> Entry:
    """An unused old entry kept as ``#~``; msgmerge clears its extracted comments and refs."""
    return replace(entry, obsolete=True, extracted=(), refs=(), line=0)


def _has_translation(entry: Entry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural)


def _nplurals(header: tuple[tuple[str, str], ...]) -> int:
    """nplurals from Plural-Forms; 2 when absent, as gettext assumes."""
    for name, value in header:
        if name == "Plural-Forms":
            match = _NPLURALS.search(value)
            if match:
                return int(match.group(1))
    return 2


def _merge_header(old: Catalog, template: Catalog) -> tuple[tuple[str, str], ...]:
    """The old header, with the template's POT-Creation-Date and bug address (as msgmerge)."""
    if not old.header:
        return template.header
    header = list(old.header)
    for name in _TEMPLATE_HEADER_FIELDS:
        value = template.header_value(name)
        if value is None:
            continue
        names = [key for key, _ in header]
        if name in names:
            header[names.index(name)] = (name, value)
        else:
            header.append((name, value))
    return tuple(header)
