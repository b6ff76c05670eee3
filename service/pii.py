"""The one definition of personal data the project recognises, and how it is masked.

The log scrubber, the baseline model's privacy rule, the eval's leak metric, the
meta-evaluation's PII families and the weekly report's redaction all use these patterns,
so a value one of them calls PII the others do too (a property test holds them to it).

Kinds: e-mail, card (Luhn-valid 13-19 digits, any spacing), phone (several national
formats), SSN, date of birth (after a cue), street address, account number (after a
cue) and a number spelled out word by word. Amounts, dates without a birth cue and short
digit strings (the last four of a card) are not PII here: summaries need them.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

PiiKind = Literal["email", "card", "phone", "ssn", "dob", "address", "account", "spelled"]

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
CARD = re.compile(r"\b(?:\d[ -]?){12,18}\d\b")
# A phone-shaped run that goes on from three digits and a hyphen ("order 114-77 0953-2216")
# is the tail of a longer number, no phone.
PHONE = re.compile(
    r"(?<![\w$])(?<!\d{3}-)(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)|\d{2,4})[ .-]?\d{3,4}[ .-]?\d{3,4}\b"
)
# Any SSN-shaped number, issued or not: a summary has no use for one.
SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
DOB = re.compile(
    r"\b(?:DOB|D\.O\.B\.|date of birth|born(?: on)?|birth ?date)\s*[:\-]?\s*"
    r"(\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|[A-Z][a-z]+ \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})",
    re.IGNORECASE,
)
# A day of the month before a named road ("14 July Wild Atlantic Way") is a date, not a
# house number.
_MONTH_NEXT = (
    r"(?! (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March"
    r"|April|June|July|August|September|October|November|December)\b)"
)
ADDRESS = re.compile(
    r"\b\d{1,5}"
    + _MONTH_NEXT
    + r"(?: [A-Z][a-z]+)+ (?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard"
    r"|Blvd|Terrace|Court|Ct|Way|Place|Pl)\b\.?(?:,? (?:Apt|Unit|Suite) \w+)?"
)
ACCOUNT_CUE = re.compile(
    r"\b(?:acct|account)(?:\s*(?:no\.?|number|#|num))?\s*[:#]?\s*(\d{6,20})\b", re.IGNORECASE
)
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
SPELLED = re.compile(rf"\b{_DIGIT_WORD}(?:[\s,-]+{_DIGIT_WORD}){{6,}}\b", re.IGNORECASE)
MIN_PHONE_DIGITS = 9  # fewer digits are a count, an amount or a reference, not a phone
# What stands right before a case, order or ticket number: a code prefix ("CS-", "NX-CHN-")
# or a reference word ("case", "SR", "ref no.", "request (", "gestión"). Such a number names
# a record the agent needs, not a person, whatever its length.
REFERENCE_BEFORE = re.compile(
    r"(?:\b[A-Za-z]{1,8}[-/]|\b(?:case|ref|reference|ticket|order|ord|sr|complaint|claim"
    r"|booking|pnr|invoice|request|req|incident|inc|confirmation|conf|tracking|awb"
    r"|docket|token|srn|protocol|protocolo|protocollo|dispute|rma|job|work order|wo"
    r"|receipt|voucher|permit|folio|expediente|pratica|dossier|aktenzeichen"
    # The same words in the languages of the records ("Gestión 2026-118204").
    r"|gesti[oó]n|caso|solicitud|reclamo|reclamaci[oó]n|radicado|incidencia|chamado"
    r"|pedido|encomenda|sinistro|siniestro|ordine|commande|bestellung|auftrag|vorgang)"
    r"\.?(?:\s*(?:no\.?|number|id|#|:))*\s*[:#(]?\s*)$",
    re.IGNORECASE,
)


_NOT_DIGIT = re.compile(r"\D")
_LETTERED_CODE = re.compile(r"\b[A-Za-z]{1,4}\d{6,}[A-Za-z]{0,4}\b|\b\d{6,}[A-Za-z]{1,4}\b")


def phone_matches(text: str) -> Iterator[re.Match[str]]:
    """Phone-shaped numbers in `text` that are not a reference's number. A number the text
    names as a reference once ("I see AWB 5510293847") is one wherever else it stands (the
    customer's "55 1029 3847" typed in answer to "your AWB number?")."""
    matches = list(PHONE.finditer(text))
    references = {
        _NOT_DIGIT.sub("", match.group(0))
        for match in matches
        if REFERENCE_BEFORE.search(text[max(0, match.start() - 24) : match.start()]) is not None
    }
    # A number the text also writes glued to a code's letters ("RR812334905PT", a parcel's
    # id, read out as "RR 812 334 905 PT") is that reference's number.
    references |= {_NOT_DIGIT.sub("", code) for code in _LETTERED_CODE.findall(text)}
    for match in matches:
        if _NOT_DIGIT.sub("", match.group(0)) in references or _between_code_letters(text, match):
            continue
        if _DATE_STAMPED.match(match.group(0)):
            continue
        yield match


# A reference that opens with the day it was raised ("prot. 2026-0903-7781", "CLM
# 2026-0309-4471", "20260419-7731"): a year of this era, then a month and day, cut off from
# the rest as no phone number is written.
_DATE_STAMPED = re.compile(
    r"^20[2-3]\d(?:[ .-](?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    r"|[ .-](?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])"
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ .-])"
)


