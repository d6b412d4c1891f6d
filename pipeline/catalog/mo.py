"""MO files: reviewed entries compiled as GNU msgfmt compiles them (polib lays out the bytes).

Apart from the PO module so that commands that never compile (update, check) do not import
polib. See docs/architecture.md#po-files.
"""

from __future__ import annotations

import polib

from pipeline.core import Catalog, Entry, InputError


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
