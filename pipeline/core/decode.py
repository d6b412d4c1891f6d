"""Bytes to text with the line of the first bad byte: the one decoder every reader shares."""

from __future__ import annotations

import codecs
import re

from pipeline.core.errors import InputError


def decode_text(data: str | bytes, name: str, encoding: str = "utf-8", hint: str = "") -> str:
    """Text as given; bytes decoded, an undecodable byte an InputError at its line.

    ``encoding`` is a Python codec name (``utf-8-sig`` drops a byte-order mark); ``hint`` is
    added to the message ("; PO files must be UTF-8").
    """
    if isinstance(data, str):
        return data
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        label = "UTF-8" if codecs.lookup(encoding).name.startswith("utf-8") else encoding
        message = f"not valid {label} text (byte 0x{data[exc.start]:02x}){hint}"
        raise InputError(message, name, line) from None


#: Unicode's Cc category, all of it: C0, DEL and C1 (a search, not a category call per character).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def has_control(text: str, allowed: str = "") -> bool:
    """True when ``text`` holds a control character (newline, escape, DEL, C1…) not in ``allowed``.

    Names, versions and terms that end up in PO headers and comments must not hold them: a
    newline there would start a header field or a comment of its own.
    """
    if not allowed:
        return _CONTROL.search(text) is not None
    return any(ch not in allowed for ch in _CONTROL.findall(text))
