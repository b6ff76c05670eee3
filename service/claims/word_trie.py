"""A list of words as one regular expression that shares their prefixes.

The tables' word lists become alternations in the rules' patterns ("january|february|...",
the months of thirty languages). Written flat, such an alternation is tried word by word
at every position of the text; written as a trie ("ma(?:r(?:ch|zo|s)?|y)") a position that
starts no word fails at its first letter. The words it matches, and the order in which it
tries them (longest first where one word starts another), are the flat alternation's.
"""

from __future__ import annotations

import re

_PLAIN = re.compile(r"[^\W_]+(?: [^\W_]+)*")

Trie = dict[str, "Trie"]
_END = ""  # the key that marks a word's end (no character is empty)


def plain(words: list[str]) -> bool:
    """Whether every word is letters, digits and single spaces: no regular expression."""
    return all(_PLAIN.fullmatch(word) for word in words)


def trie_pattern(words: list[str]) -> str:
    """One pattern matching exactly `words` (taken literally), longest first."""
    root: Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _render(root)


def _render(node: Trie) -> str:
    branches = [re.escape(char) + _render(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        # The word may end here: a longer word through this node is tried first.
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body
