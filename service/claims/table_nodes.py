"""Reading the checker's data files node by node: each error names its file and line.

`tables` builds word tables, rules and rewrites from these values; this module only checks
that a YAML node is the shape a field needs (a list of texts, a text, a mapping with known
fields) and refuses it with `TableError` at its path and line when it is not.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

FLAGS = {"ignorecase": re.I, "multiline": re.M, "dotall": re.S, "verbose": re.X}


class TableError(ValueError):
    """A data file the checker cannot read: its path and line say where."""


def where_of(path: Path, node: yaml.Node) -> str:
    return f"{path}:{node.start_mark.line + 1}"


def fail(path: Path, node: yaml.Node, message: str) -> TableError:
    return TableError(f"{where_of(path, node)}: {message}")


def strings(path: Path, node: yaml.Node, what: str) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise fail(path, node, f"{what} must be a list")
    found = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or item.tag != "tag:yaml.org,2002:str":
            raise fail(path, item, f"{what} must hold text only")
        found.append(str(item.value))
    return tuple(found)


def text(path: Path, node: yaml.Node, what: str) -> str:
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        return str(node.value)
    raise fail(path, node, f"{what} must be text")


def pieces(path: Path, node: yaml.Node) -> str:
    """A pattern written as one text, or as a list of texts joined as they stand."""
    if isinstance(node, yaml.SequenceNode):
        return "".join(strings(path, node, "a pattern's pieces"))
    return text(path, node, "a pattern")


def field_nodes(path: Path, node: yaml.Node, allowed: set[str]) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise fail(path, node, "must be a mapping")
    found: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = str(key.value)
        if name not in allowed:
            raise fail(path, key, f"unknown field {name!r} (known: {', '.join(sorted(allowed))})")
        if name in found:
            raise fail(path, key, f"field {name!r} given twice")
        found[name] = value
    return found


def map_of(path: Path, node: yaml.Node) -> dict[str, Any]:
    if not isinstance(node, yaml.MappingNode):
        raise fail(path, node, "a map must be a mapping")
    found: dict[str, Any] = {}
    for key, value in node.value:
        name = text(path, key, "a map's key")
        if name in found:
            raise fail(path, key, f"key {name!r} given twice")
        if isinstance(value, yaml.SequenceNode):
            found[name] = strings(path, value, f"the value of {name!r}")
        elif isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:int":
            found[name] = int(value.value)
        else:
            found[name] = text(path, value, f"the value of {name!r}")
    return found


def flags_of(path: Path, node: yaml.Node | None) -> int:
    if node is None:
        return 0
    value = 0
    for name in strings(path, node, "flags"):
        if name not in FLAGS:
            raise fail(path, node, f"unknown flag {name!r} (known: {', '.join(FLAGS)})")
        value |= FLAGS[name]
    return value
