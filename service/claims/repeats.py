"""How many times a thing happened, where the records themselves give the number.

Three ways summaries restate a number the notes wrote down, and get it wrong by one word:

- a plan's instalments: "3 x $166.65" or "3 payments of $156.81" in the notes; the amount
  is right in the summary, the number of instalments is not;
- a repetition: "payment declined twice" in the notes, "declined three times" in the summary;
- an ordinal: "says this is the third time" in the notes, "the fourth time" in the summary,
  a "second call" where the only record is a customer's "third time calling", or a "sixth
  contact" where the records hold three.

Each is held to the records only where they give a number for the same thing, so a summary
that counts something the notes never counted is left to the other checks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from service.claims.mentions import (
    CONTACT_NUMBER,
    CONTACT_ORDINAL,
    DAY_MONTH,
    MONTH_DAY,
    mentioned_dates,
    parse_amount,
    parse_count,
)
from service.claims.tables import mapping, pattern, word_list
from service.claims.text import sentences, stem
from service.claims.types import Finding
from service.models import Interaction

# "3 x $166.65", "three monthly payments of $156.81": a plan of equal instalments.
_PLAN = pattern("instalment_plan")
# "declined twice", "failed 3 times": how often the thing just named happened.
_REPEATED = pattern("repeated_act")
_EARLIER_COUNTED = pattern("earlier_contacts_counted")
_ORDINALS = mapping("ordinals")
_ORDINAL = pattern("ordinal_repeat")
_NUMBERED = pattern("ordinal_of_a_thing")
_REPORTED = pattern("repeats_reported")
_TOLD_PAST = pattern("contact_told_past")
_ORDINALS_ELSEWHERE = {k.lower(): int(v) for k, v in mapping("ordinals_in_other_languages").items()}
_ORDINAL_ELSEWHERE = pattern("ordinal_repeat_in_other_languages")


def _ordinal(token: str) -> int:
    lowered = token.lower()
    return _ORDINALS[lowered] if lowered in _ORDINALS else int(lowered[:-2])


def _times(token: str) -> int:
    return parse_count(token.split()[0])


class Counted:
    """The numbers the records give: per plan amount, per repeated act, ordinals."""

    def __init__(self, interactions: Sequence[Interaction]) -> None:
        self.plans: dict[Decimal, set[int]] = defaultdict(set)
        self.repeats: dict[str, set[int]] = defaultdict(set)
        self.ordinals: set[int] = set()
        # What the records number by its own noun ("the second delay"): noun -> ordinals.
        self.numbered: dict[str, set[int]] = defaultdict(set)
        self.contacts = len(interactions)
        # A contact the records tell of before their own ("I already did this chat
        # earlier"): the customer's count may run past theirs.
        self.earlier_told = tells_of_an_earlier_contact(interactions)
        # How many contacts a customer counts before the one they are in ("called two
        # times already"): the contact that record is may be that many plus one.
        self.earlier_counted = max(
            (
                _times(m.group("n") or m.group("m") or m.group("k") or m.group("j"))
                for item in interactions
                for m in _EARLIER_COUNTED.finditer(item.notes)
            ),
            default=0,
        )
        self.earlier_counted = max(self.earlier_counted, _numbered_on_an_earlier_day(interactions))
        for item in interactions:
            for plan in _PLAN.finditer(item.notes):
                count, amount = _plan(plan)
                if amount is not None:
                    self.plans[amount].add(count)
            for repeat in _REPEATED.finditer(item.notes):
                self.repeats[stem(repeat.group("verb").lower())].add(_times(repeat.group("n")))
            self.ordinals |= {_ordinal(m.group("ord")) for m in _ordinals(item.notes)}
            for numbered in _NUMBERED.finditer(item.notes):
                self.numbered[numbered.group("noun").lower()].add(_ordinal(numbered.group("ord")))
            self.ordinals |= {int(n) for n in CONTACT_NUMBER.findall(item.notes)}
            self.ordinals |= {int(n) for n in CONTACT_ORDINAL.findall(item.notes)}
            self.ordinals |= {
                _ORDINALS_ELSEWHERE[(m.group(1) or m.group(2)).lower()]
                for m in _ORDINAL_ELSEWHERE.finditer(item.notes)
            }

        # "contact 0" is no contact's number.
        self.ordinals.discard(0)

    def number_their_last(self) -> bool:
        """Whether the records number their own last contact: the highest ordinal they
        give is their count ("my second call" in the second of two records)."""
        return bool(self.ordinals) and max(self.ordinals) == self.contacts

    def numbered_any(self) -> set[int]:
        """Every ordinal or count of times the records give, whatever they number."""
        return set().union(*self.numbered.values(), *self.repeats.values())


_BOTH_SIDES = "in a conversation each side may count it, and the summary tell either"


def _plan(match: re.Match[str]) -> tuple[int, Decimal | None]:
    count = parse_count(match.group("n") or match.group("n2"))
    return count, parse_amount(match.group("amount") or match.group("amount2"))


_COUNT_TIMES_A_SUM = pattern("count_times_a_sum")


def sums_of_equal_parts(text: str) -> frozenset[Decimal]:
    """The totals of equal parts a text gives as a count times a sum ("seat selection 2 x
    18,00 EUR" is 36.00; "3 x $166.65" is 499.95): sums the records support."""
    found = set()
    for match in _COUNT_TIMES_A_SUM.finditer(text):
        amount = parse_amount(match.group("amount"))
        if amount is not None:
            found.add((amount * int(match.group("n"))).quantize(Decimal("0.01")))
    return frozenset(found)


# How far after a contact's ordinal its date may stand ("his 1st call 2/1 1:12pm").
_DATE_REACH = 14
_OWN_DATE_LEAD = pattern("contact_own_date_lead")


def _numbered_on_an_earlier_day(interactions: Sequence[Interaction]) -> int:
    """The highest ordinal a record gives a contact it dates on a day no record is of
    ("line was barred on his 1st call 2/1" in the only note, of 2 February): that many
    contacts came before the records'."""
    held = {(item.timestamp.month, item.timestamp.day) for item in interactions}
    found = 0
    for item in interactions:
        for match in CONTACT_ORDINAL.finditer(item.notes):
            # The contact's own date, straight after it ("1st call 2/1", "2nd call on
            # 24/02"); not one told in an aside of another ("2nd contact (emailed 12/02)").
            after = _OWN_DATE_LEAD.sub("", item.notes[match.end() : match.end() + _DATE_REACH])
            days = [readings for said, readings in mentioned_dates(after) if after.startswith(said)]
            if days and not days[0] & held:
                found = max(found, int(match.group(1)))
    return found


def numbers_given(interactions: Sequence[Interaction]) -> Counted:
    """What the records count, read once per history (`service.claims.history`)."""
    return Counted(interactions)


def check_repeats(summary: str, counted: Counted, *, unlabelled: bool = False) -> list[Finding]:
    """Numbers of instalments, repetitions and ordinals the records (`counted`) give
    otherwise; over `unlabelled` records a count of repeats is an abstention."""
    if not counted.contacts:
        return []
    findings = []
    for plan in _PLAN.finditer(summary):
        count, amount = _plan(plan)
        known = counted.plans.get(amount) if amount is not None else None
        if known and count not in known:
            reason = f"the records set {_listed(known)} instalments of ${amount}"
            findings.append(Finding("count", "contradicted", plan.group(0), reason))
    for repeat in _REPEATED.finditer(summary):
        known = counted.repeats.get(stem(repeat.group("verb").lower()))
        if known and _times(repeat.group("n")) not in known:
            reason = f"the records say {repeat.group('verb').lower()} {_listed(known)} times"
            finding = Finding("count", "contradicted", repeat.group(0), reason)
            # "you were only charged once" against "I saw two charges": in a conversation
            # each side counts, and the summary may tell either's count.
            findings.append(finding.unsure(_BOTH_SIDES) if unlabelled else finding)
    for sentence in sentences(summary):
        findings += _ordinal_findings(sentence, counted)
    return findings


def _ordinals(text: str) -> list[re.Match[str]]:
    """Ordinals of a repetition, not a date's day ("the Aug 19th call")."""
    dates = [m.span() for p in (MONTH_DAY, DAY_MONTH) for m in p.finditer(text)]
    return [m for m in _ORDINAL.finditer(text) if not any(a <= m.start() < b for a, b in dates)]


def _ordinal_findings(sentence: str, counted: Counted) -> list[Finding]:
    findings = []
    for match in _ordinals(sentence):
        said = _ordinal(match.group("ord"))
        if said in counted.ordinals or said == 1:
            continue
        act = _other_act(sentence, match)
        if act is not None:
            # "the install was missed for the third time": the times of that act, held to
            # what the records number of it ("the second delay" for "delayed a third
            # time"), never to the count of contacts.
            findings += _act_ordinal(match, said, act, counted)
            continue
        reported = match.group("noun").lower() == "time" and _REPORTED.search(sentence)
        # A contact told with its date ("3rd contact - chatted 9/3") or told as past ("this
        # was his third contact", "on her third call the agent ...") is one of the records'.
        told_past = _dated(sentence) or _TOLD_PAST.search(sentence[: match.start()]) is not None
        # A customer who numbers their contacts beyond the records ("third time I'm calling"
        # in the only record) counts contacts the records do not hold: the number they give
        # (or the call now coming in, one more) is the only one there is.
        beyond = bool(counted.ordinals) and max(counted.ordinals) > counted.contacts
        # "By the second call" of two records numbers the records themselves; one more
        # than their number is the contact under way, unless it is told as past.
        allowed = said <= counted.contacts or (
            said == max(counted.ordinals, default=0) + 1 and not told_past
        )
        if (reported and counted.ordinals) or (beyond and not allowed):
            # What the customer said is in the notes, as a number: it is that number.
            reason = f"the records number the times {_listed(counted.ordinals)}"
        elif not _contact(match, sentence) and said in counted.numbered_any():
            # "the third attempt" where a record numbers a third of something ("3rd showed
            # 'processing'"): a try the records number, not a contact they lack.
            continue
        elif said <= counted.earlier_counted + counted.contacts + 1 and counted.earlier_counted:
            # "i don call una two times already" in the only record: its call is the
            # third, and the one under way may be the fourth.
            continue
        elif said > counted.contacts + 1 or (
            said > counted.contacts
            and _contact(match, sentence)
            # Contacts told of before the records' own may be more, unless the records
            # number them past the first ("2nd time calling - rang 28/04"): their number
            # counts those too. A "1st" may be the earlier one ("1st chat dropped").
            and (not counted.earlier_told or said > max(counted.ordinals, default=said) > 1)
            and (told_past or counted.number_their_last())
        ):
            # The contact under way may be one more than the records hold, never more; a
            # contact told as past is one of theirs, and so is any contact where the
            # records number their own last one ("second time calling" in the second
            # record): their count is settled.
            reason = f"the records hold {counted.contacts} contacts"
        else:
            continue
        findings.append(Finding("count", "contradicted", match.group(0), reason))
    return findings


def _act_ordinal(match: re.Match[str], said: int, act: str, counted: Counted) -> list[Finding]:
    """An ordinal of an act other than a contact, against the records' ordinal of the same
    act ("the second delay"), else of times ("the 2nd time"); an abstention when they give
    neither."""
    known = {
        n for noun, numbers in counted.numbered.items() if _same_act(noun, act) for n in numbers
    }
    if said in known:
        return []
    if known:
        reason = f"the records number it {_listed(known)}"
        return [Finding("count", "contradicted", match.group(0), reason)]
    if counted.ordinals:
        # The records number times of something ("the third time I'm calling"), not of
        # this act by name ("paid the shop a second time"): no clear evidence.
        reason = f"the records number it {_listed(counted.ordinals)}"
        finding = Finding("count", "contradicted", match.group(0), reason)
        return [finding.unsure(_NOT_A_CONTACT)]
    reason = f"no record numbers the times it was {act}"
    return [Finding("count", "unsupported", match.group(0), reason).unsure(_NOT_A_CONTACT)]


_NOT_A_CONTACT = "what is counted is not named a contact"


def _same_act(noun: str, verb: str) -> bool:
    """ "delay" and "delayed", "cancellation" and "cancelled": one act, by their stems'
    first letters."""
    a, b = stem(noun), stem(verb)
    return min(len(a), len(b)) >= 4 and a[:5] == b[:5]


_AFTER_ACT = pattern("ordinal_after_act")
_CONTACT_VERB = pattern("contact_verb_before")
_CONTACTING = frozenset(word_list("contacting_acts"))


def _other_act(sentence: str, match: re.Match[str]) -> str | None:
    """The verb just before a "time" ordinal when it is an act other than getting in touch
    ("missed for the third time"): the times counted are that act's."""
    if match.group("noun").lower() != "time":
        return None
    act = _AFTER_ACT.search(sentence[: match.start()])
    if act is None:
        return None
    verb = act.group("verb").lower()
    if verb in _CONTACTING or _CONTACT_VERB.search(verb + " ") is not None:
        return None
    return verb


def _contact(match: re.Match[str], sentence: str) -> bool:
    """Whether an ordinal numbers a contact ("3rd call", "called for the third time"), not
    a try or a time ("3rd attempt" at a delivery)."""
    noun = match.group("noun").lower()
    if noun == "time":
        return _GETTING_IN_TOUCH.search(sentence[: match.start()]) is not None
    return noun in _CONTACT_NOUNS


_GETTING_IN_TOUCH = pattern("time_of_getting_in_touch")


_CONTACT_NOUNS = frozenset(word_list("contact_nouns"))
_EARLIER_CONTACT = pattern("earlier_contact_told")
# "I chatted with you on 13th": a contact before the records' own, if none is of that day.
_EARLIER_DATED = pattern("earlier_contact_dated")


def tells_of_an_earlier_contact(interactions: Sequence[Interaction]) -> bool:
    """Whether a record tells of a contact before its own ("I already did this chat
    earlier", "called yesterday too.", "I chatted with you on 13th" where no record is of
    the 13th): the customer's count may run past the records'."""
    days = {item.timestamp.day for item in interactions}
    return any(
        _EARLIER_CONTACT.search(item.notes)
        or any(int(m.group("day")) not in days for m in _EARLIER_DATED.finditer(item.notes))
        for item in interactions
    )


def _dated(sentence: str) -> bool:
    """Whether a sentence gives a calendar date: a contact it numbers is a past one."""
    return bool(mentioned_dates(sentence))


def _listed(numbers: set[int]) -> str:
    return " or ".join(str(n) for n in sorted(numbers))
