"""Named things: the right product, fee, device and plan.

A summary that swaps one device, fee or plan for another states things no record says even
though every word in it appears somewhere in the history. These checks tie a name to the
records that mention it (dated events are `dated_events`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.claims.clause import Clause, canonical
from service.claims.evidence import Evidence
from service.claims.foreign_numbers import foreign_numbers_as_digits
from service.claims.lexicon import STOPWORDS
from service.claims.mentions import AMOUNT, DIGIT_RUN, digits
from service.claims.proper_names import UNSURE_FOREIGN, inside_a_word, words_spelt_out
from service.claims.rivals import NO_RIVAL, code_rival
from service.claims.short_names import cut_short_in_records, initials_in_records
from service.claims.spoken import spoken_as_digits
from service.claims.tables import mapping, pattern, word_list
from service.claims.text import SHORTHAND, mostly_other_script, normalize, squeezed
from service.claims.types import Finding

_PRODUCT = pattern("product")
_MODEL_CODE = pattern("model_code")
_SHORTHAND = pattern("letter_number_code")
_KIND_OF = pattern("kind_of")
_ALNUM = pattern("words")
EQUIPMENT = mapping("equipment")
_EQUIPMENT = pattern("entities_equipment")
_GENERIC_MODIFIERS = frozenset(word_list("generic_modifiers"))
_PREFIXES = frozenset(word_list("prefixes"))
_DESCRIPTORS = frozenset(word_list("compound_descriptors"))
_REGULATIONS = frozenset(word_list("regulations"))
_CALENDAR = frozenset(
    word_list("month_names")
    + word_list("month_short_forms")
    + word_list("weekdays")
    + word_list("weekday_short_forms")
)
_SKIP_NAMES = _GENERIC_MODIFIERS | _CALENDAR | frozenset(word_list("skip_names"))
# "1 Gbps" where a record writes "1G": a unit the records write short after a figure.
_UNIT_OF_SHORT_FORM: dict[str, str] = mapping("unit_of_short_form")
_UNIT_WRITTEN_SHORT = pattern("unit_written_short")
# How a speech-to-text transcript writes a letter it heard ("cue box" for the Q box).
_LETTER_SAID: dict[str, list[str]] = mapping("letters_said")


def _unit_written_short(name: str, text: str, known: frozenset[str]) -> bool:
    """Whether `name` is a unit ("Gbps", or "Mb" written short) that the records write in
    full ("Mbps") or short after a figure ("1G line", "100 megas"): a unit no record names
    otherwise stays a finding ("Gbps" for "Mbps")."""
    unit = _UNIT_OF_SHORT_FORM.get(name.lower(), name.lower())
    if unit in known:
        return True
    return unit in {
        _UNIT_OF_SHORT_FORM[m.group("unit").lower()] for m in _UNIT_WRITTEN_SHORT.finditer(text)
    }


def _speed_of_a_bare_figure(name: str, clause: str, text: str, known: frozenset[str]) -> bool:
    """Whether `name` is a unit of speed after a figure the records give bare, naming no
    unit of speed at all ("like 40 down, paying for 500" for "40 Mbps on a 500 Mbps plan"):
    the unit is the summary's reading of the records' figure, not a rival's."""
    speeds = set(_UNIT_OF_SHORT_FORM.values())
    if _UNIT_OF_SHORT_FORM.get(name.lower(), name.lower()) not in speeds or speeds & known:
        return False
    if _UNIT_WRITTEN_SHORT.search(text):
        return False
    figures = set(re.findall(r"\d+", text))
    before = re.findall(rf"(\d+)\s?{re.escape(name)}\b", clause)
    return bool(before) and all(figure in figures for figure in before)


_OPENERS = frozenset(word_list("openers"))
_OPENS_HERE = pattern("opens_here")
_POSSESSIVE = pattern("possessive_end")


_ZERO_AMONG_FIGURES = re.compile(r"(?<=\d )zero(?= \d)", re.IGNORECASE)


