"""Glossary, markup and numbers enforced inside MT (docs/architecture.md#enforcement).

Per unit: protect markup, code, URLs and identifiers as opaque placeholders and inject each
required glossary term's preferred target inline; translate n-best; take the best hypothesis
that keeps every placeholder exactly once, renders every term, keeps every number and has no
forbidden rendering; restore the placeholders. If none passes, keep the best and list why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.core import (
    PLACEHOLDER,
    PLACEHOLDER_TOKEN,
    SourceNumber,
    missing_numbers,
    protected_spans,
    source_numbers,
)
from pipeline.glossary import Glossary, Match, Term, check_target, find_terms, target_forms
from pipeline.mt.engine import Hypothesis


@dataclass(frozen=True)
class UnitPlan:
    """A unit prepared for MT: the text sent, placeholders to restore, what must survive."""

    source: str
    prepared: str
    placeholders: tuple[tuple[str, str], ...]  # (token, original text)
    terms: tuple[Term, ...]  # required terms, in order of first match
    numbers: tuple[SourceNumber, ...]


@dataclass(frozen=True)
class Enforced:
    """The chosen translation of one unit and what it failed, as ``#.`` comment lines."""

    text: str
    required: int
    satisfied: int
    notes: tuple[str, ...] = ()


def plan_unit(source: str, glossary: Glossary, language: str) -> UnitPlan:
    """Protect markup as placeholders and inject required terms' targets inline."""
    protected = protected_spans(source)
    matches = [m for m in find_terms(glossary, source) if not _overlaps(m, protected)]
    required = [m for m in matches if target_forms(m.term, language)]
    edits: list[tuple[int, int, str]] = []
    placeholders: list[tuple[str, str]] = []
    for start, end in protected:
        token = PLACEHOLDER.format(len(placeholders))
        placeholders.append((token, source[start:end]))
        edits.append((start, end, token))
    for match in required:
        # A dnt term's accepted forms are its source forms: it is sent as written.
        inline = match.text if match.term.dnt else target_forms(match.term, language)[0]
        edits.append((match.start, match.end, inline))
    return UnitPlan(
        source=source,
        prepared=_apply(source, edits),
        placeholders=tuple(placeholders),
        terms=tuple(dict.fromkeys(m.term for m in required)),
        numbers=source_numbers(_apply(source, [(s, e, " ") for s, e, _ in edits])),
    )


def _overlaps(match: Match, spans: Sequence[tuple[int, int]]) -> bool:
    return any(match.start < end and start < match.end for start, end in spans)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace non-overlapping spans, right to left so offsets stay valid."""
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def restore(plan: UnitPlan, text: str) -> str:
    """Put the protected originals back in place of their placeholders."""
    originals = dict(plan.placeholders)
    # One pass, so an original that itself looks like a placeholder is never replaced again.
    return PLACEHOLDER_TOKEN.sub(lambda m: originals.get(m.group(), m.group()), text)


def check_hypothesis(plan: UnitPlan, hypothesis: Hypothesis, language: str) -> Enforced:
    """Restore one hypothesis and list every rule it breaks."""
    notes: list[str] = []
    for token, original in plan.placeholders:
        count = hypothesis.text.count(token)
        if count != 1:
            notes.append(f"mt: markup {original} {'lost' if count == 0 else 'repeated'}")
    text = restore(plan, hypothesis.text)
    satisfied = 0
    for term in plan.terms:
        result = check_target(term, language, text)
        satisfied += result.satisfied
        if result.found is None:
            notes.append(f"glossary: missing {target_forms(term, language)[0]} ({term.canonical})")
        notes.extend(f"glossary: forbidden {form} ({term.canonical})" for form in result.forbidden)
    # The same reading of numbers as check's number-mismatch rule: 五十 is 50.
    missing, _ = missing_numbers(plan.numbers, text)
    notes.extend(f"mt: missing number {number.shown}" for number in missing)
    if hypothesis.cut:
        notes.append("mt: output reached the decoding length limit and may be cut")
    return Enforced(text, len(plan.terms), satisfied, tuple(notes))


def choose(plan: UnitPlan, hypotheses: Sequence[Hypothesis], language: str) -> Enforced:
    """The best hypothesis that breaks no rule; else the best one, with its problems listed."""
    if not hypotheses:
        notes = ("mt: the engine returned no translation",)
        return Enforced("", len(plan.terms), 0, notes)
    first: Enforced | None = None
    for hypothesis in hypotheses:
        checked = check_hypothesis(plan, hypothesis, language)
        if not checked.notes:
            return checked
        first = first or checked
    assert first is not None
    return first
