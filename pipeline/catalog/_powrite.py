"""PO text laid out as GNU gettext writes it, so ``msgcat`` of our output changes no byte.

The layout follows gettext's ``write-po.c`` at the default page width of 79 columns: per entry
translator comments, extracted comments, references (filled to the width), flags (fuzzy first,
then format flags in gettext's order), previous fields (``#|``, ``#~|``), then the strings, each
cut after every ``\\n`` and wrapped by display width (``_linebreak``). Obsolete entries without a
translation are dropped and an untranslated entry loses ``fuzzy``, as gettext does.
See docs/architecture.md#po-files.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from pipeline.catalog._linebreak import BREAK_PROHIBITED, line_breaks, line_breaks_many
from pipeline.catalog.bulk import collector_paused
from pipeline.core import Catalog, Entry

PAGE_WIDTH = 79
#: gettext's format languages, in the order it writes their flags (``format_language``).
FORMAT_LANGUAGES = (
    *("c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript"),
    *("scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal"),
    *("smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace"),
    *("php", "gcc-internal", "gfc-internal", "ycp"),
)
_FORMAT_RANK = {name: rank for rank, name in enumerate(FORMAT_LANGUAGES)}
_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        '"': '\\"',
        "\n": "\\n",
        "\t": "\\t",
        "\r": "\\r",
        "\a": "\\a",
        "\b": "\\b",
        "\f": "\\f",
        "\v": "\\v",
    }
)
#: Characters after which UAX #14 requires a line break: gettext's column count restarts there.
_MANDATORY = re.compile("[\u2028\u2029\x85]")
_ESCAPED = re.compile(rb"\\.")  # in escaped text every backslash starts a two-byte escape
_TO_ESCAPE = re.compile('[\\\\"\n\t\r\a\b\f\v]')  # str.translate is slow: only when needed
_PORTION = re.compile(r"[^\n]*\n|[^\n]+")
#: What makes a string more than one plain line: an escape, a newline or a mandatory break.
_SPECIAL = re.compile(f"{_TO_ESCAPE.pattern}|{_MANDATORY.pattern}")
#: Format directives gettext keeps on one line, by format flag (the common languages).
_DIRECTIVES = {
    "c-format": re.compile(
        r"%(?:\d+\$)?[-+ #0'I]*(?:\d+|\*(?:\d+\$)?)?(?:\.(?:\d+|\*(?:\d+\$)?)?)?"
        r"(?:hh|h|ll|l|L|q|j|z|Z|t)?(?:[diouxXeEfFgGaAcspnm%]|<PRI[a-zA-Z0-9]+>)"
    ),
    "python-format": re.compile(
        r"%(?:\([^)]*\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?[hlL]?[diouxXeEfFgGcrsa%]"
    ),
    "python-brace-format": re.compile(r"\{[^{}]*\}"),
}


def format_catalog(catalog: Catalog) -> str:
    """The PO text of a catalog: header entry, active entries, then obsolete entries."""
    with collector_paused():
        return _format(catalog)


def _format(catalog: Catalog) -> str:
    blocks: list[list[str]] = []
    header = _header_entry(catalog)
    if header is not None:
        blocks.append(_entry_lines(header))
    active = [e for e in catalog.entries if not e.obsolete]
    obsolete = [e for e in catalog.entries if e.obsolete and _first_msgstr(e)]
    known = _plain_layouts(active)
    blocks += [_entry_lines(e, known=known) for e in active]
    blocks += [_entry_lines(e, obsolete=True) for e in obsolete]
    if not blocks:
        return ""
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _header_entry(catalog: Catalog) -> Entry | None:
    if not (catalog.header or catalog.header_comment or catalog.header_fuzzy):
        return None
    return Entry(
        msgid="",
        msgstr="".join(f"{key}: {value}\n" for key, value in catalog.header),
        comments=tuple(catalog.header_comment.split("\n")) if catalog.header_comment else (),
        flags=("fuzzy",) if catalog.header_fuzzy else (),
    )


def _first_msgstr(entry: Entry) -> str:
    if entry.msgid_plural is not None:
        return entry.msgstr_plural[0] if entry.msgstr_plural else ""
    return entry.msgstr


def _plain_layouts(entries: list[Entry]) -> dict[str, list[int]]:
    """Where each long plain string of active entries breaks, from one libunistring call.

    Plain: nothing to escape or cut and no mandatory break (what ``_SPECIAL`` finds), in an
    entry whose strings wrap and keep no format directives whole. Such a string is laid out
    from column 0 with no overrides, exactly as :func:`wrap_string` would ask for it alone.
    """
    values: dict[str, None] = {}
    for entry in entries:
        if entry.flags and not _Style(entry).plain:
            continue
        for value in (entry.msgctxt, entry.msgid, entry.msgstr, entry.msgid_plural):
            if value and _may_not_fit(value) and _SPECIAL.search(value) is None:
                values[value] = None
        for value in entry.msgstr_plural:
            if _may_not_fit(value) and _SPECIAL.search(value) is None:
                values[value] = None
    texts = list(values)
    found = line_breaks_many([text.encode("utf-8") for text in texts], PAGE_WIDTH - 2)
    return dict(zip(texts, found, strict=True))


def _may_not_fit(value: str) -> bool:
    """Wider (at two columns a character) than the longest keyword's line leaves."""
    columns = len(value) if value.isascii() else 2 * len(value)
    return columns > PAGE_WIDTH - 2 - len("msgid_plural ")


