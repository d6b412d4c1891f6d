"""PO layout as GNU gettext writes it: msgcat changes no byte, real GNU files round-trip exactly.

The two ``po_gnu_django_*.po`` files under tests/data are Django 3.2.25's own catalogs
(contrib/admin/locale/ja and zh_Hans), taken from Debian's python3-django package
(BSD-3-Clause, as Django); they are written by GNU gettext (msgcat leaves them unchanged).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.catalog import _linebreak, _powrite
from pipeline.catalog._powrite import wrap_string
from pipeline.catalog.po import format_po, parse_po, read_po
from pipeline.core import Catalog, Entry
from tests.support.catalogs import po_entries

DATA = Path(__file__).resolve().parents[1] / "data"
GNU_FILES = sorted(DATA.glob("po_gnu_*.po"))

HEADER = (
    ("Project-Id-Version", "locpipe japan-china-relations 2024-05 edition for the weekend desk"),
    ("Report-Msgid-Bugs-To", "news-localization-desk@example.org"),
    ("POT-Creation-Date", "2024-05-01 09:00+0000"),
    ("PO-Revision-Date", "2024-05-02 10:00+0000"),
    ("Last-Translator", "A Translator With A Rather Long Name <translator@example.org>"),
    ("Language-Team", "Japanese (https://translate.example.org/projects/news/language/ja/)"),
    ("Language", "ja"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=1; plural=0;"),
    ("X-Locpipe-MT", "translate-en_ja 1.1; glossary sha256 0123456789abcdef0123456789abcdef"),
)

LONG_JA = (
    "岸田文雄首相は火曜日、記者団に対し、防衛費を2027年までに国内総生産（GDP）の2％に"
    "引き上げると述べ、数十年にわたる抑制からの大きな転換となる「反撃能力」の保有にも言及した。"
)
LONG_ZH = "中华人民共和国外交部发言人表示，双方将继续加强在经贸、人文、地区和国际事务等领域的沟通与合作，推动两国关系健康稳定发展。"
LONG_EN = (
    "Prime Minister Kishida Fumio told reporters on Tuesday that Japan would raise defence "
    'spending to 2% of GDP by 2027, "a sharp break" with decades of restraint.'
)

SAMPLE = Catalog(
    header=HEADER,
    header_comment="Japanese translation of the summit article.\nCopyright (C) 2024 the newsroom\n",
    entries=(
        Entry(
            msgid=LONG_EN,
            msgstr=LONG_JA,
            extracted=("sentence", "glossary: Kishida Fumio → 岸田文雄"),
            refs=tuple(f"articles/japan-china-relations.md:{n}" for n in range(1, 30, 3)),
        ),
        Entry(msgid="Leaders meet.", msgstr=LONG_ZH, msgctxt="headline", flags=("fuzzy",)),
        Entry(msgid="Multi\nline\n", msgstr="複数\n行\n", comments=("", "checked")),
        Entry(
            msgid="%d ship sank",
            msgid_plural="%d ships sank",
            msgstr_plural=("%d 隻が沈没した",),
            flags=("c-format",),
        ),
        Entry(
            msgid="Talks resumed.",
            msgstr="協議が再開された。",
            flags=("fuzzy",),
            previous_msgctxt="body",
            previous_msgid=LONG_EN,
            previous_msgid_plural="Talks resumed again.",
        ),
        Entry(msgid=LONG_EN + " (old)", msgstr=LONG_JA, obsolete=True),
        Entry(
            msgid="Exports fell.",
            msgstr="輸出は減少した。",
            flags=("fuzzy",),
            previous_msgid=LONG_EN,
            obsolete=True,
        ),
    ),
)


def msgcat(text: str, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "in.po"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["msgcat", *options, str(path)], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_msgcat_leaves_our_sample_unchanged(tmp_path: Path) -> None:
    text = format_po(SAMPLE)
    assert msgcat(text, tmp_path) == text
    assert '#~| msgid ""\n#~| "Prime Minister' in text
    assert "#| msgid_plural" in text


def test_long_cjk_strings_wrap_by_display_width(tmp_path: Path) -> None:
    lines = wrap_string("", "msgstr", LONG_JA * 2)
    assert lines[0] == 'msgstr ""'
    assert len(lines) > 3
    widths = [sum(2 if ord(c) > 0x2E80 else 1 for c in line) for line in lines]
    assert max(widths) <= 79
    assert min(widths[1:-1]) >= 70  # full lines, not a line per character


def test_gettext_ends_a_line_with_its_space() -> None:
    lines = wrap_string("", "msgid", LONG_EN)
    assert all(line.endswith(' "') for line in lines[1:-1])
    assert not any(line.startswith('" ') for line in lines)


@pytest.mark.parametrize("path", GNU_FILES, ids=[p.name for p in GNU_FILES])
def test_real_gnu_files_round_trip_byte_for_byte(path: Path, tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert msgcat(text, tmp_path) == text  # the fixture is GNU-written
    assert format_po(read_po(path)) == text


@pytest.mark.parametrize("path", GNU_FILES, ids=[p.name for p in GNU_FILES])
def test_msgmerge_output_with_previous_and_obsolete_round_trips(path: Path, tmp_path: Path) -> None:
    """msgmerge --previous against an edited template: fuzzy #| entries and #~ entries."""
    catalog = read_po(path)
    edited = [
        Entry(msgid=e.msgid + " now" if i % 3 == 0 else e.msgid, msgctxt=e.msgctxt)
        for i, e in enumerate(catalog.entries)
        if e.msgid_plural is None and i % 5
    ]
    template = tmp_path / "t.pot"
    template.write_text(format_po(Catalog(header=catalog.header, entries=tuple(edited))))
    merged = subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", "-", str(path), str(template)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "\n#| msgid " in merged and "\n#~ msgid " in merged
    assert format_po(parse_po(merged, "merged.po")) == merged


