"""The one-pass PO reader: every construct, exact lines, gettext's escapes, both paths agree."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po as babel_read_po
from babel.messages.pofile import write_po as babel_write_po
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.catalog._pofast import parse_fast
from pipeline.catalog._poread import parse_lines
from pipeline.catalog.mo import compile_mo, mo_problems
from pipeline.catalog.po import format_po, parse_po
from pipeline.core import Catalog, Entry, InputError
from tests.support.catalogs import po_entries

DATA = Path(__file__).resolve().parents[1] / "data"

EVERYTHING = """\
# Translator's note.
#
#, fuzzy
msgid ""
msgstr ""
"Language: ja\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

# A translator comment
#. extracted one
#.
#: a.txt:1 b.txt:2
#: c.txt:3
#, fuzzy, c-format
#| msgctxt "old context"
#| msgid "old "
#| "text"
#| msgid_plural "old plural"
msgctxt "headline"
msgid "%d new"
msgid_plural "%d new ones"
msgstr[0] "%d 新"
"しい"

msgid "tab\\there \\"quoted\\" back\\\\slash \\a\\b\\f\\v\\r\\n"
msgstr "octal \\303\\251 hex \\x41"

# kept with the obsolete entry
#, fuzzy
#~| msgctxt "was"
#~| msgid "was "
#~| "this"
#~ msgctxt "ctx"
#~ msgid "gone "
#~ "away"
#~ msgstr "消えた"
"""


def test_every_construct_is_read() -> None:
    catalog = parse_po(EVERYTHING, "all.po")
    assert catalog.header_fuzzy and catalog.header_comment == "Translator's note.\n"
    assert catalog.header == (("Language", "ja"), ("Plural-Forms", "nplurals=1; plural=0;"))
    plural, escapes, gone = catalog.entries
    assert plural == Entry(
        msgid="%d new",
        msgctxt="headline",
        msgid_plural="%d new ones",
        msgstr_plural=("%d 新しい",),
        flags=("fuzzy", "c-format"),
        comments=("A translator comment",),
        extracted=("extracted one", ""),
        refs=("a.txt:1", "b.txt:2", "c.txt:3"),
        previous_msgctxt="old context",
        previous_msgid="old text",
        previous_msgid_plural="old plural",
        line=20,
    )
    assert escapes.msgid == 'tab\there "quoted" back\\slash \a\b\f\v\r\n'
    assert escapes.msgstr == "octal é hex A"
    assert (gone.obsolete, gone.msgctxt, gone.msgid, gone.msgstr) == (
        True,
        "ctx",
        "gone away",
        "消えた",
    )
    assert (gone.previous_msgctxt, gone.previous_msgid, gone.comments) == (
        "was",
        "was this",
        ("kept with the obsolete entry",),
    )
    assert gone.line == 34


def test_both_paths_read_the_same(tmp_path: Path) -> None:
    """The regex fast path and the line reader agree on every fixture gettext accepts."""
    texts = [EVERYTHING, format_po(parse_po(EVERYTHING, "all.po"))]
    texts += [p.read_bytes().decode("utf-8", "replace") for p in sorted(DATA.glob("*.po"))]
    compared = 0
    for text in texts:
        try:
            slow = parse_lines(text, "x.po")
        except InputError:
            continue
        fast = parse_fast(text)
        if fast is not None:
            assert fast == slow
            compared += 1
    assert compared >= 8


_HEADER = (("Language", "ja"), ("Content-Type", "text/plain; charset=UTF-8"))
_EDITS = ("drop", "double", "junk", "indent", "blank", "split", "repeat")


def _damaged(text: str, index: int, edit: str) -> str:
    """``text`` with one line edited as a hand (or a bad merge) might, or its last entry twice."""
    if edit == "repeat":
        last = text.rstrip().split("\n\n")[-1]
        return f"{text}\n{last}\n"
    lines = text.split("\n")
    line = lines[index % len(lines)]
    replacement = {
        "drop": [],
        "double": [line, line],
        "junk": [line + " x"],
        "indent": ["  " + line],
        "blank": [line, ""],
        "split": [line[: len(line) // 2], line[len(line) // 2 :]],
    }[edit]
    lines[index % len(lines) : index % len(lines) + 1] = replacement
    return "\n".join(lines)


@settings(deadline=None, max_examples=80)
@given(po_entries(), st.integers(min_value=0), st.sampled_from(_EDITS))
def test_both_paths_read_random_catalogs_alike(
    entries: tuple[Entry, ...], index: int, edit: str
) -> None:
    """Our output takes the fast path; a damaged copy reads alike or falls to the line reader."""
    text = format_po(Catalog(header=_HEADER, entries=entries))
    assert parse_fast(text) == parse_lines(text, "random.po")
    damaged = _damaged(text, index, edit)
    try:
        slow: Catalog | None = parse_lines(damaged, "damaged.po")
    except InputError:
        slow = None
    fast = parse_fast(damaged)
    assert fast is None or fast == slow


@pytest.mark.parametrize(
    "comments",
    [
        pytest.param("#: a.txt#:1 b#:2\n#: c.txt:3\n", id="refs-with-marks"),
        pytest.param("#, fuzzy, odd#,flag\n#, c-format\n", id="flags-with-marks"),
        pytest.param("#.no space\n#. a #. b\n#.\n", id="extracted"),
        pytest.param("#. a\n#. \n#. b #. c\n", id="extracted-spaced"),
        pytest.param("#\n# a # b\n#  two spaces\n", id="translator"),
    ],
)
def test_comment_lines_read_alike_both_ways(comments: str) -> None:
    text = f'msgid ""\nmsgstr "Language: ja\\n"\n\n{comments}msgid "a"\nmsgstr "b"\n'
    fast = parse_fast(text)
    assert fast is not None and fast == parse_lines(text, "comments.po")


def _polib_text(text: str) -> str:
    return str(polib.pofile(text))


def _babel_text(text: str) -> str:
    out = io.BytesIO()
    babel_write_po(out, babel_read_po(io.BytesIO(text.encode("utf-8"))))
    return out.getvalue().decode("utf-8")


@pytest.mark.parametrize("rewrite", [_polib_text, _babel_text], ids=["polib", "babel"])
def test_files_other_tools_write_take_the_fast_path(rewrite: Callable[[str], str]) -> None:
    """polib and Babel (as Weblate and Python projects write PO files) lay out parts as gettext."""
    text = rewrite(format_po(parse_po(EVERYTHING, "all.po")))
    fast = parse_fast(text)
    assert fast is not None and fast == parse_lines(text, "other.po")
    assert len(fast.entries) == 3 and fast.header_fuzzy  # what those tools keep is theirs to say


def test_crlf_is_read_and_lines_stay_exact() -> None:
    catalog = parse_po(EVERYTHING.replace("\n", "\r\n"), "crlf.po")
    assert [e.line for e in catalog.entries] == [20, 25, 34]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param('msgid "a \\q"\nmsgstr ""\n', 1, "invalid control sequence \\q", id="escape"),
        pytest.param('msgid "a"\nmsgstr "\\x"\n', 2, "invalid control sequence \\x", id="bare-x"),
        pytest.param('msgid "a"\nmsgstr[0] "b"\n', 2, "unexpected msgstr[0]", id="form"),
        pytest.param('msgid "a"\nmsgid_plural "b"\nmsgstr[1] "c"\n', 3, "wrong index", id="index"),
        pytest.param('msgid "a"\n# note\nmsgstr "b"\n', 2, "comment inside an entry", id="comment"),
        pytest.param('#~ msgid "a"\nmsgstr "b"\n', 2, "inconsistent use of #~", id="obsolete"),
        pytest.param('msgid "a"\n"b\nmsgstr ""\n', 2, "unterminated string", id="unterminated"),
        pytest.param('msgid "a" x\nmsgstr ""\n', 1, "text after the string", id="trailing"),
        pytest.param(
            '#| msgid "a"\n#| msgid "b"\nmsgid "c"\nmsgstr ""\n',
            2,
            "unexpected previous msgid",
            id="previous-twice",
        ),
        pytest.param(
            '#| msgid "a"\n#| msgctxt "b"\nmsgid "c"\nmsgstr ""\n',
            2,
            "unexpected previous msgctxt",
            id="previous-order",
        ),
        pytest.param(
            '#| msgid_plural "a"\nmsgid "c"\nmsgstr ""\n',
            1,
            "unexpected previous msgid_plural",
            id="previous-plural-alone",
        ),
        pytest.param(
            '#| msgctxt "a"\nmsgid "c"\nmsgstr ""\n',
            2,
            "a previous msgctxt needs a previous msgid",
            id="previous-context-alone",
        ),
        pytest.param(
            '#| msgid "a"\n#, fuzzy\nmsgid "c"\nmsgstr ""\n',
            2,
            "a comment after a previous field",
            id="comment-after-previous",
        ),
        pytest.param(
            'msgid "a"\nmsgstr "b"\n\n#| msgid "old"\n',
            5,
            "previous fields with no entry after them",
            id="previous-at-the-end",
        ),
    ],
)
def test_what_gettext_rejects_is_one_error_with_its_line(
    text: str, line: int, message: str, tmp_path: Path
) -> None:
    with pytest.raises(InputError) as caught:
        parse_po(text, "bad.po")
    assert (caught.value.line, message in caught.value.message) == (line, True), caught.value
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    gnu = subprocess.run(["msgfmt", "-o", "/dev/null", str(path)], capture_output=True, check=False)
    assert gnu.returncode != 0  # we refuse nothing that gettext accepts


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param('msgid "a"\nmsgstr "\\0"\n', "invalid control sequence \\0", id="nul"),
        pytest.param('msgid "a"\nmsgstr "\\377"\n', "not valid UTF-8", id="bad-byte"),
    ],
)
def test_escapes_msgfmt_passes_but_text_cannot_hold(text: str, message: str) -> None:
    """A NUL ends a string in an MO file and a lone byte is no UTF-8 text: both refused."""
    with pytest.raises(InputError, match=re.escape(message)):
        parse_po(text, "bad.po")


def test_mo_compilation_refuses_what_msgfmt_refuses() -> None:
    catalog = Catalog(
        header=(("Content-Type", "text/plain; charset=UTF-8"),),
        entries=(
            Entry(msgid="fine\n", msgstr="よい\n", line=4),
            Entry(msgid="Leading", msgstr="\n先頭", line=7),
            Entry(msgid="draft\n", msgstr="下書き", flags=("fuzzy",), line=9),
        ),
    )
    assert mo_problems(catalog) == [
        (7, "'msgid' and 'msgstr' entries do not both begin with '\\n'")
    ]
    with pytest.raises(InputError) as caught:
        compile_mo(catalog, "ja.po")
    assert (caught.value.path, caught.value.line) == ("ja.po", 7)
    good = Catalog(header=catalog.header, entries=catalog.entries[::2])
    assert compile_mo(good).startswith(b"\xde\x12\x04\x95")
