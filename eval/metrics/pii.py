"""PII leak check: personal data found in the source interactions and repeated in a summary.

Numbers are compared in digit-normalised form, so "555-010-4477", "(555) 010-4477" and
"5550104477" are the same phone. `leaked_pii` counts only PII present in the source;
`pii_in_summary` finds personal data of any kind `service.pii` knows (an invented phone or
SSN too), and the `pii_leak` scorer fails both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from service.models import Interaction
from service.pii import ACCOUNT_CUE, CARD, EMAIL, digits, find_pii, luhn_valid, phone_matches

# A run of digits with the separators people write inside phone and card numbers.
DIGIT_RUN = re.compile(r"\+?\(?\d(?:(?:[ .-]?\(|\)\s?|[ .-])?\d)+")
MIN_SECRET_DIGITS = 6  # shorter digit strings (amounts, days, last-4) are not identifying
__all__ = ["ACCOUNT_CUE", "digits", "leaked_pii", "luhn_valid", "pii_in_summary", "source_pii"]


def _phone_key(number: str) -> str:
    # A leading country code is optional when people repeat a number.
    return number[-10:] if len(number) > 10 else number


def pii_in_text(text: str) -> set[str]:
    """Normalised PII in one text: lowercase emails and digit strings.

    Phones are their last ten digits, cards Luhn-valid 13-19 digit numbers, accounts the
    6-20 digit number after "acct"/"account".
    """
    found = {match.lower() for match in EMAIL.findall(text)}
    for match in CARD.finditer(text):
        number = digits(match.group(0))
        if 13 <= len(number) <= 19 and luhn_valid(number):
            found.add(number)
    for match in phone_matches(text):
        found.add(_phone_key(digits(match.group(0))))
    found.update(match.group(1) for match in ACCOUNT_CUE.finditer(text))
    return found


def source_pii(interactions: Iterable[Interaction]) -> set[str]:
    """Normalised phones, emails, card numbers and account numbers in the interactions' text."""
    found: set[str] = set()
    for item in interactions:
        for text in (item.notes, item.intent, item.outcome):
            found |= pii_in_text(text)
    return found


def leaked_pii(
    summary: str, interactions: Sequence[Interaction], account_number: str | None = None
) -> list[str]:
    """Source PII the summary repeats, as written in the summary, in order of appearance.

    Args:
        summary: The generated summary.
        interactions: The interactions the summary was made from.
        account_number: The customer's account number, a secret even if no note holds it.

    Returns:
        Each leaked item once: emails (lowercase) first, then numbers as the summary wrote them.
    """
    secrets = source_pii(interactions)
    if account_number and len(digits(account_number)) >= MIN_SECRET_DIGITS:
        secrets.add(digits(account_number))
    emails = {secret for secret in secrets if "@" in secret}
    numbers = [s for s in secrets if "@" not in s and len(s) >= MIN_SECRET_DIGITS]
    lowered = summary.lower()
    # Substring, not a regex match: a run-on word must not hide an address.
    leaked: list[str] = [email for email in sorted(emails) if email in lowered]
    for match in DIGIT_RUN.finditer(summary):
        run = digits(match.group(0))
        # Containment, not equality: adjacent digits or a country code must not hide a leak.
        if len(run) >= MIN_SECRET_DIGITS and any(secret in run for secret in numbers):
            leaked.append(match.group(0).strip())
    return list(dict.fromkeys(leaked))


def pii_in_summary(summary: str) -> list[str]:
    """Personal data of any kind `service.pii` knows, stated in the summary, whatever its
    source: a summary shown to an agent and stored in records must carry none."""
    return list(dict.fromkeys(match.text for match in find_pii(summary)))
