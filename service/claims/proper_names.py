"""Proper names a summary uses that no record gives: a town, a company, a carrier, a person.

A summary that swaps "Austria" for "Slovenia" or "Rakesh" for "Ramesh" states a name no
record says, though every other word of it is right. A word written with a capital inside a
sentence is a name; it must be one of the records' words, or something they write short:
a record's code spelt out ("SFO" as "San Francisco", "PSR" as "Priority Services
Register"), a record's word cut short ("plat" for "Platinum"), or a platform by another of
its names ("Messenger" for "Facebook"). A name one letter off a record's word may be a typo
or a speech recogniser's spelling: not clear evidence, an abstention. So is any name when a
record is in a language or a script the checker cannot read, and any name over an
unlabelled conversation, where too many were found wrongly on text nobody here wrote.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.claims.clause import Clause, canonical
from service.claims.course import only_conversations, spoken
from service.claims.evidence import Evidence
from service.claims.lexicon import STOPWORDS
from service.claims.name_rivals import (
    KNOWN_NOT_STAFF,
    NOT_NAMES,
    PERSON_TITLES,
    name_runs,
    rival_beside,
    rival_in_the_same_name,
    rival_titled,
)
from service.claims.person_rivals import given_name, people_named, rival_person
from service.claims.role_rivals import role_rival
from service.claims.short_names import (
    abbreviates,
    cut_short_in_records,
    forget_short_names,
    initials_in_records,
    joined_in_records,
    short_for_a_name,
)
from service.claims.spoken import spoken_as_digits
from service.claims.tables import mapping, pattern
from service.claims.text import SHORTHAND, letters_without_marks
from service.claims.towns import (
    codes_named,
    rival_town,
    same_town_written,
    towns_in_any_letters,
    towns_of_codes,
    towns_written,
)
from service.claims.types import Finding

_NAME_RUN = pattern("name_run")
_OPENS_HERE = pattern("opens_here")
_LABEL_AFTER = pattern("label_after")
_ALONE_IN_BRACKETS = pattern("bracket_opens")
_BRACKET_CLOSES = pattern("bracket_item_ends")
_RECORD_CODE = pattern("record_code")
_LETTER_BY_LETTER = pattern("letter_by_letter")
_OTHER_SCRIPT = pattern("other_script")
_NUMBER_AFTER = pattern("number_after_name")
_DIGITS = pattern("whole_number")
_WORD = pattern("words")
_PLACE_CODES: dict[str, tuple[str, ...]] = mapping("place_codes")
_ALSO_CALLED: dict[str, tuple[str, ...]] = mapping("also_called")
_ALSO_CALLED_WORDS = frozenset(_ALSO_CALLED)
_PLACE_CODE_WORDS = frozenset(_PLACE_CODES)
# A record word this long or longer may be a name's short form ("plat" for "Platinum").
_SHORT_FORM = 3
# A code this long or longer may write a word short by its letters ("JHB"); two letters
# ("PA") would shorten too many names.
# A name this long or longer may sit inside a record's handle or address ("mkowalski_88").
_INSIDE = 4

UNSURE_SPELLING = "a record spells a name like it: a typo or a speech recogniser's spelling"
UNSURE_FOREIGN = "a record is in a language the checker cannot read"
UNLABELLED_NAME = "an unlabelled conversation may name it in a way the checker does not read"


def record_codes(evidence: Evidence) -> frozenset[str]:
    """The codes the records write in capitals ("SFO", "PSR", "PA1186" -> "pa"), and any
    code a transcript writes in small letters ("jfk") or letter by letter ("j f k")."""
    capitals = {
        m.group(1).lower()
        for record in evidence.cleaned
        for m in _RECORD_CODE.finditer(record.notes)
    }
    spelt = {
        m.group(0).replace(" ", "").lower()
        for record in evidence.cleaned
        for m in _LETTER_BY_LETTER.finditer(record.notes)
    }
    # Only a transcript writes codes in small letters: in typed text "can" and "man" are
    # words, not Guangzhou and Manchester.
    small = evidence.known_words - STOPWORDS if spoken(evidence.text) else frozenset()
    return frozenset(capitals | spelt | ((small | spelt) & _PLACE_CODE_WORDS))


@lru_cache(maxsize=256)
def _record_numbers(text: str) -> frozenset[str]:
    """Every whole number the records give, written or said ("s75", "terminal five")."""
    return frozenset(_DIGITS.findall(f"{text} {spoken_as_digits(text)}"))


@lru_cache(maxsize=256)
def _spelt_out(codes: frozenset[str], known: frozenset[str]) -> frozenset[str]:
    """Every word of the names the records' codes stand for (places) and of the other
    names of the platforms they name."""
    names = [name for code in codes | codes_named(known) for name in _PLACE_CODES.get(code, ())]
    names += [name for word in known & _ALSO_CALLED_WORDS for name in _ALSO_CALLED[word]]
    return frozenset(word for name in names for word in name.split())


def _swapped_town(
    name: str, clause: str, written: str, codes: frozenset[str], people: frozenset[str]
) -> str | None:
    """The town the records write, or one their codes stand for ("MAD-AMS"), that the
    clause's town `name` may have been swapped for; named by a town the records write
    before a code's. `people`: persons the records and the summary both name."""
    rival = rival_town(name, f"{written} \n {towns_of_codes(codes, clause)}", clause, people)
    return rival and (rival_town(name, written, clause, people) or rival)


