"""PO files: read and write catalogs as GNU gettext does.

Reading is one pass (``_poread``), writing reproduces gettext's layout byte for byte
(``_powrite``); MO files are compiled in ``mo``. See docs/architecture.md#po-files.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.catalog._pofast import parse_po_text
from pipeline.catalog._powrite import format_catalog
from pipeline.core import Catalog, InputError, decode_text

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
