"""Where gettext may break a PO string line: UAX #14 opportunities filled greedily by display width.

GNU gettext wraps strings with libunistring's ``ulc_width_linebreaks``: Unicode line-break
opportunities (UAX #14), each piece between two opportunities measured in display columns (CJK
wide characters count two), a break taken before the piece that would pass the width. Where
libunistring is installed (it is wherever GNU gettext is) we ask it for the opportunities and
widths, so our files match ``msgcat`` exactly; elsewhere a small rule set covers the text a
news catalog holds (spaces, CJK ideographs and kana, CJK punctuation). See
docs/architecture.md#po-files.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from itertools import accumulate

#: libunistring's break codes (``unilbrk.h``).
BREAK_UNDEFINED = 0
BREAK_PROHIBITED = 1
BREAK_POSSIBLE = 2
BREAK_MANDATORY = 3

_POSSIBLE = re.compile(bytes([BREAK_POSSIBLE]))
#: Names the dynamic loader finds the library by directly (Linux sonames, macOS), newest first.
_SONAMES = (
    "libunistring.so.5",
    "libunistring.so.2",
    "libunistring.5.dylib",
    "libunistring.2.dylib",
)
#: A function that returns the byte offsets where a line break goes and the column at the end.
Breaker = Callable[[bytes, int, int, bytes], tuple[list[int], int]]


def line_breaks(
    data: bytes, width: int, start: int, overrides: bytes, *, pure: bool = False
) -> tuple[list[int], int]:
    """Byte offsets of ``data`` (UTF-8) before which gettext starts a new line; the end column.

    ``width`` is the columns available, ``start`` the column the text starts at, ``overrides``
    one code per byte (``BREAK_PROHIBITED`` where no break may go, else ``BREAK_UNDEFINED``).
    """
    breaker = None if pure else _libunistring()
    if breaker is None:
        return _pure_breaks(data, width, start, overrides)
    return breaker(data, width, start, overrides)


def line_breaks_many(texts: Sequence[bytes], width: int) -> list[list[int]]:
    """:func:`line_breaks` of each text from column 0 with no overrides, in one library call.

    Each call costs a few microseconds beside the work, so a catalog's long strings are laid
    out together, joined by newlines. No text may contain a mandatory break (LF, CR, VT, FF,
    NEL, LS, PS): after the joining newline libunistring starts afresh, in the state it starts
    a text in (UAX #14's rules look back no further than a mandatory break, and ahead only to
    the next character, where a newline and the end of the text count alike), and fills the
    next text from column 0. A test holds the result to one call per text.
    """
    breaker = _libunistring()
    if breaker is None or not texts:
        return [_pure_breaks(text, width, 0, bytes(len(text)))[0] for text in texts]
    joined = b"\n".join(texts)
    breaks, _ = breaker(joined, width, 0, bytes(len(joined)))
    # Where each text starts in the joined bytes; each break goes to the text it falls in.
    starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
    result: list[list[int]] = [[] for _ in texts]
    index = 0
    for offset in breaks:
        while offset >= starts[index + 1]:
            index += 1
        result[index].append(offset - starts[index])
    return result


@functools.cache
def _libunistring() -> Breaker | None:
    """libunistring's ``u8_width_linebreaks``, or None where the library is missing."""
    library = _load_libunistring()
    function = getattr(library, "u8_width_linebreaks", None) if library is not None else None
    if function is None:
        return None
    function.restype = ctypes.c_int
    function.argtypes = [
        ctypes.c_char_p,
        ctypes.c_size_t,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_char_p,
    ]

    def breaks(data: bytes, width: int, start: int, overrides: bytes) -> tuple[list[int], int]:
        result = ctypes.create_string_buffer(len(data))
        end = function(data, len(data), width, start, 0, overrides, b"UTF-8", result)
        return [match.start() for match in _POSSIBLE.finditer(result.raw)], end

    return breaks


def _load_libunistring() -> ctypes.CDLL | None:
    """The library by its usual names, else by ``find_library``'s search."""
    for name in _SONAMES:
        with contextlib.suppress(OSError):
            return ctypes.CDLL(name)
    # Imported only here: find_library runs ldconfig (or a compiler), milliseconds per process.
    from ctypes.util import find_library

    found = find_library("unistring")
    try:
        return ctypes.CDLL(found) if found is not None else None
    except OSError:
        return None


# ---- the pure-Python fallback -----------------------------------------------------------------

#: Characters no line may start with (UAX #14 classes CL, CP, EX, IS, NS, SY and small kana).
_NO_START = frozenset(
    ")]}!,.:;?/%\u00bb\u2019\u201d\u2026\u3001\u3002\u3005\u300d\u300f\u3011\u3015\u3017\u3019"
    "\u301f\u303b\u309d\u309e\u30a0\u30fb\u30fc\u30fd\u30fe\uff01\uff09\uff0c\uff0e\uff1a\uff1b"
    "\uff1f\uff3d\uff5d\uff60\uff61\uff63\uff64\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085"
    "\u3087\u308e\u3095\u3096\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5"
    "\u30f6\u00b0\u2030\u2032\u2033\u2103\uffe0\uff05"
)
#: Characters no line may end with (classes OP, QU openers and PR).
_NO_END = frozenset(
    "([{\u00ab\u2018\u201c\u3008\u300a\u300c\u300e\u3010\u3014\u3016\u3018\u301d\uff08\uff3b"
    "\uff5b\uff5f\uff62$\u00a3\u00a5\u20ac\uffe5\\"
)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _char_width(char: str) -> int:
    """Display columns, as libunistring's ``uc_width`` for a UTF-8 locale."""
    if char < "\u0300":
        return 0 if char < " " or "\x7f" <= char < "\xa0" else 1
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if _is_wide(char) else 1


def _opportunity(before: str, after: str) -> bool:
    """A break between two characters (the common UAX #14 rules for Latin and CJK text)."""
    if after == " " or after in _NO_START or before in _NO_END:
        return False
    if before == " ":
        return True
    if before.isdigit() and after.isdigit():
        return False  # full-width digits are wide, but a number stays whole
    if before in "-/.,:;?!":
        return after.isalpha()  # "co-|operation", "example.|org/|a", "said,|he" (UAX #14)
    return _is_wide(before) or _is_wide(after)


def _pure_breaks(data: bytes, width: int, start: int, overrides: bytes) -> tuple[list[int], int]:
    """The greedy fill of libunistring over our own opportunities."""
    text = data.decode("utf-8")
    offsets = _byte_offsets(text)
    breaks: list[int] = []
    last: int | None = None  # byte offset of the last opportunity
    column, piece = start, 0
    for index, char in enumerate(text):
        offset = offsets[index]
        possible = (
            index > 0
            and overrides[offset] != BREAK_PROHIBITED
            and _opportunity(text[index - 1], char)
        )
        if possible:
            if last is not None and column + piece > width:
                breaks.append(last)
                column = 0
            last, column, piece = offset, column + piece, 0
        piece += _char_width(char)
    if last is not None and column + piece > width:
        breaks.append(last)
        column = 0
    return breaks, column + piece


def _byte_offsets(text: str) -> Sequence[int]:
    offsets, position = [], 0
    for char in text:
        offsets.append(position)
        position += len(char.encode("utf-8"))
    return offsets
