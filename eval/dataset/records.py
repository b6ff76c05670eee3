"""Renderers of v2 record kinds: IVR menu paths, ASR call transcripts, chat transcripts, e-mail
threads with quoted replies and signatures, SMS exchanges and agent wrap-up notes.

A renderer turns a `Beat` (what the customer and the agent say at one step of the case) into
the text of one record, padded with the talk that surrounds it in real contacts: verification,
holds, small talk, surveys. The padding is what makes a summarizer select rather than copy.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from eval.dataset import hazards
from eval.dataset.topics import Topic
from service.models import MAX_NOTES_CHARS, Channel

# Headroom under the service's per-record limit, so no record is ever refused.
RECORD_CHAR_BUDGET = MAX_NOTES_CHARS - 400

AGENTS = ("Maya", "Tom", "Priya", "Luis", "Grace", "Omar", "Hannah", "Kenji", "Ruth", "Dev")
_CALL_FILLER = (
    ("agent", "can I have the name on the account please"),
    ("customer", "yes it's {name}"),
    ("agent", "and for security can you confirm the first line of the address"),
    ("customer", "hang on let me find it, sorry, it's the one on the letter"),
    ("agent", "thank you that's verified, how's your day going"),
    ("customer", "honestly it's been a long week"),
    ("agent", "I'm just going to pull up your account, bear with me one moment"),
    ("customer", "sure no problem"),
    ("agent", "the system is a bit slow today, thanks for your patience"),
    ("customer", "is it always this slow"),
    ("agent", "I'm going to place you on a brief hold while I check with my team"),
    ("customer", "okay"),
    ("agent", "thank you for holding, sorry that took a while"),
    ("customer", "that's fine I was making a coffee anyway"),
    ("agent", "while I have you, did you know you could go paperless and save a little"),
    ("customer", "maybe another time, I just want this sorted"),
    ("agent", "of course, let me read back what I have so far"),
    ("customer", "go ahead"),
    ("agent", "is the mobile number we have still the best one to reach you"),
    ("customer", "yes that's still right"),
    ("agent", "can you hear me okay, the line is breaking up a bit"),
    ("customer", "you cut out for a second there, can you repeat that"),
    ("agent", "you may get a short survey after this call about how I did today"),
    ("customer", "sure whatever"),
    ("agent", "is there anything else on the account I can help with today"),
    ("customer", "no I think that's everything for now"),
)
_CHAT_FILLER = (
    ("agent", "Thanks for waiting! I'm reading through your account now."),
    ("customer", "ok"),
    ("agent", "Could you confirm the email address on the account for me?"),
    ("customer", "its the usual one"),
    ("agent", "Perfect, that matches. One moment while I check a few things."),
    ("customer", "sure"),
    ("agent", "Are you still with me? I'll close the chat if I don't hear back in 2 minutes."),
    ("customer", "sorry yes still here, had to get the door"),
    ("agent", "No worries at all!"),
    ("customer", "how long will this take"),
    ("agent", "Just a couple more minutes, I'm checking with a colleague."),
    ("customer", "fine"),
    ("agent", "Is there anything else I can help you with today?"),
    ("customer", "no thats it"),
)
_EARLIER = (  # what sits between the customer's first message and the agent's reply
    "From: Customer Care <no-reply@example.net>\nSubject: RE: {subject}\n\nDear customer, "
    "thank you for contacting us. We aim to reply within 2 business days. Please do not reply "
    "to this automated message.\n\nThis e-mail and any attachments are confidential and "
    "intended solely for the addressee. If you received it in error, delete it and notify the "
    "sender.",
    "From: {name} <{email}>\nSubject: RE: {subject}\n\nHello? Just following up on my message "
    "below, I haven't heard anything back yet.\n\n{signature}",
    "From: Customer Care <no-reply@example.net>\nSubject: RE: {subject}\n\nWe have updated "
    "your request. You can check its progress any time in the app under Help > My cases. "
    "Customer satisfaction matters to us: tell us how we did in a two-minute survey.",
)
_AMOUNT = re.compile(r"\$\d[\d,]*(?:\.\d\d)?")
# Unrelated contacts that sit in scope but are no part of the case.
ROUTINE: tuple[tuple[Channel, str, str], ...] = (
    (
        "chat",
        "PasswordReset",
        "[09:12] Customer: locked out of the app again\n[09:13] Virtual assistant: I've sent "
        "a reset link to the address on file.\n[09:15] Customer: got it, in now",
    ),
    (
        "ivr",
        "StoreHours",
        "IVR path: Main menu [1] > Stores [7]\nDTMF: 1,7\nResult: hours played, caller hung up",
    ),
    (
        "sms",
        "BillReady",
        "[OUT 07:02] Your monthly bill is ready in the app. Reply STOP to opt out",
    ),
)
_TAGS = (("AGENT", "CUSTOMER"), ("Agent", "Caller"), ("spk_0", "spk_1"), ("REP", "CX"))


@dataclass
class Beat:
    """One step of a case as said in a contact; lines are plain sentences without end marks."""

    customer: list[str]
    agent: list[str]
    note: str
    done: bool = False
    customer_extra: list[str] = field(default_factory=list)  # PII, injections, side remarks


def ivr(rng: random.Random, topic: Topic, beat: Beat) -> str:
    """An IVR leg before a call: menu path with DTMF keys, what the caller said, the transfer."""
    keys = ["1" if rng.random() < 0.5 else "2"] + [key for key, _ in topic.menu]
    labels = ["Main menu: English" if keys[0] == "1" else "Main menu: account holder"]
    labels += [label for _, label in topic.menu]
    path = " > ".join(f"{label} [{key}]" for label, key in zip(labels, keys, strict=True))
    said = rng.choice((*beat.customer[:1], topic.menu[-1][1].lower(), "agent", "representative"))
    lines = [
        f"IVR path: {path}",
        f"DTMF: {','.join(keys)},*,0",
        f"ANI auth: {'pass' if rng.random() < 0.8 else 'fail, fallback to KBA'}",
        f'Speech input (conf {rng.uniform(0.41, 0.97):.2f}): "{said}"',
        "Result: transferred to agent queue",
    ]
    return "\n".join(lines)


def call_transcript(rng: random.Random, beat: Beat, *, name: str, filler: int, noise: float) -> str:
    """An ASR transcript: timestamped speaker turns, misrecognitions, padding around the beat."""
    agent_tag, customer_tag = rng.choice(_TAGS)
    agent = rng.choice(AGENTS)
    turns: list[tuple[str, str]] = [
        ("agent", f"thank you for calling this is {agent} how can I help you today"),
    ]
    pads = [_CALL_FILLER[i % len(_CALL_FILLER)] for i in range(rng.randrange(8), 8 + filler)]
    head, tail = pads[: len(pads) // 2], pads[len(pads) // 2 :]
    said = [("customer", line) for line in beat.customer]
    said += [("customer", line) for line in beat.customer_extra]
    said += [("agent", line) for line in beat.agent]
    turns += head[:4] + said[: len(beat.customer)] + head[4:] + said[len(beat.customer) :] + tail
    turns.append(("agent", "thanks for calling, have a good rest of your day"))
    seconds = 3
    lines = []
    for speaker, text in turns:
        tag = agent_tag if speaker == "agent" else customer_tag
        words = _AMOUNT.sub(
            lambda m: hazards.amount_words(m.group(0)), text.replace("{name}", name)
        )
        # Lines that carry the case are misheard but never lost to [inaudible].
        spoken = hazards.asr_noise(rng, words, noise, drop=(speaker, text) not in said)
        lines.append(f"[{seconds // 60:02d}:{seconds % 60:02d}] {tag}: {spoken}")
        seconds += rng.randint(4, 40)
    return _fit("\n".join(lines))


def chat(rng: random.Random, beat: Beat, *, filler: int, clock: int) -> str:
    """A chat transcript: bot hand-off, then customer and named agent turns with clock times."""
    agent = rng.choice(AGENTS)
    turns = [("bot", "Hi! I'm the virtual assistant. What can I help you with?")]
    turns += [("customer", line) for line in beat.customer[:1]]
    turns.append(("bot", f"Connecting you to an agent. {agent} has joined the chat."))
    pads = [_CHAT_FILLER[i % len(_CHAT_FILLER)] for i in range(rng.randrange(6), 6 + filler)]
    turns += pads[: len(pads) // 2]
    turns += [("customer", line) for line in beat.customer[1:] + beat.customer_extra]
    turns += [("agent", line) for line in beat.agent]
    turns += pads[len(pads) // 2 :]
    lines = []
    for speaker, text in turns:
        who = {"bot": "Virtual assistant", "customer": "Customer", "agent": f"{agent} (agent)"}
        lines.append(f"[{clock // 3600:02d}:{clock % 3600 // 60:02d}] {who[speaker]}: {text}")
        clock += rng.randint(10, 150)
    return _fit("\n".join(lines))


def email_thread(
    rng: random.Random, beat: Beat, *, name: str, email: str, phone: str, depth: int, subject: str
) -> str:
    """An e-mail thread, newest first, each earlier message quoted one level deeper."""
    agent = rng.choice(AGENTS)
    signature = f"--\n{name}\n{phone}\n{email}"
    support = f"{agent}\nCustomer Care Team\nsupport@example.net | Ref {subject}"
    customer_body = _sentences(beat.customer + beat.customer_extra)
    agent_body = _sentences(beat.agent) if beat.agent else "We have received your message."
    chain = [  # oldest first: the customer's message, auto-acknowledgements, the agent's reply
        f"From: {name} <{email}>\nSubject: {subject}\n\nHi,\n\n{customer_body}\n\nThanks\n"
        f"{signature}",
        *(
            _EARLIER[level % len(_EARLIER)].format(
                name=name, email=email, subject=subject, support=support, signature=signature
            )
            for level in range(depth)
        ),
        f"From: Customer Care <support@example.net>\nSubject: RE: {subject}\n\nHello {name},"
        f"\n\n{agent_body}\n\nKind regards,\n{support}",
    ]
    text = chain[0]
    for message in chain[1:]:
        text = f"{message}\n\n-----Original Message-----\n{_quote(text)}"
    return _fit(text)


def sms(rng: random.Random, beat: Beat, *, clock: int) -> str:
    """An SMS exchange: outbound notifications and the customer's short replies."""
    lines = []
    for text in beat.agent or [beat.note]:
        lines.append(
            f"[OUT {clock // 3600:02d}:{clock % 3600 // 60:02d}] {text}. Reply STOP to opt out"
        )
        clock += rng.randint(60, 90 * 60)
    for text in beat.customer + beat.customer_extra:
        lines.append(f"[IN {clock // 3600:02d}:{clock % 3600 // 60:02d}] {text}")
        clock += rng.randint(60, 30 * 60)
    return "\n".join(lines)


def wrapup(rng: random.Random, beat: Beat, *, rate: float) -> str:
    """An agent's wrap-up note: shorthand, no full stops, the odd typo."""
    parts = [beat.note, *(line for line in beat.customer_extra if "@" not in line)]
    text = "; ".join(parts) + rng.choice((" // verifed ID", " - ID verified", " ID ok", ""))
    return hazards.typos(rng, text, rate)


def _sentences(lines: list[str]) -> str:
    return " ".join(
        line[:1].upper() + line[1:] + ("" if line[-1:] in ".?!`" else ".") for line in lines
    )


def _quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines())


def _fit(text: str) -> str:
    # Long padding is cut at a line boundary rather than letting the service refuse the record.
    if len(text) <= RECORD_CHAR_BUDGET:
        return text
    cut = text[:RECORD_CHAR_BUDGET].rsplit("\n", 1)[0]
    return cut + "\n[transcript truncated by export]"
