"""Acts and promises: is what the summary says was done (or not, or promised) what the records say?

A summary clause is compared with every record clause that talks about the same act: they
share two content words, or one word that names an act on its own ("credit", "callback").
Among the closest such record clauses:

- all of them state the act with the opposite polarity ("credit applied" against "credit
  never applied") -> contradicted (negated_action);
- the summary states it as carried out ("the credit was applied") while the records only
  promise or request it and never state it done -> contradicted (status: done vs pending);
- the summary promises an act no record mentions -> unsupported (promise).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from service.claims.act_vocabulary import MODE_STEMS, STATUS_STEMS, SYNONYMS
from service.claims.attributes import attributive, described
from service.claims.clause import ACT_NOUNS, Clause, canonical, read_clause
from service.claims.commitments import commits
from service.claims.course import (
    TURNS,
    hedged,
    labelled,
)
from service.claims.denied_promises import PROMISING, denied_promise
from service.claims.done_ahead import told_done_ahead
from service.claims.evidence import Evidence
from service.claims.mentions import money_amounts, priced_amounts
from service.claims.promises import another_things, awaited, check_promise, told_to_come
from service.claims.records import RecordFacts
from service.claims.tables import pattern, tagged, word_list
from service.claims.text import normalize, stem
from service.claims.turns import denies_only_more, refused_by_doer, told_done_by_doer
from service.claims.types import Finding
from service.claims.unbacked_acts import invented_act, only_pending


def _key(clause: Clause) -> frozenset[str]:
    return clause.key


Match = tuple[RecordFacts, Clause, frozenset[str]]
FOLDED_ACTS = frozenset(SYNONYMS.values())
GENERIC_ACTS = frozenset(canonical(word) for word in word_list("generic_acts"))
FINISHING = frozenset(canonical(word) for word in tagged("settling", "finishes"))


@lru_cache(maxsize=65536)
def _amounts(text: str) -> frozenset[Decimal]:
    return frozenset(money_amounts(text))


def _matches(clause: Clause, evidence: Evidence) -> list[Match]:
    """(record, record clause, shared stems) for record clauses about the same things; a
    record clause naming other sums than the clause's is about another thing ("declined
    the $15 discount" is not "$30 discount applied")."""
    key = _key(clause)
    sums = _amounts(clause.text) if "$" in clause.text else frozenset()
    found = []
    # Every kind of match below shares a stem: only those record clauses, in record order.
    near = sorted({n for stem in key for n in evidence.clause_index.get(stem, ())})
    for record, other in (evidence.record_clauses[n] for n in near):
        other_key = _key(other)
        same_sum = False
        if sums and "$" in other.text:
            same_sum = bool(sums & _amounts(other.text))
            if not same_sum:
                continue
        shared = key & other_key
        # "Customer accepted.": a bare act, its object in the sentence before.
        bare = bool(shared) and shared == other_key and shared <= other.acts
        # "The agent did not lock the account" ("account" is no content word): the
        # clause is its act alone, met by a record clause doing that act.
        # A folded act ("raised" as "filed") is too broad to stand alone.
        only_act = (
            bool(shared)
            and shared == key
            and shared <= clause.acts & other.acts
            and not shared & FOLDED_ACTS
            and not shared <= GENERIC_ACTS
        )
        # The same sum is a word in common: "the $39 was not applied" against "credit of
        # $39 applied to the account".
        if len(shared) >= 2 or shared & ACT_NOUNS or bare or only_act or (same_sum and shared):
            found.append((record, other, shared))
    return found


def _same_mode(
    act: str, mode: str, matches: list[Match], key: frozenset[str] = frozenset()
) -> list[Match]:
    """Record clauses that state `act` in `mode` (a report, a promise, a request); `key`:
    the summary clause's own words, which the act may be all of."""
    return [
        m
        for m in matches
        if act in m[2]
        # "Executive relations acknowledged, reply promised": the act itself is reported
        # done whatever else the record clause promises.
        and (m[1].mode == mode or (mode == "done" and act in m[1].past_acts))
        and m[1].asserts
        and not m[1].conditional
        and act in m[1].acts
        and (act in ACT_NOUNS or len(m[2]) >= 2 or m[2] == _key(m[1]) or m[2] == key)
    ]


