"""``locpipe build`` end to end: files, exit status 0/1/2, messages."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.catalog.po import format_po, read_po
from tests.cli.test_cli import invoke
from tests.conftest import ROOT, SAMPLE_SLUG, msgfmt_check


@pytest.fixture
def in_project(sample_project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "locales", sample_project / "locales")
    monkeypatch.chdir(sample_project)
    return sample_project


def editions(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in (root / "editions").rglob("*") if p.is_file())


def test_build_writes_every_edition_and_mo_file(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = invoke(["build"], capsys)
    assert (code, err) == (0, "")
    assert editions(in_project) == sorted(
        f"editions/{lang}/{name}"
        for lang in ("ja", "zh", "zh_TW")
        for name in (
            f"{SAMPLE_SLUG}.md",
            f"{SAMPLE_SLUG}.html",
            f"{SAMPLE_SLUG}.txt",
            f"LC_MESSAGES/{SAMPLE_SLUG}.mo",
        )
    )
    assert "ja japan-china-relations: 100.0% reviewed (26/26 units)" in out
    code, out, _ = invoke(["build"], capsys)
    assert code == 0 and "created" not in out and "updated" not in out


def test_one_language_one_format(in_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = invoke(["build", "--lang", "zh", "--format", "html"], capsys)
    assert code == 0
    assert editions(in_project) == [
        f"editions/zh/LC_MESSAGES/{SAMPLE_SLUG}.mo",
        f"editions/zh/{SAMPLE_SLUG}.html",
    ]


def test_incomplete_catalog_is_refused_with_exit_1(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = in_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "対外的な強硬姿勢もその一環だ。"', 'msgstr ""'), "utf-8")
    code, _, err = invoke(["build", "--lang", "ja"], capsys)
    assert code == 1
    assert "ja japan-china-relations: refused: 1 of 26 units have no usable translation" in err
    assert "untranslated: Part of that is a tough approach" in err
    assert not (in_project / "editions/ja").exists()
    code, _, _ = invoke(["build", "--lang", "ja", "--min-complete", "90"], capsys)
    assert code == 0


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["build", "--lang", "fr"], id="unconfigured-language"),
        pytest.param(["build", "--min-complete", "120"], id="percent-out-of-range"),
        pytest.param(["build", "--format", "pdf"], id="unknown-format"),
    ],
)
def test_usage_errors_exit_2(
    in_project: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, _, err = invoke(args, capsys)
    assert code == 2 and err.startswith("locpipe: error:")
    assert not (in_project / "editions").exists()


# --- one gate: build refuses what check fails -----------------------------------------------

PORT = """# Port traffic rises

Exports grew 3.6% in the first quarter.

NHK World reported the figures.

