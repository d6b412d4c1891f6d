"""Render check results: text, JSON, JUnit XML, GitHub Actions annotations, SARIF 2.1.0.

Every renderer is a pure function ``(result, fail_on, show) -> str``; the CLI decides where it
goes. ``show`` holds the severities printed line by line in the human formats (text, github), so
an unstarted catalog's ``untranslated`` notes do not bury one real error; the summary counts
every finding, and the machine formats (JSON, JUnit, SARIF) always carry all of them.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection
from itertools import groupby
from typing import Any
from urllib.parse import quote

from pipeline import __version__
from pipeline.core import SEVERITIES
from pipeline.qa.checker import CheckResult
from pipeline.qa.rules import RULES, Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
SUMMARY_ROWS = 50  # findings listed in the step summary; the counts cover all of them


#: Severities the human formats print unless asked for more (``locpipe check --show info``).
DEFAULT_SHOW = SEVERITIES[:2]


def render_text(
    result: CheckResult,
    fail_on: Collection[str] = ("error",),
    show: Collection[str] = SEVERITIES,
) -> str:
    """``file:line: rule: message [severity]`` grouped by file, then a summary line."""
    lines: list[str] = []
    shown = (f for f in result.findings if f.severity in show)
    for _, findings in groupby(shown, key=lambda f: f.file):
        if lines:
            lines.append("")
        lines += [f"{f.file}:{f.line}: {f.rule}: {f.message} [{f.severity}]" for f in findings]
    if lines:
        lines.append("")
    lines.append(summary_line(result, fail_on))
    return "\n".join(lines) + "\n"


def summary_line(result: CheckResult, fail_on: Collection[str] = ("error",)) -> str:
    """One line: files, entries, findings per severity and per rule, and the verdict."""
    counts = {level: 0 for level in SEVERITIES}
    for finding in result.findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    shown = ", ".join(f"{n} {level}" for level, n in counts.items() if n) or "no findings"
    rules = ", ".join(f"{rule} {n}" for rule, n in result.by_rule().items())
    verdict = "FAILED" if result.failed(fail_on) else "passed"
    fails = "/".join(sorted(fail_on, key=_rank)) or "nothing"
    text = f"{verdict}: {result.files} file(s), {result.entries} entries: {shown}"
    return f"{text} ({rules}); failing on {fails}" if rules else f"{text}; failing on {fails}"


def _rank(level: str) -> int:
    return SEVERITIES.index(level) if level in SEVERITIES else len(SEVERITIES)


def render_json(
    result: CheckResult,
    fail_on: Collection[str] = ("error",),
    show: Collection[str] = SEVERITIES,
) -> str:
    """One object: ``passed``, every finding (with its file's language) and a summary."""
    document = {
        "passed": not result.failed(fail_on),
        "findings": [
            {
                "file": f.file,
                "language": result.language_of(f.file),
                "line": f.line,
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "msgid": f.msgid,
                "msgctxt": f.msgctxt,
            }
            for f in result.findings
        ],
        "summary": {
            "files": result.files,
            "entries": result.entries,
            "findings": len(result.findings),
            "by_rule": result.by_rule(),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_junit(
    result: CheckResult,
    fail_on: Collection[str] = ("error",),
    show: Collection[str] = SEVERITIES,
) -> str:
    """One testsuite per file, one testcase per rule; a failure lists findings at a fail level."""
    root = ET.Element("testsuites", name="locpipe check")
    total = failures = 0
    for file in result.names:
        suite = ET.SubElement(root, "testsuite", name=file)
        mine = [f for f in result.findings if f.file == file]
        failed = 0
        for rule in RULES:
            found = [f for f in mine if f.rule == rule]
            case = ET.SubElement(suite, "testcase", name=rule, classname=file)
            failing = [f for f in found if f.severity in fail_on]
            if failing:
                failed += 1
                failure = ET.SubElement(case, "failure", type=rule)
                failure.set("message", f"{len(failing)} finding(s): {failing[0].message}")
                failure.text = "\n".join(_located(f) for f in failing)
            elif found:  # reported below the fail level: visible, but the case passes
                ET.SubElement(case, "system-out").text = "\n".join(_located(f) for f in found)
        suite.set("tests", str(len(RULES)))
        suite.set("failures", str(failed))
        suite.set("errors", "0")
        total, failures = total + len(RULES), failures + failed
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _located(finding: Finding) -> str:
    return f"{finding.file}:{finding.line}: {finding.rule}: {finding.message} [{finding.severity}]"


def render_github(
    result: CheckResult,
    fail_on: Collection[str] = ("error",),
    show: Collection[str] = SEVERITIES,
) -> str:
    """GitHub Actions workflow commands: ``::error file=F,line=N,title=RULE::message``."""
    lines = []
    for f in (f for f in result.findings if f.severity in show):
        command = _GITHUB_COMMANDS.get(f.severity, "notice")
        properties = f"file={_property(f.file)},line={f.line},title={_property(f.rule)}"
        lines.append(f"::{command} {properties}::{_data(f.message)}")
    lines.append(summary_line(result, fail_on))
    return "\n".join(lines) + "\n"


def _data(text: str) -> str:
    """Escape a workflow command's message as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow command property value: also ``:`` and ``,``."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_step_summary(result: CheckResult, fail_on: Collection[str] = ("error",)) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: GitHub shows only 10 annotations per step."""
    verdict = "❌ failed" if result.failed(fail_on) else "✅ passed"
    lines = [
        f"## locpipe check: {verdict}",
        "",
        f"{result.files} file(s), {result.entries} entries, {len(result.findings)} finding(s).",
        "",
    ]
    if result.findings:
        lines += ["| rule | findings |", "| --- | ---: |"]
        lines += [f"| `{rule}` | {n} |" for rule, n in result.by_rule().items()]
        lines += [
            "",
            "| file | line | severity | rule | message |",
            "| --- | ---: | --- | --- | --- |",
        ]
        ranked = sorted(result.findings, key=lambda f: _rank(f.severity))
        lines += [_summary_row(f) for f in ranked[:SUMMARY_ROWS]]
        if len(result.findings) > SUMMARY_ROWS:
            lines += ["", f"… and {len(result.findings) - SUMMARY_ROWS} more (see the job log)."]
    return "\n".join(lines) + "\n"


def _summary_row(f: Finding) -> str:
    cells = (f.file, str(f.line), f.severity, f"`{f.rule}`", f.message)
    flat = (" ".join(c.replace("|", "\\|").split()) for c in cells)  # one table row per finding
    return "| " + " | ".join(flat) + " |"


def render_sarif(
    result: CheckResult,
    fail_on: Collection[str] = ("error",),
    show: Collection[str] = SEVERITIES,
) -> str:
    """A SARIF 2.1.0 log with one run, the rule registry and one result per finding."""
    rule_ids = list(RULES)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _sarif_driver()},
                "columnKind": "unicodeCodePoints",
                "results": [_sarif_result(f, rule_ids.index(f.rule)) for f in result.findings],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _sarif_driver() -> dict[str, Any]:
    return {
        "name": "locpipe",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [
            {
                "id": rule_id,
                "name": "".join(part.title() for part in rule_id.split("-")),
                "shortDescription": {"text": rule.summary},
                "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
            }
            for rule_id, rule in RULES.items()
        ],
    }


def _sarif_result(finding: Finding, rule_index: int) -> dict[str, Any]:
    location = {
        "physicalLocation": {
            "artifactLocation": {"uri": quote(finding.file.replace("\\", "/"))},
            "region": {"startLine": max(finding.line, 1)},
        }
    }
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVELS.get(finding.severity, "note"),
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {"locpipeFinding/v1": fingerprint(finding)},
    }


def fingerprint(finding: Finding) -> str:
    """A stable id for a finding across commits: rule, file, msgctxt and msgid, not the line.

    Code scanning uses it to follow a finding when lines move; the message is left out so a
    reworded message does not make every finding new.
    """
    key = "\x1f".join((finding.rule, finding.file, finding.msgctxt or "", finding.msgid))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


Renderer = Callable[[CheckResult, Collection[str], Collection[str]], str]

#: Output formats of ``locpipe check --format``.
REPORTERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "github": render_github,
    "sarif": render_sarif,
}


def fail_levels(level: str) -> tuple[str, ...]:
    """Severities at or above ``level`` (``never`` fails on nothing)."""
    return SEVERITIES[: SEVERITIES.index(level) + 1] if level in SEVERITIES else ()
