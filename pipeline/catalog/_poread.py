"""One pass over PO text: every gettext construct, each entry with the line of its msgid keyword.

The grammar and the error wording follow GNU gettext's reader (``po-lex.c``, ``po-gram.y``): an
entry is comments, previous fields (``#|``), ``msgctxt``, ``msgid``, ``msgid_plural`` and
``msgstr`` or ``msgstr[N]``, each string one or more quoted lines; obsolete entries carry ``#~``
(``#~|`` for their previous fields). Only the escapes gettext accepts are read; anything else is
an error naming its line, never a silent rewrite. See docs/architecture.md#po-files.
"""

from __future__ import annotations

import re
from operator import attrgetter

from pipeline.core import Catalog, Entry, InputError

_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_SIMPLE_ESCAPES |= {"\\": "\\", '"': '"'}
_ESCAPE = re.compile(r'\\(?:([ntbrfva\\"])|([0-7]{1,3})|x([0-9a-fA-F]+)|(.?))', re.DOTALL)
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\s*', re.DOTALL)
_OBSOLETE = attrgetter("obsolete")
#: The previous fields (``#|``) in the order gettext requires them.
PREVIOUS_ORDER = ("msgctxt", "msgid", "msgid_plural")
_PLURAL_KEYWORD = re.compile(r"msgstr\[(\d+)\]")

# Stages of an entry, in the order its parts must come.
_START, _CONTEXT, _MSGID, _PLURAL, _MSGSTR, _FORMS = range(6)


class _PoSyntaxError(Exception):
    """A problem at one line; parse_lines turns it into InputError."""

    def __init__(self, line: int, message: str, syntax: bool = True) -> None:
        super().__init__(message)
        self.line = line
        self.message = f"invalid PO syntax: {message}" if syntax else message


def unescape(body: str, line: int) -> str:
    """The value of a PO string body (without quotes), accepting only gettext's escapes."""
    if "\\" not in body:
        return body
    numeric = False

    def replace(match: re.Match[str]) -> str:
        nonlocal numeric
        simple, octal, hexadecimal, bad = match.groups()
        if simple is not None:
            return _SIMPLE_ESCAPES[simple]
        if bad is not None:
            shown = f"\\{bad}" if bad else "a backslash at the end of the string"
            raise _PoSyntaxError(line, f"invalid control sequence {shown}")
        value = int(octal, 8) if octal is not None else int(hexadecimal, 16)
        if not 0 < value < 256:
            raise _PoSyntaxError(line, f"invalid control sequence {match.group(0)}")
        numeric = numeric or value >= 0x80
        return chr(value)

    text = _ESCAPE.sub(replace, body)
    return _bytes_escapes(text, line) if numeric else text


def _bytes_escapes(text: str, line: int) -> str:
    """Octal or hex escapes of bytes >= 0x80 spell UTF-8 byte by byte, as gettext reads them."""
    data = bytearray()
    for char in text:
        data += bytes([ord(char)]) if "\x80" <= char <= "\xff" else char.encode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _PoSyntaxError(line, "escaped bytes are not valid UTF-8") from None


def _strings(rest: str, line: int) -> str:
    """The value of one or more quoted strings making up the rest of a line."""
    if rest[:1] == '"' and rest[-1:] == '"' and len(rest) > 1:
        inner = rest[1:-1]
        if '"' not in inner and "\\" not in inner:
            return inner
    rest = rest.strip()
    values, position = [], 0
    while position < len(rest):
        match = _STRING.match(rest, position)
        if match is None:
            if rest[position] != '"':
                raise _PoSyntaxError(line, "syntax error: text after the string")
            raise _PoSyntaxError(line, "unterminated string")
        values.append(unescape(match.group(1), line))
        position = match.end()
        if position < len(rest) and rest[position] != '"':
            quote = '"' in rest[position:]
            message = "unescaped double quote" if quote else "syntax error: text after the string"
            raise _PoSyntaxError(line, message)
    if not values:
        raise _PoSyntaxError(line, "syntax error: a string was expected")
    return "".join(values)


