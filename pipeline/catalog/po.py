"""PO files: the one module that speaks polib, converting to and from Catalog and Entry."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline.core import Catalog, Entry, InputError, decode_text

_POLIB_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
_REF_WITH_LINE = re.compile(r"(.+):(\d+)")
_UTF8_ONLY = "; PO files must be UTF-8"
_STRING_KEYWORDS = ("msgctxt", "msgid", "msgid_plural")


class _Text(str):
    """PO text that polib splits at newlines only.

    polib splits in-memory text with ``str.splitlines``, which also breaks at U+2028, form feeds
    and other separators that can sit inside a news sentence; files it opens itself are split at
    newlines only. This keeps both paths the same.
    """

    def splitlines(self, keepends: bool = False) -> list[str]:
        return self.split("\n")


@dataclass
class _Scanned:
    """What our line scan learns that polib does not keep."""

    msgid_lines: list[int] = field(default_factory=list)
    header_index: int | None = None  # index in msgid_lines of the entry polib takes as header
    obsolete_previous: dict[int, dict[str, str]] = field(default_factory=dict)  # by index
    error: tuple[int, str] | None = None


def read_po(path: Path) -> Catalog:
    """Read a UTF-8 PO or POT file; any malformed content raises InputError with its line."""
    return parse_po(read_po_text(path), str(path))


def read_po_text(path: Path) -> str:
    """The text of a PO file; unreadable or non-UTF-8 bytes raise InputError with the line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read PO file: {exc.strerror}", str(path)) from None
    return decode_text(data, str(path), hint=_UTF8_ONLY)


def parse_po(data: str | bytes, path: str) -> Catalog:
    """Parse PO text or UTF-8 bytes; ``path`` only names the file in errors."""
    text = decode_text(data, path, hint=_UTF8_ONLY).removeprefix("\ufeff")
    scanned = _scan(text.split("\n"))
    try:
        # A trailing newline keeps polib from taking a one-line text for a file name.
        pofile = polib.pofile(_Text(text if text.endswith("\n") else text + "\n"), encoding="utf-8")
    except OSError as exc:  # polib reports bad syntax as IOError
        match = _POLIB_LINE.search(str(exc))
        line = int(match.group(1)) if match else 0
        detail = match.group(2) if match and match.group(2) else "syntax error"
        if scanned.error is None or (line and line < scanned.error[0]):
            raise InputError(f"invalid PO syntax: {detail}", path, line or None) from None
    if scanned.error is not None:
        raise InputError(f"invalid PO syntax: {scanned.error[1]}", path, scanned.error[0])
    entries = _convert_entries(list(pofile), scanned)
    _check_duplicates(entries, path)
    header = tuple((key, str(value)) for key, value in pofile.metadata.items())
    return Catalog(
        header=header,
        entries=entries,
        header_comment=pofile.header,
        header_fuzzy=bool(pofile.metadata_is_fuzzy),
    )


def _convert_entries(polib_entries: list[polib.POEntry], scanned: _Scanned) -> tuple[Entry, ...]:
    """Pair polib's entries with the msgid lines and obsolete ``#~|`` fields we scanned."""
    indexes = [i for i in range(len(scanned.msgid_lines)) if i != scanned.header_index]
    if len(indexes) != len(polib_entries):  # should not happen; never guess a wrong line
        indexes = [-1] * len(polib_entries)
    entries = []
    for index, entry in zip(indexes, polib_entries, strict=True):
        line = scanned.msgid_lines[index] if index >= 0 else 0
        previous = scanned.obsolete_previous.get(index, {})
        entries.append(_entry_from_polib(entry, line, previous))
    return tuple(sorted(entries, key=lambda e: e.obsolete))


def _entry_from_polib(entry: polib.POEntry, line: int, previous: dict[str, str]) -> Entry:
    plural = entry.msgid_plural or None
    forms = entry.msgstr_plural
    return Entry(
        msgid=entry.msgid,
        msgstr="" if plural else entry.msgstr,
        msgctxt=entry.msgctxt,
        msgid_plural=plural,
        msgstr_plural=tuple(forms[k] for k in sorted(forms)) if plural else (),
        flags=tuple(flag for flag in entry.flags if flag),
        comments=tuple(entry.tcomment.split("\n")) if entry.tcomment else (),
        extracted=tuple(entry.comment.split("\n")) if entry.comment else (),
        refs=tuple(f"{where}:{n}" if n else where for where, n in entry.occurrences),
        previous_msgid=previous.get("msgid", entry.previous_msgid),
        previous_msgctxt=previous.get("msgctxt", entry.previous_msgctxt),
        obsolete=bool(entry.obsolete),
        line=line,
    )


def _check_duplicates(entries: tuple[Entry, ...], path: str) -> None:
    seen: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        if entry.obsolete:
            continue
        if entry.key in seen:
            message = f"duplicate message definition (first defined at line {seen[entry.key]})"
            raise InputError(message, path, entry.line or None)
        seen[entry.key] = entry.line