def _opposite_act(clause: Clause, matches: list[Match]) -> tuple[str, list[Match]] | None:
    """An act the clause states with one polarity and the closest records only with the
    other ("did not apply the credit" against "applied the credit").

    Only clauses of the same mode are compared: a report of what happened is not denied by
    a promise ("no callback came" against "a callback was promised").
    """
    if not clause.asserts or clause.conditional:
        return None
    halted = clause.negated & FINISHING
    acts = clause.acts & halted if halted else clause.acts
    for act in sorted(acts - STATUS_STEMS - MODE_STEMS - clause.mixed - described(clause)):
        if act in clause.negated and _key(clause) == {act} and "yet" in clause.tokens:
            continue  # "not yet received" names no thing: any record's "received" is another
        past_denial = bool(clause.past_acts & clause.negated)
        # "Callback due Mar 5, not received": the promise stands, its keeping is denied;
        # that is a report, compared with the records' reports.
        kept_denied = (
            clause.mode in ("promise", "offer")
            and act in clause.negated
            and past_denial
            and not clause.negated & PROMISING
        )
        about = _same_mode(act, "done" if kept_denied else clause.mode, matches, _key(clause))
        if (
            not about
            and clause.mode != "done"
            and (act in clause.past_acts or (past_denial and act in ACT_NOUNS))
        ):
            # "never escalated ..., with a callback promised", "suggested a reboot and didn't
            # switch the devices": the act itself is a report of the past, compared with
            # reports whatever else the clause promises or suggests. So is the thing a past
            # refusal names: "declined to offer any discount" against "discount applied".
            about = _same_mode(act, "done", matches, _key(clause))
        if not about and clause.mode == "done" and act not in clause.negated:
            # "tried to pay by card, payment declined twice": an attempt that failed reports
            # the act not done.
            tried = _same_mode(act, "request", matches, _key(clause))
            about = [m for m in tried if act in m[1].negated]
        about = [m for m in about if act not in m[1].mixed]
        if not about:
            continue
        best = max(len(m[2]) for m in about)
        closest = _same_record_first(clause, [m for m in about if len(m[2]) == best])
        said = act in clause.negated
        if any(_told_the_same_way(act, said, m) for m in about):
            # A record that also says it the summary's way ("approved a waiver of the
            # annual fee ... can't waive this late fee"): two acts of one verb, not one
            # told the other way round.
            continue
        if all((act in m[1].negated) != said for m in closest):
            if not said and all(
                another_things(clause, m[1], acts)
                # "to be booked after the assessment" against "not yet booked, TBC": both
                # tell it still to come.
                or (clause.mode in ("promise", "offer") and awaited(m[1]) and told_to_come(clause))
                for m in closest
            ):
                # "DryFast has booked a visit" against "loss adjuster visit not yet
                # booked": the act of another thing's, told the other way.
                continue
            return act, closest
    return _opposite_finding(clause, matches)


_REFUSED = pattern("refused_in_turn")


def _told_the_same_way(act: str, denied: bool, match: Match) -> bool:
    """Whether a conversation's clause (a record no label sums up) tells the act as the
    summary does: done, or refused in so many words ("I can't waive this one"; "nothing
    has changed" refuses nothing). A labelled record's outcome settles its own act."""
    record, said, _ = match
    if labelled(record.interaction) or (act in said.negated) != denied:
        return False
    return not denied or _REFUSED.search(normalize(said.text)) is not None


def refused_in_a_turn(act: str, clause: Clause, evidence: Evidence) -> bool:
    """Whether a summary's denial of `act` is a turn's own refusal of it, however little
    else that turn shares with the summary ("told her we can't apply one" against "I'm not
    able to apply one"): the records tell it the summary's way, whatever other clause
    tells the verb done ("I've added a note")."""
    if act not in clause.negated:
        return False
    return any(
        _told_the_same_way(act, True, (record, said, frozenset()))
        for record, said in (evidence.record_clauses[n] for n in evidence.clause_index.get(act, ()))
        if act in said.acts
    )