class _Reader:
    """The state of the one pass: the entry being read and the entries done."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.header: Entry | None = None
        self.seen: dict[tuple[str | None, str], int] = {}
        self._reset()

    def _reset(self) -> None:
        self.stage = _START
        self.comments: list[str] = []
        self.extracted: list[str] = []
        self.refs: list[str] = []
        self.flags: list[str] = []
        self.fields: dict[str, str] = {}
        self.forms: list[str] = []
        self.open: str | None = None  # the field that continuation lines extend
        self.previous_open = False  # the open field is a "#|" one
        self.obsolete: bool | None = None
        self.line = 0

    def comment(self, text: str, number: int) -> None:
        """A ``#`` line that is a comment: translator, extracted, reference or flags."""
        self._before_comment(number)
        if self.fields:  # only previous fields come before the entry's first keyword
            raise _PoSyntaxError(number, "syntax error: a comment after a previous field")
        kind = text[1:2]
        if kind == ".":
            self.extracted.append(text[3:] if text[2:3] == " " else text[2:])
        elif kind == ":":
            self.refs.extend(text[2:].split())
        elif kind == ",":
            self.flags.extend(f for f in (p.strip() for p in text[2:].split(",")) if f)
        else:
            self.comments.append(text[2:] if kind == " " else text[1:])

    def _before_comment(self, number: int) -> None:
        if self.stage >= _MSGSTR:
            self.finish()
        elif self.stage != _START:
            raise _PoSyntaxError(number, "syntax error: a comment inside an entry")
        self.open = None

    def previous(self, body: str, number: int, obsolete: bool) -> None:
        """A ``#|`` (or ``#~|``) line: a previous keyword or its continuation."""
        if body[:1] == '"':
            if self.open is None or not self.previous_open:
                raise _PoSyntaxError(number, "syntax error: a string outside any keyword")
            self.fields[self.open] += _strings(body, number)
            return
        self._before_comment(number)
        keyword, _, rest = body.partition(" ")
        if keyword not in PREVIOUS_ORDER:
            raise _PoSyntaxError(number, f"syntax error: unknown keyword {keyword}")
        # gettext takes each previous keyword once, in this order, and msgid_plural after msgid
        later = PREVIOUS_ORDER[PREVIOUS_ORDER.index(keyword) :]
        seen = any(f"previous_{name}" in self.fields for name in later)
        if seen or (keyword == "msgid_plural" and "previous_msgid" not in self.fields):
            raise _PoSyntaxError(number, f"syntax error: unexpected previous {keyword}")
        self.open, self.previous_open = f"previous_{keyword}", True
        self.fields[self.open] = _strings(rest.strip(), number)

    def continuation(self, text: str, number: int) -> None:
        if self.open is None or self.previous_open:
            raise _PoSyntaxError(number, "syntax error: a string outside any keyword")
        value = _strings(text, number)
        if self.open == "forms":
            self.forms[-1] += value
        else:
            self.fields[self.open] += value

    def keyword(self, text: str, number: int, obsolete: bool) -> None:
        """A line starting with msgctxt, msgid, msgid_plural, msgstr or msgstr[N]."""
        keyword, _, rest = text.partition(" ")
        if "\t" in keyword:
            keyword, _, more = keyword.partition("\t")
            rest = f"{more} {rest}"
        value = _strings(rest.strip() if rest[:1] != '"' else rest, number)
        stage = self.stage
        if keyword in ("msgctxt", "msgid"):
            if stage >= _MSGSTR:
                self.finish()
            elif keyword == "msgid" and stage >= _MSGID:
                raise _PoSyntaxError(self.line, "msgid without msgstr")
            elif keyword == "msgctxt" and stage != _START:
                raise _PoSyntaxError(number, "syntax error: msgctxt after msgid")
            self._set_obsolete(obsolete, number)
            if "previous_msgctxt" in self.fields and "previous_msgid" not in self.fields:
                raise _PoSyntaxError(
                    number, "syntax error: a previous msgctxt needs a previous msgid"
                )
            if keyword == "msgid":
                self.line = number
            self.stage = _CONTEXT if keyword == "msgctxt" else _MSGID
        elif keyword == "msgid_plural" and stage == _MSGID:
            self.stage = _PLURAL
        elif keyword == "msgstr" and stage == _MSGID:
            self.stage = _MSGSTR
        elif (match := _PLURAL_KEYWORD.fullmatch(keyword)) and stage in (_PLURAL, _FORMS):
            if int(match.group(1)) != len(self.forms):
                raise _PoSyntaxError(number, "plural form has wrong index")
            self.forms.append(value)
            self.open, self.previous_open, self.stage = "forms", False, _FORMS
            return
        else:
            raise _PoSyntaxError(number, _keyword_error(keyword, stage))
        if obsolete != bool(self.obsolete):
            raise _PoSyntaxError(number, "inconsistent use of #~")
        self.fields[keyword] = value
        self.open, self.previous_open = keyword, False

    def _set_obsolete(self, obsolete: bool, number: int) -> None:
        if self.obsolete is None:
            self.obsolete = obsolete
        elif self.obsolete != obsolete:
            raise _PoSyntaxError(number, "inconsistent use of #~")

    def finish(self) -> None:
        """Close the entry read so far (at the next entry or the end of the text)."""
        if self.stage == _START:  # only at the end of the text
            if self.fields:  # gettext: a syntax error where the text ends
                raise _PoSyntaxError(0, "syntax error: previous fields with no entry after them")
            self._reset()  # trailing comments belong to no entry, as in gettext
            return
        if self.stage < _MSGSTR:
            raise _PoSyntaxError(self.line, "msgid without msgstr")
        fields = self.fields
        plural = fields.get("msgid_plural")
        entry = Entry(
            msgid=fields["msgid"],
            msgstr=fields.get("msgstr", ""),
            msgctxt=fields.get("msgctxt"),
            msgid_plural=plural,
            msgstr_plural=tuple(self.forms),
            flags=tuple(self.flags),
            comments=tuple(self.comments),
            extracted=tuple(self.extracted),
            refs=tuple(self.refs),
            previous_msgid=fields.get("previous_msgid"),
            previous_msgctxt=fields.get("previous_msgctxt"),
            previous_msgid_plural=fields.get("previous_msgid_plural"),
            obsolete=bool(self.obsolete),
            line=self.line,
        )
        self._reset()
        self._add(entry)

    def _add(self, entry: Entry) -> None:
        if entry.obsolete:
            self.entries.append(entry)
            return
        first = self.seen.get(entry.key)
        if first is not None:
            message = f"duplicate message definition (first defined at line {first})"
            raise _PoSyntaxError(entry.line, message, syntax=False)
        self.seen[entry.key] = entry.line
        if entry.msgid == "" and entry.msgctxt is None:
            self.header = entry
        else:
            self.entries.append(entry)


