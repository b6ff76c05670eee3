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
from collections.abc import Callable, Sequence
from functools import lru_cache

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'})
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})
CONTRACTIONS = {
    "won't": "will not",
    "can't": "can not",
    "cannot": "can not",
    "shan't": "shall not",
    "n't": " not",
    "'re": " are",
    "'ve": " have",
    "'ll": " will",
    "'d": " would",
    "'m": " am",
}
NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "once": 1,
    "single": 1,
    "two": 2,
    "twice": 2,
    "three": 3,
    "thrice": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-eight": 48,
    "fifty": 50,
}
WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# Sentence ends: ., !, ? followed by space and an upper-case letter, digit or quote; and line
# breaks. A break after a common abbreviation or an initial is undone ("approx. 3", "Mr. Li").
SENTENCE_END = re.compile(r"(?<=[.!?])['\")\]]?\s+(?=[\"'(\[]?[A-Z0-9$€£])|\s*\n+\s*")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st no vs approx est ref acct e.g i.e etc jr sr inc ltd co dept min max".split()
)
CLAUSE_SPLIT = re.compile(
    # An arrow between a note's steps ("a store cx never visited -> swap reversed").
    r";\s+|\s+-\s+|\s*(?:->|=>|\u2192)\s*|,\s+(?:but|while|whereas|although|though|yet|however)\s+"
    r"|\s+(?:but|whereas|although|however)\s+"
    # "credit offered, declined": the refusal is its own statement about the offer; so is
    # each act in a note's list ("restarted the gateway, asked customer to test").
    r"|,\s+(?=(?:declined|refused|rejected|denied|cancelled|canceled)\b)"
    r"|,\s+(?=[a-z]+ed\b)|,\s+(?:and|which|so|with)\s+"
    # "threatened to cancel, then accepted the offer": two events, one after the other.
    r"|,?\s+(?:and )?then\s+(?=\w+ed\b)"
    # "..., saying a supervisor would be in touch": what was said is a statement of its own.
    r"|,\s+(?=(?:saying|adding|telling|explaining|noting|stating|promising)\b)"
)
NEGATORS = frozenset(
    {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "nowhere"}
)
# Verbs that negate the action they govern: "failed to apply", "refused to refund".
NEGATING_VERBS = frozenset(
    (
        "fail failed fails refuse refused refuses decline declined declines deny denied denies "
        "reject rejected rejects unable lack lacks lacked missed miss missing forgot forget "
        "neglected skip skipped skips omit omitted omits"
    ).split()
)
# Words that end the scope of a negation inside a clause.
SCOPE_BREAK = frozenset(", ; : ( ) and but so then after because since which who".split())


# Agents' wrap-up shorthand, "short:long" pairs.
SHORTHAND = dict(
    pair.split(":", 1)
    for pair in (
        "cx:customer|cust:customer|esc:escalated|t2:tier 2|sup:supervisor|cb:callback|"
        "w/o:without|w/in:within|w/:with|svc:service|addr:address|amt:amount|appt:appointment|"
        "acct:account|pmt:payment|bal:balance|f/u:follow-up|msg:message|opnd:opened|"
        "clsd:closed|rcvd:received|adv:advised|pkg:package|chnl:channel"
    ).split("|")
)
_SHORTHAND = re.compile(
    r"(?<![\w/-])(?:"
    + "|".join(re.escape(k) for k in sorted(SHORTHAND, key=len, reverse=True))
    + r")(?![\w/-])"
)
_CANCEL_PHRASES = re.compile(r"\b(?:called off|pulled|taken off the schedule|struck off)\b")
# Other ways to say an act did not happen, read as the words the negation rules know.
_NOT_HAPPENED = (
    (re.compile(r"\b(?:did not|never) (?:go ahead|go through|happen|materiali[sz]e)\b"), "failed"),
    (
        re.compile(r"\b(?:fell through|was unsuccessful|were unsuccessful|was not successful)\b"),
        "failed",
    ),
    (re.compile(r"\b(?:turned down|held off on|held off)\b"), "declined"),
    # "Credit of $39 withheld": kept back, not applied.
    (re.compile(r"\b(?:withheld|withholding|withholds|withhold|held back)\b"), "not applied"),
    (re.compile(r"\b(?:instead of|rather than)\b"), "without"),
    # "Open items: none": nothing is open.
    (
        re.compile(r"\bopen (?:items?|actions?|issues?)\s*(?::|-)?\s*(?:none|nil|n/a)\b"),
        "nothing open",
    ),
    # "The account was left unlocked": the lock was not applied.
    (re.compile(r"\b(?:left|remained|remains|stayed|still) unlocked\b"), "not locked"),
    # "has yet to be opened", "is yet to be confirmed", "yet to arrive": not (yet) done.
    (re.compile(r"\b(has|have|had) yet to be\b"), r"\1 not been"),
    (re.compile(r"(?<!\bnot )\b(?:still )?yet to be\b"), "not"),
    (re.compile(r"(?<!\bnot )\b(?:still )?yet to\b"), "not yet to"),
    (
        re.compile(r"\bun(applied|processed|issued|actioned|credited|refunded|scheduled|sent)\b"),
        r"not \1",
    ),
)

# Most text says none of these: for each rewrite, words one of which a text must hold for it
# to apply (a substring test costs far less than the regex; in _NOT_HAPPENED's order).
_NOT_HAPPENED_NEEDLES: tuple[tuple[str, ...], ...] = (
    ("did not", "never"),
    ("fell through", "unsuccessful", "not successful"),
    ("turned down", "held off"),
    ("withh", "held back"),
    ("instead of", "rather than"),
    ("open",),
    ("unlocked",),
    ("yet to",),
    ("yet to",),
    ("yet to",),
    (
        "unapplied",
        "unprocessed",
        "unissued",
        "unactioned",
        "uncredited",
        "unrefunded",
        "unscheduled",
        "unsent",
    ),
)
REWRITES = tuple(
    (needles, pattern, replacement)
    for needles, (pattern, replacement) in zip(_NOT_HAPPENED_NEEDLES, _NOT_HAPPENED, strict=True)
)