def _same_record_first(clause: Clause, closest: list[Match]) -> list[Match]:
    """Among record clauses equally close, those whose record shares most with the clause:
    "Outcome: customer declined" is about the offer its own record made ("accepted the
    $15 loyalty discount" meets the record that offered it, not another offer's outcome)."""
    if len({record.position for record, _, _ in closest}) < 2:
        return closest
    key = _key(clause)
    overlap = {
        record.position: len(key & frozenset().union(*(c.stems for c in record.clauses)))
        for record, _, _ in closest
    }
    most = max(overlap.values())
    return [m for m in closest if overlap[m[0].position] == most]


def _opposite_finding(clause: Clause, matches: list[Match]) -> tuple[str, list[Match]] | None:
    """A finding reported the other way round: "no fault was found" against "fault found".

    Verbs of finding or noting carry no polarity themselves; what they report does. Only
    record clauses that report with such a verb too, and share two words, are compared.
    """
    if not clause.reports:
        return None
    for thing in sorted(clause.negated - STATUS_STEMS - MODE_STEMS - clause.reports):
        about = [
            m
            for m in matches
            if thing in m[2] and len(m[2]) >= 2 and m[1].reports and m[1].mode == clause.mode
        ]
        if about and all(thing not in m[1].negated for m in about):
            return thing, about
    return None


def check_acts(clause: Clause, evidence: Evidence) -> list[Finding]:
    """Findings about the acts and promises one summary clause states."""
    denied = denied_promise(clause, evidence)
    if denied is not None:
        return [denied]  # "never promised: a refund once traced" denies even a conditional
    if clause.conditional:
        # "cancelled if a payment is missed" states a rule, not an event; but a remedy
        # promised on a condition is the records' only if a record speaks of it.
        asked = _ASKS_WHETHER.search(normalize(clause.text)) is not None
        return (
            invented_act(clause, evidence, "promises a {} on a condition")
            if commits(clause) and not asked
            else []
        )
    matches = _matches(clause, evidence)
    findings: list[Finding] = []
    opposite = _opposite_act(clause, matches)
    if opposite is not None and (
        _still_awaited(*opposite, clause, evidence)
        or _denied_for_its_sum(opposite[0], clause, evidence)
    ):
        opposite = None
    if opposite is not None and (
        _denied_as_circumstance(opposite[0], clause) or denies_only_more(opposite[0], clause.text)
    ):
        opposite = None
    if opposite is not None and refused_in_a_turn(opposite[0], clause, evidence):
        opposite = None
    if opposite is not None and not _told_before_done(opposite[0], clause):
        act, closest = opposite
        where = tuple(sorted({record.position for record, _, _ in closest}))
        said = "not " if act in clause.negated else ""
        reason = f"says '{act}' was {said}done; record {where[-1]} says the opposite"
        found = Finding("negated_action", "contradicted", clause.text, reason, where)
        told_as_account = _ACCOUNT.search(normalize(clause.text)) or _CUSTOMER_SAYS.search(
            clause.text
        )
        if all(_told_as_their_claim(act, told) for _, told, _ in closest):
            # "cx says he cancelled 04/03" against "the cancellation failed": the records
            # tell the act only as the customer's claim.
            return [found.unsure("the records tell it only as the customer's claim")]
        if told_as_account and not all(labelled(record.interaction) for record, _, _ in closest):
            # "saying he was never told fences were excluded" against an unlabelled note's
            # "says nobody told him": an account set beside an account.
            return [found.unsure("the customer's account, in the customer's words")]
        if act in clause.negated and told_done_by_doer(act, [m[1] for m in closest], clause.text):
            return [found]
        if clause.mode == "done" and refused_by_doer(act, clause, closest, evidence.records):
            return [found]  # "waived the fee" against "I'm not able to waive the fee"
        return hedged([found], evidence.records, TURNS, unlabelled_only=True)
    # Status words ("resolved", "closed") are the status reader's, not acts done; what the
    # customer says was done, or a thing described by it ("a returned extender"), is no
    # claim the summary makes that it was.
    norm = normalize(clause.text)  # remembered per text
    done_claim = (
        clause.mode == "done"
        and not _HEARSAY.search(norm)
        and clause.completes - clause.negated - STATUS_STEMS - attributive(clause)
    )
    # What is under way agrees with records that only promise or request it.
    pending = only_pending(clause, matches) if done_claim and not _UNDER_WAY.search(norm) else ()
    if pending:
        stated = Finding(
            "status",
            "contradicted",
            clause.text,
            "stated as done; the records only promise or request it",
            pending,
        )
        if told_done_ahead(clause, norm, matches, evidence):
            findings.append(stated)
        else:
            findings += hedged([stated], evidence.records, TURNS, unlabelled_only=True)
    if clause.mode in ("promise", "offer") and not clause.negated:
        # An offer no record made is a promise the next agent would be asked to honour; an
        # offer the customer says someone made is their account of it, not a promise.
        offered = check_promise(clause, evidence)
        if _CUSTOMER_SAYS.search(norm):
            offered = [f.unsure("the customer's account of an offer") for f in offered]
        findings.extend(offered)
    elif done_claim:
        findings.extend(invented_act(clause, evidence, "states that a {} happened"))
    return findings


