"""The checker's language data: every rule matches its examples, every table is read once
and named once, and a malformed file is refused with its path and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.claims.tables import DATA, TableError, load, tables

RULES = sorted(tables().rules)
REWRITES = sorted(f"{name}/{row.name}" for name, rows in tables().rewrites.items() for row in rows)


@pytest.mark.parametrize("name", RULES)
def test_rule_matches_its_examples(name: str) -> None:
    rule = tables().rules[name]
    assert rule.examples
    assert [e for e in rule.examples if not rule.pattern.search(e)] == []


@pytest.mark.parametrize("name", REWRITES)
def test_rewrite_matches_its_examples(name: str) -> None:
    group, row_name = name.split("/")
    row = next(row for row in tables().rewrites[group] if row.name == row_name)
    assert [e for e in row.examples if not row.pattern.search(e)] == []


def test_no_word_table_repeats_another() -> None:
    seen: dict[frozenset[str], str] = {}
    repeated = []
    for name, listed in tables().words.items():
        key = frozenset(listed)
        if key in seen:
            repeated.append((seen[key], name))
        seen.setdefault(key, name)
    assert repeated == []


def test_the_shipped_files_are_the_package_data() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert "claims/data/**/*.yaml" in pyproject
    assert sorted(DATA.rglob("*.yaml"))


def _write(folder: Path, text: str) -> Path:
    path = folder / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("ok:\n  words: [a]\nrule:\n  pattern: 'x'\n", 3, "at least one example"),
        ("rule:\n  pattern: '('\n  examples: ['(']\n", 1, "does not compile"),
        ("rule:\n  pattern: '{{nothing}}'\n  examples: ['x']\n", 1, "names no fragment"),
        ("a:\n  words: [x]\n  map: {x: y}\n", 1, "must have one of"),
        ("a:\n  words: [x, 3]\n", 2, "text only"),
        ("a:\n  words: [x]\n  colour: red\n", 3, "unknown field 'colour'"),
        ("a:\n  words: [x]\na:\n  words: [y]\n", 3, "defined already"),
        ("Bad-Name:\n  words: [x]\n", 1, "lower-case words"),
        ("r:\n  pattern: 'x'\n  flags: [loud]\n  examples: ['x']\n", 3, "unknown flag"),
    ],
)
def test_a_malformed_table_is_refused_with_its_file_and_line(
    tmp_path: Path, text: str, line: int, says: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(TableError) as refused:
        load(tmp_path)
    assert str(refused.value).startswith(f"{path}:{line}:")
    assert says in str(refused.value)


def test_a_pattern_names_tables_and_fragments(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "months:\n  words: [may, march]\n"
        "short:\n  map: {cx: customer, 'w/in': within}\n"
        "day:\n  fragment: '\\d{1,2}'\n"
        "date:\n  pattern: '(?:{{months|longest}}) {{day}}'\n  examples: ['march 4']\n"
        "word:\n  pattern: '{{short|escaped}}'\n  examples: ['w/in']\n",
    )
    found = load(tmp_path)
    # A longest-first list is written as a trie of its words (service/claims/word_trie.py).
    assert found.rules["date"].pattern.pattern == r"(?:ma(?:rch|y)) \d{1,2}"
    assert found.rules["word"].pattern.pattern == "cx|w/in"
