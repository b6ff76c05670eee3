"""The number words of other languages, as `num2words` writes them, for the checker's table.

The checker reads figures said in English and in the languages its own tables cover; a
record may say its figures in any other ("nittonde januari", "hai mươi tám"). This builds
`number_words_of_other_languages` in `service/claims/data/concepts/number_words.yaml`:
every word `num2words` uses to write 0-100, the hundreds, a thousand and a million, and the
ordinals 1st-31st, in each language both it and `wordfreq` know but English, less the words
of one, first and second. A word English or another of those languages uses often as a word
of another kind ("once", "fire", "set"; Portuguese "rua"; at least once in a million words
by `wordfreq`) is left out: there it is no figure. It also builds
`month_names_of_other_languages`, CLDR's month names of the same languages (Babel).

Run `python -m eval.tables.number_words` to write the table again (a test checks that the
committed one is what this makes).
"""

from __future__ import annotations

import re
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names
from num2words import CONVERTER_CLASSES, num2words
from wordfreq import available_languages, zipf_frequency

TABLE = Path(__file__).parents[2] / "service/claims/data/concepts/number_words.yaml"
NAME = "number_words_of_other_languages"
MONTHS = "month_names_of_other_languages"
# Babel's locales for num2words' languages where the codes differ (Serbian in Latin letters).
LOCALE = {"sr": "sr_Latn"}
# "One" is the article of many languages ("ein", "une", "een"), and "first" and "second"
# are words of other kinds too ("segundo", a second; "andre", other): their words are left
# out, in compounds too ("vigésimo segundo").
NUMBERS = (*range(101), *range(200, 1001, 100), 2000, 1_000_000)
ORDINALS = range(1, 32)
# num2words' language codes that wordfreq knows by another.
WORDFREQ_CODE = {"no": "nb", "sr": "sh"}
# wordfreq weighs these only with tokenizers of their own; the checker reads Chinese and
# Japanese figure characters itself (`service.claims.cjk_numbers`).
NEEDS_A_TOKENIZER = {"ja", "ko", "zh"}
# A word seen at least once in a million words of a language (Zipf 3) is a word of it.
COMMON_ZIPF = 3.0
SHORTEST = 3
_WORD = re.compile(r"[^\W\d_]+")


def _said(number: int, language: str, to: str) -> str:
    """`number` as `language` writes it, or "" where num2words cannot write it."""
    try:
        return str(num2words(number, lang=language, to=to))
    except Exception:  # noqa: BLE001 - some languages' converters fail on some numbers
        return ""


def _written(language: str) -> set[str]:
    """The words `language` writes the numbers and ordinals with."""
    texts = [_said(number, language, "cardinal") for number in NUMBERS]
    texts += [_said(number, language, "ordinal") for number in ORDINALS]
    other_kinds = [_said(1, language, "cardinal")]
    other_kinds += [_said(number, language, "ordinal") for number in (1, 2)]
    return _words(texts) - _words(other_kinds)


def _words(texts: list[str]) -> set[str]:
    return {word for text in texts for word in _WORD.findall(text.lower())}


def _languages() -> list[str]:
    """The languages both libraries know, English left out: a word's use in them can be
    weighed, and their number words are written by num2words."""
    known = set(available_languages())
    return sorted(
        language
        for language in CONVERTER_CLASSES
        if WORDFREQ_CODE.get(language, language) in known - NEEDS_A_TOKENIZER
        and not language.startswith("en")
    )


def _common(word: str, language: str) -> bool:
    return zipf_frequency(word, WORDFREQ_CODE.get(language, language)) >= COMMON_ZIPF


def number_words() -> list[str]:
    """Other languages' number words that no language here uses often as another word."""
    languages = _languages()
    written = {language: _written(language) for language in languages}
    found: set[str] = set()
    for language, own in written.items():
        found |= {
            word
            for word in own
            if len(word) >= SHORTEST
            and zipf_frequency(word, "en") < COMMON_ZIPF
            and not any(
                _common(word, other) and word not in written[other]
                for other in languages
                if other != language
            )
        }
    return sorted(found - _written("en"))


def month_names() -> list[str]:
    """The month names and their short forms, in every case CLDR writes them ("marca",
    "márc", "tammikuuta"), of the same languages, less English's own."""
    found: set[str] = set()
    for language in _languages():
        try:
            locale = Locale.parse(LOCALE.get(language, language))
        except (UnknownLocaleError, ValueError):
            continue
        found |= _months_of(locale)
    return sorted(found - _months_of(Locale.parse("en")))


def _months_of(locale: Locale) -> set[str]:
    names = [
        name
        for width in ("wide", "abbreviated")
        for context in ("format", "stand-alone")
        for name in get_month_names(width, context, locale).values()
    ]
    return {word for word in _words(names) if len(word) >= SHORTEST}


def table_lines(name: str, why: list[str], words: list[str]) -> list[str]:
    """A word table in the checker's YAML, its words wrapped as the other tables'."""
    lines = [f"{name}:", "  why: >-", *(f"    {line}" for line in why), "  words: ["]
    line = "   "
    for word in words:
        piece = f" {word},"
        if len(line) + len(piece) > 96:
            lines.append(line)
            line = "   "
        line += piece
    return [*lines, line.rstrip(","), "  ]", ""]


def table_text(numbers: list[str], months: list[str]) -> str:
    """The YAML file that holds the tables."""
    head = [
        "# Generated by `python -m eval.tables.number_words` from num2words, wordfreq and",
        "# Babel: do not edit by hand.",
        "",
    ]
    return "\n".join(
        head
        + table_lines(
            NAME,
            [
                "The words other languages write figures with (0-100, hundreds, a thousand, a",
                "million, the 1st to the 31st), but for those a language uses as other words",
                "and those of one, first and second.",
            ],
            numbers,
        )
        + table_lines(
            MONTHS,
            ["The month names of the same languages, whole and short, in CLDR's cases."],
            months,
        )
    )


def main() -> None:
    TABLE.write_text(table_text(number_words(), month_names()), encoding="utf-8")
    print(f"wrote {TABLE}")


if __name__ == "__main__":
    main()
