"""Text handling for the claim checker: normalised words, sentences and clauses.

Everything here is deterministic and language-light on purpose: the checker must give the
same verdict on the same text every time, in the service's request path and in the eval
suite. Normalisation folds the spelling variants that do not change meaning (curly quotes,
"didn't" / "did not", "twice" / "2 times", "Aug 06" / "August 6") so that two wordings of
one fact compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from service.claims.spoken import spoken_as_digits
from service.claims.tables import Rewrite, mapping, pattern, rewrites, word_list

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'})
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})
CONTRACTIONS = mapping("contractions")
# A clitic ("'m", "'d", "'re") is undone only where it ends a word ("I'm", "he'd"): an
# opening quote before a word ("said 'meh'", "the 'damaged' box") and a name ("O'Malley")
# keep their letters.
_CLITIC = re.compile(
    "(?<=[a-z])(?:"
    + "|".join(re.escape(short) for short in CONTRACTIONS if short.startswith("'"))
    + ")(?![a-z])"
)
_WHOLE_CONTRACTIONS = {
    short: long for short, long in CONTRACTIONS.items() if not short.startswith("'")
}
# Every number word with its value ("twice": 2).
NUMBER_WORDS: dict[str, int] = {
    **{word: value for value, word in enumerate(word_list("number_words"))},
    **{word: 20 + 10 * place for place, word in enumerate(word_list("tens"))},
    **mapping("times_words"),
}
WORD = pattern("word")
SENTENCE_END = pattern("sentence_end")
ABBREVIATIONS = frozenset(word_list("abbreviations"))
TITLES = frozenset(word_list("title_abbreviations"))
_CAPITALISED = re.compile(r"[\"'(\[]?[A-Z][a-z]")
CLAUSE_SPLIT = pattern("clause_split")
# Where one sentence ends and the next begins, plainly: ., ! or ? and a space.
SENTENCE_BREAK = pattern("sentence_break")
# "ChargeDispute": where one word of a code in camel case ends.
CAMEL_CASE_BREAK = pattern("camel_case_break")
NEGATORS = frozenset(mapping("negators"))
NEGATING_VERBS = frozenset(word_list("negating_verbs"))
SCOPE_BREAK = frozenset(word_list("scope_break"))


# Agents' wrap-up shorthand ("cx chasing, esc T2, sup CB by 05/09"), read in full words.
SHORTHAND = mapping("shorthand")
_SHORTHAND = pattern("shorthand_word")
_CANCEL_PHRASES = pattern("cancel_phrases")
Replacement = str | Callable[[re.Match[str]], str]


class NeedledRewrites:
    """Regex rewrites applied in order, each only to text that holds one of its needles.

    Which needles a text holds is found once (and again only after a rewrite changed the
    text), not once per rewrite: the result is the same as testing every rewrite's needles
    against the text as it stands when that rewrite's turn comes.
    """

    def __init__(
        self,
        rewrites: Sequence[Rewrite],
        calls: Mapping[str, Callable[[re.Match[str]], str]] | None = None,
    ):
        self._rewrites = tuple(
            (frozenset(r.needles), r.pattern, r.replacement(calls or {})) for r in rewrites
        )
        self._needles = tuple(sorted({needle for r in rewrites for needle in r.needles}))

    def _present(self, text: str) -> set[str]:
        return {needle for needle in self._needles if needle in text}

    def apply(self, text: str) -> str:
        """`text` with every rewrite whose needles it holds applied, in order."""
        present = self._present(text)
        if not present:
            return text
        for needles, rewrite, replacement in self._rewrites:
            if present.isdisjoint(needles):
                continue
            rewritten = rewrite.sub(replacement, text)
            if rewritten != text:
                text = rewritten
                present = self._present(text)
        return text


# Other ways to say an act did not happen, read as the words the negation rules know.
_NOT_HAPPENED_REWRITES = NeedledRewrites(rewrites("not_happened"))

_IS_CONTRACTED = pattern("is_contracted")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Lower case, ASCII quotes and dashes, contractions expanded, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES).lower()
    for short, long in _WHOLE_CONTRACTIONS.items():
        text = text.replace(short, long)
    text = _CLITIC.sub(lambda m: CONTRACTIONS[m.group(0)], text)
    # "it's fixed" states what "it is fixed" does ("the visit's date" is a possessive).
    if "'s" in text:
        text = _IS_CONTRACTED.sub(r"\1 is", text)
    # Agents' wrap-up shorthand ("cx chasing, esc T2, sup CB by 05/09") in full words.
    text = _SHORTHAND.sub(lambda m: SHORTHAND[m.group(0)], text)
    # Phrasal verbs of cancelling read as the one word the negation rules know.
    text = _CANCEL_PHRASES.sub("cancelled", text)
    text = _NOT_HAPPENED_REWRITES.apply(text)
    return " ".join(text.split())


def humanize(label: str) -> str:
    """A code as words: 'ChargeDispute' / 'charge_dispute' -> 'charge dispute'."""
    spaced = CAMEL_CASE_BREAK.sub(" ", label).replace("_", " ").replace("-", " ")
    return " ".join(spaced.split()).lower()


def words(text: str) -> list[str]:
    """Normalised word tokens ("didn't apply" -> ["did", "not", "apply"])."""
    return WORD.findall(normalize(text))


def sentences(text: str) -> list[str]:
    """Sentences of `text`, stripped, empty ones dropped."""
    merged: list[str] = []
    line_broken = False
    for part, breaks in _parts_and_breaks(text):
        part = part.strip()
        if not part:
            line_broken = line_broken or breaks
            continue
        # "(approx. €150)": the abbreviation inside a bracket is still one.
        last = merged[-1].rsplit(" ", 1)[-1].rstrip(".").lstrip("([\"'").lower() if merged else ""
        initial = len(last) == 1 and last.isalpha()
        # "acct. Niamh added it": a capitalised word after a plain abbreviation starts a
        # sentence; after a title or an initial it is the name ("Dr. Amir", "J. Smith").
        joined = (
            initial or last in TITLES or (last in ABBREVIATIONS and not _CAPITALISED.match(part))
        )
        # A line break ends a sentence whatever word it follows ("+ 2nd contact no." then
        # "- cx asked ...").
        if merged and merged[-1].endswith(".") and joined and not line_broken:
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
        line_broken = breaks
    return merged


def _parts_and_breaks(text: str) -> list[tuple[str, bool]]:
    """The parts between sentence ends, each with whether a line break ends it."""
    parts = []
    start = 0
    for end in SENTENCE_END.finditer(text):
        parts.append((text[start : end.start()], "\n" in end.group(0)))
        start = end.end()
    parts.append((text[start:], False))
    return parts


_AFTER_DENIAL = pattern("after_denial")
_PROMISING_ASIDE = pattern("promising_aside")


def clauses(sentence: str) -> list[str]:
    """A sentence cut where its claims usually change ("…; …", "…, but …", "… - …")."""
    sentence = _PROMISING_ASIDE.sub(r"; \1;", _AFTER_DENIAL.sub(r"\1; ", sentence))
    return [part.strip(" ,.") for part in CLAUSE_SPLIT.split(sentence) if part.strip(" ,.")]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem: enough to make "applied", "applies", "applying" meet."""
    for suffix, keep in (
        ("ies", "y"),
        ("ied", "y"),
        ("ying", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + keep
            # "applied" -> "apply"; "cancelled" -> "cancel"; "waived" -> "waiv" (fine: the
            # same stem comes back for "waive" via the "e" rule below).
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiouls":
                base = base[:-1]
            return base
    if word.endswith("e") and len(word) >= 4:
        return word[:-1]
    return word


FOREIGN_WORDS = frozenset(word_list("foreign_words"))
ENGLISH_WORDS = frozenset(word_list("english_words"))


_FAR_SCRIPT = pattern("far_script")


# Why a claim of words no record uses is no clear evidence where a record is in a language
# the checker cannot read: that record may say it.
UNREADABLE = "a record is in a language the checker cannot read: it may say this"


def looks_foreign(text: str, *, min_words: int = 5) -> bool:
    """Whether `text` is written in another language (or a script without spaces)."""
    tokens = normalize(text).split()
    plain = text.isascii()
    if not plain and len(_FAR_SCRIPT.findall(text)) >= 6:
        return True
    foreign = sum(t in FOREIGN_WORDS for t in tokens)
    distinct = len({t for t in tokens if t in FOREIGN_WORDS})
    english = sum(t in ENGLISH_WORDS for t in tokens)
    if len(tokens) >= min_words and english == 0:
        # Letters of another alphabet make a text foreign when they are a good share of it:
        # a name in its own script ("customer محمد العلي") in a terse English note is not.
        letters = [c for c in text if c.isalpha()] if not plain else []
        accented = 3 * sum(ord(c) > 0x7F for c in letters) >= len(letters) > 0
        # Two words of another language at least: a terse English note ("Gemma rang re £25
        # OD fee") has no function word either, and one short word may be both ("od"),
        # however often it comes ("$50 per condition per policy yr").
        if distinct >= 2 or accented:
            return True  # no English function word at all, and letters or words of another
    if len(tokens) >= min_words and distinct >= 2 and foreign > 2 * english:
        return True
    # Two words in five with letters beyond English's ("dạ em thấy từ ngày một tháng ba"):
    # a language written in marked letters, whatever short words it shares with English.
    words = text.split()
    marked = [word for word in words if any(c.isalpha() and ord(c) > 0x7F for c in word)]
    # Three different ones at least: a name's accent, however often said ("Morning, Ciarán
    # here"), is no language.
    return (
        not plain
        and len(words) >= min_words
        and 5 * len(marked) >= 2 * len(words)
        and len(set(marked)) >= _MARKED_WORDS
        # "Spoke with Nguyễn Thị Hương.": English words around a name in marked letters.
        and english * _ENGLISH_SHARE <= len(tokens)
    )


_MARKED_WORDS = 3
_ENGLISH_SHARE = 10  # at most one English word in this many


_DISFLUENCY = pattern("disfluency")
_NOT_LETTER_OR_DIGIT = pattern("not_letter_or_digit")


@lru_cache(maxsize=1024)
def squeezed(text: str) -> str:
    """`text` in lower case with figures said in words written in digits and everything but
    letters and digits left out: "AK -381", "AK-381" and a transcript's "a k three eight one"
    all hold "ak381", so an id is found in the records however either side spaces it. A
    speech recogniser's hesitations are no part of it ("R F uh zero zero eight")."""
    heard = _DISFLUENCY.sub(" ", text.lower())
    return _NOT_LETTER_OR_DIGIT.sub("", spoken_as_digits(heard))


def without_accents(text: str) -> str:
    """`text` in small letters without accents: "Gökçen" and "José" as tables write them,
    "gokcen" and "jose"."""
    split = unicodedata.normalize("NFKD", text)
    return "".join(c for c in split if not unicodedata.combining(c)).lower()


_OTHER_SCRIPT = pattern("other_script")
_UNREAD_FIGURES_SCRIPT = pattern("script_of_unread_figures")


@lru_cache(maxsize=1024)
def mostly_other_script(text: str, *, figures: bool = False) -> bool:
    """Whether a third or more of the letters of `text` are of a script other than the
    Latin one ("تفريغ آلي للمكالمة ..."): records that write their names in words of their
    own, which the checker may not read. With `figures`, only the scripts whose figures
    and dates it does not read either (Arabic, Hebrew, the Indic scripts, Thai; not
    Chinese, Japanese or Korean, whose dates it reads)."""
    script = _UNREAD_FIGURES_SCRIPT if figures else _OTHER_SCRIPT
    return 3 * len(script.findall(text)) >= sum(c.isalpha() for c in text) > 0


# Letters with a stroke or a dot that no decomposition takes apart.
_BARE_LETTERS = str.maketrans("ŁłØøĐđıÐðĦħŦŧ", "LlOoDdiDdHhTt")


@lru_cache(maxsize=8192)
def letters_without_marks(text: str) -> str:
    """`text` with each letter's accents and marks left off, one character for one
    ("Brașov" -> "Brasov", "Łódź" -> "Lodz"): what a rule written for plain Latin letters
    reads, at the same places as in `text`."""
    if text.isascii():
        return text
    out = []
    for char in text:
        parts = unicodedata.normalize("NFKD", char)
        marked = len(parts) > 1 and all(unicodedata.combining(c) for c in parts[1:])
        out.append(parts[0] if marked else char)
    return "".join(out).translate(_BARE_LETTERS)
