"""The fast path of PO reading: whole entries in gettext's own layout matched by one regex.

A file gettext (or we) wrote is a run of entries in one fixed order of parts, so a single
compiled pattern reads every entry in C and Python only assembles the fields. Anything else
(hand-edited layouts, errors, duplicates) returns None and the line-by-line reader in ``_poread``
reads the whole text, so error lines are always that reader's. Tests read fixtures and random
catalogs both ways and compare. See docs/architecture.md#po-files.
"""

from __future__ import annotations

import re

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
_FORM = re.compile(r"^(?:#~ )?msgstr\[(\d+)\] ", re.MULTILINE)
_PREVIOUS = re.compile(r"^#~?\| ?(msgctxt|msgid|msgid_plural)? ?(\"[^\n]*+\n)", re.MULTILINE)
#: Every field at its default, so a field added to Entry later is still set. Copied from an
#: instance's own dict, each entry's dict shares the class's key table (CPython), a third smaller.
_BLANK = Entry(msgid="").__dict__.copy()
_PLAIN_KEYWORDS = len("msgid msgstr ")
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
        for head, tc, xc, rf, fl, pv, o, ct, id_, pl, fm, st in _ENTRY.findall(text):
            fields = _BLANK.copy()
            if len(head) > 1:  # comments, previous fields, #~ or msgctxt
                line += head.count("\n")
                if tc or xc or rf or fl:
                    _comments(fields, tc, xc, rf, fl)
            else:
                line += len(head)  # "" or one blank line
            fields["line"] = line
            if o or ct or pv or pl:
                size = _rare(fields, o, ct, pv, id_, pl, fm, st)
                line += id_.count("\n") + pl.count("\n") + fm.count("\n") + st.count("\n")
            else:  # most entries: a msgid and a msgstr
                fields["msgid"] = _value(id_)
                fields["msgstr"] = _value(st)
                size = len(id_) + len(st) + _PLAIN_KEYWORDS
                line += id_.count("\n") + st.count("\n")
            # findall skips what it cannot match: count every character to see it did not.
            covered += len(head) + size
            # A frozen dataclass's __init__ costs seconds per 100,000 entries; setting the
            # instance dict gives the same object (tests compare both readers) in a fraction.
            entry = _new(Entry)
            _set(entry, "__dict__", fields)
            if o:
                entries.append(entry)  # obsolete: not an identity, never the header
                continue
            key = fields["msgid"] if not ct else (fields["msgctxt"], fields["msgid"])
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


def _value(raw: str, joint: str = '"\n"') -> str:
    """A string's value from its quoted lines (``raw`` ends with a quote and a newline).

    ``joint`` is what joins two lines: a quote, a newline, the line prefix and a quote.
    """
    body = raw[1:-2]
    if "\n" in body:
        body = body.replace(joint, "")
    return unescape(body, 0) if "\\" in body else body


def _comments(fields: dict[str, object], tc: str, xc: str, rf: str, fl: str) -> None:
    """Set the translator and extracted comments, references and flags of an entry."""
    # Each group is whole lines of one kind: "\n" and the mark occur together only at a line
    # start, so references and flags are read at once (a "#:" inside a path stays in it).
    if rf:
        fields["refs"] = tuple(rf[2:].replace("\n#:", " ").split())
    if xc:
        if xc[2:3] == " " and xc.count("\n#. ") == xc.count("\n") - 1:  # each line "#. text"
            fields["extracted"] = tuple(xc[3:-1].split("\n#. "))
        else:
            fields["extracted"] = tuple(
                s[3:] if s[2:3] == " " else s[2:] for s in xc[:-1].split("\n")
            )
    if fl:
        flags = (f.strip() for f in fl[2:].replace("\n#,", ",").split(","))
        fields["flags"] = tuple(f for f in flags if f)
    if tc:
        fields["comments"] = tuple(s[2:] if s[1:2] == " " else s[1:] for s in tc[:-1].split("\n"))


def _rare(
    fields: dict[str, object], o: str, ct: str, pv: str, id_: str, pl: str, fm: str, st: str
) -> int:
    """Set the strings of an obsolete, context, plural or previous-field entry; its length.

    The length is of the part after the head: keywords and string lines.
    """
    joint = f'"\n{o}"'
    fields["msgid"] = _value(id_, joint)
    if st:
        fields["msgstr"] = _value(st, joint)
    if ct:
        fields["msgctxt"] = _value(ct, joint)
    if pl:
        fields["msgid_plural"] = _value(pl, joint)
        fields["msgstr_plural"] = _forms(fm, joint)
    if pv:
        fields.update(_previous(pv))
    fields["obsolete"] = bool(o)
    keywords = len("msgid ") + len(o) + len("msgid_plural " if pl else "msgstr ")
    return len(id_) + len(pl) + len(fm) + len(st) + keywords


def _forms(raw: str, joint: str) -> tuple[str, ...]:
    parts = _FORM.split(raw)  # ["", "0", value0, "1", value1, ...]
    if [int(n) for n in parts[1::2]] != list(range(len(parts) // 2)):
        raise _PoSyntaxError(0, "plural form has wrong index")
    return tuple(_value(value, joint) for value in parts[2::2])


def _previous(raw: str) -> dict[str, str]:
    """The ``#|`` fields by Entry field name, each keyword followed by its string lines."""
    fields: dict[str, str] = {}
    current = None
    found = _PREVIOUS.findall(raw)
    for keyword, string in found:
        current = f"previous_{keyword}" if keyword else current
        if current is None or not re.fullmatch(_S, string):
            raise _PoSyntaxError(0, "syntax error in a previous field")
        fields[current] = fields.get(current, "") + _value(string)
    # gettext takes each keyword once, in PREVIOUS_ORDER, and always a msgid
    keywords = [keyword for keyword, _ in found if keyword]
    in_order = [name for name in PREVIOUS_ORDER if name in keywords] == keywords
    without_msgid = "msgid" not in keywords  # a previous msgctxt or msgid_plural alone
    if not in_order or without_msgid or raw.count("\n") != len(found):
        raise _PoSyntaxError(0, "syntax error in a previous field")
    return fields
