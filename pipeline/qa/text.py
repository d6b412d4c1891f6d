"""The text analyses behind the check rules: numbers, placeholders, markup, PO headers.

Pure functions returning problem messages; :mod:`pipeline.qa.rules` turns them into findings.
Kept apart so that the rule module stays under the size STYLE.md asks for.
"""

from __future__ import annotations

import codecs
import gettext
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from pipeline.core import Catalog, is_known_language

# --- numbers ------------------------------------------------------------------------------------

_SCALES = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
# English sources: "1,000", "3.5 million", "50th", "1990s"; not the 7 in "G7" or a version "v2".
_SOURCE_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:\s?(thousand|million|billion|trillion|bn|tn|m|k)\b)?",
    re.IGNORECASE,
)
_CJK_DIGITS = dict(
    zip("〇零一二三四五六七八九两兩", (0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 2, 2), strict=True)
)
_CJK_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CJK_LARGE = {"万": 10**4, "萬": 10**4, "億": 10**8, "亿": 10**8, "兆": 10**12}
_CJK_CHARS = "".join([*_CJK_DIGITS, *_CJK_SMALL, *_CJK_LARGE])
_TARGET_TOKEN = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{_CJK_CHARS}]"
_TARGET_RUN = re.compile(rf"(?<![\d.])(?:{_TARGET_TOKEN})+")
_TOKEN = re.compile(_TARGET_TOKEN)
# Other target languages group thousands with dots, spaces or apostrophes: "1.000", "1 000".
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[. \u00a0\u202f'’]\d{3})+(?![\d])")
_DIGIT = re.compile(r"\d")
_FORMAT_TOKEN = re.compile(r"%(?:\d+\$|\([^)]*\))?[-#0 +']*\d*(?:\.\d+)?[a-zA-Z]|\{[^{}]*\}")


def number_problems(source: str, translation: str, formatted: bool = False) -> list[str]:
    """Numbers of ``source`` that ``translation`` lacks, tolerant of script and grouping."""
    if not _DIGIT.search(source):
        return []  # the common case, decided without parsing the translation
    if formatted:  # "%1$s" and "{0}" are placeholders, not numbers
        source = _FORMAT_TOKEN.sub(" ", source)
        translation = _FORMAT_TOKEN.sub(" ", translation)
    wanted = source_numbers(source)
    if not wanted:
        return []
    found = target_numbers(translation)
    problems = []
    for shown, values in wanted:
        if not values & found:
            seen = ", ".join(sorted({_show(v) for v in found}, key=_numeric)) or "none"
            problems.append(
                f"number {shown} is missing from the translation (numbers found: {seen})"
            )
    return problems


def source_numbers(text: str) -> list[tuple[str, set[Decimal]]]:
    """Each number in an English text as written, with the values a translation may show."""
    numbers: list[tuple[str, set[Decimal]]] = []
    for match in _SOURCE_NUMBER.finditer(text):
        value = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
        values = {value}
        if match.group(3):
            values.add(value * _SCALES[match.group(3).lower()])
        if not any(values == known for _, known in numbers):
            numbers.append((match.group(0).strip(), values))
    return numbers


def target_numbers(text: str) -> set[Decimal]:
    """Every number value in a translation: Arabic, full-width, CJK numerals, 2万 = 20000."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    runs = (Decimal(run) if run.isdigit() else _cjk_value(run) for run in _TARGET_RUN.findall(text))
    values = {value for value in runs if value is not None}
    values.update(Decimal(re.sub(r"\D", "", m.group(0))) for m in _GROUPED.finditer(text))
    return values


def _cjk_value(run: str) -> Decimal | None:
    """Value of a run like 五十, 二〇二二, 1億2000万 or 3.5万 (units multiply, digits join)."""
    total = section = current = Decimal(0)
    previous_digit = False
    for token in _TOKEN.findall(run):
        if token in _CJK_SMALL:
            section += (current or 1) * _CJK_SMALL[token]
            current, previous_digit = Decimal(0), False
        elif token in _CJK_LARGE and not (section or current) and total:
            total *= _CJK_LARGE[token]  # 万亿 = 10^12: a unit right after a unit multiplies it
            previous_digit = False
        elif token in _CJK_LARGE:
            total += (section + current) * _CJK_LARGE[token]
            section = current = Decimal(0)
            previous_digit = False
        else:
            try:
                digit = Decimal(_CJK_DIGITS.get(token, token.replace(",", "")))
            except InvalidOperation:
                return None
            # 二〇二二 is read digit by digit, as Chinese writes years.
            current = current * 10 + digit if previous_digit and token in _CJK_DIGITS else digit
            previous_digit = token in _CJK_DIGITS
    return total + section + current


def _numeric(shown: str) -> tuple[int, str]:
    # Shorter first, then by text: a set's order is random between runs, output must not be.
    return len(shown), shown


def _show(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


# --- format placeholders ------------------------------------------------------------------------

_PRINTF = re.compile(
    r"%(?:(?P<position>\d+)\$)?(?:\((?P<name>[^)]*)\))?[-#0 +'I]*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?(?P<conversion>[diouxXeEfFgGaAcsSpnr%])"
)
_BRACE = re.compile(r"\{\{|\}\}|\{(?P<field>[^{}]*)\}")
_COMPATIBLE = ({"d", "i", "u"}, {"x", "X"}, {"e", "E", "f", "F", "g", "G"})
_BRACE_KINDS = ("python-brace-format", "c++-format")


def format_problems(kind: str, source: str, translation: str, plural: bool = False) -> list[str]:
    """Placeholder problems for an entry flagged ``kind`` (c-format, python-format ...).

    Plural translations may leave a placeholder out (one form can cover a single count, as
    msgfmt allows); they may never add one or change its type.
    """
    if kind in _BRACE_KINDS:
        return _compare_named(_brace(source), _brace(translation), plural, "{%s}")
    source_named, source_positional = _printf(source)
    named, positional = _printf(translation)
    if source_named or named:
        return _compare_named(source_named, named, plural, "%%(%s)")
    return _compare_positional(source_positional, positional, plural)


def _printf(text: str) -> tuple[dict[str, str], list[str]]:
    """Named placeholders (name → conversion) and positional conversions in argument order."""
    named: dict[str, str] = {}
    numbered: dict[int, str] = {}
    sequence: list[str] = []
    for match in _PRINTF.finditer(text):
        conversion = match.group("conversion")
        if conversion == "%":
            continue
        if match.group("name") is not None:
            named[match.group("name")] = conversion
        elif match.group("position"):
            numbered[int(match.group("position"))] = conversion
        else:
            sequence.append(conversion)
    if numbered:
        sequence += [numbered[k] for k in sorted(numbered)]
    return named, sequence


def _brace(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    auto = 0
    for match in _BRACE.finditer(text):
        field = match.group("field")
        if field is None:
            continue
        name = re.split(r"[:!.\[]", field, maxsplit=1)[0]
        if not name:
            name, auto = str(auto), auto + 1
        fields[name] = ""
    return fields


def _compatible(first: str, second: str) -> bool:
    return first == second or any(first in group and second in group for group in _COMPATIBLE)


def _compare_named(
    source: dict[str, str], target: dict[str, str], plural: bool, shape: str
) -> list[str]:
    problems = []
    for name, conversion in target.items():
        if name not in source:
            problems.append(f"unknown placeholder {shape % name} (not in the source)")
        elif not _compatible(source[name], conversion):
            message = f"incompatible format for placeholder {shape % name}: '{source[name]}' and '{conversion}' are not compatible"
            problems.append(message)
    if not plural:
        problems += [
            f"placeholder {shape % name} is missing from the translation"
            for name in source
            if name not in target
        ]
    return problems


def _compare_positional(source: list[str], target: list[str], plural: bool) -> list[str]:
    if len(source) != len(target) and not (plural and len(target) < len(source)):
        shown_source = ", ".join(f"%{c}" for c in source) or "none"
        shown_target = ", ".join(f"%{c}" for c in target) or "none"
        return [
            f"the source has {len(source)} placeholder(s) ({shown_source}) but the translation has {len(target)} ({shown_target})"
        ]
    return [
        f"incompatible format for placeholder {index}: '{first}' and '{second}' are not compatible"
        for index, (first, second) in enumerate(zip(source, target, strict=False), 1)
        if not _compatible(first, second)
    ]


# --- inline markup ------------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_LINK_TARGET = re.compile(r"\]\(\s*([^()\s]+)[^()]*\)|\b(?:href|src)\s*=\s*[\"']([^\"']*)[\"']")
_CODE = re.compile(r"(`+)(.+?)\1")
# reStructuredText references: `text <url>`_ keeps its URL; `text`_ is translatable text.
_RST_REFERENCE = re.compile(r"`([^`<]*)(?:<([^<>`]+)>)?`__?")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def markup_problems(source: str, translation: str) -> list[str]:
    """Tags, link targets, code spans and strong emphasis that differ between the two texts."""
    if not _may_have_markup(source) and not _may_have_markup(translation):
        return []
    source, translation = _rst_targets(source), _rst_targets(translation)
    problems = []
    for what, extract in (
        ("tag", _tags),
        ("link target", _links),
        ("code span", _code),
        ("emphasis marker", _emphasis),
    ):
        wanted, found = extract(source), extract(translation)
        for item in sorted((wanted - found).elements()):
            problems.append(f"{what} {item} is missing from the translation")
        for item in sorted((found - wanted).elements()):
            problems.append(f"{what} {item} is not in the source")
    return problems


def _rst_targets(text: str) -> str:
    """Replace reStructuredText references by their bare URL, as a Markdown link target."""
    return _RST_REFERENCE.sub(lambda m: f"]({m.group(2).strip()})" if m.group(2) else " ", text)


def _may_have_markup(text: str) -> bool:
    return "<" in text or "`" in text or "](" in text or "**" in text or "__" in text


def _tags(text: str) -> Counter[str]:
    return Counter(f"<{m.group(1)}{m.group(2).lower()}{m.group(3)}>" for m in _TAG.finditer(text))


def _links(text: str) -> Counter[str]:
    return Counter(m.group(1) or m.group(2) for m in _LINK_TARGET.finditer(text))


def _code(text: str) -> Counter[str]:
    return Counter(f"`{m.group(2)}`" for m in _CODE.finditer(text))


def _emphasis(text: str) -> Counter[str]:
    return Counter(m.group(1) for m in _STRONG.finditer(text))


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
_TRADITIONAL_REGIONS = frozenset({"TW", "HK", "MO"})


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


def resolve_language(code: str, term_languages: Mapping[str, str]) -> str | None:
    """The glossary key for a PO ``Language`` (keys given lowercased with underscores).

    zh_CN / zh_Hans → zh and ja_JP → ja; zh_TW / zh_Hant only to a Traditional key, never to
    plain zh, which the glossary writes in Simplified characters (DESIGN §5).
    """
    parts = [part for part in re.split(r"[-_@.]", code.strip()) if part]
    if not parts:
        return None
    base = parts[0].lower()
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    region = next((p.upper() for p in parts[1:] if len(p) in (2, 3) and p.isalnum()), None)
    if base == "zh" and script is None:
        script = "Hant" if region in _TRADITIONAL_REGIONS else "Hans"
    candidates = [f"{base}_{script}" if script else "", f"{base}_{region}" if region else ""]
    if base != "zh" or script == "Hans":
        candidates.append(base)
    keys = (candidate.lower() for candidate in candidates if candidate)
    return next((term_languages[key] for key in keys if key in term_languages), None)
