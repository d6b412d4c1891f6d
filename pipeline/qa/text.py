"""The text analyses behind the check rules: number messages, PO headers, catalog languages.

Pure functions returning problem messages; :mod:`pipeline.qa.rules` turns them into findings.
Numbers, placeholders and markup themselves live in ``pipeline.core`` (one home, shared with
drafting; docs/architecture.md#concepts).
"""

from __future__ import annotations

import codecs
import gettext
import re
from functools import lru_cache

from pipeline.core import (
    SIMPLIFIED,
    TRADITIONAL,
    Catalog,
    foreign_characters,
    is_known_language,
    missing_numbers,
    resolve,
    show_numbers,
    source_numbers,
)

_SCRIPT_NAMES = {SIMPLIFIED: "Simplified", TRADITIONAL: "Traditional"}


@lru_cache(maxsize=64)
def chinese_script(code: str) -> str:
    """``Hans`` or ``Hant`` for a Chinese catalog language (zh_TW → Hant); "" for any other."""
    if not is_known_language(code):
        return ""
    language = resolve(code)
    return language.script if language.language in ("zh", "yue") else ""


def script_problems(text: str, script: str) -> list[str]:
    """Characters only the other Chinese script writes (集装箱 in a zh_TW catalog: 装)."""
    foreign = foreign_characters(text, script)
    if not foreign:
        return []
    other = _SCRIPT_NAMES[SIMPLIFIED if script == TRADITIONAL else TRADITIONAL]
    shown = " ".join(foreign)
    return [f"{other}-only characters in a {_SCRIPT_NAMES[script]} catalog: {shown}"]


def number_problems(source: str, translation: str, formatted: bool = False) -> list[str]:
    """Numbers of ``source`` that ``translation`` lacks, tolerant of script and grouping."""
    numbers = source_numbers(source, formatted)
    if not numbers:
        return []  # most sentences have no number: decided without reading the translation
    missing, found = missing_numbers(numbers, translation, formatted)
    if not missing:
        return []
    seen = show_numbers(found) or "none"
    return [
        f"number {number.shown} is missing from the translation (numbers found: {seen})"
        for number in missing
    ]


# --- PO header and language -----------------------------------------------------------------------

_HEADER_FIELDS = {
    "Project-Id-Version": "PACKAGE VERSION",
    "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
    "Language-Team": "LANGUAGE <LL@li.org>",
    "MIME-Version": None,
    "Content-Type": "text/plain; charset=CHARSET",
    "Content-Transfer-Encoding": None,
    "Language": None,
}
_PLURAL_FORMS = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*")


def header_problems(catalog: Catalog) -> tuple[list[str], list[str], int | None]:
    """What ``msgfmt -c`` says about a header: errors, warnings, and ``nplurals`` if valid."""
    errors: list[str] = []
    warnings: list[str] = []
    if not catalog.header:
        warnings.append('PO file header missing or invalid (no msgid "" entry)')
    charset = re.search(r"charset=([^\s;]+)", catalog.header_value("Content-Type") or "")
    if catalog.header and not charset:
        errors.append("Content-Type has no charset; add 'Content-Type: text/plain; charset=UTF-8'")
    elif charset and not _known_charset(charset.group(1)):
        errors.append(f"charset '{charset.group(1)}' is not a known encoding name")
    nplurals, plural_errors = _plural_forms(catalog)
    errors.extend(plural_errors)
    if catalog.header:
        missing = [key for key in _HEADER_FIELDS if catalog.header_value(key) is None]
        defaults = [k for k, v in _HEADER_FIELDS.items() if v and catalog.header_value(k) == v]
        if missing:
            warnings.append(f"header fields missing: {', '.join(missing)}")
        if defaults:
            warnings.append(f"header fields still hold the template default: {', '.join(defaults)}")
    return errors, warnings, nplurals


def _known_charset(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


def _plural_forms(catalog: Catalog) -> tuple[int | None, list[str]]:
    """``nplurals`` from the header and what is wrong with Plural-Forms, as msgfmt checks it."""
    value = catalog.header_value("Plural-Forms")
    if value is None:
        if any(entry.msgid_plural is not None for entry in catalog.active):
            return None, ["entries use msgid_plural but the header has no Plural-Forms field"]
        return None, []
    match = _PLURAL_FORMS.fullmatch(value)
    if not match:
        return None, [
            f"bad Plural-Forms '{value}': expected 'nplurals=INTEGER; plural=EXPRESSION;'"
        ]
    nplurals, expression = int(match.group(1)), match.group(2)
    if nplurals < 1:
        return None, [f"invalid nplurals value {nplurals} in Plural-Forms"]
    try:
        plural = gettext.c2py(expression)  # the stdlib's checked C-expression translator
        largest = max(plural(n) for n in range(1001))
    except (ValueError, ZeroDivisionError, RecursionError):
        return nplurals, [f"bad plural expression '{expression}' in Plural-Forms"]
    if largest >= nplurals:
        message = (
            f"nplurals = {nplurals} but plural expression can produce values as large as {largest}"
        )
        return nplurals, [message]
    return nplurals, []


def language_from_path(name: str) -> str:
    """``<lang>/LC_MESSAGES/x.po`` or ``<lang>.po``; "" when the path names no language."""
    parts = re.split(r"[\\/]", name)
    if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
        return parts[-3]
    stem = parts[-1].rsplit(".", 1)[0]
    return stem if stem and is_known_language(stem) else ""