def _denied_for_its_sum(act: str, clause: Clause, evidence: Evidence) -> bool:
    """Whether a record denies the act for the very sum the clause names ("This month's
    £4.50 ... isn't refundable" for "this month's payment not refunded" of the £4.50
    cover): the act another record tells done ("refunded the £20") is another sum's."""
    sums = {value for value in priced_amounts(clause.text) if value}
    if act not in clause.negated or not sums:
        return False
    # In the clause's own word too: "isn't refundable" denies what "not refunded" does.
    said = {act} | {stem(token)[:5] for token in clause.tokens if canonical(token) == act}
    return any(
        said & ({n[:5] for n in told.negated} | told.negated) and sums & priced_amounts(told.text)
        for _, told in evidence.record_clauses
    )


_BEFORE_DONE = pattern("told_before_it_was_done")
_STILL_OR_YET = pattern("still_or_yet")


def _still_awaited(act: str, done: list[Match], clause: Clause, evidence: Evidence) -> bool:
    """Whether a denied act told as still to come ("the refund has yet to post") is one a
    record sets to come ("allow 5-7 business days for it to post") no later than the
    records that tell it `done`: the act done there is a step before it, not its
    opposite. A reminder to confirm answered by a later confirmation is no such wait."""
    if act not in clause.negated or _STILL_OR_YET.search(normalize(clause.text)) is None:
        return False
    # In the clause's own word: "not added yet" is no posting still to come.
    said = {stem(token) for token in clause.tokens if canonical(token) == act}
    last_done = max(record.position for record, _, _ in done)
    telling_done = [told for _, told, _ in done]
    return any(
        record.position >= last_done
        and not any(other is told for told in telling_done)
        and other.mode == "promise"
        and act in other.stems
        and act not in other.negated
        and said & {stem(token) for token in other.tokens}
        for record in evidence.records
        for other in record.clauses
    )


def _told_before_done(act: str, clause: Clause) -> bool:
    """Whether a denied act is told as how things stood before ("had not been applied"):
    the records telling it done later is the story going on, not the opposite."""
    norm = normalize(clause.text)
    return (
        act in clause.negated
        and _BEFORE_DONE.search(norm) is not None
        and _STILL_OR_YET.search(norm) is None
    )


_HEARSAY = pattern("acts_hearsay")
_CUSTOMER_SAYS = pattern("customer_says")
_ASKS_WHETHER = pattern("asks_whether")
_UNDER_WAY = pattern("under_way")
_CIRCUMSTANCE = pattern("denial_as_circumstance")
_ACCOUNT = pattern("told_as_an_account")
_ACCOUNT_IN_RECORD = pattern("customer_account_in_record")


def _denied_as_circumstance(act: str, clause: Clause) -> bool:
    """Whether the clause denies the act only in a leading circumstance ("With no overdraft
    refunds in the past year, the agent reversed both"): the customer's history, not what
    the clause tells was done."""
    found = _CIRCUMSTANCE.match(normalize(clause.text))
    return found is not None and act in read_clause(found.group(0)).negated


def _told_as_their_claim(act: str, told: Clause) -> bool:
    """Whether a record clause tells the act only inside the customer's claim ("tho cx
    says he cancelled 04/03"), not beside one ("Escalated, terms the customer says were
    misrepresented")."""
    said = _ACCOUNT_IN_RECORD.search(told.text)
    return said is not None and act in read_clause(told.text[said.end() :]).stems
