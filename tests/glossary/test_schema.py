"""Glossary loading, validation, source matching, target checks and reviewer hints."""

from __future__ import annotations

import dataclasses
import gc
import itertools
import re
import unicodedata
import weakref
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.errors import ProblemsError
from pipeline.glossary.match import (
    check_target,
    check_targets,
    find_terms,
    fold_with_offsets,
    hint_lines,
    matcher_for,
    target_forms,
)
from pipeline.glossary.schema import (
    FOLD_TABLE,
    Glossary,
    Term,
    fold,
    load_glossary,
    parse_glossary,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_GLOSSARY = ROOT / "glossary" / "terms.yaml"
SAMPLE_ARTICLE = ROOT / "articles" / "japan-china-relations.txt"
LANGUAGES = ("ja", "zh")
FOLD_CHARS = [chr(code) for code in FOLD_TABLE]

EXTRA_YAML = """
version: 1
terms:
  - {id: new-york, en: New York, ja: ニューヨーク}
  - {id: york-times-square, en: York Times Square, ja: ヨーク}
  - {id: peoples-daily, en: "People's Daily", ja: 人民日報}
  - {id: pacific-forum, en: Pacific Islands Forum, ja: 太平洋諸島フォーラム}
  - {id: strasse, en: strasse, case: insensitive, ja: 通り}
  - {id: japon, en: Japan Times, ja: ジャパンタイムズ, fr: [Japan Times, Japon Times]}
"""


@pytest.fixture(scope="module")
def sample() -> Glossary:
    return load_glossary([SAMPLE_GLOSSARY], LANGUAGES, root=ROOT)


@pytest.fixture(scope="module")
def extra() -> Glossary:
    return parse_glossary(EXTRA_YAML, "extra.yaml", ("ja",))


def found(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    """(matched text, term id) pairs, checking that the offsets point at the text."""
    matches = find_terms(glossary, text)
    for match in matches:
        assert text[match.start : match.end] == match.text
    return [(match.text, match.term.id) for match in matches]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Japan's economy", [("Japan", "japan")], id="possessive-straight"),
        pytest.param("Japan’s economy", [("Japan", "japan")], id="possessive-curly"),
        pytest.param("RCEP's members", [("RCEP", "rcep")], id="possessive-acronym"),
        pytest.param(
            "the United States’ concerns",
            [("United States", "united-states")],
            id="curly-after-plural",
        ),
        pytest.param("Japanese and Chinese firms", [], id="demonyms-not-countries"),
        pytest.param("Beijinger", [], id="no-match-inside-word"),
        pytest.param(
            "a Japan-China summit", [("Japan", "japan"), ("China", "china")], id="hyphenated-pair"
        ),
        pytest.param(
            "Japan–China summit", [("Japan", "japan"), ("China", "china")], id="en-dash-pair"
        ),
        pytest.param(
            "Japan-China relations",
            [("Japan-China relations", "japan-china-relations")],
            id="longest-hyphenated",
        ),
        pytest.param(
            "Japan–China relations",
            [("Japan–China relations", "japan-china-relations")],
            id="en-dash-folded",
        ),
        pytest.param(
            "at Renmin University of China",
            [("Renmin University of China", "renmin-university")],
            id="longest-org",
        ),
        pytest.param(
            "the East China Sea", [("East China Sea", "east-china-sea")], id="longest-place"
        ),
        pytest.param(
            "US-China relations", [("US-China relations", "us-china-relations")], id="us-china"
        ),
        pytest.param("the US.", [("US", "united-states")], id="acronym-before-period"),
        pytest.param("let us go", [], id="case-sensitive-acronym"),
        pytest.param("the U.S. said", [("U.S.", "united-states")], id="dotted-acronym"),
        pytest.param(
            "Free-Trade Agreement talks",
            [("Free-Trade Agreement", "free-trade-agreement")],
            id="case-insensitive",
        ),
        pytest.param("rcep members", [], id="case-sensitive-lower"),
        pytest.param(
            "Fumio Kishida met", [("Fumio Kishida", "kishida-fumio")], id="given-name-first"
        ),
        pytest.param(
            "Kishida Fumio met", [("Kishida Fumio", "kishida-fumio")], id="family-name-first"
        ),
        pytest.param(
            "the Kishida administration",
            [("Kishida administration", "kishida-administration")],
            id="administration",
        ),
        pytest.param("ＲＣＥＰ’s rules", [("ＲＣＥＰ", "rcep")], id="full-width"),
        pytest.param(
            "Professor Shi Yinhong",
            [("Professor Shi Yinhong", "shi-yinhong")],
            id="full-name-beats-title",
        ),
        pytest.param("Professor Shi says", [("Professor Shi", "professor-shi")], id="title-alone"),
        pytest.param(
            "Chinese President Xi Jinping",
            [("Chinese President", "chinese-president"), ("Xi Jinping", "xi-jinping")],
            id="adjacent-terms",
        ),
        pytest.param(
            "the Communist Party National Congress",
            [("Communist Party National Congress", "party-congress")],
            id="congress-beats-party",
        ),
        pytest.param(
            "the Communist Party's", [("Communist Party", "communist-party")], id="party-possessive"
        ),
        pytest.param(
            "midterm elections", [("midterm elections", "midterm-elections")], id="plural-form"
        ),
    ],
)
def test_sample_matches(sample: Glossary, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(sample, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "New York Times Square",
            [("York Times Square", "york-times-square")],
            id="longest-not-leftmost",
        ),
        pytest.param("New York Times", [("New York", "new-york")], id="shorter-when-longer-absent"),
        pytest.param(
            "People’s Daily", [("People’s Daily", "peoples-daily")], id="curly-quote-in-term"
        ),
        pytest.param(
            "the Paciﬁc Islands Forum",
            [("Paciﬁc Islands Forum", "pacific-forum")],
            id="nfkc-ligature",
        ),
        pytest.param("ﬁ ﬁ New York", [("New York", "new-york")], id="offsets-after-ligature"),
        pytest.param(
            "Die STRAẞE und Straße",
            [("STRAẞE", "strasse"), ("Straße", "strasse")],
            id="casefold-grows",
        ),
        pytest.param("Cafe\u0301 New York", [("New York", "new-york")], id="combining-mark"),
    ],
)
def test_extra_matches(extra: Glossary, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(extra, text) == expected


def test_fold_with_offsets_maps_every_character() -> None:
    folded, starts, ends = fold_with_offsets("“ﬁ” Ｘ", casefold=True)
    assert folded == '"fi" x'
    assert (starts[1], ends[2]) == (1, 2)  # both "f" and "i" come from the ligature
    assert (starts[-1], ends[-1]) == (4, 5)


@given(st.lists(st.sampled_from(["a", "A", "ß", "ﬁ", "Ｘ", "e\u0301", " ", *FOLD_CHARS])).map("".join))
def test_fold_translates_quotes_and_hyphens_wherever_they_are(text: str) -> None:
    # fold skips str.translate when no quote or hyphen is there; the result must not change.
    for casefold in (False, True):
        expected = unicodedata.normalize("NFKC", text).translate(FOLD_TABLE)
        assert fold(text, casefold) == (expected.casefold() if casefold else expected)


def test_sample_article_matches_are_stable(sample: Glossary) -> None:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    matches = find_terms(sample, text)
    # 62 term occurrences in the sample article, counted by hand when the glossary was written
    # (Japan and China most often); a change here means the matcher or the glossary changed.
    assert len(matches) == 62
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))


