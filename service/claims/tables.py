"""The checker's language data: word tables and named rules, read once from `data/`.

Every kind of knowledge the checker reads text with is data, in the YAML files of
`service/claims/data/` (one kind of knowledge per file): a word table (`words:`, a list), a
table of pairs (`map:`), a named rule (`pattern:`, with at least one example it matches), a
piece of pattern that rules share (`fragment:`), or an ordered list of named rewrites
(`rewrites:`, each a pattern, what it becomes, the words a text must hold for it to apply,
and an example). A pattern names a fragment or a word table as `{{name}}` (a table as the
alternation of its words, `{{name|longest}}` longest first, `{{name|escaped}}` with the
words' own punctuation escaped), so a concept written once serves every rule that needs it.

Names are unique across the files. A file that breaks these rules is refused when it is
read, with its path and line (`TableError`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from service.claims.table_nodes import (
    TableError as TableError,  # the error callers catch: part of this module's API
)
from service.claims.table_nodes import (
    fail,
    field_nodes,
    flags_of,
    map_of,
    pieces,
    strings,
    text,
    where_of,
)
from service.claims.word_trie import plain, trie_pattern

DATA = Path(__file__).with_name("data")
# {{name}}, {{name[1:13]}} (a slice of a table), {{name:tag}} (the words a lexicon tags so),
# {{a+b}} (tables in turn), then |longest and |escaped.
_PLACEHOLDER = re.compile(
    r"(?<!\\)\{\{([a-z0-9_]+(?:\[\d*:\d*\]|:[a-z_]+)?(?:\+[a-z0-9_]+(?:\[\d*:\d*\]|:[a-z_]+)?)*)"
    r"((?:\|(?:longest|escaped))*)\}\}"
)
_PART = re.compile(r"([a-z0-9_]+)(?:\[(\d*):(\d*)\]|:([a-z_]+))?")
_KINDS = ("words", "map", "pattern", "fragment", "rewrites")
_RULE_KEYS = {"pattern", "flags", "examples", "why"}
_REWRITE_KEYS = {"name", "pattern", "flags", "into", "call", "needles", "examples", "why"}

Replacement = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True)
class Rule:
    """A named pattern and the examples it must match.

    Attributes:
        name: The rule's name, unique across the data files.
        pattern: The compiled pattern, fragments and tables filled in.
        examples: Texts it matches (a test runs every one).
        why: What it reads, in words.
        where: The file and line it is written at.
    """

    name: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    why: str
    where: str


@dataclass(frozen=True)
class Rewrite:
    """One named rewrite of a list: `pattern` becomes `into` (or what `call` makes of the
    match), tried only on a text that holds one of `needles` (none: every text)."""

    name: str
    pattern: re.Pattern[str]
    into: str | None
    call: str | None
    needles: tuple[str, ...]
    examples: tuple[str, ...]
    why: str
    where: str

    def replacement(self, calls: Mapping[str, Callable[[re.Match[str]], str]]) -> Replacement:
        """What a match becomes: the text `into`, or the function named `call` in `calls`."""
        if self.call is None:
            return self.into or ""
        if self.call not in calls:
            raise TableError(f"{self.where}: rewrite {self.name!r} calls unknown {self.call!r}")
        return calls[self.call]


@dataclass(frozen=True)
class Tables:
    """Everything the data files hold, by name."""

    words: dict[str, tuple[str, ...]]
    maps: dict[str, dict[str, Any]]
    rules: dict[str, Rule]
    fragments: dict[str, str]
    rewrites: dict[str, tuple[Rewrite, ...]]
    where: dict[str, str]


@dataclass
class _Raw:
    """What the files hold before fragments and tables are filled into the patterns."""

    words: dict[str, tuple[str, ...]]
    maps: dict[str, dict[str, Any]]
    fragments: dict[str, tuple[str, str]]  # name -> (pattern, where)
    rules: dict[str, tuple[str, int, tuple[str, ...], str, str]]
    rewrites: dict[str, list[tuple[dict[str, Any], str]]]
    where: dict[str, str]


def _read_file(path: Path, raw: _Raw) -> None:
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except yaml.YAMLError as error:
        raise TableError(f"{path}: not valid YAML: {error}") from error
    if root is None:
        return
    if not isinstance(root, yaml.MappingNode):
        raise fail(path, root, "a data file is a mapping of names to tables and rules")
    for key, node in root.value:
        name = text(path, key, "a name")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise fail(path, key, f"name {name!r} must be lower-case words joined by '_'")
        if name in raw.where:
            raise fail(path, key, f"{name!r} is defined already at {raw.where[name]}")
        raw.where[name] = where_of(path, key)
        fields = field_nodes(path, node, {*_KINDS, *_RULE_KEYS})
        kinds = [kind for kind in _KINDS if kind in fields]
        if len(kinds) != 1:
            raise fail(path, key, f"{name!r} must have one of: {', '.join(_KINDS)}")
        kind = kinds[0]
        why = text(path, fields["why"], "why") if "why" in fields else ""
        if kind in ("words", "map", "fragment", "rewrites") and set(fields) - {kind, "why"}:
            raise fail(path, key, f"{name!r}: a {kind} table has only '{kind}' and 'why'")
        if kind == "words":
            raw.words[name] = strings(path, fields["words"], "words")
        elif kind == "map":
            raw.maps[name] = map_of(path, fields["map"])
        elif kind == "fragment":
            raw.fragments[name] = (pieces(path, fields["fragment"]), raw.where[name])
        elif kind == "pattern":
            listed = fields.get("examples")
            examples = strings(path, listed, "examples") if listed is not None else ()
            if not examples:
                raise fail(path, key, f"rule {name!r} needs at least one example")
            flags = flags_of(path, fields.get("flags"))
            raw.rules[name] = (
                pieces(path, fields["pattern"]),
                flags,
                examples,
                why,
                raw.where[name],
            )
        else:
            raw.rewrites[name] = _read_rewrites(path, fields["rewrites"])


def _read_rewrites(path: Path, node: yaml.Node) -> list[tuple[dict[str, Any], str]]:
    if not isinstance(node, yaml.SequenceNode):
        raise fail(path, node, "rewrites must be a list")
    found = []
    for item in node.value:
        fields = field_nodes(path, item, _REWRITE_KEYS)
        for needed in ("name", "pattern", "examples"):
            if needed not in fields:
                raise fail(path, item, f"a rewrite needs '{needed}'")
        if ("into" in fields) == ("call" in fields):
            raise fail(path, item, "a rewrite has either 'into' or 'call'")
        row = {
            "name": text(path, fields["name"], "name"),
            "pattern": pieces(path, fields["pattern"]),
            "flags": flags_of(path, fields.get("flags")),
            "into": text(path, fields["into"], "into") if "into" in fields else None,
            "call": text(path, fields["call"], "call") if "call" in fields else None,
            "needles": strings(path, fields["needles"], "needles") if "needles" in fields else (),
            "examples": strings(path, fields["examples"], "examples"),
            "why": text(path, fields["why"], "why") if "why" in fields else "",
        }
        if not row["examples"]:
            raise fail(path, item, f"rewrite {row['name']!r} needs at least one example")
        found.append((row, where_of(path, item)))
    return found


def _expand(template: str, where: str, raw: _Raw, seen: tuple[str, ...] = ()) -> str:
    def fill(match: re.Match[str]) -> str:
        names, how = match.group(1).split("+"), match.group(2).split("|")[1:]
        if len(names) == 1 and names[0] in raw.fragments:
            name = names[0]
            if name in seen:
                raise TableError(f"{where}: fragment {name!r} includes itself")
            if how:
                raise TableError(f"{where}: '|{how[0]}' applies to a table, not {name!r}")
            text, own = raw.fragments[name]
            return _expand(text, own, raw, (*seen, name))
        listed: list[str] = []
        for part in names:
            listed += _words_of(part, where, raw)
        if "longest" in how and ("escaped" in how or plain(listed)):
            return trie_pattern(listed)  # the same words, longest first, prefixes shared
        if "longest" in how:
            listed.sort(key=len, reverse=True)
        if "escaped" in how:
            listed = [re.escape(word) for word in listed]
        return "|".join(listed)

    return _PLACEHOLDER.sub(fill, template)


def _words_of(part: str, where: str, raw: _Raw) -> list[str]:
    """The words a placeholder part names: a table's, sliced or selected by tag."""
    found = _PART.fullmatch(part)
    assert found is not None  # _PLACEHOLDER only lets such parts through
    name, start, stop, tag = found.groups()
    if name in raw.words:
        listed = list(raw.words[name])
    elif name in raw.maps:
        listed = list(raw.maps[name])
    else:
        raise TableError(f"{where}: {{{{{name}}}}} names no fragment or table")
    if tag is not None:
        if name not in raw.maps:
            raise TableError(f"{where}: {{{{{part}}}}}: only a map's words carry tags")
        listed = [word for word in listed if tag in raw.maps[name][word]]
        if not listed:
            raise TableError(f"{where}: {{{{{part}}}}}: no word of {name!r} is tagged {tag!r}")
    elif start is not None or stop is not None:
        listed = listed[int(start) if start else None : int(stop) if stop else None]
    return listed


