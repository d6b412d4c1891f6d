"""TBX and CSV interchange round trips, and the ``locpipe glossary`` commands."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli.context import AppContext
from pipeline.cli.glossary import glossary_group
from pipeline.core.config import Settings
from pipeline.core.errors import InputError, ProblemsError
from pipeline.glossary.schema import TERM_TYPES, Glossary, Term, load_glossary, parse_glossary
from pipeline.glossary.termbase import (
    XML_LANG,
    csv_to_glossary,
    glossary_to_csv,
    glossary_to_tbx,
    glossary_to_yaml,
    import_termbase,
    tbx_to_glossary,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_GLOSSARY = ROOT / "glossary" / "terms.yaml"
LANGUAGES = ("ja", "zh")


@pytest.fixture(scope="module")
def sample() -> Glossary:
    return load_glossary([SAMPLE_GLOSSARY], LANGUAGES)


def test_sample_round_trips_through_tbx(sample: Glossary) -> None:
    assert tbx_to_glossary(glossary_to_tbx(sample), "x.tbx", LANGUAGES).terms == sample.terms


def test_sample_round_trips_through_csv(sample: Glossary) -> None:
    assert csv_to_glossary(glossary_to_csv(sample), "x.csv", LANGUAGES).terms == sample.terms


def test_sample_round_trips_through_yaml(sample: Glossary) -> None:
    text = glossary_to_yaml(sample)
    assert parse_glossary(text, "x.yaml", LANGUAGES).terms == sample.terms


def test_tbx_marks_forbidden_and_do_not_translate(sample: Glossary) -> None:
    root = ET.fromstring(glossary_to_tbx(sample))
    xi = root.find(".//termEntry[@id='xi-jinping']")
    assert xi is not None
    statuses = {
        (tig.findtext("term"), tig.findtext("termNote[@type='administrativeStatus']"))
        for tig in xi.iter("tig")
    }
    assert ("習近平", "deprecatedTerm-admn-sts") in statuses
    assert ("习近平", "preferredTerm-admn-sts") in statuses
    nhk = root.find(".//termEntry[@id='nhk-world']")
    assert nhk is not None
    assert nhk.findtext(".//termNote[@type='translationNote']") == "no"


TBX_2019 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en-US">
  <text><body>
    <conceptEntry id="taiwan">
      <descrip type="definition">Island; mainland press writes 台湾.</descrip>
      <langSec xml:lang="en-US"><termSec><term>Taiwan</term></termSec></langSec>
      <langSec xml:lang="zh-CN">
        <termSec><term>台灣</term>
          <termNote type="administrativeStatus">forbidden</termNote></termSec>
        <termSec><term>台湾</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="ja"><termSec><term>台湾</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="nhk">
      <langSec xml:lang="en"><termSec><term>NHK</term>
        <termNote type="translationNote">no</termNote></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_reads_tbx_2019_with_weblate_markers() -> None:
    glossary = tbx_to_glossary(TBX_2019, "t.tbx", LANGUAGES)
    assert glossary.terms == (
        Term(
            id="taiwan",
            en=("Taiwan",),
            targets=(("zh", ("台湾",)), ("ja", ("台湾",))),
            forbidden=(("zh", ("台灣",)),),
            note="Island; mainland press writes 台湾.",
        ),
        Term(id="nhk", en=("NHK",), dnt=True),
    )


def test_malformed_tbx_names_the_line() -> None:
    with pytest.raises(InputError) as caught:
        tbx_to_glossary("<martif>\n<text>\n</martif>", "bad.tbx")
    assert str(caught.value).startswith("bad.tbx:3: TBX is not well-formed XML")


def test_csv_conflicting_term_fields_name_the_line() -> None:
    text = "id,type,language,term,status,note\na,place,en,A,preferred,\na,org,ja,あ,preferred,\n"
    with pytest.raises(InputError) as caught:
        csv_to_glossary(text, "g.csv", ("ja",))
    assert str(caught.value) == "g.csv:3: conflicting 'type' for term 'a'"


def test_import_validates_against_configured_languages(tmp_path: Path) -> None:
    path = tmp_path / "t.tbx"
    path.write_text(TBX_2019.replace('xml:lang="ja"', 'xml:lang="ko"'), encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        import_termbase(path, LANGUAGES)
    assert "term 'taiwan' has no 'ja' target" in str(caught.value)


VARIANT_YAML = """\
version: 1
terms:
  - id: kishida-fumio
    en: Kishida Fumio
    ja: 岸田文雄
    zh: 岸田文雄
    zh_TW: 岸田文雄
  - id: renmin-university
    en: Renmin University of China
    ja: 中国人民大学
    zh: 中国人民大学
    zh-TW: [中國人民大學, 人民大學]
    forbidden: {zh_TW: [中国人民大学], zh: [中國人民大學]}
  - id: rcep
    en: RCEP
    ja: 地域的な包括的経済連携協定
    zh: [区域全面经济伙伴关系协定, RCEP]
    zh_Hant: [區域全面經濟夥伴關係協定, RCEP]