def _stands_for(run: list[str], codes: frozenset[str]) -> bool:
    """Whether the run of names is spelt out from a record's code: its initials open the
    code ("Priority Services" -> "PSR", "Pacifica Air" -> "PA")."""
    initials = "".join(word[0] for word in run).lower()
    return len(run) >= 2 and any(code.startswith(initials) for code in codes)


@lru_cache(maxsize=256)
def _words_as_written(lowered: str) -> frozenset[str]:
    """The records' words as they write them, no stem among them: a short form a name
    may be written as is a word the records write ("plat"), not a stem ("tak" of "take"
    is no short form of Takoradi)."""
    return frozenset(_WORD.findall(lowered))


def inside_a_word(word: str, lowered: str) -> bool:
    """Whether the records hold `word` where a token opens or closes ("mkowalski_88"
    holds "kowalski"): a name buried mid-word ("Lima" in "climate") is not written."""
    start = lowered.find(word)
    while start >= 0:
        end = start + len(word)
        opens = start == 0 or not lowered[start - 1].isalpha()
        closes = end == len(lowered) or not lowered[end].isalpha()
        if opens or closes:
            return True
        start = lowered.find(word, start + 1)
    return False


def _written_short(name: str, written: frozenset[str]) -> bool:
    """Whether the records write the name short ("plat" for "Platinum"). The first word
    of a name run together ("Price" of "PriceCity") is a word, not the name written short."""
    return any(
        name[:end].lower() in written and not name[end].isupper()
        for end in range(_SHORT_FORM, len(name))
    )


def _supported(
    name: str, evidence: Evidence, lowered: str, spelt_out: frozenset[str], codes: frozenset[str]
) -> bool:
    """Whether the records give the name, or something it writes short or spells out;
    without its marks too ("Cancún" for a record's "CUN", "Brasov" for "Brașov")."""
    known, written = evidence.known_words, _written(evidence)
    if _given(name, known, lowered, written, spelt_out, codes):
        return True
    bare = letters_without_marks(name)
    folded = letters_without_marks(lowered)
    if bare == name and folded == lowered:
        return False
    # "Da Nang" for a record's "Đà Nẵng": each word whole in the records' plain letters.
    return _written_whole(bare.lower(), folded) or _given(
        bare, _known_without_marks(known), folded, letters_without_marks(written), spelt_out, codes
    )


def _given(
    name: str,
    known: frozenset[str],
    lowered: str,
    written: str,
    spelt_out: frozenset[str],
    codes: frozenset[str],
) -> bool:
    word = name.lower()
    return (
        word in known
        or canonical(word) in known
        or word in spelt_out
        or (len(word) >= _INSIDE and inside_a_word(word, lowered))
        # "Süd", "São" as a record writes them: a whole word, however short.
        or (not word.isascii() and _written_whole(word, lowered))
        or _written_short(name, _words_as_written(lowered))
        or any(abbreviates(code, word) for code in codes)
        or short_for_a_name(name, written)
        or cut_short_in_records(name, written)
        or same_town_written(name, written)
    )


