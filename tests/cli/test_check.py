"""``locpipe check`` end to end: exit codes 0/1/2, formats, project catalogs, step summary."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.catalog.po import format_po
from pipeline.core.model import Catalog, Entry
from pipeline.qa import RULES
from tests.conftest import DATA, invoke

HEADER = (
    ("Project-Id-Version", "tests"),
    ("PO-Revision-Date", "2024-05-02 10:00+0000"),
    ("Last-Translator", "T <t@example.org>"),
    ("Language-Team", "none"),
    ("Language", "zh_CN"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=1; plural=0;"),
)


def write_po(path: Path, *entries: Entry) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_po(Catalog(HEADER, entries)), encoding="utf-8")
    return path


@pytest.fixture
def in_project(sample_project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(sample_project)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return sample_project


def test_clean_file_exits_0(in_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = write_po(in_project / "zh.po", Entry(msgid="Xi Jinping spoke.", msgstr="习近平表示。"))
    code, out, _ = invoke(["check", str(po)], capsys)
    assert code == 0, out
    assert out.startswith("passed: 1 file(s), 1 entries")


def test_glossary_finding_exits_1(in_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = write_po(in_project / "zh.po", Entry(msgid="Xi Jinping spoke.", msgstr="習近平表示。"))
    code, out, _ = invoke(["check", "--format", "json", str(po)], capsys)
    assert code == 1
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert rules == ["glossary-missing", "glossary-forbidden", "script-mismatch"]


def test_info_findings_are_counted_but_printed_only_with_show_info(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One real error among untranslated notes: CI sees the error, not 2 lines of noise."""
    po = write_po(
        in_project / "zh.po",
        Entry(msgid="Japan votes.", line=0),
        Entry(msgid="China votes."),
        Entry(msgid="Xi Jinping spoke.", msgstr="習近平表示。"),
    )
    code, out, _ = invoke(["check", str(po)], capsys)
    assert code == 1
    printed = [line for line in out.splitlines()[:-1] if line]
    assert [line.split(": ")[1] for line in printed] == [
        "glossary-missing",
        "glossary-forbidden",
        "script-mismatch",
    ]
    assert out.splitlines()[-1].startswith("FAILED: 1 file(s), 3 entries: 3 error, 2 info")
    code, out, _ = invoke(["check", "--show", "info", str(po)], capsys)
    printed = [line for line in out.splitlines()[:-1] if line]
    assert [line.split(": ")[1] for line in printed] == [
        "untranslated",
        "untranslated",
        "glossary-missing",
        "glossary-forbidden",
        "script-mismatch",
    ]