def _entry_lines(
    entry: Entry, obsolete: bool = False, known: dict[str, list[int]] | None = None
) -> list[str]:
    """One entry; an obsolete one has its previous and string lines behind ``#~``.

    ``known`` holds the breaks of the catalog's long plain strings (:func:`_plain_layouts`).
    """
    # Most entries have no comments, flags or previous fields: skip those parts outright.
    lines = list(_comment_lines(entry)) if entry.comments or entry.extracted or entry.refs else []
    style = _PLAIN
    if entry.flags:
        flags = _flags(entry, obsolete=obsolete)
        if flags:
            lines.append("#, " + ", ".join(flags))
        style = _Style(entry)
    if _has_previous(entry):
        lines += _previous_lines(entry, "#~| " if obsolete else "#| ", style)
    plain = known if style.plain else None  # obsolete entries are given none
    lines += _string_lines(entry, "#~ " if obsolete else "", style, plain)
    return lines


def _has_previous(entry: Entry) -> bool:
    return not (
        entry.previous_msgctxt is None
        and entry.previous_msgid is None
        and entry.previous_msgid_plural is None
    )


def _comment_lines(entry: Entry) -> Iterator[str]:
    for text in entry.comments:
        for line in text.split("\n"):
            yield f"# {line}" if line else "#"
    for text in entry.extracted:
        yield f"#. {text}" if text else "#."
    if entry.refs:
        yield from _reference_lines(entry.refs)


def _reference_lines(refs: tuple[str, ...]) -> Iterator[str]:
    """``#:`` lines filled to the page width (gettext counts bytes: file names are ASCII)."""
    if len(refs) == 1 and not refs[0].startswith("./") and len(refs[0]) < PAGE_WIDTH - 3:
        yield f"#: {refs[0]}"  # the common case, without the filling below
        return
    line, column = "#:", 2
    for ref in dict.fromkeys(refs):
        while ref.startswith("./"):
            ref = ref[2:]
        width = len(ref.encode("utf-8")) + 1
        if column > 2 and column + width > PAGE_WIDTH:
            yield line
            line, column = "#:", 2
        line += " " + ref
        column += width
    yield line


def _flags(entry: Entry, obsolete: bool) -> list[str]:
    """Flags in gettext's order; fuzzy only on a translation, as gettext normalises."""
    fuzzy = "fuzzy" in entry.flags and (obsolete or bool(_first_msgstr(entry)))
    formats = sorted((f for f in entry.flags if _format_rank(f) >= 0), key=_format_rank)
    ranges = [f for f in entry.flags if f.startswith("range:")]
    others = [f for f in entry.flags if f not in ("fuzzy", "no-wrap", "wrap")]
    others = [f for f in others if f not in formats and f not in ranges]
    if obsolete:
        ranges = others = []
    no_wrap = ["no-wrap"] if "no-wrap" in entry.flags else []
    return (["fuzzy"] if fuzzy else []) + formats + ranges + no_wrap + others


def _format_rank(flag: str) -> int:
    """The place of a format flag in gettext's order; -1 for any other flag."""
    if not flag.endswith("-format"):
        return -1
    name = flag.removeprefix("no-").removeprefix("possible-")[: -len("-format")]
    return _FORMAT_RANK.get(name, -1)


class _Style:
    """How an entry's strings wrap: its no-wrap flag and the format directives kept whole."""

    def __init__(self, entry: Entry) -> None:
        self.wrap = "no-wrap" not in entry.flags
        # gettext parses with the first format language the entry claims.
        claimed = [_DIRECTIVES[f] for f in entry.flags if f in _DIRECTIVES]
        self.directives = claimed[0] if claimed else None
        self.plain = self.wrap and self.directives is None


_PLAIN = _Style(Entry(msgid=""))


def _previous_lines(entry: Entry, prefix: str, style: _Style) -> Iterator[str]:
    if entry.previous_msgctxt is not None:
        yield from wrap_string(prefix, "msgctxt", entry.previous_msgctxt, style)
    if entry.previous_msgid is not None:
        yield from wrap_string(prefix, "msgid", entry.previous_msgid, style)
    if entry.previous_msgid_plural is not None:
        yield from wrap_string(prefix, "msgid_plural", entry.previous_msgid_plural, style)