def _keyword_error(keyword: str, stage: int) -> str:
    if keyword not in ("msgctxt", "msgid", "msgid_plural", "msgstr") and not keyword.startswith(
        "msgstr["
    ):
        return f"syntax error: unknown keyword {keyword}"
    if keyword.startswith("msgstr") and stage == _PLURAL:
        return "syntax error: a plural entry needs msgstr[0]"
    return f"syntax error: unexpected {keyword}"


def parse_lines(text: str, path: str) -> Catalog:
    """Parse PO text in one pass; the first problem raises InputError with its line."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    reader = _Reader()
    number = 0
    try:
        for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
            _dispatch(reader, line, number)
        reader.finish()
    except _PoSyntaxError as exc:
        raise InputError(exc.message, path, exc.line or number) from None
    return _catalog(reader.header, reader.entries)


def _dispatch(reader: _Reader, line: str, number: int) -> None:
    """Hand one line to the reader by its first characters."""
    first = line[:1]
    if first == '"':
        reader.continuation(line, number)
    elif first == "m":
        reader.keyword(line, number, False)
    elif first == "#":
        second = line[1:2]
        if second == "~":
            body = line[2:].lstrip()
            if body[:1] == "|":
                reader.previous(body[1:].lstrip(), number, True)
            elif body[:1] == '"':
                reader.continuation(body, number)
            elif body:
                reader.keyword(body, number, True)
        elif second == "|":
            reader.previous(line[2:].lstrip(), number, False)
        else:
            reader.comment(line, number)
    elif line.strip():
        stripped = line.strip()
        if stripped[0] in '"m#':
            _dispatch(reader, stripped, number)
        else:
            raise _PoSyntaxError(number, "syntax error")


def _catalog(header: Entry | None, entries: list[Entry]) -> Catalog:
    """The catalog of a header entry (fields in its msgstr) and the other entries."""
    if header is None:
        return Catalog(header=(), entries=_ordered(entries))
    fields = []
    for line in header.msgstr.split("\n"):
        if line.strip():
            key, _, value = line.partition(":")
            fields.append((key.strip(), value.strip()))
    return Catalog(
        header=tuple(fields),
        entries=_ordered(entries),
        header_comment="\n".join(header.comments),
        header_fuzzy="fuzzy" in header.flags,
    )


def _ordered(entries: list[Entry]) -> tuple[Entry, ...]:
    """Obsolete entries last, as gettext writes them; a file that already has them so is kept."""
    obsolete = list(map(_OBSOLETE, entries))  # in C: this runs over every entry of every read
    if True in obsolete and False in obsolete[obsolete.index(True) :]:
        return tuple(sorted(entries, key=_OBSOLETE))
    return tuple(entries)
