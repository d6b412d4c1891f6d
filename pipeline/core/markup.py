"""Inline markup and placeholders: what MT must not touch, what segmentation must not cut, and
the parity checks that compare a translation's markup and format placeholders with its source.

One home for the code-span pattern and friends, shared by segmentation, drafting and check
(docs/architecture.md#concepts).
"""

from __future__ import annotations

import re
from collections import Counter

#: A Markdown code span: a run of backticks, the code, the same run again.
CODE_SPAN = r"(?P<fence>`+)(?P<code>.+?)(?P=fence)"

# --- spans that segmentation and MT leave alone --------------------------------------------------

# Whole inline Markdown constructs a sentence split must not cut, so each unit keeps its markup
# balanced: code spans, whole links and images, emphasis runs, autolinks and inline HTML tags.
_INLINE = re.compile(
    CODE_SPAN
    + r"|!?\[[^\]]*\]\([^)]*\)"
    + r"|(?P<run>\*{1,3}|_{1,3})(?=\S).+?(?<=\S)(?P=run)"
    + r"|<[^>\s]+>"
)

#: How MT sees a protected span: an opaque numbered token it should copy.
PLACEHOLDER = "⟦{}⟧"
PLACEHOLDER_TOKEN = re.compile(r"⟦\d+⟧")

# What MT must not touch. Underscored words are protected too: argos's decoder turns every
# "_" into a space, so "snake_case" would not survive a round trip.
_PROTECTED = re.compile(
    CODE_SPAN
    + r"|<[^>\s]+>"  # autolink or inline HTML tag
    + r"|https?://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"’”]"  # bare URL
    + r"|\]\([^)\s]*\)"  # the "](url)" tail of a link or image
    + r"|!?\[(?=[^\]]*\]\()"  # the "[" or "![" opening a link or image
    + r"|[^\s\[\]()<>`]*(?:\w_\w|__)[^\s\[\]()<>`]*"  # identifiers, dunder names
    + r"|\*{1,3}"  # emphasis markers
    + r"|⟦\d+⟧"  # something that looks like our own placeholder
)


def inline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of whole inline Markdown constructs, which a sentence split must not cut."""
    return [match.span() for match in _INLINE.finditer(text)]


#: Every protected span holds one of these (or "http"; a link's "[" needs its "]"): a text
#: with none has no span.
_PROTECTED_MARKS = "`<]_*⟦"


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans of markup, code, URLs and identifiers that MT must copy unchanged."""
    if "http" not in text and not any(mark in text for mark in _PROTECTED_MARKS):
        return []  # most news sentences: decided without running the pattern over them
    return [match.span() for match in _PROTECTED.finditer(text)]


# --- format placeholders ------------------------------------------------------------------------

_PRINTF = re.compile(
    r"%(?:(?P<position>\d+)\$)?(?:\((?P<name>[^)]*)\))?[-#0 +'I]*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?(?P<conversion>[diouxXeEfFgGaAcsSpnr%])"
)
_BRACE = re.compile(r"\{\{|\}\}|\{(?P<field>[^{}]*)\}")
_FORMAT_TOKEN = re.compile(r"%(?:\d+\$|\([^)]*\))?[-#0 +']*\d*(?:\.\d+)?[a-zA-Z]|\{[^{}]*\}")
_COMPATIBLE = ({"d", "i", "u"}, {"x", "X"}, {"e", "E", "f", "F", "g", "G"})
_BRACE_KINDS = ("python-brace-format", "c++-format")


def strip_format_tokens(text: str) -> str:
    """Blank out "%1$s"- and "{0}"-style placeholders, which are not content (nor numbers)."""
    return _FORMAT_TOKEN.sub(" ", text)


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


# --- inline markup parity -----------------------------------------------------------------------

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_LINK_TARGET = re.compile(r"\]\(\s*([^()\s]+)[^()]*\)|\b(?:href|src)\s*=\s*[\"']([^\"']*)[\"']")
_CODE = re.compile(CODE_SPAN)
# reStructuredText references: `text <url>`_ keeps its URL; `text`_ is translatable text.
_RST_REFERENCE = re.compile(r"`([^`<]*)(?:<([^<>`]+)>)?`__?")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def markup_problems(source: str, translation: str) -> list[str]:
    """Tags, link targets, code spans and strong emphasis that differ between the two texts."""
    if not may_have_markup(source) and not may_have_markup(translation):
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


def may_have_markup(text: str) -> bool:
    """False when ``text`` holds none of the characters tags, links, code or emphasis need."""
    return "<" in text or "`" in text or "](" in text or "**" in text or "__" in text


def _tags(text: str) -> Counter[str]:
    return Counter(f"<{m.group(1)}{m.group(2).lower()}{m.group(3)}>" for m in _TAG.finditer(text))


def _links(text: str) -> Counter[str]:
    return Counter(m.group(1) or m.group(2) for m in _LINK_TARGET.finditer(text))


def _code(text: str) -> Counter[str]:
    return Counter(f"`{m.group('code')}`" for m in _CODE.finditer(text))


def _emphasis(text: str) -> Counter[str]:
    return Counter(m.group(1) for m in _STRONG.finditer(text))
