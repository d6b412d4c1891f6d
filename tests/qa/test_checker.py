"""The checker's fast path (a skip table and one glossary pass) finds exactly what running
every check on every entry finds: on the sample catalogs, real-world files, a hostile catalog
that trips every rule, and random catalogs."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.catalog.po import format_po
from pipeline.core.model import Catalog, Entry
from pipeline.glossary.schema import Glossary, load_glossary
from pipeline.qa import CheckResult, check_catalogs
from pipeline.qa.rules import RULES
from tests.qa.test_rules import GLOSSARY, header

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests/data"


def both_ways(
    sources: list[tuple[str, bytes]], glossary: Glossary
) -> tuple[CheckResult, CheckResult]:
    fast = check_catalogs(sources, glossary)
    full = check_catalogs(sources, glossary, every_check=True)
    return fast, full


def po(language: str, entries: list[Entry], plural_forms: str = "nplurals=1; plural=0;") -> bytes:
    catalog = Catalog(header=header(language, plural_forms), entries=tuple(entries))
    return format_po(catalog).encode()


def test_sample_and_real_world_catalogs_give_the_same_findings() -> None:
    sources = [
        (str(path.relative_to(ROOT)), path.read_bytes())
        for path in [*sorted(ROOT.glob("locales/*/LC_MESSAGES/*.po")), *sorted(DATA.glob("*.po"))]
    ]
    project = load_glossary(sorted(ROOT.glob("glossary/*.yaml")), ("ja", "zh", "zh_TW"))
    for glossary in (project, GLOSSARY, Glossary(terms=())):
        fast, full = both_ways(sources, glossary)
        assert fast == full
    assert len(full.findings) > 10


# Each entry trips one or more rules; the comment names them.
HOSTILE = [
    Entry("Xi Jinping met Kishida.", "岸田と会った。"),  # glossary-missing
    Entry("Xi Jinping spoke.", "习近平が話した。"),  # forbidden + missing
    Entry("NHK World reported it.", "NHKワールドが報じた。"),  # dnt-changed
    Entry("The 2,000 delegates met in 2024.", "代表が会った。"),  # number-mismatch x2
    Entry("Up 3.5 million.", "三百五十万増えた。", flags=("fuzzy",)),  # draft: passes
    Entry("%d ships and %s ports", "%s 港", flags=("c-format",)),  # placeholder-mismatch
    Entry("%d ships", "船", flags=("no-c-format",)),  # flag says not a format: none
    Entry("{0} said {name}", "{0}が言った", flags=("python-brace-format",)),
    Entry("See <b>this</b> [link](https://a.example).", "これを見て。"),  # markup-mismatch
    Entry("Plain text.", "<i>平文</i>。"),  # markup only in the translation
    Entry("Talks were held in the capital.", "首都で会談。"),  # inconsistent (same target)
    Entry("Talks resumed after a long pause.", "首都で会談。"),
    Entry("Talks were held in the capital.", "首都で協議。", msgctxt="body"),
    Entry("\nLeading newline", "改行なし"),  # invalid-po: begins with \n
    Entry("Trailing newline", "末尾\n"),  # invalid-po: ends with \n
    Entry("Untranslated here."),  # untranslated
    Entry("A fuzzy draft.", "下書き。", flags=("fuzzy",), previous_msgid="A draft."),
    Entry("Japan-China relations in 5 years", "中日关系、5年", flags=("fuzzy",)),
    Entry(
        "One ship with Japan",
        msgid_plural="%d ships with Japan",
        msgstr_plural=("%d隻",),
        flags=("c-format",),
    ),  # plural: glossary-missing on its form
    Entry("Two forms", msgid_plural="Two formses", msgstr_plural=("a", "")),  # untranslated
    Entry("Renmin University of China", "中国人民大学"),  # longest term wins: clean
]
# What our writer never writes but editors and other tools do.
HAND_WRITTEN = """
#, fuzzy
msgid "An empty draft."
msgstr ""

#, fuzzy, c-format
msgid "%d empty forms"
msgid_plural "%d empty formses"
msgstr[0] ""
"""
ZH_TW = [
    Entry("Container ships from China.", "集装箱船来自中国。"),  # script-mismatch
    Entry("Talks were held in the capital.", "在首都会谈。"),
]


def test_hostile_catalogs_trip_every_rule_alike() -> None:
    entries = HOSTILE
    sources = [
        ("ja.po", po("ja", entries)),
        ("ja_JP/LC_MESSAGES/other.po", po("ja", entries[9:13])),  # same sources elsewhere
        ("zh_TW.po", po("zh_TW", ZH_TW)),
        ("unknown.po", po("", entries[:6])),  # no language: content rules only
        ("plural2.po", po("ja", entries[18:20], "nplurals=2; plural=(n != 1);")),
        ("hand.po", po("ja", []) + HAND_WRITTEN.encode()),
    ]
    fast, full = both_ways(sources, GLOSSARY)
    assert fast == full
    assert set(full.by_rule()) == set(RULES)


SOURCE_PIECES = [
    *("Xi Jinping", "President Xi", "Japan", "China", "RCEP", "NHK World", "Japanese"),
    *("Renmin University of ", "2,000", "3.5 million", "1990s", "<b>", "</b>", "`x`"),
    *("[a](u)", "**", "%s", "%d", "{0}", "\n", " ", ".", "talks", "ＲＣＥＰ"),
]
TARGET_PIECES = [
    *("習近平", "习近平", "習大統領", "日本", "中国", "中日关系", "RCEP", "NHK World", "二千"),
    *("2000", "350万", "<b>", "</b>", "`x`", "(u)", "**", "%s", "%d", "{0}", "\n", "集装箱"),
    *("會談", "会談", "。", " "),
]
FLAGS = ["fuzzy", "c-format", "no-c-format", "python-format", "python-brace-format"]


@st.composite
def entries(draw: st.DrawFn) -> list[Entry]:
    text = st.lists(st.sampled_from(SOURCE_PIECES), min_size=1, max_size=6).map("".join)
    target = st.lists(st.sampled_from(TARGET_PIECES), max_size=6).map("".join)
    found: list[Entry] = []
    for msgid in draw(st.lists(text, max_size=12, unique=True)):
        flags = tuple(draw(st.lists(st.sampled_from(FLAGS), max_size=2, unique=True)))
        if draw(st.booleans()) and len(found) % 5 == 4:
            forms = tuple(draw(st.lists(target, min_size=1, max_size=2)))
            found.append(Entry(msgid, msgid_plural=msgid + "s", msgstr_plural=forms, flags=flags))
        else:
            found.append(Entry(msgid, draw(target), flags=flags))
    return found


@settings(max_examples=60, deadline=None)
@given(entries(), entries(), st.sampled_from(["ja", "zh", "zh_TW", ""]))
def test_random_catalogs_give_the_same_findings(
    first: list[Entry], second: list[Entry], language: str
) -> None:
    sources = [("a/ja.po", po("ja", first)), (f"b/{language or 'x'}.po", po(language, second))]
    fast, full = both_ways(sources, GLOSSARY)
    assert fast == full
