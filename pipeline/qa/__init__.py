"""The check rules behind the CI gate and their reporters."""

from __future__ import annotations

from pipeline.qa.checker import CheckResult, check_catalogs, check_entry
from pipeline.qa.report import DEFAULT_SHOW, REPORTERS, fail_levels, render_step_summary
from pipeline.qa.rules import RULES, Finding, configured_severities

__all__ = [
    "DEFAULT_SHOW",
    "REPORTERS",
    "RULES",
    "CheckResult",
    "Finding",
    "check_catalogs",
    "check_entry",
    "configured_severities",
    "fail_levels",
    "render_step_summary",
]
