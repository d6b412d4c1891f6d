"""Bytes to text with the line of the first bad byte: the one decoder every reader shares."""

from __future__ import annotations

import codecs

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
