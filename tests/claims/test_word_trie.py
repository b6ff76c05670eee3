"""A word list written as a trie matches what the flat longest-first alternation matches."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from service.claims.word_trie import plain, trie_pattern

_WORDS = st.lists(st.text("abcäσ ", min_size=1, max_size=6).map(str.strip), min_size=1).map(
    lambda words: [w for w in words if w and "  " not in w] or ["a"]
)


@given(words=_WORDS, text=st.text("abcäσ x", max_size=30))
def test_a_trie_finds_what_the_flat_alternation_finds(words: list[str], text: str) -> None:
    flat = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    trie = trie_pattern(words)
    for anchored in (r"(?:{})(?!\w)", r"(?<!\w)(?:{})"):
        expected = [m.span() for m in re.finditer(anchored.format(flat), text, re.I)]
        assert [m.span() for m in re.finditer(anchored.format(trie), text, re.I)] == expected


def test_only_plain_words_are_written_as_a_trie() -> None:
    assert plain(["march", "28 de marzo", "μαΐου"])
    assert not plain(["e-?mails"]) and not plain(["bus\\.?"])
    assert re.fullmatch(trie_pattern(["a.b"]), "a.b") and not re.fullmatch(
        trie_pattern(["a.b"]), "axb"
    )
