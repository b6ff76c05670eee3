"""What a negation governs inside one clause: "did not apply the credit" (apply, credit),
"the credit was never applied" (back to its subject), "waiver denied" (a verb said of what
stands before it), "no label was sent" (a subject denied by its determiner).

Pure functions over a clause's tokens; `service.claims.clause` asks them which content
words of a clause are denied.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import takewhile

from service.claims.denied_subjects import (
    ATTRIBUTIVE,
    AUXILIARIES,
    before_dating,
    before_figures,
    excepts,
    failed_a_test,
    gerund_after,
    labelled_as,
    participle,
    qualified_noun,
    quality_denied,
    sum_refused,
    wants_a_thing,
)
from service.claims.tables import tagged, word_list
from service.claims.text import NEGATING_VERBS, NEGATORS, SCOPE_BREAK

# How many content words after a cue its negation reaches: "did not apply the credit"
# (apply, credit), "a missed payment" (payment), "waiver denied" (waiver, before the verb).
NEGATOR_REACH = 3
VERB_REACH = 2
BACKWARD_VERBS = frozenset(word_list("backward_verbs"))
NEGATOR_BACK_REACH = 2
BACKWARD_ONLY = frozenset(word_list("backward_only"))
SEEMING = frozenset(word_list("seeming_verbs"))
ADVERBIAL_NEGATORS = tagged("negators", "adverb")
FORWARD_STOPS = frozenset(word_list("forward_stops"))
_REFUSALS = frozenset(word_list("refusals"))
_INTENT_VERBS = frozenset(word_list("intent_verbs"))
_PHRASE_LINKS = frozenset(word_list("noun_phrase_links"))
_PREDICATE_STARTS = frozenset(word_list("predicate_starts"))
_DETERMINERS = frozenset(word_list("determiners"))


def _reach(
    tokens: list[str],
    indexes: range,
    budget: int,
    is_content: Callable[[str], bool],
    *,
    skip_auxiliaries: bool = False,
    object_only: bool = False,
) -> set[int]:
    """The content tokens a cue reaches along `indexes`, `budget` of them at most.

    `object_only`: a verb's object is one noun phrase: a determiner after a noun found
    ("missed callback the case was escalated") starts another phrase; after an infinitive
    ("failed to apply the credit") or a gerund ("missed triggering the replacement") it
    starts that verb's own object.
    """
    found: set[int] = set()
    for position in indexes:
        token = tokens[position]
        if token in SCOPE_BREAK or budget == 0:
            break
        if token in _INTENT_VERBS and indexes.step > 0:
            # "hadn't meant to sign up": what was meant is denied, not the act after it.
            if is_content(token):
                found.add(position)
            if not wants_a_thing(tokens, position):
                break
            budget -= 1  # "didn't want (a) replacement": the thing not wanted, declined
            continue
        if not skip_auxiliaries and found and token in FORWARD_STOPS:
            break
        if not skip_auxiliaries and found and token in _PREDICATE_STARTS:
            break  # "a store the customer never visited was reversed": the main verb's own
        if object_only and found and token in _DETERMINERS:
            last = max(found)
            # After an infinitive or a gerund ("failed to apply the credit", "missed
            # triggering the replacement") the determiner starts that verb's own object.
            if last == 0 or (tokens[last - 1] != "to" and not _verb_of_its_own(tokens, last - 1)):
                break
        if (
            skip_auxiliaries
            and not found
            and (
                token in AUXILIARIES
                or token in SEEMING
                or (token == "to" and position > 0 and tokens[position - 1] in SEEMING)
            )
        ):
            continue
        if found and _attributive(tokens, position, possessive_only=not skip_auxiliaries):
            continue  # "her checked bag didn't arrive", "did not agree to the buyer's suggested"
        if skip_auxiliaries and found and token.endswith(_POSSESSIVE):
            break  # "Ana's bag didn't arrive": the bag, not Ana
        if is_content(token):
            found.add(position)
            # An amount or a number qualifies the noun after it ("did not accept the
            # $55.00-a-month discount"): it does not use up the reach.
            budget -= token[:1] not in "$0123456789"
        # "refund of the overpayment still not received": back to the head, across "of".
        elif skip_auxiliaries and not (found and token in {"the", "a", "an", "of"}):
            break  # looking back for a subject: a pronoun or a preposition ends the search
    return found


def _attributive(tokens: list[str], position: int, *, possessive_only: bool = False) -> bool:
    """Whether the participle at `position` describes the noun after it, after a determiner
    or a possessive ("the cancelled order", "her checked bag", "Ana's checked bag"): part of
    the subject, not what is denied. `possessive_only`: after a possessive alone, as a
    denial reaching forward reads it ("the buyer's suggested refund"; "declined the offered
    refund" denies the offer)."""
    before = tokens[position - 1] if position > 0 else ""
    return tokens[position].endswith(("ed", "en")) and (
        before.endswith(_POSSESSIVE) or (before in _DETERMINERS and not possessive_only)
    )


_POSSESSIVE = ("'s", "\u2019s", "s'")


HAPPENING = frozenset(word_list("happening"))


_ACTIVE_AUXILIARIES = frozenset(word_list("active_auxiliaries"))


def _active_voice(tokens: list[str], index: int) -> bool:
    """'two visits did not fix it': the subject did something; only what it did is negated.
    'the credit was never applied' and 'refund not issued' are passive: the subject is."""
    position = index - 1
    while position >= 0 and tokens[position] in {"still", "yet", "ever", "even", "actually"}:
        position -= 1
    before = tokens[position] if position >= 0 else ""
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    if after in HAPPENING:
        return False  # "the technician did not show": the visit itself did not happen
    # "remote troubleshooting couldn't fix it": a modal with a verb of its own is active too
    # ("the refund could not be processed" is not).
    return before in {"do", "does", "did"} or (
        before in _ACTIVE_AUXILIARIES and after not in {"been", "be"}
    )


_DENIED_SUBJECT = tagged("negators", "determiner")
_SUBJECT_REACH = 8


def _predicate_of_denied_subject(
    tokens: list[str], index: int, is_content: Callable[[str], bool]
) -> set[int]:
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    if tokens[index] not in _DENIED_SUBJECT and not (
        tokens[index] == "not" and following in ("one", "a", "single")
    ):
        return set()
    for position in range(index + 1, min(len(tokens), index + _SUBJECT_REACH)):
        if tokens[position] in SCOPE_BREAK:
            return set()
        if tokens[position] in AUXILIARIES and position > index + 1:
            verb = position + 1
            while verb < len(tokens) and tokens[verb] in AUXILIARIES:
                verb += 1
            return {verb} if verb < len(tokens) and is_content(tokens[verb]) else set()
    return set()


_GERUNDS = frozenset(word_list("gerund_auxiliaries"))
_AWAITED = tagged("act_nouns", "awaited")
_ABOUT = frozenset(word_list("about"))


def _awaited_head(tokens: list[str], start: int, cue: int) -> set[int]:
    """The awaited thing a negation is said of when the noun before it is only what that
    thing was about: "a callback about the refund that never came", "a promised callback
    about it never came"; nothing otherwise."""
    if start < 0:
        return set()
    relative = start != cue - 1 and tokens[start + 1] in ("that", "which")
    if not relative and start != cue - 1:
        return set()
    position = start
    while (
        position >= max(0, start - 4)
        and tokens[position] not in _ABOUT
        and tokens[position] not in SCOPE_BREAK
    ):
        position -= 1
    head = position - 1
    found = position > 0 and tokens[position] in _ABOUT and tokens[head] in _AWAITED
    return {head} if found else set()


def _comma_before_refusal(tokens: list[str], index: int) -> int | None:
    """The position of the comma before a verb of refusing that has no subject of its own
    (", declined", ", that was refused", ", which was rejected"), or None."""
    if index >= 2 and tokens[index - 1] == ",":
        return index - 1
    subject = {"that", "this", "it", "which"}
    if index >= 4 and tokens[index - 1] in {"was", "were"} and tokens[index - 2] in subject:
        return index - 3 if tokens[index - 3] == "," else None
    return None


def _refused_after_comma(tokens: list[str], index: int, is_content: Callable[[str], bool]) -> bool:
    """Whether a verb of refusing follows a comma with no object of its own (", declined",
    ", declined per policy", ", that was refused by billing")."""
    if _comma_before_refusal(tokens, index) is None:
        return False
    rest = tokens[index + 1 :]
    return not rest or rest[0] in {"per", "by", ",", ";", "."} or not any(map(is_content, rest))


def _elliptical(tokens: list[str], index: int) -> bool:
    """Whether the negation at `index` opens a closing ", not <participle>" with no subject
    of its own ("promised by 13 May, not received")."""
    after = index + 2
    # "offered WCHR, he will check with her, not added": no part with its own subject.
    part = max((i for i in range(index - 1) if tokens[i] == ","), default=-1) + 1
    return (
        index >= 2
        and tokens[part] not in _SUBJECTS
        and tokens[index - 1] == ","
        and after <= len(tokens)
        and tokens[index + 1].endswith(("ed", "en"))
        and (after == len(tokens) or tokens[after] in _ELLIPSIS_ENDS)
    )


_ELLIPSIS_ENDS = frozenset(word_list("ellipsis_ends"))
_SUBJECTS = frozenset(word_list("customer_pronouns")) | {"i", "we", "you"}
_FAILING = frozenset({"failed", "fails", "fail"})
_MISSING = frozenset({"missed", "misses"})
_TRIED = frozenset(word_list("tried_acts"))
_ATTEMPTS = frozenset(word_list("attempt_words"))
_LOCATING = frozenset(word_list("locating_prepositions"))
_DELAYING = frozenset(word_list("delaying_words"))
_PAST_AUXILIARIES = frozenset(word_list("past_auxiliaries"))
_DELAY_REACH = 5  # how far after a negator "until" may stand and say when the act came


def _delays(tokens: list[str], index: int) -> bool:
    """Whether the negator at `index` says only when the act came: "the offset wasn't
    linked till today" tells it was linked today, not that it never was. Only in the past:
    "don't use the oven until the engineer comes" denies using it now."""
    ahead = takewhile(lambda t: t not in SCOPE_BREAK, tokens[index + 1 : index + 1 + _DELAY_REACH])
    return index > 0 and tokens[index - 1] in _PAST_AUXILIARIES and not _DELAYING.isdisjoint(ahead)


def _verb_of_its_own(tokens: list[str], index: int) -> bool:
    """Whether the negator at `index` is followed by a verb in -ing ("shards bought Sat not
    showing", "refund not showing yet"): it denies that verb, not what stands before it."""
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    return len(following) > 4 and following.endswith("ing")


_HEAD_REACH = 5


def _head_before_link(
    tokens: list[str], index: int, is_content: Callable[[str], bool]
) -> int | None:
    """The noun a post-posed refusal is said of when a qualifier stands between them
    ("comp for lost meeting refused": comp), or None when there is no such qualifier."""
    for position in range(index - 1, max(-1, index - 1 - _HEAD_REACH), -1):
        token = tokens[position]
        if token in SCOPE_BREAK:
            return None
        if token in _PHRASE_LINKS:
            before = position - 1
            return before if before >= 0 and is_content(tokens[before]) else None
    return None


def negated_positions(tokens: list[str], is_content: Callable[[str], bool]) -> set[int]:
    """Indexes of the content tokens that a negation cue governs.

    - A negator reaches forward over the next `NEGATOR_REACH` content words ("did not apply
      the credit", "no credit was applied"); "not" and "never" also reach back over
      auxiliaries to their subject ("the credit was never applied").
    - A negating verb reaches forward over `VERB_REACH` words when it acts ("refused the
      credit"), or back when it is said of something before it ("the card was declined",
      "first payment missed").
    Scopes stop at "and", "but", "which"... "no longer" negates a state and is left to the
    status reader.
    """
    negated: set[int] = set()
    for index, token in enumerate(tokens):
        if token == "no" and index + 1 < len(tokens) and tokens[index + 1] == "longer":
            continue
        ahead = range(index + 1, len(tokens))
        behind = range(index - 1, -1, -1)
        if token in NEGATORS and (excepts(tokens, index) or _delays(tokens, index)):
            continue
        if token == "not" and index + 1 < len(tokens) and tokens[index + 1] in _LOCATING:
            # "locker not in the cancel note": where a thing is denied, not an act inside.
            ahead = range(0)
        if token in NEGATORS and index + 2 < len(tokens) and tokens[index + 1] in _GERUNDS:
            # "a complaint about not being told at enrolment passed to the sales team": the
            # negated gerund ends where a past form after it starts the clause's own verb.
            end = next(
                (p for p in range(index + 3, len(tokens)) if participle(tokens[p])), len(tokens)
            )
            ahead = range(index + 1, end)
        if token in NEGATORS:
            if token == "nothing" and index and tokens[index - 1].endswith("ed"):
                # "the fix changed nothing", "the visit achieved nothing": the verb is denied.
                negated |= _reach(tokens, range(index - 1, -1, -1), 1, is_content)
            negated |= _reach(tokens, ahead, NEGATOR_REACH, is_content)
            negated |= _predicate_of_denied_subject(tokens, index, is_content)
            if token in ADVERBIAL_NEGATORS and _elliptical(tokens, index):
                # "supervisor callback promised by 13 May, not received": the verb after the
                # comma is said of what the clause named before it.
                start = before_dating(tokens, index - 2)
                if start > 0 and participle(tokens[start]):
                    start -= 1  # "promised" is the clause's own verb: its subject is denied
                negated |= _reach(tokens, range(start, -1, -1), 1, is_content)
            elif (
                token in ADVERBIAL_NEGATORS
                and not _active_voice(tokens, index)
                and not _verb_of_its_own(tokens, index)
                and not quality_denied(tokens, index)
            ):
                start = before_dating(tokens, index - 1)
                behind = range(start, -1, -1)
                negated |= _reach(
                    tokens, behind, NEGATOR_BACK_REACH, is_content, skip_auxiliaries=True
                )
                negated |= _awaited_head(tokens, start, index)
        elif token in NEGATING_VERBS and _refused_after_comma(tokens, index, is_content):
            # "asked to waive the late fee, declined per policy": what was asked is refused.
            comma = _comma_before_refusal(tokens, index) or index - 1
            negated |= _reach(tokens, range(comma - 1, -1, -1), 3, is_content)
        elif (
            token in _FAILING | _MISSING
            and index
            and (
                tokens[tried := before_figures(tokens, index - 1)] in _TRIED
                or (token in _FAILING and failed_a_test(tokens, index))
            )
        ):
            # "two remote resets failed", "a lock that quality checks missed": tried, to no
            # effect; not left undone. But "cancel attempt 04/03 21:14 failed": the act
            # attempted did not take place.
            if tokens[tried] in _ATTEMPTS and tried and is_content(tokens[tried - 1]):
                negated.add(tried - 1)
            continue
        elif (
            token in ATTRIBUTIVE
            # "missed triggering the replacement": a verb's object, no thing described.
            and not gerund_after(tokens, index)
            and (noun := qualified_noun(tokens, index, is_content))
        ):
            # "missing parts sent by courier": the parts were missing, the sending is done;
            # "a missing overpayment refund": the whole noun it qualifies is missing.
            negated |= noun
        elif token in NEGATING_VERBS:
            previous = tokens[index - 1] if index else ""
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            passive = previous in AUXILIARIES and following != "to"
            # "payment missed" is said of the payment; "visits failed to fix" is not, nor is
            # "tier 2 declined the refund": a verb with its object after it acts on that.
            takes_object = token in _REFUSALS and (
                following in _DETERMINERS or (is_content(following) and previous != "")
            )
            post_posed = (
                token in BACKWARD_VERBS
                and is_content(previous)
                # "advised missed payment cancels ...": a verb before it is not what missed.
                and not (token == "missed" and previous.endswith("ed"))
                and following != "to"
                and not takes_object
                # "the warehouse missed triggering the replacement": the act after it.
                and not _verb_of_its_own(tokens, index)
                and not labelled_as(tokens, index)
            )
            head = _head_before_link(tokens, index, is_content) if post_posed else None
            if head is not None:
                # "refund request for the lamp refused": the compound before the qualifier
                negated |= _reach(
                    tokens, range(head, -1, -1), VERB_REACH, is_content, skip_auxiliaries=True
                )
            elif passive or post_posed:
                # "her request to waive the late fee was declined": back to the act asked for.
                reach = VERB_REACH + 1 if passive else VERB_REACH
                negated |= _reach(tokens, behind, reach, is_content, skip_auxiliaries=True)
            else:
                reached = _reach(tokens, ahead, VERB_REACH, is_content, object_only=True)
                negated |= sum_refused(tokens, index, reached) if token in _REFUSALS else reached
        elif token in BACKWARD_ONLY:
            previous = tokens[index - 1] if index else ""
            if previous in AUXILIARIES or is_content(previous):
                negated |= _reach(tokens, behind, VERB_REACH, is_content, skip_auxiliaries=True)
    return negated