def test_matcher_is_built_once(sample: Glossary) -> None:
    assert matcher_for(sample) is matcher_for(sample)


def test_glossary_is_plain_data_and_its_matcher_goes_with_it() -> None:
    assert [f.name for f in dataclasses.fields(Glossary)] == ["terms", "languages", "sha256"]
    glossary = parse_glossary(
        "version: 1\nterms:\n  - {id: a, en: Alpha, ja: アルファ}\n", "g", ["ja"]
    )
    assert [m.text for m in find_terms(glossary, "Alpha and Alpha")] == ["Alpha", "Alpha"]
    dropped = weakref.ref(matcher_for(glossary))
    del glossary
    gc.collect()
    assert dropped() is None


# --- validation ---------------------------------------------------------------------------


def test_sample_glossary_validates(sample: Glossary) -> None:
    assert len(sample.terms) > 30
    assert len(sample.sha256) == 64
    targets = {lang for term in sample.terms for lang, _ in term.targets}
    assert targets == {*LANGUAGES, "zh_TW"}


def test_every_sample_term_occurs_or_is_general(sample: Glossary) -> None:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8").replace("’", "'")
    dead = []
    for term in sample.terms:
        pattern = "|".join(re.escape(form) for form in term.en)
        flags = re.IGNORECASE if term.case_insensitive else 0
        occurs = re.search(rf"(?<!\w)(?:{pattern})(?!\w)", text, flags) is not None
        if not occurs and not term.general:
            dead.append(term.id)
        if occurs and term.general:
            dead.append(f"{term.id} (marked general but occurs)")
    assert dead == []


