"""tm export/import/stats and xliff export/import on the sample project, through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from pipeline.catalog.po import read_po
from pipeline.core.config import load_config
from pipeline.core.model import Entry
from tests.conftest import DATA, ROOT, SAMPLE_SLUG, TM_SLUG, invoke, msgfmt_check

NEW = "Trade officials in Tokyo were more cautious."
REPEATED = "Professor Shi sees the status of Taiwan as the most contentious issue."


@pytest.fixture
def project(sample_project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample project with both articles and the committed catalogs, as the current folder."""
    shutil.copy(ROOT / "articles" / f"{TM_SLUG}.txt", sample_project / "articles")
    shutil.copytree(ROOT / "locales", sample_project / "locales")
    monkeypatch.chdir(sample_project)
    return sample_project


def entries(root: Path, language: str = "ja", slug: str = TM_SLUG) -> dict[str, Entry]:
    catalog = read_po(root / f"locales/{language}/LC_MESSAGES/{slug}.po")
    return {entry.msgid: entry for entry in catalog.active}


def set_target(path: Path, source: str, text: str, state: str) -> None:
    """Edit one unit of an exported XLIFF file as an agency's tool would."""
    tree = etree.parse(str(path))
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    (unit,) = [
        u
        for u in tree.iterfind(".//x:trans-unit", ns)
        if u.findtext("x:source", namespaces=ns) == source
    ]
    target = unit.find("x:target", ns)
    target.text, target.attrib["state"] = text, state
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def test_tmx_export_validates_and_holds_the_reviewed_entries(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = invoke(
        ["tm", "export", "--format", "tmx", "--lang", "ja", "-o", "ja.tmx"], capsys
    )
    assert (code, err) == (0, "")
    document = etree.parse(str(project / "ja.tmx"))
    dtd = etree.DTD(str(DATA / "tm_tmx14.dtd"))
    assert dtd.validate(document.getroot()), dtd.error_log.filter_from_errors()
    reviewed = [e for e in entries(project, slug=SAMPLE_SLUG).values() if e.reviewed]
    reviewed += [e for e in entries(project).values() if e.reviewed]
    assert len(document.findall(".//tu")) == len(reviewed)


def test_tm_import_copies_lists_and_feeds_the_next_run(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agency = tmp_path / "agency.tmx"
    invoke(["tm", "export", "-o", str(agency)], capsys)
    # A memory from elsewhere: the agency translated the new sentence.
    agency.write_bytes(
        agency.read_bytes().replace(
            b"</body>",
            f'<tu><tuv xml:lang="en"><seg>{NEW}</seg></tuv>'
            f'<tuv xml:lang="ja"><seg>東京の通商当局者はより慎重だった。</seg></tuv></tu></body>'.encode(),
        )
    )
    code, out, _ = invoke(["tm", "import", str(agency)], capsys)
    assert code == 0 and "tm/agency.tmx" in out and "locpipe.yaml" in out
    assert load_config(project / "locpipe.yaml").tm.files == (project / "tm" / "agency.tmx",)
    assert invoke(["run"], capsys)[0] == 0
    entry = entries(project)[NEW]
    assert entry.reviewed and "tm: exact (tm/agency.tmx)" in entry.extracted
    code, out, _ = invoke(["tm", "stats", "--lang", "ja"], capsys)
    assert code == 0 and "tm/agency.tmx" in out


def test_tm_import_refuses_a_broken_file(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx>\n<body>\n", encoding="utf-8")
    code, _, err = invoke(["tm", "import", str(bad)], capsys)
    assert code == 2 and err.startswith(f"locpipe: error: {bad}:")
    assert not (project / "tm").exists()
    assert "tm:" not in (project / "locpipe.yaml").read_text()


def test_xliff_round_trip_applies_final_as_reviewed_others_fuzzy(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert invoke(["xliff", "export", "--lang", "ja", "-o", "out"], capsys)[0] == 0
    xlf = project / "out" / "ja" / f"{TM_SLUG}.xlf"
    xsd = etree.XMLSchema(etree.parse(str(DATA / "tm_xliff-core-1.2-strict.xsd")))
    assert xsd.validate(etree.parse(str(xlf))), xsd.error_log.filter_from_errors()
    headline = "Japan and China look to trade ties as the anniversary nears"
    set_target(xlf, NEW, "東京の通商当局者はより慎重だった。", "final")
    set_target(xlf, headline, "日中、記念の年に貿易に期待", "translated")
    code, out, _ = invoke(["xliff", "import", str(xlf)], capsys)
    assert code == 0 and "1 reviewed, 1 fuzzy" in out
    after = entries(project)
    assert after[NEW].reviewed and after[NEW].msgstr == "東京の通商当局者はより慎重だった。"
    assert after[headline].fuzzy and after[headline].msgstr == "日中、記念の年に貿易に期待"
    assert msgfmt_check(project / f"locales/ja/LC_MESSAGES/{TM_SLUG}.po").returncode == 0


def test_xliff_final_that_breaks_the_glossary_comes_back_fuzzy(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    invoke(["xliff", "export", "--lang", "ja", "-o", "out"], capsys)
    xlf = project / "out" / "ja" / f"{TM_SLUG}.xlf"
    set_target(xlf, NEW, "トーキョーの通商当局者はより慎重だった。", "final")  # not 東京
    invoke(["xliff", "import", str(xlf)], capsys)
    assert entries(project)[NEW].fuzzy


def test_xliff_import_never_touches_a_reviewed_entry(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    invoke(["xliff", "export", "--lang", "ja", "-o", "out"], capsys)
    xlf = project / "out" / "ja" / f"{TM_SLUG}.xlf"
    before = entries(project)[REPEATED]
    assert before.reviewed
    set_target(xlf, REPEATED, "時教授は台湾を最大の争点とみる。", "final")
    po = project / f"locales/ja/LC_MESSAGES/{TM_SLUG}.po"
    original = po.read_bytes()
    code, out, _ = invoke(["xliff", "import", str(xlf)], capsys)
    assert code == 0 and "kept reviewed" in out and REPEATED in out
    assert po.read_bytes() == original
    code, out, _ = invoke(["xliff", "import", "--overwrite-reviewed", str(xlf)], capsys)
    assert entries(project)[REPEATED].msgstr == "時教授は台湾を最大の争点とみる。"


def test_xliff_units_whose_source_changed_are_reported_not_applied(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    invoke(["xliff", "export", "--lang", "ja", "-o", "out"], capsys)
    xlf = project / "out" / "ja" / f"{TM_SLUG}.xlf"
    set_target(xlf, NEW, "東京の通商当局者はより慎重だった。", "final")
    article = project / "articles" / f"{TM_SLUG}.txt"
    article.write_text(article.read_text().replace(NEW, "Trade officials in Osaka were cautious."))
    invoke(["run"], capsys)
    code, out, _ = invoke(["xliff", "import", str(xlf)], capsys)
    assert code == 0 and "source changed since export, not applied" in out and NEW in out
    assert not entries(project)["Trade officials in Osaka were cautious."].reviewed


def test_xliff_import_redoes_on_a_catalog_saved_meanwhile(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.jobs import interchange

    invoke(["xliff", "export", "--lang", "ja", "-o", "out"], capsys)
    xlf = project / "out" / "ja" / f"{TM_SLUG}.xlf"
    set_target(xlf, NEW, "東京の通商当局者はより慎重だった。", "final")
    po = project / f"locales/ja/LC_MESSAGES/{TM_SLUG}.po"
    headline = "Japan and China look to trade ties as the anniversary nears"
    write = interchange.write_project_files

    def save_first(*args: object, **kwargs: object) -> object:
        # A translator saves the catalog in Poedit after the import read it, before it writes.
        text = po.read_text(encoding="utf-8")
        marker = f'msgid "{headline}"\nmsgstr ""\n'
        po.write_text(text.replace(marker, f'msgid "{headline}"\nmsgstr "訳者の見出し"\n'))
        return write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(interchange, "write_project_files", save_first)
    code, out, _ = invoke(["xliff", "import", str(xlf)], capsys)
    assert code == 0 and "merged" in out
    after = entries(project)
    assert after[headline].msgstr == "訳者の見出し" and after[headline].reviewed
    assert after[NEW].reviewed and after[NEW].msgstr == "東京の通商当局者はより慎重だった。"
