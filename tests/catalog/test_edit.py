"""Changing one PO entry leaves every other byte of the file as it was."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.catalog import parse_po, replace_entry
from pipeline.core import InputError
from tests.conftest import msgfmt_check

# Hand-formatted as another tool might write it: odd wrapping, a kept obsolete entry.
TEXT = """\
# A translator's file.
msgid ""
msgstr ""
"Language: ja\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#. kind: headline
#: a.txt:1
msgid "Tokyo"
msgstr "東京"

# keep me
#. kind: sentence
#: a.txt:3
#, fuzzy
#| msgid "An old"
#| " sentence."
msgid "A new "
"sentence."
msgstr "新しい"
"文。"

msgctxt "headline"
msgid "Tokyo"
msgstr ""

#~ msgid "Gone"
#~ msgstr "消えた"
"""


def _entry(msgid: str, msgctxt: str | None = None):  # type: ignore[no-untyped-def]
    return next(e for e in parse_po(TEXT, "t.po").active if e.key == (msgctxt, msgid))


def test_only_the_entry_changes() -> None:
    entry = _entry("A new sentence.")
    approved = replace(entry, msgstr="新しい文。", flags=(), previous_msgid=None)
    text = replace_entry(TEXT, "t.po", approved)
    before, after = TEXT.split("\n\n"), text.split("\n\n")
    assert len(before) == len(after)
    changed = [i for i, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    assert changed == [2]
    assert after[2] == (
        '# keep me\n#. kind: sentence\n#: a.txt:3\nmsgid "A new sentence."\nmsgstr "新しい文。"'
    )


def test_entries_with_context_are_told_apart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    entry = _entry("Tokyo", "headline")
    text = replace_entry(TEXT, "t.po", replace(entry, msgstr="東京都"))
    assert 'msgctxt "headline"\nmsgid "Tokyo"\nmsgstr "東京都"' in text
    assert '#: a.txt:1\nmsgid "Tokyo"\nmsgstr "東京"' in text
    path = tmp_path / "t.po"
    path.write_text(text, encoding="utf-8")
    assert msgfmt_check(path).returncode == 0


def test_an_entry_not_in_the_file_is_an_error() -> None:
    with pytest.raises(InputError, match="no entry"):
        replace_entry(TEXT, "t.po", replace(_entry("Tokyo"), msgid="Osaka"))


def test_an_obsolete_entry_is_not_edited() -> None:
    gone = next(e for e in parse_po(TEXT, "t.po").entries if e.obsolete)
    with pytest.raises(InputError, match="no entry"):
        replace_entry(TEXT, "t.po", replace(gone, msgstr="x"))


@settings(deadline=None)  # timing is not what this holds
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_translation_reads_back_and_nothing_else_moves(msgstr: str) -> None:
    entry = _entry("Tokyo")
    text = replace_entry(TEXT, "t.po", replace(entry, msgstr=msgstr))
    after = parse_po(text, "t.po")
    assert next(e for e in after.active if e.key == entry.key).msgstr == msgstr
    assert text.split("\n\n")[2:] == TEXT.split("\n\n")[2:]