def _string_lines(
    entry: Entry, prefix: str, style: _Style, known: dict[str, list[int]] | None
) -> list[str]:
    lines = (
        [] if entry.msgctxt is None else wrap_string(prefix, "msgctxt", entry.msgctxt, style, known)
    )
    lines += wrap_string(prefix, "msgid", entry.msgid, style, known)
    if entry.msgid_plural is None:
        return lines + wrap_string(prefix, "msgstr", entry.msgstr, style, known)
    lines += wrap_string(prefix, "msgid_plural", entry.msgid_plural, style, known)
    for index, form in enumerate(entry.msgstr_plural or ("",)):
        lines += wrap_string(prefix, f"msgstr[{index}]", form, style, known)
    return lines


def wrap_string(
    prefix: str,
    keyword: str,
    value: str,
    style: _Style = _PLAIN,
    known: dict[str, list[int]] | None = None,
) -> list[str]:
    """The lines of one keyword and its string, cut after each newline and wrapped.

    ``known``: breaks already found for plain strings, used only with no prefix and a plain
    style (the layout :func:`_plain_layouts` asked libunistring for).
    """
    # Columns left for text: the page less the line prefix and both quotes.
    width = (PAGE_WIDTH if style.wrap else 1 << 30) - 2 - len(prefix)
    # Most strings: nothing to escape or cut, and short enough (at two columns a character)
    # for the keyword's line. The general path below gives the same line, more slowly.
    columns = len(value) if value.isascii() else 2 * len(value)
    if len(keyword) + 1 + columns <= width and _SPECIAL.search(value) is None:
        return [f'{prefix}{keyword} "{value}"']
    if known and (breaks := known.get(value)):
        # What the general path below gives a plain string that breaks from column 0: an
        # empty first line, then the pieces (gettext's first-line rule, _first_portion).
        data = value.encode("utf-8")
        bounds = [0, *breaks, len(data)]
        cut = [data[a:b].decode("utf-8") for a, b in itertools.pairwise(bounds)]
        return [f'{prefix}{keyword} ""', *(f'{prefix}"{piece}"' for piece in cut)]
    portions = _PORTION.findall(value) if "\n" in value else [value]
    lines: list[str] = []
    for index, portion in enumerate(portions):
        text = portion.translate(_ESCAPES) if _TO_ESCAPE.search(portion) else portion
        if index == 0:
            more = len(portions) > 1
            pieces = _first_portion(text, portion, width, len(keyword) + 1, style, more)
            if pieces is None:
                lines.append(f'{prefix}{keyword} "{text}"')
                continue
            # gettext starts a string that will not fit one line with an empty first line.
            lines.append(f'{prefix}{keyword} ""')
        else:
            pieces = _cut(text, portion, width, 0, style)[0]
        lines += [f'{prefix}"{piece}"' for piece in pieces]
    return lines


def _first_portion(
    text: str, portion: str, width: int, start: int, style: _Style, more: bool
) -> list[str] | None:
    """None when the first portion stays on the keyword's line, else its lines after ``""``.

    gettext lays the portion out twice, after the keyword and then from column 0; one layout
    from column 0 mostly decides both (a text that breaks there breaks after the keyword too,
    one that overflows there without a break has no place to break at all).
    """
    if not text:
        return None
    if _MANDATORY.search(text) is not None:  # columns restart inside: both layouts, as gettext
        if more or start > width or len(_cut(text, portion, width, start, style)[0]) > 1:
            return _cut(text, portion, width, 0, style)[0]
        return None
    if not more and start + (len(text) if text.isascii() else 2 * len(text)) <= width:
        return None
    pieces, end = _cut(text, portion, width, 0, style)
    if more or start > width or len(pieces) > 1:
        return pieces
    if start + end <= width or end > width:
        return None
    return pieces if len(_cut(text, portion, width, start, style)[0]) > 1 else None


def _cut(text: str, portion: str, width: int, start: int, style: _Style) -> tuple[list[str], int]:
    """``text`` (one escaped portion) cut where gettext would break it; the end column."""
    if text.isascii() and start + len(text) <= width:
        return [text], start + len(text)
    data = text.encode("utf-8")
    overrides = _overrides(data, portion)
    if style.directives is not None:
        _keep_directives(text, style.directives, overrides)
    breaks, end = line_breaks(data, width, start, bytes(overrides))
    if not breaks:
        return [text], end
    bounds = [0, *breaks, len(data)]
    return [data[a:b].decode("utf-8") for a, b in itertools.pairwise(bounds)], end


def _keep_directives(text: str, directives: re.Pattern[str], overrides: bytearray) -> None:
    """No break inside a format directive (after its first character)."""
    for match in directives.finditer(text):
        start = len(text[: match.start()].encode("utf-8"))
        end = start + len(match.group(0).encode("utf-8"))
        overrides[start + 1 : end] = bytes([BREAK_PROHIBITED]) * (end - start - 1)


def _overrides(data: bytes, portion: str) -> bytearray:
    """No break inside an escape sequence, nor before the ``\\n`` that ends a portion."""
    codes = bytearray(len(data))  # BREAK_UNDEFINED everywhere
    if b"\\" in data:
        for match in _ESCAPED.finditer(data):
            codes[match.start() + 1] = BREAK_PROHIBITED
    if portion.endswith("\n"):
        codes[len(data) - 2] = BREAK_PROHIBITED
    return codes