def test_no_wrap_files_read_back_losslessly(tmp_path: Path) -> None:
    unwrapped = msgcat(format_po(SAMPLE), tmp_path, "--no-wrap")
    assert unwrapped != format_po(SAMPLE)
    assert format_po(parse_po(unwrapped, "nowrap.po")) == format_po(SAMPLE)


def test_gettext_normalisations_are_ours_too(tmp_path: Path) -> None:
    """An untranslated entry loses fuzzy and an untranslated obsolete entry is dropped."""
    catalog = Catalog(
        header=HEADER,
        entries=(
            Entry(msgid="a", flags=("fuzzy", "python-format", "c-format")),
            Entry(msgid="gone", obsolete=True),
        ),
    )
    text = format_po(catalog)
    assert "#, c-format, python-format\n" in text
    assert "gone" not in text
    assert msgcat(text, tmp_path) == text


# ---- property: random entries written, read back, equal -------------------------------------


@settings(deadline=None, max_examples=60)
@given(po_entries())
def test_random_entries_written_read_back_are_the_same(entries: tuple[Entry, ...]) -> None:
    catalog = Catalog(header=HEADER, entries=entries)
    back = parse_po(format_po(catalog), "random.po")
    assert tuple(Entry(**{**e.__dict__, "line": 0}) for e in back.entries) == entries
    assert back.header == HEADER


def test_without_libunistring_news_text_is_laid_out_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where libunistring is missing our own break rules lay out news text as gettext does."""
    with_library = format_po(SAMPLE)

    monkeypatch.setattr(_linebreak, "_libunistring", lambda: None)
    assert format_po(SAMPLE) == with_library


_LONG = st.text(
    alphabet=st.sampled_from(
        [*"ab XY09 .,-/%'\"()", *"岸田文雄、。「」ー中华，", "\\", "\n", "\u2028"]
    ),
    min_size=60,
    max_size=200,
)


@st.composite
def long_entries(draw: st.DrawFn) -> tuple[Entry, ...]:
    """Entries with long strings, some with a format or no-wrap flag, plurals or obsolete.

    Translations come from a small pool, so one string sits in entries of different kinds.
    """
    pool = draw(st.lists(_LONG, min_size=1, max_size=3))
    texts = st.sampled_from(pool)
    entries = []
    for number in range(draw(st.integers(1, 6))):
        flags = draw(st.sampled_from([(), ("fuzzy",), ("c-format",), ("no-wrap",)]))
        plural = draw(st.booleans())
        entries.append(
            Entry(
                msgid=f"{number} {draw(_LONG)}",
                msgstr="" if plural else draw(texts),
                msgctxt=draw(st.none() | texts),
                msgid_plural=draw(texts) if plural else None,
                msgstr_plural=(draw(texts), draw(texts)) if plural else (),
                flags=flags,
                previous_msgid=draw(st.none() | texts),
                obsolete=number > 2 and not plural,
            )
        )
    return tuple(sorted(entries, key=lambda entry: entry.obsolete))


@settings(deadline=None, max_examples=80)
@given(long_entries())
def test_long_strings_laid_out_together_as_each_alone(entries: tuple[Entry, ...]) -> None:
    """The catalog's long plain strings are broken in one call: the text is the same as when
    each string is laid out on its own.

    Translations shared between kinds of entries check that one kind's layout is not lent
    to another (a narrower obsolete line, no wrapping, c-format directives kept whole).
    """
    catalog = Catalog(HEADER, entries)
    together = format_po(catalog)
    batch = _powrite._plain_layouts
    _powrite._plain_layouts = lambda entries: {}  # every string asks libunistring alone
    try:
        alone = format_po(catalog)
    finally:
        _powrite._plain_layouts = batch
    assert together == alone


def test_a_plain_layout_is_not_lent_to_a_format_string() -> None:
    """libunistring breaks this string inside ``% d`` (after the space flag); a c-format entry
    keeps the directive whole even where an entry without the flag holds the same string.

    Mutant killed: the batch's breaks used for an entry that keeps directives whole.
    """
    text = "ab " * 25 + "% d" + " ab" * 10
    catalog = Catalog(HEADER, (Entry("plain", text), Entry("%d", text, flags=("c-format",))))
    plain, formatted = format_po(catalog).split("\n\n")[1:]
    assert plain.splitlines()[-1].startswith('"d ab')  # libunistring breaks inside it
    assert formatted.splitlines()[-1].startswith('"% d ab')  # the directive stays whole
