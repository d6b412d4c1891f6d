"""Read YAML with PyYAML's safe loader, keeping the line of every key and list item.

Validation messages need ``file:line``; plain ``yaml.safe_load`` forgets where things were.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pipeline.core.decode import decode_text
from pipeline.core.errors import InputError


class LineMap(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class LineList(list[Any]):
    """A YAML sequence that remembers its own line and the line of each item."""

    line: int
    item_lines: list[int]


def read_yaml(path: Path, shown: str | None = None) -> Any:
    """Load ``path`` as YAML; errors name the file (as ``shown``) and line."""
    name = shown or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", name) from None
    return parse_yaml(data, name)


def parse_yaml(data: str | bytes, name: str) -> Any:
    """Parse YAML text or UTF-8 bytes into plain values with LineMap/LineList containers."""
    text = decode_text(data, name)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc).splitlines()[0]
        raise InputError(f"YAML syntax error: {problem}", name, line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", name) from None
    if node is None:
        return None
    return _convert(node, name, yaml.SafeLoader(""))


def _convert(node: yaml.Node, name: str, loader: yaml.SafeLoader) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = LineMap()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _convert(key_node, name, loader)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise InputError(f"mapping key must be a string, not {key!r}", name, key_line)
            if key in result:
                raise InputError(f"duplicate key '{key}'", name, key_line)
            result[key] = _convert(value_node, name, loader)
            result.key_lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LineList(_convert(item, name, loader) for item in node.value)
        items.line = line
        items.item_lines = [item.start_mark.line + 1 for item in node.value]
        return items
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise InputError(f"bad YAML value: {exc}".splitlines()[0], name, line) from None


def type_name(value: Any) -> str:
    """Name a YAML value's type the way a YAML author thinks of it."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "empty"
    return "a string"