@lru_cache(maxsize=256)
def said_in_digits(text: str) -> str:
    """The records' text with a transcript's figures in digits too ("terminal five", "R T N
    lima lima dua")."""
    # "sz jeden zero cztery": another language's figures with "zero" among them.
    abroad = _ZERO_AMONG_FIGURES.sub("0", foreign_numbers_as_digits(text))
    heard = [spoken_as_digits(text), abroad]
    return " \n ".join([text, *dict.fromkeys(said for said in heard if said != text)])


_PARTICLES = frozenset(word_list("particles"))


def _verb_before_particle(opening: str, phrase: str) -> bool:
    """Whether a clause opens with a past participle and a preposition or article ("Chased
    by phone"), not with a name ("Unlimited Plus plan", "Ahmed's phone")."""
    following = phrase.split()[1:2]
    # "Advised moving the router": a verb before its gerund object too.
    return (
        opening.endswith("ed")
        and bool(following)
        and (following[0] in _PARTICLES or following[0].endswith("ing"))
    )


def _abbreviates(name: str, written: str, evidence: Evidence) -> bool:
    """Whether `name` is written in capitals ("PPV") and is the initials of record words
    ("pay-per-view")."""
    short = 2 <= len(name) <= 5 and name.isalpha()
    capitals = short and re.search(rf"\b{re.escape(name.upper())}\b", written) is not None
    return capitals and name.lower() in evidence.initialisms


def _plural_of(word: str, known: frozenset[str]) -> bool:
    return word.endswith("s") and word[:-1] in known


def _shortens(word: str, known: frozenset[str]) -> bool:
    """Whether `word` is a record word cut short, as notes abbreviate ("equip" for
    "equipment"); four letters at least, so that no short word passes as a prefix."""
    return len(word) >= 4 and any(k.startswith(word) and len(k) > len(word) for k in known)


def _letter_heard(part: str, known: frozenset[str]) -> bool:
    """Whether a single letter is in the records as a transcript writes it heard ("cue"
    for Q, "bee" for B)."""
    return any(said in known for said in _LETTER_SAID.get(part, ()))


def _as_written(part: str, name: str) -> str:
    """The part of a name as the summary writes it, capitals kept."""
    at = name.lower().find(part)
    return name[at : at + len(part)] if at >= 0 else part


def _written_apart(name: str, records: str) -> bool:
    """Whether a code with a figure in it ("EM217", "AK-381") is in the records spaced or
    said otherwise ("AK -381", "em two one seven")."""
    code = squeezed(name)
    return len(code) >= 3 and any(c.isdigit() for c in code) and code in squeezed(records)


_LETTERED_FIGURES = pattern("lettered_figures")


def _figures_said_alone(name: str, said: str) -> bool:
    """Whether the records give a code's figures without its letters: "flight eleven eighty
    seven" for KA1187, as callers, agents and notes leave a carrier's letters out."""
    code = _LETTERED_FIGURES.fullmatch(name)
    if code is None or code.group("figures") not in squeezed(said):
        return False
    # Figures a record writes with letters of their own ("KQ1187") are another code's.
    return all(
        other.group("figures") != code.group("figures")
        for other in _LETTERED_FIGURES.finditer(said)
    )


_FIGURES_ALONE = 3


def _code_rivalled(name: str, summary: str, said: str) -> bool:
    """Whether a code with figures ("X7", "PV5703") that no record gives may misstate one a
    record gives ("X5", "PV5708"), written or said, that the summary does not state itself.
    In a conversation no label sums up, a code with no such rival may be one a record gives
    in a form the checker does not read, or the summary's shorthand ("KCT1" for "the first
    key change token"): no finding. A name of letters alone is held to the records."""
    if not any(c.isdigit() for c in name):
        return True
    written = _MODEL_CODE.findall(summary.upper())
    codes = {squeezed(code) for code in _MODEL_CODE.findall(said.upper())}
    codes -= {squeezed(code) for code in written}
    if code_rival(squeezed(name), codes) is not None:
        return True
    # By its figures too, a code of three figures or more ("1" of "KCT1" would be a rival to
    # any "2"), as many as its own: a transcript says "e m two one seven" for EM217, and a
    # figure one short may be one said in a word the checker does not read ("nula").
    figures = digits(name)
    if len(figures) < _FIGURES_ALONE:
        return False
    runs = {digits(run.group(0)) for run in DIGIT_RUN.finditer(said)}
    runs = {run for run in runs if len(run) == len(figures)}
    return code_rival(figures, runs - {digits(code) for code in written}) is not None