def _written_whole(word: str, lowered: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered) is not None


@lru_cache(maxsize=64)
def _known_without_marks(known: frozenset[str]) -> frozenset[str]:
    return frozenset(map(letters_without_marks, known))


def _names(clause: Clause, opens_sentence: bool, numbers: frozenset[str]) -> list[list[str]]:
    """The runs of capitalised words inside the clause's sentence ("Paris Charles de
    Gaulle" -> one run): a first word where a sentence, a line or a list item opens is
    not a name by its capital, nor is a label before a colon, nor a word that designates
    a number the records give (`numbers`)."""
    text = clause.text
    runs = []
    for match, words in name_runs(text):
        if _LABEL_AFTER.match(text, match.end()):
            continue
        numbered = _NUMBER_AFTER.match(text, match.end())
        if numbered and numbered.group(1) in numbers:
            continue  # "Section 75", "Terminal 5": the records give the number, named their way
        opening = _OPENS_HERE.search(text[: match.start()]) is not None
        if opening and _ALONE_IN_BRACKETS.search(text[: match.start()]):
            # "broker (Harcourt)", "(Pontypridd, Wales)": a name the brackets hold alone,
            # no sentence they open.
            opening = _BRACKET_CLOSES.match(text, match.end()) is None
        # "Steph refunded the duplicate": a given name opening a sentence names a person.
        if opening and (match.start() > 0 or opens_sentence) and not given_name(words[0]):
            words = words[1:]
        runs.append(words)
    return [run for run in runs if run]


def _written(evidence: Evidence) -> str:
    """The records' notes as written, capitals kept."""
    return " \n ".join(record.notes for record in evidence.cleaned)


def read_record_names(evidence: Evidence) -> None:
    """Read the records' numbers, codes and towns while the model writes (remembered per
    text)."""
    _record_numbers(evidence.text)
    _spelt_out(record_codes(evidence), evidence.known_words)
    towns_written(_written(evidence))
    towns_in_any_letters(_written(evidence))


def words_spelt_out(evidence: Evidence) -> frozenset[str]:
    """The words of the names the records' codes stand for ("MAN-TFS": Manchester,
    Tenerife) and of the other names of the platforms they name."""
    return _spelt_out(record_codes(evidence), evidence.known_words)


def forget_record_names() -> None:
    """Forget the records' numbers and codes read so far."""
    _record_numbers.cache_clear()
    _spelt_out.cache_clear()
    _words_as_written.cache_clear()
    towns_written.cache_clear()
    towns_in_any_letters.cache_clear()
    forget_short_names()


def _translated(name: str, run: list[str], rival: str, evidence: Evidence) -> bool:
    """Whether a rival may be the name in another language: opening alike ("Lisbon",
    "Lisboa"), written in a sentence the checker cannot read, or sharing a word with the
    name in another order ("Garantia FeiraLivre" for the "FeiraLivre Guarantee")."""
    rival_said = rival.lower()
    return (
        name[:3].lower() == rival_said[:3]
        or any(rival_said in sentence.lower() for sentence in evidence.foreign)
        or _reordered(run, rival.split())
    )


def spelt_otherwise(name: str, written: str) -> bool:
    """Whether a record writes the name in another language's spelling: a name (a word with
    its capital, inside a sentence, as `written`) that opens with all of it but its last
    two letters ("Italia" for "Italy", "Sevilla" for "Seville"; "Portsmouth" is no spelling
    of "Portland", nor a sentence's "Could" of a "Court")."""
    stem = name[:-2]
    if len(stem) < 3 or not stem[0].isupper():
        return False
    return any(
        not _opens_a_sentence(written, match.start())
        for match in re.finditer(rf"\b{re.escape(stem)}\w{{0,3}}\b", written)
    )