_CODE_BEFORE = re.compile(r"\b[A-Z]{1,3}[ -]?$")
_CODE_AFTER = re.compile(r"^[ -]?(?!OK\b)[A-Z]{2}\b")


def _between_code_letters(text: str, match: re.Match[str]) -> bool:
    # "HL 55 903 118 CH", "RR 812 334 905 PT": capitals on both sides make a parcel's or a
    # case's id, spaced as people read it out; a phone has at most a word before it
    # ("CALL 555 010 4477 OK" is one).
    before = text[max(0, match.start() - 6) : match.start()]
    return bool(_CODE_BEFORE.search(before) and _CODE_AFTER.search(text[match.end() :]))


# Patterns whose match (or capture group) is the PII itself.
_PLAIN: tuple[tuple[PiiKind, re.Pattern[str], int], ...] = (
    ("email", EMAIL, 0),
    ("ssn", SSN, 0),
    ("dob", DOB, 1),
    ("address", ADDRESS, 0),
    ("account", ACCOUNT_CUE, 1),
    ("spelled", SPELLED, 0),
)


@dataclass(frozen=True)
class PiiMatch:
    """One piece of personal data in a text: its kind, where it is, and how it was written."""

    kind: PiiKind
    start: int
    end: int
    text: str


def digits(text: str) -> str:
    """Only the digits of `text`."""
    return re.sub(r"\D", "", text)


def luhn_valid(number: str) -> bool:
    """Whether a digit string passes the Luhn checksum card numbers carry."""
    total = 0
    for position, char in enumerate(reversed(number)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def is_card(text: str) -> bool:
    """A 13-19 digit, Luhn-valid number, however it is spaced."""
    number = digits(text)
    return 13 <= len(number) <= 19 and luhn_valid(number)


def find_pii(text: str) -> list[PiiMatch]:
    """Every piece of PII in `text`, in order, without overlaps (the earlier, longer wins)."""
    found: list[PiiMatch] = []
    for kind, pattern, group in _PLAIN:
        for match in pattern.finditer(text):
            found.append(PiiMatch(kind, match.start(group), match.end(group), match.group(group)))
    for match in CARD.finditer(text):
        if is_card(match.group(0)):
            found.append(PiiMatch("card", match.start(), match.end(), match.group(0)))
    for match in phone_matches(text):
        if len(digits(match.group(0))) >= MIN_PHONE_DIGITS:
            found.append(PiiMatch("phone", match.start(), match.end(), match.group(0).strip()))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[PiiMatch] = []
    for item in found:
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


def redact(text: str) -> str:
    """`text` with every piece of PII replaced by its kind in brackets, e.g. ``[phone]``."""
    pieces, cursor = [], 0
    for match in find_pii(text):
        pieces += [text[cursor : match.start], f"[{match.kind}]"]
        cursor = match.end
    return "".join(pieces) + text[cursor:]


def account_token(account: str, key: bytes) -> str:
    """A keyed, stable stand-in for an account number: joins still work, the number does not
    leave the service ("acct-3f9a1c0b27de-1234": HMAC-SHA256 prefix and the last four)."""
    digest = hmac.new(key, account.encode("utf-8"), hashlib.sha256).hexdigest()[:12]
    return f"acct-{digest}-{digits(account)[-4:]}"
