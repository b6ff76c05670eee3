"""Errors of tone and shape: sentiment flipped, a promise invented, filler added, the text
cut short, another customer's summary."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

from eval.metaeval.cues import final_polarity, sentiment_sentence
from eval.metaeval.dates import DateStyle, format_date, summary_style
from eval.metaeval.records import amounts, mentions_any, record_dates, record_text, text_dates
from eval.metaeval.text import SENTIMENT_LABEL, body_position, insert_sentence, replace, sentences
from eval.metaeval.variant import FamilyContext, Variant
from service.summarizer import NO_INTERACTIONS

# What each kind of promise looks like in records: a kind the records mention is not
# "invented" if added, so only absent kinds are used.
PROMISE_CUES = {
    "callback": r"call ?back|ring .{0,20}back|phone .{0,20}back",
    "credit": r"credit",
    "refund": r"refund|reimburs|money back",
    "technician": r"technician|engineer|visit|field service",
    "replacement": r"replacement|ship|courier|hotspot|new (?:modem|router)",
    "waiver": r"waive",
    "discount": r"discount|\boff\b",
}
# Promises a model would plausibly invent for each topic (others only when none applies).
LIKELY_PROMISES = {
    "billing_dispute": ("callback", "credit", "refund", "waiver"),
    "outage": ("credit", "technician", "callback"),
    "move_transfer": ("waiver", "technician", "callback"),
    "payment_arrangement": ("waiver", "callback", "credit"),
    "device_return": ("refund", "waiver", "callback", "replacement"),
    "fraud": ("refund", "credit", "callback"),
    "cancellation_threat": ("discount", "callback", "credit"),
    "tech_troubleshooting": ("technician", "replacement", "callback", "credit"),
    "repeat_contact": ("callback", "refund", "credit"),
    "escalation_pending": ("callback", "credit", "refund"),
}
ROUND_AMOUNTS = (15, 20, 25, 30, 35, 40, 45, 50, 60, 75, 100, 120, 150)


def sentiment_flipped(ctx: FamilyContext) -> Variant | None:
    """The customer's last sentiment stated as its opposite (neutral becomes angry)."""
    truth = final_polarity(ctx.interactions, ctx.text)
    if truth is None:
        return None
    target = "positive" if truth == "negative" else "negative"
    split = ctx.split()
    span = sentiment_sentence(ctx.text)
    label = SENTIMENT_LABEL.match(span.of(ctx.text)) if span else None
    if label and ctx.rng.random() < 0.5:
        word = ctx.phrases.choice(ctx.rng, "sentiment_flipped", split, f"{target}_words")
        new = f"{label.group(0)}{word}."
    else:
        new = ctx.phrases.choice(ctx.rng, "sentiment_flipped", split, f"{target}_sentences")
    if span is None:
        text = insert_sentence(ctx.text, len(sentences(ctx.text)), new)
        return ctx.variant(text, f"added ({truth} customer): {new}", split=split)
    text = replace(ctx.text, span, new)
    return ctx.variant(text, f"{span.of(ctx.text)!r} -> {new!r}", split=split)


def invented_promise(ctx: FamilyContext) -> Variant | None:
    """A promise (callback, credit, refund, visit...) with a date that no record supports."""
    if not ctx.interactions:
        return None
    seen = record_text(ctx.interactions) + "\n" + ctx.text
    split = ctx.split()
    entries = [
        entry
        for entry in ctx.phrases.slot("invented_promise", split, "promises")
        if not mentions_any(seen, PROMISE_CUES[entry["kind"]])
    ]
    likely = LIKELY_PROMISES.get(str(ctx.sample.tags.get("topic")), ())
    entries = [entry for entry in entries if entry["kind"] in likely] or entries
    if not entries:
        return None
    entry = ctx.rng.choice(entries)
    sentence = str(entry["text"]).format(
        date=_future_date(ctx), amount=_new_amount(ctx), days=ctx.rng.choice((3, 5, 7, 10))
    )
    text = insert_sentence(ctx.text, body_position(ctx.text, ctx.rng.randint), sentence)
    return ctx.variant(text, f"added {entry['kind']} promise: {sentence}", split=split)


def _future_date(ctx: FamilyContext) -> str:
    as_of = ctx.sample.options.as_of.date()
    taken = record_dates(ctx.interactions) | text_dates(ctx.text)
    days = list(range(2, 15))
    ctx.rng.shuffle(days)
    when = next(
        (d for n in days if ((d := as_of + timedelta(days=n)).month, d.day) not in taken),
        as_of + timedelta(days=days[0]),
    )
    style = summary_style(ctx.text)
    return format_date(when, style if style.order != "iso" else DateStyle("month_day"))


def _new_amount(ctx: FamilyContext) -> str:
    taken = amounts(record_text(ctx.interactions)) | amounts(ctx.text)
    free = [n for n in ROUND_AMOUNTS if Decimal(n).quantize(Decimal("0.01")) not in taken]
    value = ctx.rng.choice(free or [35])
    cents = re.search(r"[$€£]\d[\d,]*\.\d\d\b", ctx.text) is not None
    return f"${value:.2f}" if cents else f"${value}"


def padding(ctx: FamilyContext) -> Variant | None:
    """One to three generic sentences that add no fact, at the start, middle or end.

    Not for a summary of no history: "the customer has had several interactions" would be
    a false statement there, not filler.
    """
    if not ctx.interactions:
        return None
    split = ctx.split()
    bank = list(ctx.phrases.strings("padding", split, "filler"))
    ctx.rng.shuffle(bank)
    filler = bank[: ctx.rng.choice((1, 2, 2, 3))]
    text = ctx.text
    for sentence in filler:
        text = insert_sentence(text, ctx.rng.randint(0, len(sentences(text))), sentence)
    return ctx.variant(text, "added filler: " + " ".join(filler), split=split)


def truncation(ctx: FamilyContext) -> Variant | None:
    """The text cut mid-sentence (sometimes mid-word), as a token limit cuts it."""
    text = ctx.text.rstrip()
    if len(text.split()) < 8:
        return None
    low, high = int(len(text) * 0.45), int(len(text) * 0.85)
    if ctx.rng.random() < 0.3:  # inside a word of five letters or more
        cuts = [m.start() + 3 for m in re.finditer(r"\b\w{5,}", text) if low <= m.start() < high]
    else:  # after a word that does not end a sentence
        spaces = re.finditer(r"(?<=[\w,;:)$%])\s", text)
        cuts = [m.start() for m in spaces if low <= m.start() < high]
    if not cuts:
        return None
    cut = ctx.rng.choice(cuts)
    kept = text[:cut].rstrip()
    return ctx.variant(kept, f"cut after {len(kept)} of {len(text)} characters")


def wrong_customer(ctx: FamilyContext) -> Variant | None:
    """Another sample's summary from the same source, of the same topic when there is one."""
    topic = str(ctx.sample.tags.get("topic") or ctx.sample.tags.get("scenario") or "")
    pool = [
        other
        for other in ctx.others
        if other.text.strip() != ctx.text.strip() and NO_INTERACTIONS not in other.text
    ]
    same = [other for other in pool if topic and other.topic == topic]
    if not (same or pool):
        return None
    other = ctx.rng.choice(same or pool)
    how = "same topic" if same else "another topic"
    return ctx.variant(other.text, f"summary of {other.sample_id} ({how})")