def _scan(lines: list[str]) -> _Scanned:
    """Find each msgid keyword line, obsolete previous fields, and lexical errors polib misses."""
    scanned = _Scanned()
    pending: list[str] = []  # "#~|" lines of the obsolete entry being read
    awaiting_msgstr = 0  # line of a msgid not yet followed by msgstr
    for number, raw in enumerate(lines, 1):
        stripped = raw.strip()
        if stripped.startswith("#~|"):
            pending.append(stripped[3:].strip())
            continue
        body, kind = _body(stripped)
        if body is None:
            continue
        obsolete = kind == "obsolete"
        keyword, _, rest = body.replace("\t", " ").partition(" ")
        string = body if body.startswith('"') else rest.strip()
        has_string = body.startswith('"') or keyword in _STRING_KEYWORDS
        if (has_string or keyword.startswith("msgstr")) and not _terminated(string):
            scanned.error = scanned.error or (number, "unterminated string")
        if kind == "previous":
            continue
        if keyword == "msgid":
            if not obsolete and scanned.header_index is None and _is_empty(string, lines, number):
                scanned.header_index = len(scanned.msgid_lines)
            if pending:
                scanned.obsolete_previous[len(scanned.msgid_lines)] = _previous_fields(pending)
            scanned.msgid_lines.append(number)
            pending, awaiting_msgstr = [], number
        elif keyword.startswith("msgstr"):
            pending, awaiting_msgstr = [], 0
    if awaiting_msgstr and scanned.error is None:
        scanned.error = (awaiting_msgstr, "msgid without msgstr")
    return scanned


def _body(stripped: str) -> tuple[str | None, str]:
    """The part of a line that may hold a keyword or string, and its kind of line."""
    if stripped.startswith("#~"):
        return stripped[2:].strip(), "obsolete"
    if stripped.startswith("#|"):
        return stripped[2:].strip(), "previous"
    if not stripped or stripped.startswith("#"):
        return None, "comment"
    return stripped, "active"


def _terminated(string: str) -> bool:
    if len(string) < 2 or not string.startswith('"') or not string.endswith('"'):
        return False
    backslashes = len(string) - 1 - len(string[:-1].rstrip("\\"))
    return backslashes % 2 == 0


def _is_empty(string: str, lines: list[str], number: int) -> bool:
    """True when a msgid is "" with no continuation line, as polib's header entry is."""
    if string != '""':
        return False
    for following in lines[number:]:
        if following.strip():
            return not following.strip().startswith('"')
    return True


def _previous_fields(pending: list[str]) -> dict[str, str]:
    """Decode ``#~|`` lines (which polib skips) into previous msgctxt / msgid values."""
    fields: dict[str, str] = {}
    current = ""
    for text in pending:
        if not text.startswith('"'):
            current, _, text = text.partition(" ")
            fields[current] = ""
            text = text.strip()
        if current and _terminated(text):
            fields[current] += polib.unescape(text[1:-1])
    return fields


def format_po(catalog: Catalog) -> str:
    """Render a catalog as PO text: header entry, active entries, then obsolete entries."""
    header = polib.POEntry(
        msgid="",
        msgstr="".join(f"{k}: {v}\n" for k, v in catalog.header),
        flags=["fuzzy"] if catalog.header_fuzzy else [],
    )
    pofile = _HeaderedPOFile(header)
    pofile.header = catalog.header_comment
    active = [e for e in catalog.entries if not e.obsolete]
    obsolete = [e for e in catalog.entries if e.obsolete]
    pofile.extend(_entry_to_polib(e) for e in active + obsolete)
    return str(pofile)


class _HeaderedPOFile(polib.POFile):  # type: ignore[misc]
    """A POFile that writes our header fields in our order (polib sorts unknown ones)."""

    def __init__(self, header: polib.POEntry) -> None:
        super().__init__()
        self._header_entry = header

    def metadata_as_entry(self) -> polib.POEntry:
        return self._header_entry


class _KeptCommentsEntry(polib.POEntry):  # type: ignore[misc]
    """A POEntry that writes comment lines as they are.

    polib re-wraps comments at 78 columns; msgmerge keeps a translator's comment lines intact,
    and a wrapped ``#. glossary: missing …`` line would read back as two different lines.
    """

    tcomment: str
    comment: str

    def __unicode__(self, wrapwidth: int = 78) -> str:
        tcomment, comment = self.tcomment, self.comment
        self.tcomment = self.comment = ""
        try:
            body: str = super().__unicode__(wrapwidth)
        finally:
            self.tcomment, self.comment = tcomment, comment
        lines = [f"# {line}".rstrip() for line in tcomment.split("\n")] if tcomment else []
        if comment and not self.obsolete:
            lines += [f"#. {line}".rstrip() for line in comment.split("\n")]
        return "\n".join([*lines, body])


def _entry_to_polib(entry: Entry) -> polib.POEntry:
    forms = entry.msgstr_plural or ("",)
    return _KeptCommentsEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural or "",
        msgstr_plural=dict(enumerate(forms)) if entry.msgid_plural is not None else {},
        flags=list(entry.flags),
        tcomment="\n".join(entry.comments),
        comment="\n".join(entry.extracted),
        occurrences=[_split_ref(ref) for ref in entry.refs],
        previous_msgid=entry.previous_msgid,
        previous_msgctxt=entry.previous_msgctxt,
        obsolete=entry.obsolete,
    )


def _split_ref(ref: str) -> tuple[str, str]:
    match = _REF_WITH_LINE.fullmatch(ref)
    return (match.group(1), match.group(2)) if match else (ref, "")


def compile_mo(catalog: Catalog) -> bytes:
    """Compile a catalog to GNU MO bytes: the header and reviewed entries, as msgfmt does.

    Fuzzy, untranslated and obsolete entries are left out (polib's ``translated_entries``),
    so an MO file never carries an unreviewed draft.
    """
    header = polib.POEntry(
        msgid="",
        msgstr="".join(f"{k}: {v}\n" for k, v in catalog.header),
        flags=["fuzzy"] if catalog.header_fuzzy else [],
    )
    pofile = _HeaderedPOFile(header)
    pofile.extend(_entry_to_polib(e) for e in catalog.entries if not e.obsolete)
    return bytes(pofile.to_binary())