"""
VARIANT_LANGUAGES = ("ja", "zh", "zh_TW")


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_zh_TW_glossary_round_trip_loses_nothing(tmp_path: Path, fmt: str) -> None:
    glossary = parse_glossary(VARIANT_YAML, "terms.yaml", VARIANT_LANGUAGES)
    assert glossary.term("renmin-university").target("zh_TW")[0] == "中國人民大學"  # type: ignore[union-attr]
    assert glossary.term("rcep").target("zh_TW")[0] == "區域全面經濟夥伴關係協定"  # type: ignore[union-attr]
    path = tmp_path / f"terms.{fmt}"
    path.write_text(glossary_to_tbx(glossary) if fmt == "tbx" else glossary_to_csv(glossary))
    imported = parse_glossary(import_termbase(path, VARIANT_LANGUAGES), "x", VARIANT_LANGUAGES)
    assert imported.terms == glossary.terms


def test_tbx_writes_bcp47_tags() -> None:
    glossary = parse_glossary(VARIANT_YAML, "terms.yaml", VARIANT_LANGUAGES)
    root = ET.fromstring(glossary_to_tbx(glossary))
    tags = {lang_set.get(XML_LANG) for lang_set in root.iter("langSet")}
    assert tags == {"en", "ja", "zh-Hans", "zh-Hant-TW", "zh-Hant"}
    assert "zh-Hant-TW" in glossary_to_csv(glossary)


def test_csv_import_errors_name_the_csv_line(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_text(
        "id,type,language,term,status\n"
        "tokyo,place,en,Tokyo,preferred\n"
        "tokyo,,ja,東京,preferred\n"
        "osaka,place,en,Osaka,preferred\n"
        "osaka,,ja,大阪,preferred\n"
        "osaka,,zh-Hans,大阪,preferred\n"
        "osaka,,zh-Hant-TW,大阪,preferred\n"
        "osaka,,zh-Hant-TW,大阪,admitted\n"
    )
    with pytest.raises(InputError) as caught:
        import_termbase(path, VARIANT_LANGUAGES)
    assert str(caught.value) == f"{path}:8: '大阪' is listed twice in 'zh_TW' of 'osaka'"
    path.write_text("\n".join(path.read_text().splitlines()[:6]) + "\n")
    with pytest.raises(ProblemsError) as problems:
        import_termbase(path, VARIANT_LANGUAGES)
    found = [str(problem) for problem in problems.value.problems]
    assert found == [
        f"{path}:2: term 'tokyo' has no 'zh' target (add one or 'dnt: true')",
        f"{path}:2: term 'tokyo' has no 'zh_TW' or 'zh_Hant' target (add one or 'dnt: true')",
        f"{path}:4: term 'osaka' has no 'zh_TW' or 'zh_Hant' target (add one or 'dnt: true')",
    ]


def test_tbx_import_errors_name_the_tbx_line(tmp_path: Path) -> None:
    path = tmp_path / "t.tbx"
    path.write_text(TBX_2019.replace('xml:lang="ja"', 'xml:lang="ko"'), encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        import_termbase(path, LANGUAGES)
    assert str(caught.value.problems[0]).startswith(f"{path}:4: term 'taiwan' has no 'ja'")


# --- properties: nothing lost -------------------------------------------------------------

text_values = (
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)
form_lists = st.lists(text_values, min_size=1, max_size=3, unique=True).map(tuple)


#: Keys that must stay apart through TBX and CSV: base, regional and script variants.
VARIANTS = ("ja", "ja_JP", "zh", "zh_TW", "zh_Hant", "zh_HK", "ko")


@st.composite
def terms(draw: st.DrawFn, index: int) -> Term:
    """An arbitrary valid term; forbidden languages sorted as the loader keeps them."""
    dnt = draw(st.booleans())
    langs = draw(st.lists(st.sampled_from(VARIANTS), unique=True))
    forbidden_langs = sorted(draw(st.lists(st.sampled_from(VARIANTS), unique=True)))
    return Term(
        id=f"term-{index}",
        en=draw(form_lists),
        type=draw(st.sampled_from(TERM_TYPES)),
        targets=() if dnt else tuple((lang, draw(form_lists)) for lang in langs),
        forbidden=tuple((lang, draw(form_lists)) for lang in forbidden_langs),
        note=draw(st.one_of(st.just(""), text_values)),
        dnt=dnt,
        case_insensitive=draw(st.booleans()),
        general=draw(st.booleans()),
    )


glossaries = st.integers(0, 4).flatmap(
    lambda n: st.tuples(*(terms(i) for i in range(n))).map(lambda t: Glossary(terms=t))
)


@settings(max_examples=150, deadline=None)
@given(glossaries)
def test_tbx_round_trip_loses_nothing(glossary: Glossary) -> None:
    if glossary.terms:
        assert tbx_to_glossary(glossary_to_tbx(glossary), "g.tbx").terms == glossary.terms


@settings(max_examples=150, deadline=None)
@given(glossaries)
def test_csv_round_trip_loses_nothing(glossary: Glossary) -> None:
    assert csv_to_glossary(glossary_to_csv(glossary), "g.csv").terms == glossary.terms


# --- command line -------------------------------------------------------------------------


@dataclass
class Project:
    """Stands in for the main CLI's context object: it only has to provide settings."""

    root: Path

    def settings(self) -> Settings:
        return Settings(
            path=self.root / "locpipe.yaml",
            root=self.root,
            source_language="en",
            languages=LANGUAGES,
            sources=(),
            glossary=(self.root / "glossary" / "terms.yaml",),
            locales=self.root / "locales",
            editions=self.root / "editions",
        )


