"""The publication gate: an edition ships only when ``check`` would pass the units it publishes.

The findings come from the check job itself (the same rules, severities and ``fail_on``);
the plan keeps those on published units, and this module decides whether they, or missing
translations, refuse the edition (docs/architecture.md#editions).
"""

from __future__ import annotations

from collections import Counter

from pipeline.edition.plan import UNREVIEWED, BuildOptions, Edition, Refusal


def refusal_for(edition: Edition, options: BuildOptions) -> Refusal | None:
    """Why ``edition`` must not be published, or None."""
    usable = edition.done + (edition.drafts if options.include_drafts else 0)
    if usable * 100 < options.min_complete * edition.total:
        missing = [gap for gap in edition.gaps if gap.reason != UNREVIEWED]
        reason = (
            f"{len(missing)} of {edition.total} units have no usable translation "
            f"({usable / edition.total:.1%} usable, below --min-complete {options.min_complete:g})"
        )
        details = tuple(f"{gap.where}: {gap.reason}: {gap.msgid}" for gap in missing)
        return Refusal(edition.language, edition.slug, reason, details)
    blocking = [f for f in edition.findings if f.rule not in options.allow_findings]
    if blocking:
        rules = ", ".join(sorted({finding.rule for finding in blocking}))
        reason = (
            f"{len(blocking)} finding(s) that 'locpipe check' fails ({rules}) in units it would "
            "publish; fix them, or pass --allow-findings RULE to publish anyway"
        )
        details = tuple(
            f"{f.file}:{f.line}: {f.rule}: {f.message}" + (f" [{f.msgid}]" if f.msgid else "")
            for f in blocking
        )
        return Refusal(edition.language, edition.slug, reason, details)
    return None


def overrides(edition: Edition) -> tuple[tuple[str, int], ...]:
    """Rules whose findings an ``--allow-findings`` let through, with their counts, sorted."""
    return tuple(sorted(Counter(finding.rule for finding in edition.findings).items()))
