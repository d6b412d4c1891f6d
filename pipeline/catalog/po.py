"""PO and MO files: read, write and compile catalogs as GNU gettext does.

Reading is one pass (``_poread``), writing reproduces gettext's layout byte for byte
(``_powrite``); polib is used only to lay out MO bytes. See docs/architecture.md#po-files.
"""

from __future__ import annotations

from pathlib import Path

import polib

from pipeline.catalog._pofast import parse_po_text
from pipeline.catalog._powrite import format_catalog
from pipeline.core import Catalog, Entry, InputError, decode_text

_UTF8_ONLY = "; PO files must be UTF-8"


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
    """Parse PO text or UTF-8 bytes in one pass; ``path`` only names the file in errors."""
    return parse_po_text(decode_text(data, path, hint=_UTF8_ONLY), path)


def format_po(catalog: Catalog) -> str:
    """Render a catalog as PO text exactly as GNU gettext lays it out (``msgcat`` keeps it)."""
    return format_catalog(catalog)


def mo_problems(catalog: Catalog) -> list[tuple[int, str]]:
    """What plain ``msgfmt`` (no ``-c``) refuses to compile: (line, message) pairs.

    msgfmt compiles reviewed entries only, and refuses one whose msgid and translations do
    not all begin, and all end, with a newline alike.
    """
    problems = []
    for entry in catalog.entries:
        if entry.reviewed:
            problems += [(entry.line, message) for message in _newline_problems(entry)]
    return problems


def _newline_problems(entry: Entry) -> list[str]:
    if entry.msgid_plural is not None:
        others = [("msgid_plural", entry.msgid_plural)]
        others += [(f"msgstr[{i}]", form) for i, form in enumerate(entry.msgstr_plural)]
    else:
        others = [("msgstr", entry.msgstr)]
    problems = []
    for where, test in (("begin", str.startswith), ("end", str.endswith)):
        expected = test(entry.msgid, "\n")
        problems += [
            f"'msgid' and '{name}' entries do not both {where} with '\\n'"
            for name, text in others
            if test(text, "\n") != expected
        ]
    return problems


def compile_mo(catalog: Catalog, path: str = "<catalog>") -> bytes:
    """Compile a catalog to GNU MO bytes: the header and reviewed entries, as msgfmt does.

    Fuzzy, untranslated and obsolete entries are left out, so an MO file never carries an
    unreviewed draft; an entry msgfmt would refuse raises InputError with its line.
    """
    problems = mo_problems(catalog)
    if problems:
        line, message = problems[0]
        raise InputError(message, path, line or None)
    header = "".join(f"{key}: {value}\n" for key, value in catalog.header)
    mo = _HeaderedMOFile(polib.MOEntry(msgid="", msgstr=header))
    mo.extend(_mo_entry(entry) for entry in catalog.entries if entry.reviewed)
    return bytes(mo.to_binary())


class _HeaderedMOFile(polib.MOFile):  # type: ignore[misc]
    """An MOFile that keeps our header fields in our order (polib sorts unknown ones)."""

    def __init__(self, header: polib.MOEntry) -> None:
        super().__init__()
        self._header_entry = header

    def metadata_as_entry(self) -> polib.MOEntry:
        return self._header_entry


def _mo_entry(entry: Entry) -> polib.MOEntry:
    if entry.msgid_plural is None:
        return polib.MOEntry(msgid=entry.msgid, msgstr=entry.msgstr, msgctxt=entry.msgctxt)
    return polib.MOEntry(
        msgid=entry.msgid,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=dict(enumerate(entry.msgstr_plural)),
        msgctxt=entry.msgctxt,
    )
