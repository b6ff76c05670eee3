"""Mechanical fact errors: a wrong amount, a shifted date, a wrong count, a swapped id or
product. Each keeps the summary's own format and avoids values the records hold."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from decimal import Decimal

from eval.metaeval.dates import DateMention, calendar_date, find_dates, format_date
from eval.metaeval.records import amounts, record_dates, record_text, text_dates
from eval.metaeval.text import same_case
from eval.metaeval.variant import FamilyContext, Variant
from service.claims import AMOUNT, COUNT_WORDS, TICKET, parse_amount

NUMBER_WORDS = {value: word for word, value in COUNT_WORDS.items() if word not in ("once", "twice")}
COUNTED = (
    r"times|contacts|interactions|calls|chats|e-?mails|messages|texts|payments|instalments"
    r"|installments|visits|attempts|chat messages"
)
COUNT_EXPR = re.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    rf"((?:separate|prior|previous|recent|more|further|agent|IVR|phone|recent)\s+)?({COUNTED})\b"
    r"|\b(twice)\b|\b(\d{1,2})\s?x\s?(?=[$€£]\d)",
    re.IGNORECASE,
)
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh")
ORDINAL_EXPR = re.compile(r"\b(second|third|fourth|fifth|sixth)\s+(contact|call|time)\b", re.I)
DATE_OFFSETS = (-14, -7, -5, -4, -3, -2, 2, 3, 4, 5, 7, 10, 14)
# Interchangeable names: swapping inside a group is a synonym, across groups (of the same
# class: devices, charges, fees) an error.
PRODUCT_CLASSES = (
    (
        ("modem", "router", "gateway"),
        ("set-top box", "cable box"),
        ("DVR",),
        ("wifi extender", "Wi-Fi extender"),
    ),
    (
        ("pay-per-view",),
        ("premium channel",),
        ("international roaming",),
        ("data overage",),
        ("equipment rental",),
    ),
    (("installation fee",), ("late fee",), ("non-return fee",), ("move fee", "transfer fee")),
)
SPEEDS = ("300 Mbps", "500 Mbps", "1 Gbps", "200 Mbps", "940 Mbps")


def wrong_amount(ctx: FamilyContext) -> Variant | None:
    """A stated amount changed everywhere it occurs (digits swapped or scaled), format kept."""
    matches = list(AMOUNT.finditer(ctx.text))
    values = sorted({v for m in matches if (v := parse_amount(m.group(1) or m.group(2)))})
    if not values:
        return None
    known = amounts(record_text(ctx.interactions)) | amounts(ctx.text)
    target = ctx.rng.choice(values)
    new = _other_amount(target, ctx.rng, known)
    if new is None:
        return None
    text, before, after = ctx.text, "", ""
    for match in reversed(matches):
        group = 1 if match.group(1) else 2
        if parse_amount(match.group(group)) != target:
            continue
        before = match.group(group)
        after = _format_like(before, new)
        text = text[: match.start(group)] + after + text[match.end(group) :]
    return ctx.variant(text, f"amount {before} changed to {after}")


def _other_amount(value: Decimal, rng: random.Random, known: set[Decimal]) -> Decimal | None:
    cents = value != value.to_integral_value()
    for _ in range(30):
        strategy = rng.choice(("swap", "scale", "shift"))
        if strategy == "swap":
            digits = list(f"{value:.2f}".replace(".", ""))
            spots = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1]]
            if not spots:
                continue
            i = rng.choice(spots)
            digits[i], digits[i + 1] = digits[i + 1], digits[i]
            candidate = Decimal("".join(digits)) / 100
        elif strategy == "scale":
            candidate = value * Decimal(rng.choice(("0.5", "0.6", "0.75", "1.25", "1.5", "2", "3")))
        else:
            candidate = value + rng.choice((-20, -10, -5, 5, 10, 15, 20, 40))
        candidate = candidate.quantize(Decimal("0.01") if cents else Decimal("1"))
        if candidate > 0 and candidate not in known and candidate.quantize(Decimal("1")) > 0:
            return candidate.quantize(Decimal("0.01"))
    return None


def _format_like(original: str, value: Decimal) -> str:
    decimals = len(original.split(".")[1]) if "." in original else 0
    text = f"{value:,.{decimals}f}" if "," in original else f"{value:.{decimals}f}"
    return text


def shifted_date(ctx: FamilyContext) -> Variant | None:
    """A stated date moved by a few days or weeks, in the summary's own format."""
    mentions = [m for m in find_dates(ctx.text) if not m.in_range]
    # A slash date that reads both ways ("10/06") is shifted only when nothing else is there.
    mentions = [m for m in mentions if not m.ambiguous] or mentions
    if not mentions:
        return None
    as_of = ctx.sample.options.as_of.date()
    known = record_dates(ctx.interactions) | text_dates(ctx.text)
    target = ctx.rng.choice(mentions)
    when = calendar_date(target.month, target.day, as_of)
    if when is None:
        return None
    offsets = list(DATE_OFFSETS)
    ctx.rng.shuffle(offsets)
    moved = next(
        (d for o in offsets if not _readings(d := when + timedelta(days=o), target) & known),
        None,
    )
    if moved is None:
        return None
    text = ctx.text
    for mention in reversed(mentions):
        if (mention.month, mention.day) == (target.month, target.day):
            new = format_date(moved, mention.style)
            text = text[: mention.start] + new + text[mention.end :]
    change = f"date {target.surface} moved to {format_date(moved, target.style)}"
    return ctx.variant(text, change)