def _compile(template: str, flags: int, where: str, raw: _Raw) -> re.Pattern[str]:
    try:
        return re.compile(_expand(template, where, raw), flags)
    except re.error as error:
        raise TableError(f"{where}: the pattern does not compile: {error}") from error


def load(folder: Path = DATA) -> Tables:
    """Read and check every data file under `folder`.

    Raises:
        TableError: A file is not valid YAML, a table or rule is malformed, a name is
            defined twice, a pattern names nothing known or does not compile.
    """
    raw = _Raw({}, {}, {}, {}, {}, {})
    for path in sorted(folder.rglob("*.yaml")):
        _read_file(path, raw)
    rules = {
        name: Rule(name, _compile(text, flags, where, raw), examples, why, where)
        for name, (text, flags, examples, why, where) in raw.rules.items()
    }
    rewrites = {
        name: tuple(
            Rewrite(
                row["name"],
                _compile(row["pattern"], row["flags"], where, raw),
                row["into"],
                row["call"],
                row["needles"],
                row["examples"],
                row["why"],
                where,
            )
            for row, where in rows
        )
        for name, rows in raw.rewrites.items()
    }
    fragments = {name: _expand(text, where, raw) for name, (text, where) in raw.fragments.items()}
    return Tables(raw.words, raw.maps, rules, fragments, rewrites, raw.where)


