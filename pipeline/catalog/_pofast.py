"""The fast path of PO reading: whole entries in gettext's own layout matched by one regex.

A file gettext (or we) wrote is a run of entries in one fixed order of parts, so a single
compiled pattern reads every entry in C and Python only assembles the fields. Anything else
(hand-edited layouts, errors) returns None and the line-by-line reader in ``_poread`` reads the
whole text, so error lines are always that reader's. Tests read fixtures both ways and compare.
See docs/architecture.md#po-files.
"""

from __future__ import annotations

import re

from pipeline.catalog._poread import _catalog, _PoSyntaxError, _Reader, parse_lines, unescape
from pipeline.catalog.bulk import collector_paused
from pipeline.core import Catalog, Entry

# One quoted line; an unrolled loop with possessive quantifiers, which re runs fastest.
_S = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"\n'
_MORE = rf"{_S}(?:(?P=o){_S})*"  # a string: its first line and prefixed continuation lines
_ENTRY = re.compile(
    rf"""
    (?P<head>
        (?:[ \t]*\n)*
        (?P<tc>(?:\#(?:\ [^\n]*)?\n)*)
        (?P<xc>(?:\#\.[^\n]*+\n)*)
        (?P<rf>(?:\#:[^\n]*+\n)*)
        (?P<fl>(?:\#,[^\n]*+\n)*)
        (?P<pv>(?:\#~?\|[^\n]*+\n)*)
        (?P<o>(?:\#~\ )?)
        (?:msgctxt\ (?P<ct>{_MORE})(?P=o))?
    )
    msgid\ (?P<id>{_MORE})
    (?:
        (?P=o)msgid_plural\ (?P<pl>{_MORE})
        (?P<fm>(?:(?P=o)msgstr\[\d+\]\ {_MORE})+)
      | (?P=o)msgstr\ (?P<st>{_MORE})
    )
    """,
    re.VERBOSE,
)
_LENGTH_GROUPS = [_ENTRY.groupindex[name] - 1 for name in ("head", "id", "pl", "fm", "st", "o")]
_FORM = re.compile(r"^(?:#~ )?msgstr\[(\d+)\] ", re.MULTILINE)
_PREVIOUS = re.compile(r"^#~?\| ?(msgctxt|msgid|msgid_plural)? ?(\"[^\n]*+\n)", re.MULTILINE)
_NAMES = (
    *("msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr_plural", "flags", "comments"),
    *("extracted", "refs", "previous_msgid", "previous_msgctxt", "previous_msgid_plural"),
    *("obsolete", "line"),
)
#: Every field's default, so a field added to Entry later is still set.
_DEFAULTS = {name: f.default for name, f in Entry.__dataclass_fields__.items()}
_EXTRA_FIELDS = set(_DEFAULTS) != set(_NAMES)


def parse_po_text(text: str, path: str) -> Catalog:
    """Parse PO text: the fast path when the layout is gettext's, else the line reader."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    with collector_paused():
        catalog = parse_fast(text)
        return catalog if catalog is not None else parse_lines(text, path)


def parse_fast(text: str) -> Catalog | None:
    """The catalog of ``text`` if every entry is in gettext's layout, else None."""
    if not text.endswith("\n"):
        text += "\n"
    covered, line = 0, 1
    reader = _Reader()
    try:
        for groups in _ENTRY.findall(text):
            head, id_, plural, forms, msgstr, o = (groups[i] for i in _LENGTH_GROUPS)
            # findall skips what it cannot match: count every character to see that it did not.
            keywords = len("msgid ") + len(o) + len("msgid_plural " if plural else "msgstr ")
            covered += len(head) + len(id_) + len(plural) + len(forms) + len(msgstr) + keywords
            msgid_line = line + head.count("\n")
            reader._add(_entry(groups, msgid_line))
            line = msgid_line + id_.count("\n") + plural.count("\n") + forms.count("\n")
            line += msgstr.count("\n")
    except _PoSyntaxError:
        return None
    return _catalog(reader) if covered == len(text.rstrip()) + 1 else None


def _value(raw: str, prefix: str) -> str:
    """A string's value from its quoted lines (``raw`` ends with a quote and a newline)."""
    body = raw[1:-2]
    if "\n" in body:
        body = body.replace(f'"\n{prefix}"', "")
    return unescape(body, 0) if "\\" in body else body


def _entry(groups: tuple[str, ...], line: int) -> Entry:
    _, tc, xc, rf, fl, pv, o, ct, id_, pl, fm, st = groups
    previous = _previous(pv) if pv else {}
    values = (
        _value(id_, o),
        _value(st, o) if st else "",
        _value(ct, o) if ct else None,
        _value(pl, o) if pl else None,
        _forms(fm, o) if fm else (),
        tuple(f for f in (p.strip() for p in fl.replace("#,", ",").split(",")) if f) if fl else (),
        tuple(s[2:] if s[1:2] == " " else s[1:] for s in tc[:-1].split("\n")) if tc else (),
        tuple(s[3:] if s[2:3] == " " else s[2:] for s in xc[:-1].split("\n")) if xc else (),
        tuple(rf.replace("#:", " ").split()) if rf else (),
        previous.get("msgid"),
        previous.get("msgctxt"),
        previous.get("msgid_plural"),
        bool(o),
        line,
    )
    # A frozen dataclass's __init__ costs seconds per 100,000 entries; filling the instance
    # dict directly gives the same object (tests compare both readers) in a tenth of the time.
    entry = object.__new__(Entry)
    if _EXTRA_FIELDS:
        entry.__dict__.update(_DEFAULTS)
    entry.__dict__.update(zip(_NAMES, values, strict=True))
    return entry


def _forms(raw: str, prefix: str) -> tuple[str, ...]:
    parts = _FORM.split(raw)  # ["", "0", value0, "1", value1, ...]
    if [int(n) for n in parts[1::2]] != list(range(len(parts) // 2)):
        raise _PoSyntaxError(0, "plural form has wrong index")
    return tuple(_value(value, prefix) for value in parts[2::2])


def _previous(raw: str) -> dict[str, str]:
    """The ``#|`` fields, each keyword followed by its string lines."""
    fields: dict[str, str] = {}
    current = None
    for keyword, string in _PREVIOUS.findall(raw):
        current = keyword or current
        if current is None or not re.fullmatch(_S, string):
            raise _PoSyntaxError(0, "syntax error in a previous field")
        fields[current] = fields.get(current, "") + _value(string, "")
    if len(raw.splitlines()) != len(_PREVIOUS.findall(raw)):
        raise _PoSyntaxError(0, "syntax error in a previous field")
    return fields
