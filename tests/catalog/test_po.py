"""PO reading and writing: round trips, msgid line numbers, bad files, GNU compatibility."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.catalog.po import format_po, parse_po, read_po
from pipeline.core.errors import InputError
from pipeline.core.model import Catalog, Entry

DATA = Path(__file__).resolve().parents[1] / "data"

HEADER = (
    ("Project-Id-Version", "locpipe tests"),
    ("Report-Msgid-Bugs-To", "news@example.org"),
    ("POT-Creation-Date", "2024-05-01 09:00+0000"),
    ("PO-Revision-Date", "2024-05-02 10:00+0000"),
    ("Last-Translator", "Test Translator <tt@example.org>"),
    ("Language-Team", "Japanese <ja@example.org>"),
    ("Language", "ja"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=1; plural=0;"),
    ("X-Generator", "locpipe"),
)

LONG = (
    "Prime Minister Kishida Fumio told reporters on Tuesday that Japan would raise defence "
    "spending to two percent of GDP by 2027, a sharp break with decades of restraint."
)

CATALOG = Catalog(
    header=HEADER,
    header_comment="Japanese translation of the summit article.\nCopyright (C) 2024 the newsroom",
    entries=(
        Entry(
            msgid="Leaders meet in Tokyo.",
            msgstr="首脳が東京に集う。",
            msgctxt="headline",
            extracted=("headline",),
            refs=("articles/summit.txt:1",),
        ),
        Entry(
            msgid=LONG,
            msgstr="岸田文雄首相は火曜日、記者団に対し、防衛費を2027年までにGDPの2%に引き上げると述べた。",
            comments=("checked against the NHK report",),
            extracted=("sentence",),
            refs=("articles/summit.txt:3", "articles/summit.txt:9"),
        ),
        Entry(
            msgid="“We will act,” he said.",
            msgstr="「行動する」と彼は述べた。",
            flags=("fuzzy",),
            previous_msgid="“We must act,” he said.",
            previous_msgctxt="quote",
            refs=("articles/summit.txt:4",),
        ),
        Entry(msgid='A "quoted"\tword\\ and\nnew line', msgstr="", refs=("articles/summit.txt:5",)),
        Entry(msgid="One ship", msgid_plural="%d ships", msgstr_plural=("%d 隻",)),
        Entry(msgid="Exports fell.", msgstr="輸出は減少した。", obsolete=True),
        Entry(
            msgid="Imports rose.",
            msgstr="輸入は増加した。",
            flags=("fuzzy",),
            previous_msgid="Imports rose sharply.",
            obsolete=True,
        ),
    ),
)


def msgfmt_check(text: str, tmp_path: Path) -> None:
    """Assert GNU msgfmt -c accepts the PO text."""
    po = tmp_path / "check.po"
    po.write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["msgfmt", "-c", "-o", str(tmp_path / "check.mo"), str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def without_lines(catalog: Catalog) -> tuple[Entry, ...]:
    return tuple(Entry(**{**entry.__dict__, "line": 0}) for entry in catalog.entries)


def test_format_then_parse_round_trips(tmp_path: Path) -> None:
    text = format_po(CATALOG)
    catalog = parse_po(text, "summit.po")
    assert catalog.header == HEADER
    assert catalog.header_comment == CATALOG.header_comment
    assert without_lines(catalog) == CATALOG.entries
    assert format_po(catalog) == text
    msgfmt_check(text, tmp_path)


def test_reformat_is_byte_identical_after_gnu_tools(tmp_path: Path) -> None:
    """A file we wrote, normalised by msgcat, reads back to the same catalog."""
    po = tmp_path / "ours.po"
    po.write_text(format_po(CATALOG), encoding="utf-8")
    gnu = tmp_path / "gnu.po"
    subprocess.run(["msgcat", "-o", str(gnu), str(po)], check=True)
    assert without_lines(read_po(gnu)) == without_lines(read_po(po))
    assert format_po(read_po(gnu)) == po.read_text(encoding="utf-8")


def test_line_is_that_of_the_msgid_keyword() -> None:
    text = format_po(CATALOG)
    lines = text.split("\n")
    for entry in parse_po(text, "summit.po").entries:
        keyword = "#~ msgid " if entry.obsolete else "msgid "
        assert lines[entry.line - 1].startswith(keyword), entry


def test_obsolete_entries_come_last_and_keep_previous() -> None:
    catalog = parse_po(format_po(CATALOG), "summit.po")
    assert [e.obsolete for e in catalog.entries] == [False] * 5 + [True] * 2
    assert catalog.entries[-1].previous_msgid == "Imports rose sharply."


def test_line_separators_inside_strings_survive() -> None:
    entry = Entry(msgid="Tokyo\u2028Osaka\x0cKyoto", msgstr="東京\u2028大阪")
    catalog = parse_po(format_po(Catalog(header=HEADER, entries=(entry,))), "x.po")
    assert without_lines(catalog) == (entry,)


def test_crlf_and_bom_are_accepted() -> None:
    text = "\ufeff" + format_po(CATALOG).replace("\n", "\r\n")
    assert without_lines(parse_po(text, "x.po")) == CATALOG.entries


BAD_FILES = {
    "po_bad_duplicate.po": (19, "duplicate message definition"),
    "po_bad_escape.po": (20, "invalid control sequence \\q"),
    "po_bad_missing_msgstr.po": (20, "msgid without msgstr"),
    "po_bad_not_utf8.po": (19, "not valid UTF-8 text (byte 0xe9)"),
    "po_bad_previous_keyword.po": (20, "unknown keyword msgfoo"),
    "po_bad_two_msgstr.po": (21, "syntax error"),
    "po_bad_unescaped_quote.po": (20, "unescaped double quote"),
    "po_bad_unknown_keyword.po": (19, "syntax error"),
    "po_bad_unterminated_string.po": (19, "unterminated string"),
}


def test_every_bad_file_is_listed() -> None:
    assert sorted(p.name for p in DATA.glob("po_bad_*.po")) == sorted(BAD_FILES)


@pytest.mark.parametrize(("name", "line", "message"), [(n, *v) for n, v in BAD_FILES.items()])
def test_bad_po_reports_file_and_line(name: str, line: int, message: str) -> None:
    path = DATA / name
    with pytest.raises(InputError) as caught:
        read_po(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert message in caught.value.message
    assert not isinstance(caught.value, OSError)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read PO file"):
        read_po(tmp_path / "absent.po")


def test_gnu_rejects_every_bad_file(tmp_path: Path) -> None:
    """Our bad inputs are bad for GNU too, so we never refuse a file gettext accepts."""
    for name in BAD_FILES:
        result = subprocess.run(
            ["msgfmt", "-c", "-o", str(tmp_path / "x.mo"), str(DATA / name)],
            capture_output=True,
            check=False,
        )
        assert result.returncode != 0, name


def test_long_comment_lines_are_not_rewrapped(tmp_path: Path) -> None:
    translator_note = "Checked with the desk editor: " + "keep the agency's wording " * 4
    draft_flag = (
        "glossary: missing 地域的な包括的経済連携協定 (Regional Comprehensive Economic Partnership)"
    )
    entry = Entry(
        msgid="RCEP took effect.", msgstr="x", comments=(translator_note,), extracted=(draft_flag,)
    )
    text = format_po(Catalog(header=HEADER, entries=(entry,)))
    assert f"# {translator_note}\n" in text  # kept verbatim, trailing space too, as gettext
    assert f"#. {draft_flag}\n" in text
    back = parse_po(text, "long.po").entries[0]
    assert (back.comments, back.extracted) == ((translator_note,), (draft_flag,))
    msgfmt_check(text, tmp_path)


def test_fuzzy_header_flag_survives_a_round_trip() -> None:
    text = '# Team.\n#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: ja\\n"\n\nmsgid "a"\nmsgstr ""\n'
    catalog = parse_po(text, "h.po")
    assert catalog.header_fuzzy
    assert '#, fuzzy\nmsgid ""' in format_po(catalog)
    assert not parse_po(format_po(replace(catalog, header_fuzzy=False)), "h.po").header_fuzzy