Replacement = str | Callable[[re.Match[str]], str]


class NeedledRewrites:
    """Regex rewrites applied in order, each only to text that holds one of its needles.

    Which needles a text holds is found once (and again only after a rewrite changed the
    text), not once per rewrite: the result is the same as testing every rewrite's needles
    against the text as it stands when that rewrite's turn comes.
    """

    def __init__(self, rewrites: Sequence[tuple[tuple[str, ...], re.Pattern[str], Replacement]]):
        self._rewrites = tuple((frozenset(n), pattern, r) for n, pattern, r in rewrites)
        self._needles = tuple(sorted({needle for n, _, _ in rewrites for needle in n}))

    def _present(self, text: str) -> set[str]:
        return {needle for needle in self._needles if needle in text}

    def apply(self, text: str) -> str:
        """`text` with every rewrite whose needles it holds applied, in order."""
        present = self._present(text)
        if not present:
            return text
        for needles, pattern, replacement in self._rewrites:
            if present.isdisjoint(needles):
                continue
            rewritten = pattern.sub(replacement, text)
            if rewritten != text:
                text = rewritten
                present = self._present(text)
        return text


_NOT_HAPPENED_REWRITES = NeedledRewrites(REWRITES)

_IS_CONTRACTED = re.compile(
    r"\b(it|that|there|what|here|he|she|who|everything|nothing|something|this)'s\b"
)


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Lower case, ASCII quotes and dashes, contractions expanded, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES).lower()
    for short, long in CONTRACTIONS.items():
        text = text.replace(short, long)
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
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label).replace("_", " ").replace("-", " ")
    return re.sub(r"\s+", " ", spaced).strip().lower()


def words(text: str) -> list[str]:
    """Normalised word tokens ("didn't apply" -> ["did", "not", "apply"])."""
    return WORD.findall(normalize(text))


def sentences(text: str) -> list[str]:
    """Sentences of `text`, stripped, empty ones dropped."""
    merged: list[str] = []
    for part in SENTENCE_END.split(text):
        part = part.strip()
        if not part:
            continue
        last = merged[-1].rsplit(" ", 1)[-1].rstrip(".").lower() if merged else ""
        initial = len(last) == 1 and last.isalpha()
        if merged and merged[-1].endswith(".") and (last in ABBREVIATIONS or initial):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


# "Open items: none – tier 2 issued the refund": the dash after a denial starts what it
# explains, not more of the denial. Other dashes are left alone: in "Apr 21 – call: ..."
# and "found it still open – she was angry by then" the two sides share a day.
_AFTER_DENIAL = re.compile(r"\b(none|nil|n/a|nothing(?: [a-z]+)?)\s+[\u2013\u2014]\s+", re.I)
# "a charge she did not order (case BD-1, callback promised by 6 March)": an aside that
# promises is a statement of its own; the denial before it does not reach into it.
_PROMISING_ASIDE = re.compile(r"\s+\(([^()]*\b(?:promised|due|expected|scheduled)\b[^()]*)\)")


def clauses(sentence: str) -> list[str]:
    """A sentence cut where its claims usually change ("…; …", "…, but …", "… - …")."""
    sentence = _PROMISING_ASIDE.sub(r"; \1;", _AFTER_DENIAL.sub(r"\1; ", sentence))
    return [part.strip(" ,.") for part in CLAUSE_SPLIT.split(sentence) if part.strip(" ,.")]


def number_value(token: str) -> int | None:
    """An integer written as digits or a word ("3", "three", "twice"); None otherwise."""
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token)


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


# Function words of the languages a customer may write in, and of English: a text made of
# the former is not English (a record the checker cannot read, or a summary that obeyed
# "answer in French").
FOREIGN_WORDS = frozenset(
    "le la les des du un une est et pour avec que qui dans sur pas il elle nous vous sont "
    "el los las por para con es del una y en al lo su sus muy der die das ist nicht mit "
    "und ein eine zu den dem von auf für della che di per non sono nie się jest że jak ale "
    "czy już mnie mi od po na nadal jeszcze przez dla bez tylko oraz przy bo "
    "não com uma os em um é het een niet voor ik je wij".split()
)
ENGLISH_WORDS = frozenset(
    "the a an and of to is was in on for with has have had their this that be are were by "
    "from at it not no".split()
)


# CJK and similar scripts: no spaces, no function words to count.
_FAR_SCRIPT = re.compile("[\u2e81-\U0010ffff]")


def looks_foreign(text: str, *, min_words: int = 5) -> bool:
    """Whether `text` is written in another language (or a script without spaces)."""
    tokens = normalize(text).split()
    plain = text.isascii()
    if not plain and len(_FAR_SCRIPT.findall(text)) >= 6:
        return True
    foreign = sum(t in FOREIGN_WORDS for t in tokens)
    english = sum(t in ENGLISH_WORDS for t in tokens)
    if len(tokens) >= min_words and english == 0:
        # Letters of another alphabet make a text foreign when they are a good share of it:
        # a name in its own script ("customer محمد العلي") in a terse English note is not.
        letters = [c for c in text if c.isalpha()] if not plain else []
        accented = 3 * sum(ord(c) > 0x7F for c in letters) >= len(letters) > 0
        if foreign or accented:
            return True  # no English function word at all, and letters or words of another
    return len(tokens) >= min_words and foreign >= 2 and foreign > 2 * english
