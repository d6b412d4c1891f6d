"""Derived variants: Traditional drafts converted from reviewed Simplified (docs/language-variants.md).

The only module importing OpenCC (the ``opencc`` package, ``locpipe[variants]``), lazily. For
each reviewed entry of the source language whose entry in the variant is untranslated, the
reviewed text is converted (``s2twp`` for zh → zh_TW) and written as a fuzzy draft with
``#. opencc: s2twp from zh``. Glossary terms are protected before conversion and replaced by
the variant's own target (``zh_TW:`` or ``zh_Hant:``), so 中国人民大学 becomes 中國人民大學 as
the glossary says and not whatever a mechanical conversion gives.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from pipeline.core import Catalog, ConfigError, Derivation, Entry
from pipeline.glossary import Glossary, find_terms
from pipeline.mt.notes import arrange_notes, needs_draft

# Private-use characters stand in for protected terms: OpenCC passes them through unchanged.
_TOKEN_BASE = 0xE000


@dataclass(frozen=True)
class DerivedCatalog:
    """One variant catalog after derivation, and how many entries were derived."""

    catalog: Catalog
    derived: int


@lru_cache(maxsize=8)
def _converter(conversion: str) -> Any:
    try:
        import opencc
    except ImportError:
        message = (
            f"deriving with OpenCC '{conversion}' needs the opencc package: "
            "pip install 'locpipe[variants]'"
        )
        raise ConfigError(message) from None
    return opencc.OpenCC(f"{conversion}.json")


def convert_text(text: str, conversion: str) -> str:
    """Text converted by an OpenCC configuration (``s2twp``: Simplified → Taiwan, with phrases)."""
    return str(_converter(conversion).convert(text))


def derive_text(msgid: str, reviewed: str, glossary: Glossary, derivation: Derivation) -> str:
    """Convert one reviewed translation, with the variant's glossary targets overriding OpenCC."""
    overrides: list[tuple[str, str]] = []
    protected = reviewed
    seen: set[str] = set()
    for match in find_terms(glossary, msgid):
        term = match.term
        variant = term.target(derivation.language)
        if term.dnt or term.id in seen or not variant:
            continue
        seen.add(term.id)
        forms = term.target(derivation.source)
        for form in sorted(forms, key=len, reverse=True):
            if form not in protected:
                continue
            converted = convert_text(form, derivation.opencc)
            # The preferred source form gets the preferred variant form; another accepted form
            # (RCEP for the full name) stays the translator's choice when its conversion is
            # accepted in the variant too.
            keep = form != forms[0] and converted in variant
            chosen = converted if keep else variant[0]
            token = chr(_TOKEN_BASE + len(overrides))
            protected = protected.replace(form, token)
            overrides.append((token, chosen))
    text = convert_text(protected, derivation.opencc)
    for token, form in overrides:
        text = text.replace(token, form)
    return text


def derive_catalog(
    variant: Catalog, source: Catalog, glossary: Glossary, derivation: Derivation
) -> DerivedCatalog:
    """Fill the variant's untranslated entries from the source catalog's reviewed ones."""
    reviewed = {
        entry.key: entry
        for entry in source.entries
        if entry.reviewed and not entry.obsolete and entry.msgid_plural is None
    }
    note = f"opencc: {derivation.opencc} from {derivation.source}"
    entries: list[Entry] = []
    derived = 0
    for entry in variant.entries:
        found = reviewed.get(entry.key) if needs_draft(entry) else None
        if found is None:
            entries.append(entry)
            continue
        derived += 1
        text = derive_text(entry.msgid, found.msgstr, glossary, derivation)
        flags = ("fuzzy", *(flag for flag in entry.flags if flag != "fuzzy"))
        extracted = arrange_notes(entry.extracted, (note,))
        entries.append(replace(entry, msgstr=text, flags=flags, extracted=extracted))
    if not derived:
        return DerivedCatalog(variant, 0)
    return DerivedCatalog(replace(variant, entries=tuple(entries)), derived)