def app_of(project: Project) -> AppContext:
    """The main CLI's context, holding the test project's settings."""
    return AppContext(config=None, quiet=False, verbose=False, _settings=project.settings())


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "glossary").mkdir()
    shutil.copy(SAMPLE_GLOSSARY, tmp_path / "glossary" / "terms.yaml")
    return Project(tmp_path)


def test_cli_validate(project: Project, sample: Glossary) -> None:
    result = CliRunner().invoke(glossary_group, ["validate"], obj=app_of(project))
    assert result.exit_code == 0, result.output
    assert result.output == f"glossary ok: {len(sample.terms)} terms in 1 file(s)\n"


def test_cli_validate_raises_for_the_main_cli_to_print(project: Project) -> None:
    bad = ROOT / "tests" / "data" / "glossary_bad_unknown_keys.yaml"
    result = CliRunner().invoke(glossary_group, ["validate", str(bad)], obj=app_of(project))
    assert isinstance(result.exception, ProblemsError)
    assert len(result.exception.problems) == 4


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_cli_export_then_import(project: Project, sample: Glossary, fmt: str) -> None:
    runner = CliRunner()
    exported = project.root / f"terms.{fmt}"
    result = runner.invoke(
        glossary_group, ["export", "--format", fmt, "-o", str(exported)], obj=app_of(project)
    )
    assert result.exit_code == 0, result.output
    imported = project.root / "glossary" / "imported.yaml"
    result = runner.invoke(
        glossary_group, ["import", str(exported), "-o", str(imported)], obj=app_of(project)
    )
    assert result.exit_code == 0, result.output
    assert load_glossary([imported], LANGUAGES).terms == sample.terms


def test_cli_export_to_stdout(project: Project) -> None:
    result = CliRunner().invoke(glossary_group, ["export", "--format", "csv"], obj=app_of(project))
    assert result.exit_code == 0
    assert result.output.startswith("id,type,language,term,status,case,dnt,general,note\n")


@pytest.mark.parametrize("command", ["validate", "export", "import"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(glossary_group, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: locpipe glossary" in result.output


@settings(max_examples=150, deadline=None)
@given(glossaries)
def test_yaml_round_trip_loses_nothing(glossary: Glossary) -> None:
    try:
        parsed = parse_glossary(glossary_to_yaml(glossary), "g.yaml", ())
    except ProblemsError as exc:
        # Only glossaries the validator rejects anyway (two terms claiming a form ...).
        assert all("claimed" in p.message or "both accepted" in p.message for p in exc.problems)
        return
    assert parsed.terms == glossary.terms
