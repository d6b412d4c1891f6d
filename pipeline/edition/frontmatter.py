"""Carry a Markdown source's YAML front matter into its Markdown edition.

Hugo and Jekyll read ``title`` and ``lang`` from it: the edition sets ``lang`` to its own
language and puts the translated title in place; every other line is kept as written.
"""

from __future__ import annotations

import json
import re

_KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*)\s*:")


def carry_front_matter(yaml_text: str, lang: str, title: str | None) -> str:
    """The front matter with ``lang: <lang>`` and, when given, ``title`` replaced.

    A replaced key loses its continuation lines (a folded or multi-line value); values are
    written as JSON strings, which YAML reads as double-quoted scalars.
    """
    replacements = {"lang": json.dumps(lang, ensure_ascii=False)}
    if title is not None:
        replacements["title"] = json.dumps(title, ensure_ascii=False)
    lines: list[str] = []
    skipping = False
    for line in yaml_text.split("\n") if yaml_text else []:
        key = _KEY.match(line)
        if skipping and (not line.strip() or line[:1] in " \t") and key is None:
            continue  # a continuation of the value being replaced
        skipping = False
        if key and key["key"] in replacements:
            lines.append(f"{key['key']}: {replacements.pop(key['key'])}")
            skipping = True
        else:
            lines.append(line)
    lines.extend(f"{key}: {value}" for key, value in replacements.items())
    return "\n".join(lines)