def test_sha256_follows_content(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text("version: 1\nterms:\n  - {id: a, en: A, ja: あ}\n", encoding="utf-8")
    first = load_glossary([path], ("ja",)).sha256
    assert load_glossary([path], ("ja",)).sha256 == first
    path.write_text("version: 1\nterms:\n  - {id: a, en: A, ja: ア}\n", encoding="utf-8")
    assert load_glossary([path], ("ja",)).sha256 != first


BAD_FILES = sorted((ROOT / "tests" / "data").glob("glossary_bad_*.yaml"))


@pytest.mark.parametrize(
    "path", BAD_FILES, ids=[p.stem.removeprefix("glossary_bad_") for p in BAD_FILES]
)
def test_bad_glossary_reports_every_problem(path: Path) -> None:
    """Each file lists the exact messages it must produce in ``# expect:`` lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = [line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")]
    with pytest.raises(ProblemsError) as caught:
        load_glossary([path], LANGUAGES, root=ROOT)
    assert str(caught.value).splitlines() == expected


def test_problems_from_several_files_are_all_reported() -> None:
    paths = [
        ROOT / "tests/data/glossary_bad_shape.yaml",
        ROOT / "tests/data/glossary_bad_syntax.yaml",
    ]
    with pytest.raises(ProblemsError) as caught:
        load_glossary(paths, LANGUAGES, root=ROOT)
    assert len(caught.value.problems) == 3


# --- target side --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term_id", "language", "text", "found_form", "forbidden"),
    [
        pytest.param("xi-jinping", "zh", "习近平表示", "习近平", (), id="simplified-ok"),
        pytest.param(
            "xi-jinping", "zh", "習近平表示", None, ("習近平",), id="traditional-forbidden-in-zh"
        ),
        pytest.param("xi-jinping", "ja", "習近平国家主席は", "習近平", (), id="ja-kanji"),
        pytest.param("rcep", "ja", "ＲＣＥＰが発効した", "RCEP", (), id="full-width-acronym"),
        pytest.param(
            "rcep",
            "zh",
            "区域全面经济伙伴关系协定生效",
            "区域全面经济伙伴关系协定",
            (),
            id="zh-name",
        ),
        pytest.param(
            "us-china-relations",
            "ja",
            "中米関係が悪化",
            None,
            ("中米関係",),
            id="central-america-trap",
        ),
        pytest.param(
            "japan-china-relations", "zh", "中日关系", "中日关系", (), id="own-side-first"
        ),
        pytest.param("nhk-world", "ja", "NHK Worldによると", "NHK World", (), id="dnt-kept"),
        pytest.param(
            "nhk-world", "ja", "ＮＨＫ　Ｗｏｒｌｄによると", "NHK World", (), id="dnt-full-width"
        ),
        pytest.param("nhk-world", "zh", "NHK世界台报道", None, (), id="dnt-translated"),
        pytest.param("china", "ja", "東シナ海", None, (), id="katakana-shina-is-not-forbidden"),
    ],
)
def test_check_target(
    sample: Glossary,
    term_id: str,
    language: str,
    text: str,
    found_form: str | None,
    forbidden: tuple[str, ...],
) -> None:
    term = sample.term(term_id)
    assert term is not None
    result = check_target(term, language, text)
    assert (result.found, result.forbidden) == (found_form, forbidden)
    assert result.satisfied == (found_form is not None and not forbidden)


def test_forbidden_inside_accepted_rendering_is_not_a_use() -> None:
    term = Term(
        id="t",
        en=("T",),
        targets=(("ja", ("地域的な包括的経済連携協定",)),),
        forbidden=(("ja", ("経済連携協定",)),),
    )
    assert check_target(term, "ja", "地域的な包括的経済連携協定に署名").satisfied
    assert check_target(term, "ja", "経済連携協定に署名").forbidden == ("経済連携協定",)


def test_spaced_languages_use_word_boundaries(extra: Glossary) -> None:
    term = extra.term("japon")
    assert term is not None
    assert check_target(term, "fr", "Le Japon Times.").found == "Japon Times"
    assert check_target(term, "fr", "LeJapon Timesx").found is None
    assert check_target(term, "ja", "ザ・ジャパンタイムズ紙").found == "ジャパンタイムズ"


def test_target_forms_and_checks_per_unit(sample: Glossary) -> None:
    kishida = sample.term("kishida-fumio")
    nhk = sample.term("nhk-world")
    assert kishida is not None and nhk is not None
    assert target_forms(kishida, "ja") == ("岸田文雄",)
    assert target_forms(nhk, "zh") == ("NHK World",)
    matches = find_terms(sample, "Kishida Fumio met Kishida Fumio in Japan.")
    checks = check_targets(matches, "ja", "岸田文雄首相は日本で")
    assert [(c.term.id, c.satisfied) for c in checks] == [("kishida-fumio", True), ("japan", True)]


def test_hint_lines(sample: Glossary) -> None:
    text = "NHK World says Kishida Fumio met Xi Jinping; Kishida Fumio smiled."
    lines = hint_lines(find_terms(sample, text), "zh")
    assert [line.split("; ")[0] for line in lines] == [
        "glossary: NHK World (do not translate)",
        "glossary: Kishida Fumio → 岸田文雄",
        "glossary: Xi Jinping → 习近平",
    ]
    # What a reviewer acts on: forbidden forms and the note, in the same line.
    assert lines[2] == (
        "glossary: Xi Jinping → 习近平; never: 習近平; "
        "note: Japanese writes the name with the traditional-form 習; zh must use Simplified 习."
    )


def test_hint_lines_show_accepted_variants_and_fold_the_note() -> None:
    term = Term(
        id="rcep",
        en=("RCEP",),
        targets=(("ja", ("地域的な包括的経済連携協定", "RCEP")),),
        forbidden=(("ja", ("アールセップ",)),),
        note="Either the full name\n or the acronym. Both are common in the press.",
    )
    glossary = Glossary(terms=(term,), languages=("ja",))
    assert hint_lines(find_terms(glossary, "RCEP took effect."), "ja") == [
        "glossary: RCEP → 地域的な包括的経済連携協定; also: RCEP; never: アールセップ; "
        "note: Either the full name or the acronym."
    ]


# --- properties ---------------------------------------------------------------------------

WORDS = ("ab", "cd", "ef", "gh", "abc")
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    forms=st.lists(phrases, min_size=1, max_size=8, unique=True),
    words=st.lists(st.sampled_from((*WORDS, "x", "abcd", "-", "'s")), max_size=25),
)
def test_matches_never_overlap_and_prefer_the_longest(forms: list[str], words: list[str]) -> None:
    glossary = Glossary(terms=tuple(Term(id=f"t{i}", en=(f,)) for i, f in enumerate(forms)))
    text = " ".join(words)
    matches = find_terms(glossary, text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))
    chosen = {(m.start, m.end) for m in matches}
    for form in forms:
        for hit in re.finditer(rf"(?=(?<!\w)({re.escape(form)})(?!\w))", text):
            start, end = hit.start(1), hit.end(1)
            if (start, end) in chosen:
                continue
            # A candidate left out must collide with a chosen match at least as long.
            assert any(
                m.start < end and start < m.end and m.end - m.start >= end - start for m in matches
            ), (form, start, end)


def test_regional_codes_validate_against_their_resolved_keys() -> None:
    # ja_JP reads ja and zh_CN reads zh: no separate targets needed (issue: validate and check
    # disagreed); zh-TW reads the sample's zh_TW targets.
    glossary = load_glossary([SAMPLE_GLOSSARY], ("ja_JP", "zh_CN", "zh-TW"), root=ROOT)
    xi = glossary.term("xi-jinping")
    assert xi is not None
    assert (xi.target("ja_JP"), xi.target("zh_CN"), xi.target("zh-TW")) == (
        ("習近平",),
        ("习近平",),
        ("習近平",),
    )
    simplified_only = "version: 1\nterms:\n  - id: a\n    en: A\n    zh: 甲\n"
    with pytest.raises(ProblemsError) as caught:
        parse_glossary(simplified_only, "g.yaml", ["zh_TW"])
    assert str(caught.value) == (
        "g.yaml:3: term 'a' has no 'zh_TW' or 'zh_Hant' target (add one or 'dnt: true')"
    )
    two_spellings = simplified_only + "    zh_TW: 甲\n    zh-TW: 乙\n"
    with pytest.raises(ProblemsError, match="'zh-TW' repeats the language 'zh_TW'"):
        parse_glossary(two_spellings, "g.yaml", ["zh_TW"])


def test_a_repeated_language_key_resolves_as_a_dict_would() -> None:
    # Terms built in code may repeat a key; the last one wins, as it always did.
    term = Term(id="t", en=("T",), targets=(("ja", ("一",)), ("zh", ("二",)), ("ja", ("三",))))
    assert term.target("ja") == ("三",)
    assert term.target("ja_JP") == ("三",)
    assert term.target("zh_CN") == ("二",)
    assert term.target("ko") == ()
