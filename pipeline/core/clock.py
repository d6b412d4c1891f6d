"""The one clock: now, or ``SOURCE_DATE_EPOCH`` when set, for reproducible outputs.

reproducible-builds.org's convention: two runs over the same inputs with the same
``SOURCE_DATE_EPOCH`` write the same bytes (POT/PO header dates, MO headers, edition dates).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from pipeline.core.errors import InputError

#: PO header dates, as xgettext and msgmerge write them.
PO_DATE_FORMAT = "%Y-%m-%d %H:%M%z"


def now() -> datetime:
    """The current time in UTC, or ``SOURCE_DATE_EPOCH`` (seconds since 1970) when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(UTC)
    if not epoch.isdigit():
        raise InputError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}")
    return datetime.fromtimestamp(int(epoch), UTC)


def po_date() -> str:
    """Now as a PO header date: ``2026-11-29 13:05+0000``."""
    return now().strftime(PO_DATE_FORMAT)