def _amount_led(name: str) -> bool:
    """Whether `name` is a sum joined to words by hyphens ("R49-a-month", "$5-off"): the
    amount checks read the sum, and the words after it name nothing."""
    head, dash, _ = name.partition("-")
    return bool(dash) and bool(AMOUNT.fullmatch(head) or _THOUSANDS.fullmatch(head))


def _in_a_handle(word: str, evidence: Evidence) -> bool:
    """Whether the records write `word` where a token opens or closes, as a handle holds a
    name ("nongfern_bkk" holds "fern")."""
    return len(word) >= _NAME_IN_A_HANDLE and inside_a_word(word, evidence.text)


_NAME_IN_A_HANDLE = 4


def check_entities(clause: Clause, evidence: Evidence) -> list[Finding]:
    """Product, plan, fee, device and model names that no record mentions."""
    known = evidence.known_words
    # "esc T2" is the records' "tier 2" in shorthand: a letter and a number a record writes
    # as a word starting with that letter and the same number.
    said = said_in_digits(evidence.text)
    names: set[str] = {
        code
        for code in _MODEL_CODE.findall(clause.text)
        if not _SHORTHAND.fullmatch(code)
        or not re.search(rf"\b{code[0].lower()}\w* ?{code[1:]}\b", said)
    }
    for match in _PRODUCT.finditer(clause.text):
        words = [w for w in match.group(1).split() if w[:1].isupper()]
        opens = match.start(1) == 0 or _OPENS_HERE.search(clause.text[: match.start(1)])
        opening = words[0].lower() if opens and words else ""
        if opening and words[0][1:].islower() and not any(c.isdigit() for c in words[0]):
            words = words[1:]  # a sentence's or a list item's first word: capitalised anyway
            opening = ""
        if (
            opening.endswith("ing")
            or opening in STOPWORDS
            or opening in _OPENERS
            or _verb_before_particle(opening, match.group(1))
        ):
            # "Looking at the phone menu", "They say the phone ...", "Without a working
            # line ...", "Chased by phone": no name
            words = words[1:]
        names |= {w for w in words if w.lower().removesuffix("'s") not in _SKIP_NAMES}
    norm = normalize(clause.text)
    # Agents' shorthand ("Msg") is a word cut short, not a name.
    names = {name for name in names if name.lower() not in SHORTHAND}
    kinds = {
        m.group(1)
        for m in _KIND_OF.finditer(norm)
        if m.group(1) not in _SKIP_NAMES and m.group(1) not in STOPWORDS
    }
    names |= kinds
    # In a conversation no label sums up, a common word before a fee or a plan ("base fee",
    # "reconnection fee") may be the summary's word for the records' own: not settled.
    unlabelled = evidence.unlabelled
    findings = []
    for name in sorted(names):
        # "Katarzyna's card": the name is "Katarzyna".
        parts = [p for p in _ALNUM.findall(_POSSESSIVE.sub("", name.lower())) if p not in _PREFIXES]
        # "English-language": the compound's describing half names nothing.
        parts = parts[:1] + [p for p in parts[1:] if p not in _DESCRIPTORS]
        if (
            _written_apart(name, evidence.text)
            or _written_apart(name, evidence.notes_as_written)
            or _written_apart(name, said)
            or AMOUNT.fullmatch(name)
            or _THOUSANDS.fullmatch(name)
            or _amount_led(name)
        ):
            # "EM217" said "em two one seven"; "R849", "R25k" and "R49-a-month" are amounts,
            # checked as such
            continue
        if (
            parts
            # "2 K400s" of the records' "2x K400 terminals": a code in the plural.
            and not all(p in known or canonical(p) in known or _plural_of(p, known) for p in parts)
            and ("".join(parts) not in known)
            and not all(p in known or evidence.heard_like(p) for p in parts)
            and not _abbreviates(name, clause.text, evidence)
            # "Visa Platinum" of the records' "Visa Plat": a name the notes cut short.
            and not all(
                p in known
                or _shortens(p, known)
                or cut_short_in_records(_as_written(p, name), evidence.notes_as_written)
                for p in parts
            )
            and not all(p in known or _letter_heard(p, known) for p in parts)
            # A transcript says the figure before it: "the ten megabit bundle".
            and not _unit_written_short(name, said, known)
            and not _speed_of_a_bare_figure(name, clause.text, evidence.text, known)
            and not initials_in_records(name, clause.text, evidence.notes_as_written)
            # "Fern's card": an owner, named as a handle names them ("@nongfern_bkk").
            and not (_POSSESSIVE.search(name) and all(_in_a_handle(p, evidence) for p in parts))
            # A record's code a summary spells out ("MAN-TFS" as "Tenerife"); read last,
            # only for a name no record writes.
            and not all(p in known or p in words_spelt_out(evidence) for p in parts)
        ):
            reason = f"'{name}' appears in no record"
            finding = Finding("entity", "unsupported", clause.text, reason)
            if unlabelled and name in kinds and name.islower():
                finding = finding.unsure("a common word, in records no label sums up")
            elif "-".join(parts) in _REGULATIONS or "".join(parts) in _REGULATIONS:
                finding = finding.unsure("a regulation, which the records may tell in words")
            elif unlabelled and _CODE_LIKE.fullmatch(name):
                # "SIM" noted "SIMO", "CLP" said "pesos": a conversation writes an
                # abbreviation otherwise.
                finding = finding.unsure("an abbreviation, in records no label sums up")
            elif evidence.mostly_unreadable and not any(ch.isdigit() for ch in name):
                # A word a record in another language says in its own ("kimliğiniz" for
                # the IDs); a code's figures are read in any language.
                finding = finding.unsure(UNSURE_FOREIGN)
            elif _figures_said_alone(name, said):
                # Only a code of letters the records never write beside its figures.
                finding = finding.unsure("the records give the code's figures, not its letters")
            elif unlabelled and not _code_rivalled(name, clause.text, said):
                finding = finding.unsure(NO_RIVAL)
            findings.append(finding)
    text = evidence.text
    for match in _EQUIPMENT.finditer(norm):
        device = match.group(1)
        key = next((k for k in EQUIPMENT if k.split()[0] in device), device)
        aliases = EQUIPMENT.get(key, (key,))
        if not any(
            alias in text or evidence.heard_like(alias, run_apart_only=True) for alias in aliases
        ):
            reason = f"'{device}' appears in no record"
            found = Finding("entity", "unsupported", clause.text, reason)
            # Records written mostly in another script may name it in their own ("роутер"),
            # and a sentence in another language ("awarii bramki płatniczej") in its words.
            if mostly_other_script(text) or evidence.mostly_unreadable:
                found = found.unsure(UNSURE_FOREIGN)
            elif unlabelled and not _other_equipment_named(key, text):
                # "a payment gateway error", "used her phone as a hotspot": with no other
                # device in the records to have been swapped for, the word may be the
                # writer's own for what a conversation tells in its words.
                found = found.unsure(_NO_OTHER_DEVICE)
            findings.append(found)
    return findings


def _other_equipment_named(key: str, text: str) -> bool:
    """Whether the records name a device other than `key` (the one a swap would replace)."""
    own = set(EQUIPMENT.get(key, (key,)))
    return any(
        re.search(rf"\b{re.escape(alias)}s?\b", text) is not None
        for other, aliases in EQUIPMENT.items()
        if other != key
        for alias in aliases
        if alias not in own
    )


_NO_OTHER_DEVICE = "the records name no other device it may have been swapped for"
_CODE_LIKE = pattern("code_like_name")
_THOUSANDS = pattern("amount_in_thousands")
