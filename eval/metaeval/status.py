"""Status errors: an open item said to be resolved, a resolved one said to be open, and the
open item left out."""

from __future__ import annotations

import re

from eval.metaeval.cues import OPEN_CUE, RESOLVED_CUE, item_of, sample_status, status_units
from eval.metaeval.phrases import Split
from eval.metaeval.text import (
    Span,
    body_position,
    capitalize,
    drop_span,
    fit_clause,
    insert_sentence,
    replace,
    tidy,
)
from eval.metaeval.variant import FamilyContext, Variant


def open_to_resolved(ctx: FamilyContext) -> Variant | None:
    """Every statement of what is still open restated as resolved (or, when the summary
    says nothing about status and the issue is open, a sentence saying it is resolved)."""
    return _flip(ctx, "open_to_resolved", OPEN_CUE, "open")


# A summary of several matters ("Main issue: ...", "Separately, ..."): a statement that one
# of them is resolved, restated as "the issue is still open", may be true of another.
_SEVERAL_MATTERS = re.compile(
    r"\b(?:main issue|separately|two (?:matters|threads|issues)|another matter)\b", re.I
)
# A matter whose only remaining step is booked ahead ("install still upcoming"): "nothing
# open" and "still open, pending the install" are both fair, so neither is a wrong variant.
_STEP_AHEAD = re.compile(r"\b(?:upcoming|booked|scheduled|still ahead|to come)\b", re.I)


def resolved_to_open(ctx: FamilyContext) -> Variant | None:
    """Every statement that the issue is resolved restated as still open (or, for a
    resolved issue the summary is silent about, a sentence saying it is open).

    Not made where the restated sentence could be true: a summary whose resolved statement
    names no item while it speaks of several matters, or one whose matter waits only on a
    booked step."""
    if _STEP_AHEAD.search(ctx.text):
        return None
    units = status_units(ctx.text, RESOLVED_CUE)
    unnamed = any(item_of(unit.of(ctx.text)) is None for unit in units)
    if unnamed and _SEVERAL_MATTERS.search(ctx.text):
        return None
    return _flip(ctx, "resolved_to_open", RESOLVED_CUE, "resolved")


# What is still to come, however a summary says it: a variant that keeps one of these still
# tells the agent the matter is open ("callback promised by Sep 21", "technician booked").
_STILL_TO_COME = re.compile(
    r"\b(?:booked|scheduled|promised|due|upcoming|expected|to come|awaiting|waiting|dispatched"
    r"|will|pending|open|unresolved|not (?:yet )?(?:fixed|resolved|received|paid|done)|missed"
    r"|no (?:new )?(?:reply|response|update|callback|decision|fix|return|resolution)|chasing"
    r"|escalated|within \d+|up to \d+|under (?:investigation|review)|needs?|must|before any"
    r"|to monitor|(?:issue|problem) back|never (?:arrived|came|happened)|not kept|at risk"
    r"|calling (?:to|about|again))\b",
    re.I,
)


def open_item_omitted(ctx: FamilyContext) -> Variant | None:
    """The sentences and clauses that state what is still open or pending, dropped, and
    with them those that still say something is to come in other words ("technician booked
    for Sep 14"): otherwise the open item would still be told and nothing omitted."""
    units = status_units(ctx.text, OPEN_CUE)
    if not units:
        return None
    spans = {(unit.start, unit.end): unit for unit in units}
    spans.update({(u.start, u.end): u for u in status_units(ctx.text, _STILL_TO_COME)})
    kept = sorted(spans.values(), key=lambda unit: unit.start)
    units = [
        u
        for u in kept
        if not any(o is not u and o.start <= u.start and u.end <= o.end for o in kept)
    ]
    text = _rewrite(ctx.text, units, None)
    if not text.strip() or text == ctx.text or _STILL_TO_COME.search(text):
        return None
    dropped = "; ".join(unit.of(ctx.text).rstrip(".") for unit in units)
    return ctx.variant(text, f"dropped: {dropped}")


def _flip(ctx: FamilyContext, bank: str, cue: re.Pattern[str], truth: str) -> Variant | None:
    units = status_units(ctx.text, cue)
    split = ctx.split()
    if units:
        where = " ".join(unit.of(ctx.text) for unit in units)
        sentence = _sentence(ctx, bank, split, where)
        text = _rewrite(ctx.text, units, sentence)
        change = f"{len(units)} status statement(s) replaced by: {sentence}"
        return ctx.variant(text, change, split=split)
    if sample_status(ctx.sample, ctx.text) != truth:
        return None
    hints = " ".join(f.fact for f in ctx.sample.key_facts if f.kind == "status")
    sentence = _sentence(ctx, bank, split, hints)
    text = insert_sentence(ctx.text, body_position(ctx.text, ctx.rng.randint), sentence)
    return ctx.variant(text, f"added: {sentence}", split=split)


def _sentence(ctx: FamilyContext, bank: str, split: Split, where: str) -> str:
    # "found it still open": the open item is named elsewhere in the summary ("No open
    # items" names none, and the issue is then just "the issue").
    elsewhere = item_of(ctx.text) if bank == "open_to_resolved" else None
    noun, kind = item_of(where) or elsewhere or ("issue", "issue")
    template = ctx.phrases.choice(ctx.rng, bank, split, "sentence")
    done = ctx.rng.choice(ctx.phrases.slot(bank, split, "done")[kind])
    return template.format(item=noun, Item=capitalize(noun), done=done)


def _rewrite(text: str, units: list[Span], sentence: str | None) -> str:
    """The first unit replaced by `sentence` (dropped if None), every other unit dropped."""
    for index in reversed(range(len(units))):
        unit = units[index]
        if index == 0 and sentence is not None:
            text = replace(text, unit, fit_clause(text, unit, sentence))
        else:
            text = drop_span(text, unit)
    return tidy(text)
