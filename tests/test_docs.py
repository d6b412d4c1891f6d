"""The repository explains itself: each architecture section that code cites exists, the README
module list matches the package, and no file cites design notes from outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHITECTURE = ROOT / "docs" / "architecture.md"
CITATION = re.compile(r"docs/architecture\.md#([a-z0-9-]+)")
CITING = [
    *ROOT.glob("pipeline/**/*.py"),
    *ROOT.glob("tests/**/*.py"),
    *ROOT.glob("benchmarks/*.py"),
]


def _anchors() -> set[str]:
    """GitHub's anchors for the document's headings: lowercase, spaces to hyphens."""
    headings = re.findall(r"^#{2,3} (.+)$", ARCHITECTURE.read_text(encoding="utf-8"), re.M)
    return {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in headings}


def test_every_cited_section_exists() -> None:
    anchors = _anchors()
    cited = {
        (path.relative_to(ROOT).as_posix(), anchor)
        for path in [*CITING, ROOT / "README.md"]
        for anchor in CITATION.findall(path.read_text(encoding="utf-8"))
    }
    assert cited, "nothing cites docs/architecture.md"
    assert {(path, anchor) for path, anchor in cited if anchor not in anchors} == set()


def test_no_citation_of_notes_outside_the_repository() -> None:
    outside = re.compile(r"\bDESIGN(?:\.md| §)|\bSTYLE(?:\.md| §)")
    assert [p.name for p in CITING if outside.search(p.read_text(encoding="utf-8"))] == []


def _readme_modules() -> set[str]:
    """``subpackage.module`` for each name the README's file list gives under ``pipeline/``."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("pipeline/"))
    listed: set[str] = set()
    package = ""
    for line in lines[start + 1 :]:
        heading = re.match(r"  ([a-z_]+)/\s+(.*)", line)
        if heading:
            package, line = heading.group(1), heading.group(2)
        elif not line.startswith(" " * 22):
            break
        for name in re.sub(r"\([^)]*\)", "", line).split(","):
            if package and re.fullmatch(r"[a-z_]+", name.strip()):
                listed.add(f"{package}.{name.strip()}")
    return listed


def test_readme_module_list_matches_the_tree() -> None:
    modules = {
        ".".join(path.relative_to(ROOT / "pipeline").with_suffix("").parts)
        for path in (ROOT / "pipeline").glob("*/*.py")
        if path.stem != "__init__"
    }
    assert _readme_modules() == modules
