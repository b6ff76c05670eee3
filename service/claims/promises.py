"""Whether what a summary clause promises is something the records promise.

A promise the next agent inherits must be one a record made: each thing it names (a
credit, a callback, a visit) must be one the records speak of, a thing "on top" ("an extra
$25 credit") must be one they give on top, and a record that withdraws the promise
contradicts it. A promise the records may hold in a language the checker cannot read is
given the benefit of the doubt.
"""

from __future__ import annotations

from service.claims.clause import ACT_NOUNS, Clause, canonical, topic_starts
from service.claims.course import TURNS, UNWORDED, hedged, own_detail
from service.claims.evidence import Evidence
from service.claims.lexicon import STOPWORDS
from service.claims.tables import mapping, pattern, tagged, word_list
from service.claims.text import normalize
from service.claims.types import Finding

PROMISE_OBJECTS = ACT_NOUNS | frozenset(canonical(word) for word in tagged("act_nouns", "promised"))


_ONE_ACT = mapping("one_act")
_PENDING = pattern("pending")


_REPORTED = pattern("reported")
_PHRASE_ENDS = frozenset(word_list("phrase_ends"))
_MORE = frozenset(word_list("more"))
_STILL_TO_COME = frozenset(word_list("still_to_come"))
_TO_COME = pattern("told_to_come")
_OFFERED_ANYHOW = frozenset(canonical(word) for word in word_list("offered_anyhow"))


def _added(clause: Clause, objects: frozenset[str]) -> frozenset[str]:
    """The promised things the clause says come on top of others ("an extra $25 goodwill
    credit", "a further credit", "another callback")."""
    found: set[str] = set()
    tokens = clause.tokens
    for index, token in enumerate(tokens):
        if token not in _MORE:
            continue
        for later in tokens[index + 1 : index + 4]:
            if later in _PHRASE_ENDS:
                break  # "after another chase a supervisor ...": "another" was the chase's
            if canonical(later) in objects:
                found.add(canonical(later))
                break
    return frozenset(found)


_COMMITTING = frozenset(word_list("committing"))