See the [report](https://example.org/r) for details.

The port is busy.
"""
GOOD = {
    "Port traffic rises": ("港口吞吐量上升", ()),
    "Exports grew 3.6% in the first quarter.": ("第一季度出口增长了3.6%。", ()),
    "NHK World reported the figures.": ("NHK World报道了这些数字。", ()),
    "See the [report](https://example.org/r) for details.": (
        "详情见[报告](https://example.org/r)。",
        (),
    ),
    "The port is busy.": ("港口很繁忙。", ()),
}
# One reviewed unit broken per rule; the first is the case (reviewed at 3.5%).
BROKEN = {
    "number-mismatch": ("Exports grew", ("第一季度出口增长了3.5%。", ())),
    "dnt-changed": ("NHK World", ("日本放送协会报道了这些数字。", ())),
    "markup-mismatch": ("See the", ("详情见报告。", ())),
    "placeholder-mismatch": ("The port", ("港口很繁忙%s。", ("c-format",))),
}


@pytest.fixture
def port_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A one-article Markdown project in zh whose glossary has a do-not-translate term."""
    root = tmp_path / "port"
    (root / "articles").mkdir(parents=True)
    (root / "glossary").mkdir()
    (root / "articles/port.md").write_text(PORT, encoding="utf-8")
    (root / "glossary/terms.yaml").write_text(
        "version: 1\nterms:\n  - id: nhk-world\n    en: NHK World\n    type: org\n    dnt: true\n",
        encoding="utf-8",
    )
    (root / "locpipe.yaml").write_text(
        "source_language: en\nlanguages: [zh]\nsources: [articles/*.md]\n"
        "glossary: [glossary/*.yaml]\nlocales: locales\neditions: editions\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    return root


def translate(root: Path, capsys: pytest.CaptureFixture[str], broken: str | None = None) -> int:
    """Write the zh catalog with every unit reviewed, one broken by rule ``broken``; its line."""
    assert invoke(["extract"], capsys)[0] == 0 and invoke(["update"], capsys)[0] == 0
    path = root / "locales/zh/LC_MESSAGES/port.po"
    catalog = read_po(path)
    prefix, bad = BROKEN[broken] if broken else ("", ("", ()))
    entries = []
    for entry in catalog.entries:
        msgstr, flags = bad if broken and entry.msgid.startswith(prefix) else GOOD[entry.msgid]
        entries.append(replace(entry, msgstr=msgstr, flags=flags))
    path.write_text(format_po(replace(catalog, entries=tuple(entries))), encoding="utf-8")
    lines = [e.line for e in read_po(path).entries if broken and e.msgid.startswith(prefix)]
    return lines[0] if lines else 0


def test_clean_reviewed_catalog_builds(
    port_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    translate(port_project, capsys)
    assert invoke(["check"], capsys)[0] == 0
    code, out, err = invoke(["build"], capsys)
    assert (code, err) == (0, "")
    assert "zh port: 100.0% reviewed (5/5 units)" in out


@pytest.mark.parametrize("rule", list(BROKEN))
def test_build_refuses_what_check_fails_in_a_reviewed_unit(
    port_project: Path, capsys: pytest.CaptureFixture[str], rule: str
) -> None:
    line = translate(port_project, capsys, rule)
    code, out, _ = invoke(["check"], capsys)
    assert code == 1 and f"locales/zh/LC_MESSAGES/port.po:{line}: {rule}:" in out
    for extra in ([], ["--include-drafts"], ["--min-complete", "80"]):
        code, _, err = invoke(["build", "--lang", "zh", *extra], capsys)
        assert code == 1, extra
        assert "zh port: refused: 1 finding(s) that 'locpipe check' fails" in err
        assert f"  locales/zh/LC_MESSAGES/port.po:{line}: {rule}: " in err
        assert not (port_project / "editions").exists()
    # Another rule's override does not open the gate; this rule's does, and says so.
    other = next(r for r in BROKEN if r != rule)
    assert invoke(["build", "--allow-findings", other], capsys)[0] == 1
    code, out, err = invoke(["build", "--allow-findings", f"{other},{rule}"], capsys)
    assert (code, err) == (0, "")
    assert f"published despite {rule} ×1" in out
    editions = port_project / "editions/zh"
    assert f"<!-- allowed-findings: {rule}=1 -->" in (editions / "port.md").read_text("utf-8")
    assert f"allowed-findings: {rule}=1\n" in (editions / "port.txt").read_text("utf-8")
    html = (editions / "port.html").read_text("utf-8")
    assert f'<meta name="allowed-findings" content="{rule}=1">' in html


def test_old_glossary_flag_is_an_alias_and_unknown_rules_are_usage_errors(
    port_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    translate(port_project, capsys, "dnt-changed")
    assert invoke(["build", "--allow-glossary-violations"], capsys)[0] == 0
    code, _, err = invoke(["build", "--allow-findings", "numbers"], capsys)
    assert code == 2 and re.match(r"locpipe: error: .*unknown rule 'numbers'", err)


def test_a_draft_finding_follows_check_severities(
    port_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # check lowers content rules one level on fuzzy drafts (error → warning): no refusal.
    translate(port_project, capsys, "number-mismatch")
    path = port_project / "locales/zh/LC_MESSAGES/port.po"
    catalog = read_po(path)
    entries = tuple(
        replace(e, flags=("fuzzy",)) if e.msgid.startswith("Exports") else e
        for e in catalog.entries
    )
    path.write_text(format_po(replace(catalog, entries=entries)), encoding="utf-8")
    assert invoke(["check"], capsys)[0] == 0
    code, out, _ = invoke(["build", "--include-drafts"], capsys)
    assert code == 0 and "zh port: 80.0% reviewed (4/5 units, 1 unreviewed draft(s))" in out
    # With the config failing on warnings too, check fails and so does the build.
    config = port_project / "locpipe.yaml"
    config.write_text(config.read_text() + "check: {fail_on: [error, warning]}\n")
    assert invoke(["check"], capsys)[0] == 1
    assert invoke(["build", "--include-drafts"], capsys)[0] == 1
    # Without --include-drafts the draft is not published, so its finding does not matter.
    assert invoke(["build", "--min-complete", "80"], capsys)[0] == 0


def test_no_mo_is_compiled_from_an_entry_msgfmt_refuses(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even past the gate, an MO never holds what plain msgfmt refuses; the error has its line."""
    po = in_project / f"locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po"
    text = po.read_text(encoding="utf-8")
    bad = 'msgstr "\\n対外的な強硬姿勢もその一環だ。"'
    po.write_text(text.replace('msgstr "対外的な強硬姿勢もその一環だ。"', bad), "utf-8")
    line = po.read_text(encoding="utf-8").split("\n").index(bad)  # msgid is the line above
    code, _, err = invoke(["build", "--lang", "ja", "--allow-findings", "invalid-po"], capsys)
    assert code == 2
    assert err == (
        f"locpipe: error: locales/ja/LC_MESSAGES/{SAMPLE_SLUG}.po:{line}: "
        "'msgid' and 'msgstr' entries do not both begin with '\\n'\n"
    )
    assert not (in_project / "editions/ja").exists()


def test_units_with_a_percent_sign_carry_no_format_flags_into_the_catalogs(
    port_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert invoke(["extract"], capsys)[0] == 0 and invoke(["update"], capsys)[0] == 0
    for path in (
        port_project / "locales/port.pot",
        port_project / "locales/zh/LC_MESSAGES/port.po",
    ):
        entry = next(e for e in read_po(path).entries if "%" in e.msgid)
        assert entry.flags == ("no-c-format", "no-python-format")
        assert msgfmt_check(path).returncode == 0
    # Translated with the % moved and no "% i" left: no placeholder finding, as the flags say.
    translate(port_project, capsys)
    path = port_project / "locales/zh/LC_MESSAGES/port.po"
    catalog = read_po(path)
    entries = tuple(
        replace(e, flags=("no-c-format", "no-python-format")) if "%" in e.msgid else e
        for e in catalog.entries
    )
    path.write_text(format_po(replace(catalog, entries=entries)), encoding="utf-8")
    code, out, _ = invoke(["check", "--format", "json"], capsys)
    assert code == 0 and "placeholder-mismatch" not in out
    assert msgfmt_check(path).returncode == 0


def test_the_gate_holds_when_the_locales_folder_is_a_symlink(
    port_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # check names files by their resolved path; build must match its findings all the same.
    translate(port_project, capsys, "number-mismatch")
    elsewhere = port_project / "translations"
    (port_project / "locales").rename(elsewhere)
    (port_project / "locales").symlink_to(elsewhere, target_is_directory=True)
    assert invoke(["check"], capsys)[0] == 1
    code, _, err = invoke(["build"], capsys)
    assert code == 1 and "number-mismatch" in err


def test_a_header_that_check_fails_refuses_the_edition(
    port_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A file-level finding concerns every unit and the MO file compiled from the catalog.
    translate(port_project, capsys)
    path = port_project / "locales/zh/LC_MESSAGES/port.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("plural=0;", "plural=n>1;"), encoding="utf-8")
    code, out, _ = invoke(["check"], capsys)
    assert code == 1 and "port.po:" in out and "invalid-po" in out
    code, _, err = invoke(["build"], capsys)
    assert code == 1 and "invalid-po: nplurals = 1 but plural expression" in err
    assert not (port_project / "editions").exists()


@pytest.mark.parametrize("command", ["build", "extract"])
def test_two_sources_with_one_slug_are_refused_before_anything_is_written(
    in_project: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    # Regression: build read sources its own way and wrote editions/ja/<slug>.txt twice,
    # one edition silently overwriting the other, where extract refused.
    text = in_project / "articles" / f"{SAMPLE_SLUG}.txt"
    shutil.copy(text, text.with_suffix(".md"))
    before = {p: p.read_bytes() for p in (in_project / "locales").rglob("*") if p.is_file()}
    code, _, err = invoke([command], capsys)
    assert code == 2
    assert err == (
        f"locpipe: error: locpipe.yaml: sources articles/{SAMPLE_SLUG}.txt and "
        f"articles/{SAMPLE_SLUG}.md share the catalog name '{SAMPLE_SLUG}'\n"
    )
    assert not (in_project / "editions").exists()
    assert {p: p.read_bytes() for p in (in_project / "locales").rglob("*") if p.is_file()} == before