def _opens_a_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens the text, a line or a sentence: its capital says
    nothing about it being a name."""
    before = text[max(0, start - 8) : start].rstrip(" \t")
    before = before.rstrip("'\"”’)")  # a sentence that ends inside a quote or a bracket
    return not before or before[-1] in ".!?:;\n"


def _reordered(run: list[str], rival: list[str]) -> bool:
    """Whether a rival shares a word with the name's run in another place ("Garantia
    FeiraLivre" for "FeiraLivre Guarantee"): the name in a language that orders it
    otherwise, not another name ("PixelVault Core" for "PixelVault Premium")."""
    return any(run.index(word) != rival.index(word) for word in set(run) & set(rival))


def unknown_names(
    clause: Clause,
    evidence: Evidence,
    *,
    opens_sentence: bool,
    summary_words: frozenset[str] = frozenset(),
) -> list[Finding]:
    """A finding for each capitalised name of the clause that no record gives
    (`summary_words`: every word of the summary, the people it names among them)."""
    if not _NAME_RUN.search(letters_without_marks(clause.text)):
        return []
    runs = _names(clause, opens_sentence, _record_numbers(evidence.text))
    if not runs:
        return []
    codes = record_codes(evidence)
    spelt_out = _spelt_out(codes, evidence.known_words)
    lowered = " ".join(record.notes.lower() for record in evidence.cleaned)
    # A name written in another script ("Иванов") is spelt in letters its own way.
    not_latin = _OTHER_SCRIPT.search(lowered) is not None
    written = _written(evidence)
    # A town is one in any language: where the records write another town of its country
    # far from it, the summary's is a swap, in a record the checker cannot read too
    # ("Nagpur" where a record says Pune); unless a record is in another script, which
    # may write the summary's town.
    towns_held = (evidence.unreadable or only_conversations(evidence.records)) and not not_latin
    # Persons the records and the summary both name ("Graham" the manager): no town rival.
    people = frozenset(p for p in people_named(written) if p.lower() in summary_words)
    findings = []
    for run in runs:
        if (
            _stands_for(run, codes)
            or joined_in_records(run, written)
            or initials_in_records(run[0], clause.text, evidence.notes_as_written, shortest=3)
        ):
            continue
        for name in run:
            bare = re.sub(r"['’]s$", "", name)
            word = bare.lower()
            if word in NOT_NAMES or word in STOPWORDS or word in SHORTHAND or word in PERSON_TITLES:
                continue
            if _supported(bare, evidence, lowered, spelt_out, codes):
                continue
            finding = Finding("entity", "unsupported", clause.text, f"'{name}' is in no record")
            # "Italy" where a record writes "Italia": the name in another spelling.
            if evidence.heard_like(word) or spelt_otherwise(bare, written):
                finding = finding.unsure(UNSURE_SPELLING)
            elif (
                towns_held
                and (town := _swapped_town(name, clause.text, written, codes, people)) is not None
            ):
                reason = f"'{name}' is in no record, which name {town}"
                finding = Finding("entity", "unsupported", clause.text, reason)
            elif not_latin:
                # In another script a name may be spelt its own way.
                finding = finding.unsure(UNSURE_FOREIGN)
            elif evidence.unreadable or only_conversations(evidence.records):
                # A name is written in the same Latin letters in any language that uses
                # them: the rival a record names in the summary's name's place is one in
                # Portuguese or French too, unless it is the same place in that tongue's
                # spelling ("Lisbon" for "Lisboa").
                talk = only_conversations(evidence.records)
                rival = (
                    rival_titled(bare, written, clause.text)
                    or rival_beside(run, written, clause.text)
                    or rival_in_the_same_name(bare, run, written, clause.text)
                    or role_rival(bare, clause.text, written, KNOWN_NOT_STAFF)
                    if talk
                    else None
                ) or rival_person(bare, run, written, summary_words)
                if (
                    rival is not None
                    and evidence.unreadable
                    and _translated(bare, run, rival, evidence)
                ):
                    rival = None
                if rival is None:
                    finding = finding.unsure(
                        UNSURE_FOREIGN if evidence.unreadable else UNLABELLED_NAME
                    )
                else:
                    # "retailer Rangiwai" where a record says "retailer Pōhutu".
                    reason = f"'{name}' is in no record, which name {rival}"
                    finding = Finding("entity", "unsupported", clause.text, reason)
            findings.append(finding)
    return findings