def _promised_words(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The words of what a clause commits to: the few before its first word of promising
    ("a billing review callback promised by May 19") and all after it ("promised a credit");
    a thing reported earlier in the clause ("arrangement PA-6 was logged ... with a
    confirmation due Mar 10") is not promised."""
    agreed = next(
        (i for i, t in enumerate(tokens[:-1]) if t.endswith("ed") and tokens[i + 1] == "to"),
        None,
    )
    cue = next((i for i, token in enumerate(tokens) if token in _COMMITTING), None)
    if agreed is not None and (cue is None or agreed <= cue):
        # "the practice manager agreed to rebill": who commits stands before "agreed to",
        # what is committed to after it.
        return tokens[agreed:]
    if cue is None:
        return tokens
    return tokens[max(0, cue - 3) :]


_TOLD_AS_DONE = frozenset(word_list("told_as_done"))
_PASSIVE = frozenset(("be", "been", "being", "get", "gets", "got", "is", "are"))


def _told_as_done(words: tuple[str, ...], index: int) -> bool:
    """Whether `words[index]` tells a thing said or done ("an SMS confirmed ..."), not a
    thing promised ("will be confirmed")."""
    return words[index] in _TOLD_AS_DONE and (index == 0 or words[index - 1] not in _PASSIVE)


def awaited(clause: Clause) -> bool:
    """Whether a clause tells its act still awaited ("not yet booked", "TBC")."""
    return not _STILL_TO_COME.isdisjoint(clause.tokens)


def told_to_come(clause: Clause) -> bool:
    """Whether a summary's clause tells its act still to come ("to be booked")."""
    return _TO_COME.search(normalize(clause.text)) is not None


def another_things(clause: Clause, other: Clause, objects: frozenset[str]) -> bool:
    """Whether a record clause that tells a thing still awaited names whose it is, and the
    summary's clause names another ("loss adjuster visit not yet booked" against "DryFast
    has booked a visit"): each names something the other does not, and nothing besides. A
    denial that is no wait ("CB missed") is of the one thing there is."""
    if not awaited(other):
        return False
    theirs = other.key - other.acts - objects
    ours = clause.key - clause.acts - objects
    return bool(theirs) and bool(ours) and not theirs & ours


def check_promise(clause: Clause, evidence: Evidence) -> list[Finding]:
    """Findings for a clause that promises or offers something (see the module docstring)."""
    # What is promised, not what it is about: "will phone about the refund" promises a call.
    words = _promised_words(clause.tokens)
    named = {
        canonical(token)
        for index, token in enumerate(words[: topic_starts(words)])
        if not _told_as_done(words, index)
    }
    objects = clause.key & PROMISE_OBJECTS & named
    unnamed = _unnamed_thing(clause, evidence)
    if unnamed or not objects:
        return unnamed
    positive: set[int] = set()
    negative: set[int] = set()
    supported: set[str] = set()
    pending = _PENDING.search(normalize(clause.text)) is not None
    added = _added(clause, objects)
    for record in evidence.records:
        for other in record.clauses:
            hit = objects & other.stems
            if hit & added and not _MORE & set(other.tokens):
                hit -= added  # "an extra $25 credit": the records' one credit is not it
            if not hit:
                continue  # a conditional promise ("once approved") is still a promise
            # Only a promise or an offer that is withdrawn denies a promise; "a missed
            # payment" elsewhere says nothing about a payment plan that was agreed.
            denied = hit & other.negated and other.mode in ("promise", "offer")
            still_to_come = awaited(other) and told_to_come(clause)
            if denied and (still_to_come or another_things(clause, other, objects)):
                # "Loss adjuster visit not yet booked": the visit is awaited, not withdrawn;
                # the records speak of it.
                positive.add(record.position)
                supported |= hit
            elif denied:
                negative.add(record.position)
            elif not hit & other.negated and (other.mode != "request" or pending):
                # The customer asking for a credit is not anyone promising one; it does
                # support "a credit is pending approval".
                positive.add(record.position)
                supported |= hit
    # A promise the records may hold in a language the checker cannot read: the company's
    # words, or the customer's for a promise the summary reports they spoke of.
    reported = _REPORTED.search(normalize(clause.text)) is not None
    if (evidence.unreadable_promiser or (evidence.unreadable and reported)) and not negative:
        return []
    # Each thing promised must be one the records speak of: "a callback by Apr 8 and a
    # provisional credit within 24 hours" invents the credit even though the callback is real.
    if positive:
        # Only a thing that is an act of its own (a credit, a callback, a visit); "an
        # appointment" or "a review" may name the supported one in other words, as "a visit"
        # names a technician's.
        supported |= {_ONE_ACT[s] for s in supported if s in _ONE_ACT}
        objects = (objects - supported) & ACT_NOUNS
        if not objects or negative:
            return []
    if negative:
        withdrawn = Finding(
            "negated_action",
            "contradicted",
            clause.text,
            f"promises {', '.join(sorted(objects))}; the records say it will not happen",
            tuple(sorted(negative)),
        )
        # A conversation's turns decline, ask and wonder: no clear withdrawal without a label.
        return hedged([withdrawn], evidence.records, TURNS, unlabelled_only=True)
    invented = Finding(
        "promise",
        "unsupported",
        clause.text,
        f"no record promises or mentions {', '.join(sorted(objects))}",
    )
    if objects <= _OFFERED_ANYHOW:
        return [invented.unsure("an offer may be made in any words")]
    unworded = evidence.unlabelled and not own_detail(clause.text, evidence.text)
    return [invented.unsure(UNWORDED) if unworded and not _promised_outright(clause) else invented]


_HEARSAY = pattern("acts_hearsay")
_PASSIVE_THING = pattern("promised_by")


def _promised_outright(clause: Clause) -> bool:
    """Whether the clause tells someone promising the thing in so many words ("the agent
    promised a supervisor callback within 24 hours"): a promise of a thing no record
    speaks of in any words is one nobody made. Not a promise someone says was made ("says
    Marcus promised 90 days free"), a label ("Promised: delivery Monday") or one told
    by its deadline alone ("an answer promised by Friday")."""
    said = _PROMISED_SO.search(clause.text)
    if said is None or not said.group("thing").strip():
        return False
    hearsay = _HEARSAY.search(normalize(clause.text))
    return hearsay is None and not _PASSIVE_THING.match(said.group("thing"))


_PROMISED_SO = pattern("promised_in_so_many_words")
_THING_ENDS = pattern("end_of_the_thing_promised")
_THING_WORD = pattern("word_of_the_thing_promised")
# Stopwords too: "of", "with" name no thing.
_NOT_THE_THING = frozenset(word_list("not_the_thing_promised")) | STOPWORDS
# Words a promised thing needs before its absence from every record is clear: one word
# ("a refund", "access") may be told in the records in another.
_WORDS_OF_A_THING = 2


def _unnamed_thing(clause: Clause, evidence: Evidence) -> list[Finding]:
    """A thing promised in so many words ("promised him a free tank of fuel", "promised
    presale access for the next tour") of which no record names a word: a promise nobody
    made. Figures are left to the figure checks; a record the checker cannot read may
    name it in its own language."""
    said = _PROMISED_SO.search(clause.text)
    if said is None or evidence.unreadable:
        return []
    rest = said.group("thing")
    end = _THING_ENDS.search(rest)
    words = _THING_WORD.findall(rest[: end.start()] if end else rest)
    # Names are the name checks'; bare figures and dates the figure checks'.
    stems = {
        canonical(word.lower())
        for word in words
        if word[0].islower() and word.lower() not in _NOT_THE_THING
    }
    if len(stems) < _WORDS_OF_A_THING or stems & evidence.record_stems:
        return []
    listed = ", ".join(sorted(stems))
    return [Finding("promise", "unsupported", clause.text, f"no record names {listed}")]
