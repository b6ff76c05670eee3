"""Structural variations applied on top of a topical history: the cases that test the request
options (truncation, day window, channel filter) and the text hazards (non-ASCII, PII).

Each function edits `story.events` in place; facts planted on events that end up out of scope
drop out of `planted.jsonl` automatically, because planting is per event.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from eval.dataset.story import Event, Story
from service.models import CHANNELS, Channel

ROUTINE: tuple[tuple[Channel, str, str, str], ...] = (
    (
        "ivr",
        "BalanceCheck",
        "Caller checked balance via IVR; paid in full by phone.",
        "self_served",
    ),
    ("sms", "PaymentConfirmation", "Payment received. Thank you!", "info_sent"),
    (
        "chat",
        "PasswordReset",
        "Customer locked out of the app; reset link sent, login OK.",
        "resolved",
    ),
    (
        "agent",
        "PlanQuestion",
        "Asked what the streaming add-on costs; no change made.",
        "info_provided",
    ),
    ("email", "PaperlessBilling", "Customer switched to paperless billing.", "resolved"),
    ("ivr", "StoreHours", "Caller asked for nearest store hours; self-served.", "self_served"),
    (
        "agent",
        "AutopaySetup",
        "Set up autopay on the 1st of the month; confirmation read back.",
        "resolved",
    ),
    ("sms", "OutageNotice", "Planned maintenance tonight 1-4am in your area.", "info_sent"),
)

TRANSLATIONS = {
    "bill": "asks why the bill is higher than expected",
    "broken": "says the service keeps failing",
    "callback": "asks to be called back",
}


def sparse(story: Story) -> None:
    """Keep only the first one or two contacts, as when most channels are not yet in UCDP."""
    del story.events[story.rng.choice((1, 2)) :]


def routine_before(story: Story, count: int) -> None:
    """Prepend `count` unrelated routine contacts, older than the main story."""
    first = story.events[0].interaction.timestamp
    filler = Story(story.rng, story.customer, first - timedelta(days=4 * count + 3), level=0)
    routine = list(ROUTINE)
    story.rng.shuffle(routine)  # cycle through all routine kinds before any repeats
    for index in range(count):
        channel, intent, notes, outcome = routine[index % len(routine)]
        filler.wait(24, 72)
        filler.add(channel, intent, notes, outcome, "neutral" if channel == "agent" else None)
    story.events[:0] = filler.events


def old_matter(story: Story, window_start: datetime, build: Callable[[Story], str]) -> None:
    """Prepend a finished, earlier matter that lies entirely before the day window."""
    start = window_start - timedelta(days=story.rng.randint(20, 200))
    old = Story(story.rng, story.customer, start, level=0)
    build(old)
    story.events[:0] = [e for e in old.events if e.interaction.timestamp < window_start]


def unused_channels(story: Story) -> list[Channel]:
    """Channels the history never uses, in canonical order."""
    used = {event.interaction.channel for event in story.events}
    return [channel for channel in CHANNELS if channel not in used]


def foreign_message(story: Story, kind: str) -> None:
    """The customer writes in their own script; the agent notes a translation."""
    speaker = story.customer.speaker
    if speaker is None:
        return
    line = {"bill": speaker.bill, "broken": speaker.broken, "callback": speaker.callback}[kind]
    story.wait(1, 30)
    channel: Channel = story.rng.choice(("chat", "email"))
    story.add(
        channel,
        "CustomerMessage",
        story.pick(
            f'Customer wrote in {speaker.language}: "{line}" Agent reply in English: customer '
            f"{TRANSLATIONS[kind]}; offered the interpreter line.",
            f"Message from {speaker.name} ({speaker.language}): {line} — translated: customer "
            f"{TRANSLATIONS[kind]}. Case notes updated.",
        ),
        "info_provided",
        "frustrated",
    )
    mention_name(story)


def mention_name(story: Story) -> None:
    """Agents write the customer's name as it is on the account, in whatever script."""
    for index, event in enumerate(story.events):
        if event.interaction.channel == "agent":
            notes = f"Spoke with {story.customer.name}. {event.interaction.notes}"
            story.events[index] = _with_notes(event, notes)
            return


def leak_pii(story: Story, account_number: str, *, heavy: bool) -> list[str]:
    """Put PII into the notes the way it really gets there; returns the strings planted."""
    customer = story.customer
    leaks = [
        (customer.phone, "Callback number given: {value}."),
        (customer.email, "Customer asked to update contact email to {value}."),
        (
            customer.card,
            "Customer {gave} full card number {value} before agent could stop "
            "them; advised never to share card details.",
        ),
        (account_number, "Verified acct {value} by security question."),
    ]
    chosen = story.rng.sample(leaks, k=story.rng.randint(2, 4) if heavy else 1)
    writable = [i for i, e in enumerate(story.events) if e.interaction.channel != "ivr"]
    targets = writable or list(range(len(story.events)))
    for value, template in chosen:
        index = story.rng.choice(targets)
        event = story.events[index]
        spoken = event.interaction.channel == "agent"
        sentence = template.format(value=value, gave="read out" if spoken else "typed the")
        story.events[index] = _with_notes(event, f"{event.interaction.notes} {sentence}".strip())
    return [value for value, _ in chosen]


def _with_notes(event: Event, notes: str) -> Event:
    return Event(event.interaction.model_copy(update={"notes": notes}), event.facts)
