"""Meaning-preserving controls: synonyms, sentence order, label wording, contractions.

Each keeps every fact, status, polarity and sentiment of the summary; a good check must
not flag them. (Date and number formats are in `formats.py`; the ignored injection is in
`injection.py`.)
"""

from __future__ import annotations

import re

from eval.metaeval.cues import OPEN_CUE, RESOLVED_CUE
from eval.metaeval.text import SENTIMENT_LABEL, Span, capitalize, replace, same_case, sentences
from eval.metaeval.variant import FamilyContext, Variant

# (pattern, replacement): each keeps the meaning in the contexts its pattern allows.
SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"\bcontacted us\b", "reached out to us"),
    (r"\breached out to us\b", "contacted us"),
    (r"\bcalled\b", "phoned"),
    (r"\btechnician\b", "engineer"),
    (r"\bbooked\b", "scheduled"),
    (r"\bscheduled\b", "booked"),
    (r"\brequested\b", "asked for"),
    (r"\basked for\b", "requested"),
    (r"\bwants to\b", "would like to"),
    (r"\babout (?=the |their |his |her |a (?!couple)|an (?!hour))", "regarding "),
    (r"(?<!to )(?<!will )(?<!would )\bissue\b", "problem"),
    (r"\bproblem\b", "issue"),
    (r"\bsaid\b", "stated"),
    (r"\b(was|were) told\b", r"\1 informed"),
    (r"\bwarned(?= (?:not|never|them|the customer|him|her)\b)", "cautioned"),
    (r"\bcancelled\b", "canceled"),
    (r"\bstill unresolved\b", "still not resolved"),
    (r"\bpromised (?=a |an )", "committed to "),
    (r"\bbecause\b", "since"),
    (r"\bchased (?=it |the )", "followed up on "),
    (r"\bagain\b", "once more"),
    (r"\bIVR\b", "automated phone menu"),
    (r"\bnext statement\b", "next bill"),
    (r"\bsubmitted\b", "put in"),
    (r"\bwifi\b", "Wi-Fi"),
)
CONTRACTIONS: tuple[tuple[str, str], ...] = (
    ("did not", "didn't"),
    ("does not", "doesn't"),
    ("do not", "don't"),
    ("is not", "isn't"),
    ("are not", "aren't"),
    ("was not", "wasn't"),
    ("were not", "weren't"),
    ("has not", "hasn't"),
    ("have not", "haven't"),
    ("had not", "hadn't"),
    ("could not", "couldn't"),
    ("would not", "wouldn't"),
    ("should not", "shouldn't"),
    ("will not", "won't"),
    ("cannot", "can't"),
    ("it is", "it's"),
    ("they are", "they're"),
    ("they have", "they've"),
    ("that is", "that's"),
    ("there is", "there's"),
)
DEPENDENT_START = re.compile(
    r"^(?:they|he|she|it|its|this|that|these|those|then|later|after|afterwards|also|separately"
    r"|despite|however|but|and|so|still|again|meanwhile|next|finally|there|their|his|her|both"
    r"|the same|same|follow-up|second|third|agent|customer:|cust:|outcome|re:)\b",
    re.IGNORECASE,
)
LABEL_TEMPLATES = (
    "Mood: {v}.",
    "Current mood: {v}.",
    "Sentiment at last contact: {v}.",
    "Customer mood: {v}.",
    "How they feel: {v}.",
)
ADJECTIVE_TEMPLATES = ("The customer is {v}.", "The customer seems {v}.")
SINGLE_WORD_TEMPLATES = ("They sound {v}.", "Customer is {v}.")
STATED = re.compile(r"^(?:The )?(?:customer|caller) (?:is|seems|sounds) ([\w ,-]+)\.$", re.I)


def synonyms(ctx: FamilyContext) -> Variant | None:
    """Two to four words or phrases swapped for synonyms that keep the facts."""
    usable = [(p, r) for p, r in SYNONYMS if re.search(p, ctx.text)]
    if not usable:
        return None
    ctx.rng.shuffle(usable)
    chosen = usable[: ctx.rng.randint(2, 4)]
    edits: list[tuple[Span, str]] = []
    for pattern, replacement in chosen:
        for match in re.finditer(pattern, ctx.text):
            span = Span(match.start(), match.end())
            if all(span.end <= s.start or s.end <= span.start for s, _ in edits):
                edits.append((span, _cased(ctx.text, match, match.expand(replacement))))
    text = ctx.text
    for span, new in sorted(edits, key=lambda edit: edit[0].start, reverse=True):
        text = replace(text, span, new)
    swaps = ", ".join(
        f"{p.removeprefix(chr(92) + 'b').removesuffix(chr(92) + 'b')} -> {r}" for p, r in chosen
    )
    return ctx.variant(text, f"synonyms: {swaps}")