def _readings(when: date, mention: DateMention) -> set[tuple[int, int]]:
    """How a reader may read `when` written like `mention` (both ways for a slash date)."""
    readings = {(when.month, when.day)}
    if mention.style.order == "slash" and when.day <= 12:
        readings.add((when.day, when.month))
    return readings


def wrong_count(ctx: FamilyContext) -> Variant | None:
    """A stated count raised or lowered ("3 times" -> "5 times", "twice" -> "four times")."""
    found = [(m, "count") for m in count_matches(ctx.text)]
    found += [(m, "ordinal") for m in ORDINAL_EXPR.finditer(ctx.text)]
    if not found:
        return None
    match, kind = ctx.rng.choice(found)
    if kind == "ordinal":
        old = ORDINALS.index(match.group(1).lower()) + 1
        new_n = _other_count(old, ctx.rng)
        start, end = match.span(1)
        word = same_case(match.group(1), ORDINALS[min(new_n, len(ORDINALS)) - 1])
        new = word
    elif match.group(4):  # "twice"
        wrong = _contact_count(ctx, 2) if _counts_contacts(ctx.text, match) else None
        new_n = wrong or ctx.rng.choice((3, 4))
        start, end = match.span(4)
        new = same_case(match.group(4), f"{NUMBER_WORDS[new_n]} times")
    else:
        group = 1 if match.group(1) else 5
        token = match.group(group)
        old = int(token) if token.isdigit() else COUNT_WORDS[token.lower()]
        wrong = _contact_count(ctx, old) if _counts_contacts(ctx.text, match) else None
        new_n = wrong or _other_count(old, ctx.rng)
        start, end = match.span(group)
        new = str(new_n) if token.isdigit() else same_case(token, NUMBER_WORDS[new_n])
    text = ctx.text[:start] + new + ctx.text[end:]
    return ctx.variant(text, f"count {ctx.text[start:end]!r} changed to {new!r}")


def count_matches(text: str) -> list[re.Match[str]]:
    """Counts in `text`, except a date's day before a noun ("the Nov 10 contacts")."""
    spans = [(m.start, m.end) for m in find_dates(text)]
    return [
        match
        for match in COUNT_EXPR.finditer(text)
        if not any(start < match.end() and match.start() < end for start, end in spans)
    ]


# A total of the customer's contacts: "contacted us 3 times", "4 interactions", "twice".
_CONTACT_TOTAL = re.compile(r"\b(?:contact|reach|touch|interaction|called|wrote|emailed)", re.I)
_PERSON_CHANNELS = frozenset({"agent", "chat", "email"})


def _counts_contacts(text: str, match: re.Match[str]) -> bool:
    noun = (match.group(3) or "").lower()
    if not match.group(4) and noun not in ("times", "contacts", "interactions"):
        return False
    sentence_start = max(text.rfind(". ", 0, match.start()), 0)
    return _CONTACT_TOTAL.search(text[sentence_start : match.end()]) is not None


def _contact_count(ctx: FamilyContext, old: int) -> int | None:
    """A number of contacts no reading of the records allows, near `old`: more than the
    records in scope, or fewer than the agent calls, chats and e-mails among them alone.
    (One more or one fewer than every record is often still a fair count: an IVR leg
    handed to an agent is part of that call, a notice the company sent is no contact.)"""
    records = {(item.channel, item.notes.strip()) for item in ctx.interactions}
    most = len(records)
    fewest = sum(channel in _PERSON_CHANNELS for channel, _ in records)
    choices = [n for n in (most + 1, most + 2, fewest - 1, fewest - 2) if 1 <= n <= 12]
    choices = [n for n in choices if n != old]
    return ctx.rng.choice(choices) if choices else None


def _other_count(old: int, rng: random.Random) -> int:
    choices = [n for n in (old - 1, old + 1, old + 2, old + 3) if 2 <= n <= 12 and n != old]
    return rng.choice(choices)


def entity_swap(ctx: FamilyContext) -> Variant | None:
    """Another ticket/case id of the same shape, or another product, plan or charge."""
    records = record_text(ctx.interactions)
    options: list[tuple[str, str]] = []
    for ticket in dict.fromkeys(TICKET.findall(ctx.text)):
        options += [(ticket, new)] * 2 if (new := _other_id(ticket, ctx.rng, records)) else []
    for groups in PRODUCT_CLASSES:
        for group in groups:
            for name in group:
                if re.search(rf"\b{re.escape(name)}\b", ctx.text, re.I):
                    others = [g[0] for g in groups if g is not group]
                    options.append((name, ctx.rng.choice(others)))
    for speed in SPEEDS:
        if speed in ctx.text:
            options.append((speed, ctx.rng.choice([s for s in SPEEDS if s != speed])))
    if not options:
        return None
    old, new = ctx.rng.choice(options)
    pattern = re.compile(rf"\b{re.escape(old)}\b", re.I)
    text = pattern.sub(lambda m: new if new.isupper() else same_case(m.group(0), new), ctx.text)
    return ctx.variant(text, f"{old} replaced by {new}")


def _other_id(ticket: str, rng: random.Random, records: str) -> str | None:
    prefix, number = ticket.split("-", 1)
    for _ in range(20):
        digits = list(number)
        if rng.random() < 0.5 and len(set(digits)) > 1:
            spots = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1]]
            i = rng.choice(spots)
            digits[i], digits[i + 1] = digits[i + 1], digits[i]
        else:
            i = rng.randrange(len(digits))
            digits[i] = rng.choice([d for d in "0123456789" if d != digits[i]])
        candidate = f"{prefix}-{''.join(digits)}"
        if candidate not in records and candidate != ticket:
            return candidate
    return None
