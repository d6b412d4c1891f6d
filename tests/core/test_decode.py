"""Decoding with line numbers: the one helper behind every reader."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from pipeline.core.decode import decode_text, has_control
from pipeline.core.errors import InputError


def test_text_passes_through_and_bytes_decode() -> None:
    assert decode_text("já", "a.txt") == "já"
    assert decode_text("já".encode(), "a.txt") == "já"
    assert decode_text(b"\xef\xbb\xbfhi", "a.txt", "utf-8-sig") == "hi"


def test_a_bad_byte_names_its_line() -> None:
    with pytest.raises(InputError) as caught:
        decode_text(b"one\ntwo\nth\xe9ree\n", "a.po", hint="; PO files must be UTF-8")
    assert str(caught.value) == "a.po:3: not valid UTF-8 text (byte 0xe9); PO files must be UTF-8"


def test_other_encodings_are_named_as_given() -> None:
    with pytest.raises(InputError, match=r"not valid ascii text \(byte 0xe9\)"):
        decode_text(b"\xe9", "a.po", "ascii")


def test_control_characters_are_unicode_category_cc_and_nothing_else() -> None:
    control = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cc"}
    found = {chr(c) for c in range(sys.maxunicode + 1) if has_control(f"a{chr(c)}b")}
    assert found == control
    assert not has_control("line\nbreak\ttab", allowed="\n\t")
    assert has_control("line\nbreak\x85", allowed="\n\t")