def _cased(text: str, match: re.Match[str], new: str) -> str:
    """`new` capitalised like the words it replaces; an acronym ("IVR" -> "automated phone
    menu") is capitalised only where a sentence starts."""
    before = text[: match.start()].rstrip()
    starts = not before or before.endswith((".", "!", "?", ":"))
    old = match.group(0)
    return capitalize(new) if old[0].isupper() and (starts or not old.isupper()) else new


def reordering(ctx: FamilyContext) -> Variant | None:
    """The sentiment label moved to the front, or two self-contained sentences swapped."""
    parts = sentences(ctx.text)
    options: list[tuple[int, int]] = []
    label = next((i for i, s in enumerate(parts) if SENTIMENT_LABEL.match(s)), None)
    if label:
        options.append((label, 0))
    for i in range(1, len(parts) - 1):
        if _self_contained(parts[i]) and _self_contained(parts[i + 1]):
            options.append((i, i + 1))
    if not options:
        return None
    first, second = ctx.rng.choice(options)
    if second == 0:
        moved = [parts[first], *parts[:first], *parts[first + 1 :]]
        change = "sentiment sentence moved to the front"
    else:
        moved = [*parts[:first], parts[second], parts[first], *parts[second + 1 :]]
        change = f"sentences {first + 1} and {second + 1} swapped"
    return ctx.variant(" ".join(moved), change)


def _self_contained(sentence: str) -> bool:
    short_status = len(sentence.split()) < 7 and (
        OPEN_CUE.search(sentence) or RESOLVED_CUE.search(sentence)
    )
    return not (
        DEPENDENT_START.match(sentence)
        or SENTIMENT_LABEL.match(sentence)
        or short_status
        or len(sentence.split()) < 5
    )


def label_wording(ctx: FamilyContext) -> Variant | None:
    """The sentiment said another accurate way ("Customer sentiment: frustrated." ->
    "The customer is frustrated." / "Mood: frustrated."), or the reverse."""
    parts = sentences(ctx.text)
    for index, sentence in enumerate(parts):
        label = SENTIMENT_LABEL.match(sentence)
        stated = STATED.match(sentence)
        if label:
            value = sentence[label.end() :].rstrip(". ")
            templates = list(LABEL_TEMPLATES)
            if re.match(r"^[a-z]+(?: about [\w ]+)?$", value):
                templates += ADJECTIVE_TEMPLATES
            if re.fullmatch(r"[a-z]+", value):
                templates += SINGLE_WORD_TEMPLATES
        elif stated:
            value, templates = stated.group(1), ["Customer sentiment: {v}."]
        else:
            continue
        new = ctx.rng.choice(templates).format(v=value)
        rest = [*parts[:index], new, *parts[index + 1 :]]
        return ctx.variant(" ".join(rest), f"{sentence!r} -> {new!r}")
    return None


def contractions(ctx: FamilyContext) -> Variant | None:
    """ "did not" <-> "didn't" and the like, every occurrence, one direction."""
    expanded = [(long, short) for long, short in CONTRACTIONS if _find(long, ctx.text)]
    contracted = [(short, long) for long, short in CONTRACTIONS if _find(short, ctx.text)]
    directions = [d for d in (expanded, contracted) if d]
    if not directions:
        return None
    pairs = ctx.rng.choice(directions)
    text = ctx.text
    for old, new in pairs:
        text = re.sub(
            rf"(?<![\w']){re.escape(old)}(?![\w'])",
            lambda m, new=new: same_case(m.group(0), new),  # type: ignore[misc]
            text,
            flags=re.IGNORECASE,
        )
    return ctx.variant(text, "contractions: " + ", ".join(f"{a} -> {b}" for a, b in pairs))


def _find(phrase: str, text: str) -> bool:
    return re.search(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", text, re.IGNORECASE) is not None
