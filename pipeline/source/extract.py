"""Turn translation units into a POT catalog, merging identical units as xgettext does."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.core import Catalog, Entry, Unit
from pipeline.source.segment import TITLE_KINDS

#: Article text is never a format string. A "%" in it ("3.6% in the first quarter" reads as
#: "% i") would make tools that guess formats (pybabel, pofilter -t printf) check it as one,
#: so such units say they are not, as ``xgettext`` writes it; the check rules follow the flags.
NOT_FORMAT = ("no-c-format", "no-python-format")


def format_flags(msgid: str) -> tuple[str, ...]:
    """The flags of a unit's entry: ``no-c-format, no-python-format`` when it holds a "%"."""
    return NOT_FORMAT if "%" in msgid else ()


def assign_contexts(units: Sequence[Unit]) -> list[Unit]:
    """Give title-like units a ``msgctxt`` only where the same text also occurs as prose.

    A headline is translated differently from the identical body sentence (no final
    punctuation, headline style); everywhere else identical text is one entry.
    """
    kinds: dict[str, set[bool]] = {}
    for unit in units:
        kinds.setdefault(unit.msgid, set()).add(unit.kind in TITLE_KINDS)
    result = []
    for unit in units:
        clash = len(kinds[unit.msgid]) > 1 and unit.kind in TITLE_KINDS
        context = unit.kind if clash else unit.context
        result.append(Unit(unit.msgid, unit.kind, unit.refs, context))
    return result


def build_template(units: Sequence[Unit], header: Sequence[tuple[str, str]]) -> Catalog:
    """A POT catalog: one entry per (msgctxt, msgid), refs and kinds gathered in order."""
    order: list[tuple[str | None, str]] = []
    refs: dict[tuple[str | None, str], list[str]] = {}
    kinds: dict[tuple[str | None, str], list[str]] = {}
    for unit in assign_contexts(units):
        key = (unit.context, unit.msgid)
        if key not in refs:
            order.append(key)
            refs[key], kinds[key] = [], []
        refs[key].extend(r for r in unit.refs if r not in refs[key])
        if unit.kind not in kinds[key]:
            kinds[key].append(unit.kind)
    entries = tuple(
        Entry(
            msgid=msgid,
            msgctxt=context,
            flags=format_flags(msgid),
            extracted=("kind: " + ", ".join(kinds[(context, msgid)]),),
            refs=tuple(refs[(context, msgid)]),
        )
        for context, msgid in order
    )
    return Catalog(header=tuple(header), entries=entries)
