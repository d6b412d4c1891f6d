"""The init job: a new project that ``locpipe run`` and ``locpipe check`` accept as it is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.core import InputError, OutputError, is_known_language, write_atomic
from pipeline.jobs.project import FileChange

CONFIG = """\
# locpipe project configuration. Paths are relative to this file.
source_language: en
# Target languages: one PO file per language and article under locales/<lang>/LC_MESSAGES/.
languages: [{languages}]
# English sources: one catalog (gettext domain) per file, named after its stem (the slug).
sources: [articles/*.txt, articles/*.md]
# Glossary files: how key terms must be rendered; enforced in MT drafts, check and build.
glossary: [glossary/*.yaml]
# <slug>.pot and <lang>/LC_MESSAGES/<slug>.po: commit these, they are the review state.
locales: locales
# Build output (locpipe build): <lang>/<slug>.md|html|txt and .mo files; not committed.
editions: editions
# Offline MT drafts with Argos Translate (locpipe models install ...).
mt: {{engine: argos, n_best: 8, beam_size: 8}}
# Which finding severities fail 'locpipe check' (and 'locpipe build').
check: {{fail_on: [error]}}
"""

GLOSSARY = """\
# The glossary: how key terms are rendered in every language (see the README's Glossary section).
version: 1
terms:
  # A do-not-translate term: it must appear verbatim in every translation.
  - id: reuters
    en: Reuters
    type: org
    dnt: true
    note: News agency name, kept in Latin script.
  # A term with targets looks like this (one target per configured language):
  # - id: kishida-fumio
  #   en: [Kishida Fumio, Fumio Kishida]
  #   type: person
  #   ja: 岸田文雄
  #   forbidden: {ja: [岸田フミオ]}
  #   note: Family name first.
"""

ARTICLE = """\
Port cities expect a busy summer

Shipping companies expect more traffic through the region's ports this summer, Reuters reported on Monday.

Officials said the new terminal would open in June. "We are ready," one of them said.
"""

GITIGNORE = """\
# locpipe build output, caches and the project lock
editions/
*.mo
.locpipe-cache/
locales/.locpipe.lock
"""


def init(root: Path, languages: Sequence[str]) -> tuple[FileChange, ...]:
    """Write a commented config, a glossary stub, an example article and a .gitignore.

    Refuses, writing nothing, when any of those files already exists.
    """
    for language in languages:
        if language == "en" or not is_known_language(language):
            raise InputError(f"'{language}' is not a target language locpipe knows (CLDR)")
    files = {
        root / "locpipe.yaml": CONFIG.format(languages=", ".join(languages)),
        root / "glossary" / "terms.yaml": GLOSSARY,
        root / "articles" / "example.txt": ARTICLE,
        root / ".gitignore": GITIGNORE,
    }
    existing = [path for path in files if path.exists() or path.is_symlink()]
    if existing:
        names = ", ".join(str(path) for path in existing)
        raise InputError(f"not overwriting existing files: {names}")
    if root.exists() and not root.is_dir():
        raise OutputError("not a folder", str(root))
    for path, text in files.items():
        write_atomic(path, text)
    return tuple(FileChange(path, "created") for path in files)