def test_check_help_lists_every_rule_with_its_default_severity(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = invoke(["check", "--help"], capsys)
    assert code == 0
    listed = {line.split()[0]: line.split()[1] for line in out.splitlines()[-len(RULES) :]}
    assert listed == {rule_id: rule.severity for rule_id, rule in RULES.items()}


def test_untranslated_does_not_fail_unless_asked(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = write_po(in_project / "zh.po", Entry(msgid="Japan votes."))
    assert invoke(["check", str(po)], capsys)[0] == 0
    assert invoke(["check", "--fail-on", "info", str(po)], capsys)[0] == 1
    assert invoke(["check", "--severity", "untranslated=error", str(po)], capsys)[0] == 1
    assert (
        invoke(
            ["check", "--fail-on", "never", "--severity", "untranslated=error", str(po)], capsys
        )[0]
        == 0
    )


def test_config_fail_on_is_used(in_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = in_project / "locpipe.yaml"
    config.write_text(config.read_text().replace("fail_on: [error]", "fail_on: [error, info]"))
    po = write_po(in_project / "zh.po", Entry(msgid="Japan votes."))
    assert invoke(["check", str(po)], capsys)[0] == 1


def test_config_severity_is_used_and_flag_wins(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = in_project / "locpipe.yaml"
    config.write_text(
        config.read_text().replace(
            "check: {fail_on: [error]}",
            "check: {fail_on: [error], severity: {untranslated: error}}",
        )
    )
    po = write_po(in_project / "zh.po", Entry(msgid="Japan votes."))
    assert invoke(["check", str(po)], capsys)[0] == 1
    assert invoke(["check", "--severity", "untranslated=info", str(po)], capsys)[0] == 0


def test_broken_po_is_an_invalid_po_finding(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(DATA / "check_bad_syntax.po", in_project / "bad.po")
    code, out, err = invoke(["check", "bad.po"], capsys)
    assert (code, err) == (1, "")
    assert out.startswith("bad.po:12: invalid-po: invalid PO syntax: unterminated string [error]")


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["check", "missing.po"], id="missing-path"),
        pytest.param(["check", "--format", "xml"], id="bad-format"),
        pytest.param(["check", "--severity", "nonsense=error"], id="unknown-rule"),
        pytest.param(["check", "--severity", "fuzzy=loud"], id="bad-level"),
        pytest.param(["check", "--glossary", "bad.yaml"], id="bad-glossary"),
    ],
)
def test_usage_and_input_errors_exit_2(
    args: list[str], in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_project / "bad.yaml").write_text("version: 1\nterms: [{id: X}]\n")
    code, _, err = invoke(args, capsys)
    assert code == 2
    assert err.startswith("locpipe: error: ")


def test_no_paths_checks_project_catalogs(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert invoke(["run"], capsys)[0] == 0
    code, out, _ = invoke(["check", "--format", "json"], capsys)
    assert code == 0  # untranslated and fuzzy entries are not errors by default
    summary = json.loads(out)["summary"]
    assert summary["files"] == 3 and summary["entries"] > 10
    languages = {f["file"].split("/")[1] for f in json.loads(out)["findings"]}
    assert languages <= {"ja", "zh", "zh_TW"}


def test_any_po_outside_a_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "check_gnu_style.po", tmp_path / "ja.po")
    code, out, _ = invoke(["check", "--format", "github", "."], capsys)
    assert code == 1  # the c-format type mismatch
    assert "::error file=ja.po,line=37,title=placeholder-mismatch::" in out
    assert invoke(["check"], capsys)[0] == 2  # no paths and no project


def test_step_summary_and_output_file(
    in_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = in_project / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    po = write_po(in_project / "zh.po", Entry(msgid="Xi Jinping spoke.", msgstr="習近平表示。"))
    code, out, _ = invoke(["check", "--format", "sarif", "-o", "out.sarif", str(po)], capsys)
    assert (code, out) == (1, "")
    assert json.loads((in_project / "out.sarif").read_text())["version"] == "2.1.0"
    assert "| `glossary-forbidden` | 1 |" in summary.read_text()


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github", "sarif"])
def test_every_format_on_real_catalogs(
    fmt: str, in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = [str(p) for p in sorted(DATA.glob("check_real_*.po"))]
    code, out, err = invoke(["check", "--format", fmt, *real], capsys)
    assert (code, err) == (0, "")
    assert out


@pytest.mark.parametrize("where", ["-o", "GITHUB_STEP_SUMMARY"])
def test_unwritable_report_is_one_line_exit_2(
    in_project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    # Regression: an -o FILE (or step summary) that cannot be written raised a traceback.
    po = write_po(in_project / "zh.po", Entry(msgid="Xi Jinping spoke.", msgstr="习近平表示。"))
    blocker = in_project / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    args = ["check", "--format", "json", str(po)]
    if where == "-o":
        args += ["-o", str(blocker / "report.json")]
    else:
        monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(blocker / "summary.md"))
    code, _, err = invoke(args, capsys)
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith("locpipe: error: not-a-folder/") and "cannot write file" in err


@pytest.mark.parametrize("command", ["check", "build"])
def test_an_unknown_rule_in_the_config_is_an_error_at_its_line(
    in_project: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    shutil.copy(DATA / "config_bad_severity_rule.yaml", in_project / "locpipe.yaml")
    code, _, err = invoke([command], capsys)
    assert (code, err) == (
        2,
        "locpipe: error: locpipe.yaml:8: unknown key 'check.severity.untranslatd';"
        " did you mean 'check.severity.untranslated'?\n",
    )
    assert not (in_project / "editions").exists()
