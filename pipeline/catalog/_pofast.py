"""The fast path of PO reading: whole entries in gettext's own layout matched by one regex.

A file gettext (or we) wrote is a run of entries in one fixed order of parts, so a single
compiled pattern reads every entry in C and Python only assembles the fields. Anything else
(hand-edited layouts, errors, duplicates) returns None and the line-by-line reader in ``_poread``
reads the whole text, so error lines are always that reader's. Tests read fixtures and random
catalogs both ways and compare. See docs/architecture.md#po-files.
"""

from __future__ import annotations

import re
from dataclasses import MISSING

from pipeline.catalog._poread import (
    PREVIOUS_ORDER,
    _catalog,
    _PoSyntaxError,
    parse_lines,
    unescape,
)
from pipeline.catalog.bulk import collector_paused
from pipeline.core import Catalog, Entry

# One quoted line; an unrolled loop with possessive quantifiers, which re runs fastest.
_S = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"\n'
_MORE = rf"{_S}(?:(?P=o){_S})*"  # a string: its first line and prefixed continuation lines
_ENTRY = re.compile(
    rf"""
    (?P<head>
        (?:[ \t]*\n)*
        (?:(?=\#)  # the comment groups are tried only where a comment starts
            (?P<tc>(?:\#(?:\ [^\n]*)?\n)*)
            (?P<xc>(?:\#\.[^\n]*+\n)*)
            (?P<rf>(?:\#:[^\n]*+\n)*)
            (?P<fl>(?:\#,[^\n]*+\n)*)
            (?P<pv>(?:\#~?\|[^\n]*+\n)*)
        )?
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
_HEAD, _ID, _PL, _ST = (_ENTRY.groupindex[name] - 1 for name in ("head", "id", "pl", "st"))
_FORM = re.compile(r"^(?:#~ )?msgstr\[(\d+)\] ", re.MULTILINE)
_PREVIOUS = re.compile(r"^#~?\| ?(msgctxt|msgid|msgid_plural)? ?(\"[^\n]*+\n)", re.MULTILINE)
#: Every field at its default, in field order, so a field added to Entry later is still set.
_BLANK = {
    name: "" if field.default is MISSING else field.default
    for name, field in Entry.__dataclass_fields__.items()
}
_SIMPLE_KEYWORDS = len("msgid msgstr ")
_new = object.__new__
_set = object.__setattr__


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
    entries: list[Entry] = []
    keys: list[object] = []  # active entries' identities: msgid, or (msgctxt, msgid)
    header = None
    covered, line = 0, 1
    try:
        for groups in _ENTRY.findall(text):
            head = groups[_HEAD]
            if len(head) > 1 or groups[_PL]:
                entry, size, line = _entry(groups, line + head.count("\n"))
                # findall skips what it cannot match: count every character to see it did not.
                covered += size
                if entry.obsolete:
                    entries.append(entry)
                    continue
                key: object = entry.msgid if entry.msgctxt is None else entry.key
            else:  # most entries: at most a blank line, then msgid and msgstr
                id_, msgstr = groups[_ID], groups[_ST]
                covered += len(head) + len(id_) + len(msgstr) + _SIMPLE_KEYWORDS
                line += len(head)  # the head is "" or "\n" here
                fields = _BLANK.copy()
                fields["msgid"] = key = _value(id_, "")
                fields["msgstr"] = _value(msgstr, "")
                fields["line"] = line
                line += id_.count("\n") + msgstr.count("\n")
                # A frozen dataclass's __init__ costs seconds per 100,000 entries; setting the
                # instance dict gives the same object (tests compare both readers) in a fraction.
                entry = _new(Entry)
                _set(entry, "__dict__", fields)
            keys.append(key)
            if key == "":
                header = entry
            else:
                entries.append(entry)
    except _PoSyntaxError:
        return None
    if not _all_read(text, covered) or len(set(keys)) != len(keys):
        return None  # the line reader names the line that is not gettext's, or the duplicate
    return _catalog(header, entries)


def _all_read(text: str, covered: int) -> bool:
    """True when entries of ``covered`` characters in all make up ``text`` but trailing space.

    Entries end with a quote and a newline, so a gap would leave a quote after ``covered`` or
    a quote just before it (``text.rstrip()`` would copy the whole text to say the same).
    """
    return covered == len(text) or (text[covered - 1] == "\n" and text[covered:].isspace())


def _value(raw: str, prefix: str) -> str:
    """A string's value from its quoted lines (``raw`` ends with a quote and a newline)."""
    body = raw[1:-2]
    if "\n" in body:
        body = body.replace(f'"\n{prefix}"', "")
    return unescape(body, 0) if "\\" in body else body


def _entry(groups: tuple[str, ...], line: int) -> tuple[Entry, int, int]:
    """An entry with comments, flags, previous fields, a context, plural forms or ``#~``.

    Also the number of characters it covers and the line after it.
    """
    head, tc, xc, rf, fl, pv, o, ct, id_, pl, fm, st = groups
    fields = _BLANK.copy()
    fields["msgid"] = _value(id_, o)
    if st:
        fields["msgstr"] = _value(st, o)
    if ct:
        fields["msgctxt"] = _value(ct, o)
    if pl:
        fields["msgid_plural"] = _value(pl, o)
        fields["msgstr_plural"] = _forms(fm, o)
    if fl:
        fields["flags"] = tuple(f for f in map(str.strip, fl.replace("#,", ",").split(",")) if f)
    if tc:
        fields["comments"] = tuple(s[2:] if s[1:2] == " " else s[1:] for s in tc[:-1].split("\n"))
    if xc:
        fields["extracted"] = tuple(s[3:] if s[2:3] == " " else s[2:] for s in xc[:-1].split("\n"))
    if rf:
        fields["refs"] = tuple(rf.replace("#:", " ").split())
    if pv:
        fields.update(_previous(pv))
    fields["obsolete"] = bool(o)
    fields["line"] = line
    entry = _new(Entry)
    _set(entry, "__dict__", fields)
    keywords = len("msgid ") + len(o) + len("msgid_plural " if pl else "msgstr ")
    size = len(head) + len(id_) + len(pl) + len(fm) + len(st) + keywords
    line += id_.count("\n") + pl.count("\n") + fm.count("\n") + st.count("\n")
    return entry, size, line


def _forms(raw: str, prefix: str) -> tuple[str, ...]:
    parts = _FORM.split(raw)  # ["", "0", value0, "1", value1, ...]
    if [int(n) for n in parts[1::2]] != list(range(len(parts) // 2)):
        raise _PoSyntaxError(0, "plural form has wrong index")
    return tuple(_value(value, prefix) for value in parts[2::2])


def _previous(raw: str) -> dict[str, str]:
    """The ``#|`` fields by Entry field name, each keyword followed by its string lines."""
    fields: dict[str, str] = {}
    current = None
    found = _PREVIOUS.findall(raw)
    for keyword, string in found:
        current = f"previous_{keyword}" if keyword else current
        if current is None or not re.fullmatch(_S, string):
            raise _PoSyntaxError(0, "syntax error in a previous field")
        fields[current] = fields.get(current, "") + _value(string, "")
    # gettext takes each keyword once, in PREVIOUS_ORDER, and msgid_plural only after msgid
    keywords = [keyword for keyword, _ in found if keyword]
    in_order = [name for name in PREVIOUS_ORDER if name in keywords] == keywords
    plural_alone = "msgid_plural" in keywords and "msgid" not in keywords
    if not in_order or plural_alone or raw.count("\n") != len(found):
        raise _PoSyntaxError(0, "syntax error in a previous field")
    return fields
