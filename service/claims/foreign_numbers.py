"""Figures said in words of another language: "setenta y dos horas", "vinte e oito de
março", "soixante-douze", "am achtundzwanzigsten oktober".

A transcript in Spanish, Portuguese, Italian, French or German says its figures as words;
a summary in English writes them in digits. The records' side reads such a run of number
words as its value and writes it in digits beside the text, so that the date, time, length
and amount readers read it as they read a typed note. Only the records are read this way:
a figure the records give can only support a summary's, never invent one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from service.claims.cjk_numbers import cjk_numbers_as_digits
from service.claims.tables import mapping, mapping_in_any_case, pattern, word_list
from service.claims.text import (
    ENGLISH_WORDS,
    FOREIGN_WORDS,
    looks_foreign,
    normalize,
    without_accents,
)


def _folded(values: dict[str, int]) -> dict[str, int]:
    """The number words as a transcript or a chat writes them without their marks
    ("douazeci si patru", "dwadziescia", "ctyri"): speech-to-text, and keyboards without
    the language's letters, drop them. Only a form with one reading, and no word's own."""
    folded: dict[str, set[int]] = {}
    for word, value in values.items():
        bare = without_accents(word)
        if bare != word and bare not in values:
            folded.setdefault(bare, set()).add(value)
    return {bare: found.pop() for bare, found in folded.items() if len(found) == 1}


_VALUES: dict[str, int] = mapping_in_any_case("numbers_in_other_languages")
# A short word written without its marks is too often another word ("pet", "het", "dort")
# to be a number alone: it is read as one only beside another (`_ALSO_ENGLISH`).
_SHORT_FOLDED = 5
_FOLDED_VALUES = {w: v for w, v in _folded(_VALUES).items() if len(w) >= _SHORT_FOLDED}
_JOINERS = frozenset(word_list("number_joiners_in_other_languages"))
# "si" for "și": a joiner written without its marks joins as well.
_JOINERS |= frozenset(without_accents(word) for word in _JOINERS)
_PIECES: dict[str, int] = _VALUES | mapping("number_pieces_run_together")
_FIRST_OF_A_MONTH = pattern("first_of_a_month")
_FRENCH_APART = pattern("french_compound_said_apart")
_FRENCH_PARTS = 3  # "quatre vingt dix sept": at most three spaces to join
_WHOLE_THEN_CENTS = pattern("whole_then_cents")
_DECIMAL_MARK = pattern("spoken_decimal_mark")
# German writes a number as one word: units before tens ("zweiundsiebzig"), and a day as
# an ordinal ("achtundzwanzigsten").
_GERMAN_UNITS = {w: v for w, v in _VALUES.items() if v < 10 and re.fullmatch(r"[a-zäöüß]+", w)}
# "ein" counts only inside a number ("einundzwanzig"): alone it is the article, no figure.
_GERMAN_UNITS["ein"] = 1
_GERMAN = re.compile(
    r"(?:(?P<unit>ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und)?"
    r"(?P<rest>zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|zehn|elf|zwölf"
    r"|dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|zwei|drei|vier|fünf"
    r"|sechs|sieben|acht|neun|ers|drit|sieb)"
    r"(?P<ordinal>s?te[nrms]?)?"
)
# The ordinals German forms from another stem ("am ersten", "dritten", "siebten"): the
# stem alone is no number ("erst morgen").
_GERMAN_ORDINALS = {"ers": 1, "drit": 3, "sieb": 7}
# German hundreds and thousands are written into the one word ("vierhundertneunundvierzig").
_GERMAN_PLACES = (("tausend", 1000), ("hundert", 100))
_TEENS = {"elf": 11, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16}
_TEENS |= {"siebzehn": 17, "achtzehn": 18, "neunzehn": 19}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_THOUSAND = 1000
_HUNDRED = 100
# French hundreds after their unit ("deux cents"); alone, "cents" is English money.
_ONLY_AFTER_A_NUMBER = {"cent": [_HUNDRED], "cents": [_HUNDRED]}


def _value(word: str) -> int | None:
    """The value of one number word, or None."""
    if word in _VALUES:
        return _VALUES[word]
    if word in _FOLDED_VALUES:
        return _FOLDED_VALUES[word]
    return _german(word)


def _german(word: str) -> int | None:
    """The value of a German number word, written as one ("zweiundsiebzig", "vierhundert-
    neunundvierzig", "achtundzwanzigsten"), or None."""
    for place, size in _GERMAN_PLACES:
        before, found, after = word.partition(place)
        if found and before != word:
            times = 1 if before in ("", "ein") else _german(before)
            # "hundertzwanzig", "zweitausend": what comes after the place adds to it.
            added = _german(after) if after and not _ORDINAL_END.fullmatch(after) else 0
            if times is None or added is None:
                return None
            return times * size + added
    german = _GERMAN.fullmatch(word)
    if german is None:
        return None
    rest = german.group("rest")
    if rest in _GERMAN_ORDINALS and not german.group("ordinal"):
        return None
    value = _TEENS.get(rest) or _GERMAN_ORDINALS.get(rest) or _VALUES[rest]
    return value + (_GERMAN_UNITS[german.group("unit")] if german.group("unit") else 0)


_ORDINAL_END = re.compile(r"s?te[nrms]?")


def _glued(word: str) -> list[int] | None:
    """The values of number words run together into one, as Italian writes a figure
    ("trecentoquaranta" -> 3, 100, 40; "ottantacinque" -> 80, 5), a tens word losing its
    last vowel before a vowel ("trentuno"); None unless every piece is a number word."""
    if len(word) < _GLUED_SHORTEST:
        return None
    for cut in range(len(word) - _PIECE_SHORTEST, _PIECE_SHORTEST - 1, -1):
        head, tail = word[:cut], word[cut:]
        value = next((_PIECES[w] for w in (head, *(head + v for v in "aio")) if w in _PIECES), None)
        if value is None:
            continue
        rest = [_PIECES[tail]] if tail in _PIECES else _glued(tail)
        if rest is not None:
            return [value, *rest]
    return None


_GLUED_SHORTEST = 6
_PIECE_SHORTEST = 3


def _parts(word: str) -> list[int] | None:
    """The values of a word's parts ("soixante-douze" -> 60, 12; "quatre-vingt-dix" -> 80,
    10, the longest part with a value first), or None if any is no number word."""
    if "-" not in word and _value(word) is None:
        return _glued(word)
    pieces = word.split("-")
    values: list[int] = []
    while pieces:
        for size in range(len(pieces), 0, -1):
            value = _value("-".join(pieces[:size]))
            if value is not None:
                values.append(value)
                pieces = pieces[size:]
                break
        else:
            return None
    return values


def _figure(values: list[int]) -> int:
    """One figure from the values said in turn: hundreds, then tens, then units add up;
    a thousand multiplies what came before it."""
    total, current = 0, 0
    for value in values:
        if value == _THOUSAND:
            total += (current or 1) * _THOUSAND
            current = 0
        elif value == _HUNDRED and 0 < current < 10:
            current *= _HUNDRED  # "deux cents"
        else:
            current += value
    return total + current


def _continues(values: list[int], following: list[int]) -> bool:
    """Whether the value said next belongs to the same figure: a smaller place after a
    larger one ("setenta y dos", "mil doscientos noventa") or a multiplier ("cinco mil").
    "Treinta y cuarenta y cinco días" says two figures, and "cuatro cinco uno" a run of
    digits, not one sum."""
    last, said = values[-1], following[0]
    if said in (_HUNDRED, _THOUSAND) or said >= _THOUSAND:
        return True
    if last >= _THOUSAND:
        return said < _THOUSAND
    if last >= _HUNDRED:
        return said < _HUNDRED
    if last >= _TWENTY and last % 10 == 0:
        # French counts on from sixty and eighty ("soixante douze").
        return said < (_TWENTY if last in _FRENCH_SCORES else 10)
    return False


_TWENTY = 20
_FRENCH_SCORES = (60, 80)


_ALSO_ENGLISH: dict[str, int] = {k: int(v) for k, v in mapping("number_words_also_english").items()}
_ALSO_ENGLISH |= {w: v for w, v in _folded(_VALUES).items() if len(w) < _SHORT_FOLDED}
_RANGE_WORDS = frozenset(word_list("range_words_in_other_languages"))
# "six virgule trente": a said decimal comma links two figures as a joiner does.
_DECIMAL_MARKS = frozenset(word_list("decimal_mark_words_in_other_languages"))
_DAY_WORDS = frozenset(word_list("day_words_in_other_languages"))
# The word for one that is another word too ("um zehn", at ten): one only after a tens
# word and a joiner ("trinta e um").
_ONE_AFTER_TENS: dict[str, int] = {k: int(v) for k, v in mapping("one_after_tens").items()}
_TENS = frozenset(range(20, 100, 10))


def _with_words_also_english(
    text: str, words: list[tuple[int, int, str]], parts: list[list[int] | None]
) -> list[list[int] | None]:
    """`parts` with the number words that are English words too ("sept", "un") read as
    numbers where another number word stands beside them, across a joiner or a range word
    at most ("sept cent", "vingt et un", "sept à dix")."""

    def number(at: int) -> bool:
        return 0 <= at < len(words) and (
            parts[at] is not None or words[at][2] in _ONLY_AFTER_A_NUMBER
        )

    def spaced(left: int, right: int) -> bool:
        return not text[words[left][1] : words[right][0]].strip()

    def _after_tens_and_a_joiner(at: int) -> bool:
        tens = parts[at - 2] if at >= 2 else None
        return (
            tens is not None
            and tens[-1] in _TENS
            and words[at - 1][2] in _JOINERS
            and spaced(at - 2, at - 1)
            and spaced(at - 1, at)
        )

    read = list(parts)
    for at, (_, _, word) in enumerate(words):
        if word in _ONE_AFTER_TENS and _after_tens_and_a_joiner(at):
            read[at] = [_ONE_AFTER_TENS[word]]  # "trinta e um": thirty-one
            continue
        if parts[at] is not None or word not in _ALSO_ENGLISH:
            continue
        beside = (number(at + 1) and spaced(at, at + 1)) or (number(at - 1) and spaced(at - 1, at))
        linked = any(
            0 <= link < len(words)
            and words[link][2] in _JOINERS | _RANGE_WORDS | _DECIMAL_MARKS
            and number(far)
            and spaced(min(at, link), max(at, link))
            and spaced(min(link, far), max(link, far))
            for link, far in ((at + 1, at + 2), (at - 1, at - 2))
        )
        # "entregue dia doze": a day of the month after the word for a day.
        after_a_day = at > 0 and words[at - 1][2] in _DAY_WORDS and spaced(at - 1, at)
        if beside or linked or after_a_day:
            read[at] = [_ALSO_ENGLISH[word]]
    return read


@lru_cache(maxsize=1024)
def foreign_numbers_as_digits(text: str) -> str:
    """`text` with every run of number words of another language written in digits; the
    text itself when it holds none."""
    # "三月二十五日": Chinese and Japanese figures, written with characters of their own.
    text = cjk_numbers_as_digits(text)
    # "el primero de marzo": the first of a month is an ordinal, every other day a number.
    text = _FIRST_OF_A_MONTH.sub("1", text)
    # "quatre vingt" is quatre-vingt; each pass joins one more part ("quatre vingt dix").
    for _ in range(_FRENCH_PARTS):
        hyphened = _FRENCH_APART.sub(lambda m: m.group(0)[: -len(m.group("space"))] + "-", text)
        if hyphened == text:
            break
        text = hyphened
    # Each word is lowered on its own: lowering the whole text may change its length
    # ("İ"), and the offsets must stay the text's.
    words = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
    parts = _with_words_also_english(text, words, [_parts(word) for _, _, word in words])
    out: list[str] = []
    done = 0  # how much of `text` is written out
    index = 0
    while index < len(words):
        if parts[index] is None and not _hundred_before_a_number(text, words, parts, index):
            index += 1
            continue
        values = list(parts[index] or _ONLY_AFTER_A_NUMBER[words[index][2]])
        end = index
        # A run goes on over the next number word, or a joiner before one, with only
        # spaces between ("setenta y dos", "vinte e oito").
        while end + 1 < len(words) and not text[words[end][1] : words[end + 1][0]].strip():
            following = parts[end + 1] or _ONLY_AFTER_A_NUMBER.get(words[end + 1][2])
            if following is not None and _continues(values, following):
                values += following
                end += 1
                continue
            joined = words[end + 1][2] in _JOINERS and end + 2 < len(words)
            if (
                joined
                and parts[end + 2] is not None
                and _continues(values, parts[end + 2] or [])
                and not text[words[end + 1][1] : words[end + 2][0]].strip()
            ):
                values += parts[end + 2] or []
                end += 2
                continue
            break
        out.append(text[done : words[index][0]])
        out.append(str(_figure(values)))
        done = words[end][1]
        index = end + 1
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def _hundred_before_a_number(
    text: str, words: list[tuple[int, int, str]], parts: list[list[int] | None], at: int
) -> bool:
    """Whether the word at `at` is French "cent" opening a figure ("cent quatre-vingts
    dirhams", 180): a hundred, when another number word follows it after a space."""
    return (
        words[at][2] == "cent"
        and at + 1 < len(words)
        and parts[at + 1] is not None
        and not text[words[at][1] : words[at + 1][0]].strip()
    )


def prices_said_in_words(text: str) -> frozenset[Decimal]:
    """The prices `text` says in number words of another language, the whole and the cents
    apart ("neunundzwanzig neunzig im Monat" is 29.90) or across a said decimal comma
    ("zéro virgule quinze" is 0.15): read in the records only."""
    said = foreign_numbers_as_digits(text)
    if said == text:
        return frozenset()
    prices = {
        Decimal(match.group("whole")) + Decimal(match.group("cents")) / 100
        for match in _WHOLE_THEN_CENTS.finditer(said)
        # Figures the text writes in digits itself are no price said in words.
        if match.group(0) not in text
    }
    # "zéro virgule quinze": the part after a said decimal comma is its digits ("0.15").
    prices |= {
        Decimal(f"{match.group('whole')}.{match.group('part')}")
        for match in _DECIMAL_MARK.finditer(said)
        if match.group(0) not in text
    }
    return frozenset(prices)


# A longer line with at most one English function word in this many words, and letters
# or words of another language, is written in that language ("Kun myyjä on vastaanottanut
# tuotteen ... 5 arkipäivän kuluessa"), even where no word of it is one the checker knows.
_ENGLISH_SHARE = 10
_LONG_LINE = 8
# English words a figure may stand before, which give it in English after all.
_ENGLISH_AFTER = frozenset(
    [*mapping("unit_hours"), *word_list("english_words"), *word_list("unit_qualifiers")]
)
_FIGURE_THEN_WORD = r"(?<![\d.,]){figure}(?![\d.,]\d)(?:\s*[-\u2013/]\s*\d+)*\s*(?P<word>[^\W\d_]+)"


def _in_another_language(line: str) -> bool:
    if looks_foreign(line):
        return True
    tokens = normalize(line).split()
    # A one-letter word is an article in other languages too (Hungarian "a").
    english = sum(token in ENGLISH_WORDS and len(token) > 1 for token in tokens)
    other = not line.isascii() or any(token in FOREIGN_WORDS for token in tokens)
    return len(tokens) >= _LONG_LINE and english * _ENGLISH_SHARE <= len(tokens) and other


def figures_given_abroad(figures: list[str], text: str) -> bool:
    """Whether every figure appears in the records before a word of another language, on a
    line written in that language ("teslimat 7 iş günü içinde", "vrácení do 5 pracovních
    dnů"): the records may give a length or a term in words the checker cannot read, so one
    it finds in no record is no clear evidence."""
    lines = text.splitlines()
    return bool(figures) and all(
        any(
            any(
                match.group("word").lower() not in _ENGLISH_AFTER
                for match in re.finditer(_FIGURE_THEN_WORD.format(figure=re.escape(figure)), line)
            )
            and _in_another_language(line)
            for line in lines
        )
        for figure in figures
    )


def day_said_abroad(days: Iterable[int], text: str) -> bool:
    """Whether a record line in another language says one of `days` in words ("dostawa
    jutro czternastego"): a day of the month a summary gives may be that line's, with its
    month in words the checker cannot read ("jutro", tomorrow)."""
    wanted = {str(day) for day in days}
    for line in text.splitlines():
        if not wanted or not _in_another_language(line):
            continue
        said = set(re.findall(r"(?<![\d.,])\d{1,2}(?![\d.,]?\d)", foreign_numbers_as_digits(line)))
        written = set(re.findall(r"(?<![\d.,])\d{1,2}(?![\d.,]?\d)", line))
        if wanted & (said - written):
            return True
    return False
