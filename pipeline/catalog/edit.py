"""Change one entry of a PO text and nothing else (docs/architecture.md#writes).

A reviewer's save must not reformat the rest of a file that Poedit, msgmerge or a person wrote:
the entry's block (its comments through its last string line) is replaced by the writer's
rendering of the new entry, every other byte is kept, and the result is parsed back and compared
entry by entry before anyone may write it.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.catalog.po import _UTF8_ONLY, format_po, parse_po
from pipeline.core import Catalog, Entry, InputError, decode_text


def replace_entry(data: str | bytes, name: str, entry: Entry) -> str:
    """``data`` with the active entry of ``entry.key`` rendered anew; other bytes unchanged.

    ``name`` names the file in errors; bytes must be UTF-8. A missing entry, or a result that does not read back as
    exactly the old catalog with that one entry changed, raises InputError.
    """
    text = decode_text(data, name, hint=_UTF8_ONLY)
    old = parse_po(text, name)
    target = next((e for e in old.active if e.key == entry.key), None)
    if target is None or target.line <= 0:
        raise InputError(f"no entry for msgid “{entry.msgid}” to change", name)
    lines = text.split("\n")
    start, end = _block(lines, target.line - 1)
    spliced = "\n".join([*lines[:start], render_entry(entry), *lines[end:]])
    _verify(old, parse_po(spliced, name), entry, name)
    return spliced


def render_entry(entry: Entry) -> str:
    """The writer's rendering of one entry, without a trailing newline."""
    # A catalog without header fields is written without a header entry: just this entry.
    return format_po(Catalog(header=(), entries=(replace(entry, obsolete=False),))).rstrip("\n")


def _block(lines: list[str], msgid_index: int) -> tuple[int, int]:
    """Line range [start, end) of the entry whose msgid keyword is at ``msgid_index``.

    Entries are separated by blank lines and cannot contain one (strings are quoted per line).
    """
    start = msgid_index
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = msgid_index
    while end < len(lines) and lines[end].strip():
        end += 1
    return start, end


def _verify(old: Catalog, new: Catalog, entry: Entry, name: str) -> None:
    """The new text reads back as the old catalog with only ``entry`` changed."""

    def plain(item: Entry) -> Entry:
        return replace(item, line=0)

    expected = [
        plain(entry) if e.key == entry.key and not e.obsolete else plain(e) for e in old.entries
    ]
    same_header = (old.header, old.header_comment, old.header_fuzzy) == (
        new.header,
        new.header_comment,
        new.header_fuzzy,
    )
    if not same_header or [plain(e) for e in new.entries] != expected:
        raise InputError(f"changing msgid “{entry.msgid}” would alter other entries", name)
