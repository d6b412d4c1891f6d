"""Hypothesis strategies for catalog entries, shared by the PO writer and reader tests."""

from __future__ import annotations

from hypothesis import strategies as st

from pipeline.core import Entry

_TEXT = st.text(
    alphabet=st.sampled_from(
        list("abc XYZ019 .,;:!?-'/%()\"\\\n\t") + list("岸田文雄、。「」（）ーッ中华，ＡＢ１")
    ),
    max_size=160,
)
_WORDS = st.text(alphabet=st.sampled_from(list("abc xyz-.:/019岸")), max_size=30)
_REFS = st.lists(
    st.from_regex(r"[a-z/]{1,20}:[1-9]\d{0,3}", fullmatch=True), max_size=12, unique=True
)


@st.composite
def po_entry(draw: st.DrawFn) -> Entry:
    """One entry as a PO file may hold it: any mix of context, plural, comments, obsolete."""
    plural = draw(st.booleans())
    msgstr = draw(_TEXT)
    forms = tuple(draw(st.lists(_TEXT, min_size=1, max_size=3))) if plural else ()
    translated = bool(forms[0] if plural else msgstr)
    obsolete = translated and draw(st.booleans())
    fuzzy = translated and draw(st.booleans())
    previous = draw(st.none() | _TEXT)
    # gettext reads a previous msgctxt or msgid_plural only with a previous msgid (as msgmerge
    # writes them)
    previous_context = draw(st.none() | _TEXT) if previous is not None else None
    previous_plural = draw(st.none() | _TEXT) if plural and previous is not None else None
    return Entry(
        msgid=draw(_TEXT),
        msgstr="" if plural else msgstr,
        msgctxt=draw(st.none() | _TEXT),
        msgid_plural=draw(_TEXT) if plural else None,
        msgstr_plural=forms,
        flags=("fuzzy",) if fuzzy else (),
        comments=tuple(draw(st.lists(_WORDS.map(str.strip), max_size=2))),
        extracted=() if obsolete else tuple(draw(st.lists(_WORDS, max_size=2))),
        refs=() if obsolete else tuple(draw(_REFS)),
        previous_msgid=previous,
        previous_msgctxt=previous_context,
        previous_msgid_plural=previous_plural,
        obsolete=obsolete,
    )


#: The plainest entries, as most of a catalog is: msgid and msgstr only.
_PLAIN = st.builds(Entry, msgid=_TEXT, msgstr=_TEXT)


def po_entries(max_size: int = 8) -> st.SearchStrategy[tuple[Entry, ...]]:
    """Entries with distinct keys, obsolete ones last, as a written catalog holds them."""
    return st.lists(po_entry() | _PLAIN, max_size=max_size).map(_unique)


def _unique(entries: list[Entry]) -> tuple[Entry, ...]:
    by_key = {(e.obsolete, e.key): e for e in entries if e.key != (None, "") or e.obsolete}
    return tuple(sorted(by_key.values(), key=lambda e: e.obsolete))
