"""Read YAML with PyYAML's safe loader, keeping the line of every key and list item.

Validation messages need ``file:line``; plain ``yaml.safe_load`` forgets where things were.
Composition runs in libyaml (``CSafeLoader``, several times faster; the pure-Python loader
only where PyYAML was built without it). Config and glossary files are data we write by hand:
aliases are refused (an alias bomb would expand into gigabytes, a self-reference would
recurse forever), and size and nesting are bounded.
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


#: Larger than any hand-written config or a 10,000-term glossary (about 2 MB).
MAX_YAML_BYTES = 16 * 1024 * 1024
#: Our files nest four levels; libyaml itself stops at 1000, past Python's recursion limit.
MAX_DEPTH = 32
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"


def read_yaml(path: Path, shown: str | None = None) -> Any:
    """Load ``path`` as YAML; errors name the file (as ``shown``) and line."""
    name = shown or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise InputError(f"{_too_big(size)}", name)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", name) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a YAML file", name) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", name) from None
    return parse_yaml(data, name)


def _too_big(size: int) -> str:
    return f"file too large ({size / 2**20:.1f} MiB; YAML files are limited to {MAX_YAML_BYTES // 2**20} MiB)"


def parse_yaml(data: str | bytes, name: str) -> Any:
    """Parse YAML text or UTF-8 bytes into plain values with LineMap/LineList containers."""
    if len(data) > MAX_YAML_BYTES:
        raise InputError(_too_big(len(data)), name)
    text = decode_text(data, name)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except RecursionError:  # the pure-Python composer on deep nesting
        raise InputError(f"YAML nested deeper than {MAX_DEPTH} levels", name) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc).splitlines()[0]
        raise InputError(f"YAML syntax error: {problem}", name, line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", name) from None
    if node is None:
        return None
    return _Converter(text, name).convert(node, 0)


class _Converter:
    """Nodes → values, refusing a node met twice (an alias) and nesting past MAX_DEPTH."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.loader = yaml.SafeLoader("")
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, depth: int) -> Any:
        line = node.start_mark.line + 1
        if id(node) in self.seen:
            raise InputError(
                "YAML aliases (*name) are not allowed here; write the value out",
                self.name,
                _first_alias_line(self.text) or line,
            )
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise InputError(f"YAML nested deeper than {MAX_DEPTH} levels", self.name, line)
        if node.tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value  # what SafeConstructor makes of it; most nodes are strings
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth, line)
        if isinstance(node, yaml.SequenceNode):
            items = LineList(self.convert(item, depth + 1) for item in node.value)
            items.line = line
            items.item_lines = [item.start_mark.line + 1 for item in node.value]
            return items
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise InputError(f"bad YAML value: {exc}".splitlines()[0], self.name, line) from None

    def _mapping(self, node: yaml.MappingNode, depth: int, line: int) -> LineMap:
        name = self.name
        result = LineMap()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                message = "YAML merge keys (<<: *alias) are not allowed here; write the keys out"
                raise InputError(message, name, key_node.start_mark.line + 1)
            key = self.convert(key_node, depth + 1)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise InputError(f"mapping key must be a string, not {key!r}", name, key_line)
            if key in result:
                raise InputError(f"duplicate key '{key}'", name, key_line)
            result[key] = self.convert(value_node, depth + 1)
            result.key_lines[key] = key_line
        return result


def _first_alias_line(text: str) -> int | None:
    """The line of the first ``*alias`` (events stream in constant memory: no expansion)."""
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return int(event.start_mark.line) + 1
    return None


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