@cache
def tables() -> Tables:
    """The shipped data files, read once."""
    return load()


def _get(found: Mapping[str, Any], name: str, kind: str) -> Any:
    if name not in found:
        raise KeyError(f"no {kind} named {name!r} in {DATA}")
    return found[name]


def words(name: str) -> frozenset[str]:
    """The word table `name`."""
    return frozenset(_get(tables().words, name, "word table"))


def word_list(name: str) -> tuple[str, ...]:
    """The word table `name`, in its written order."""
    return tuple(_get(tables().words, name, "word table"))


def mapping(name: str) -> dict[str, Any]:
    """The table of pairs `name`, in its written order."""
    return dict(_get(tables().maps, name, "map"))


def mapping_in_any_case(name: str) -> dict[str, Any]:
    """The map `name` keyed by its words as a text lowers them whatever case it wrote them
    in: "kasım" and, for a record in capitals ("15 KASIM"), "kasim" too (the Turkish
    dotless i lowers to a dotted one once written as a capital)."""
    found: dict[str, Any] = {}
    for key, value in mapping(name).items():
        word = str(key).lower()
        found[word] = value
        found.setdefault(word.upper().lower(), value)
    return found


def tagged(name: str, tag: str) -> frozenset[str]:
    """The words of the lexicon `name` (a map of words to their tags) tagged `tag`."""
    lexicon: dict[str, Any] = _get(tables().maps, name, "map")
    return frozenset(word for word, tags in lexicon.items() if tag in tags)


def pattern(name: str) -> re.Pattern[str]:
    """The compiled pattern of the rule `name`."""
    rule: Rule = _get(tables().rules, name, "rule")
    return rule.pattern


def rewrites(name: str) -> tuple[Rewrite, ...]:
    """The ordered rewrites `name`."""
    found: tuple[Rewrite, ...] = _get(tables().rewrites, name, "list of rewrites")
    return found
