"""Which Chinese script a character belongs to, for the ``script-mismatch`` rule.

The table (``script_chars.txt``) is derived from OpenCC's own dictionaries by
``tests/support/scripttable.py``, so checking needs no OpenCC at run time; the method is in
docs/language-variants.md. Characters both scripts share (后, 里, 台, 干) are in
neither set: only characters one script never writes are reported.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

SIMPLIFIED, TRADITIONAL = "Hans", "Hant"


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    text = resources.files("pipeline.core").joinpath("script_chars.txt").read_text("utf-8")
    rows = (line.split(": ", 1) for line in text.splitlines() if not line.startswith("#"))
    sets = {name: frozenset(chars) for name, chars in rows}
    return {SIMPLIFIED: sets["simplified-only"], TRADITIONAL: sets["traditional-only"]}


def foreign_characters(text: str, script: str) -> str:
    """Characters of ``text`` that only the other Chinese script writes, in order, once each.

    ``script`` is the catalog's (``Hant`` finds 集装箱's 装; ``Hans`` finds 裝); any other
    script finds nothing.
    """
    if script not in (SIMPLIFIED, TRADITIONAL):
        return ""
    other = _table()[TRADITIONAL if script == SIMPLIFIED else SIMPLIFIED]
    return "".join(dict.fromkeys(char for char in text if char in other))
