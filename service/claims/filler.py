"""Sentences that carry nothing an agent needs: advice, talk about the summary, and padding.

The briefing is read in seconds before a call. A sentence telling the agent how to behave
("be sure to thank the customer"), talking about itself ("this summary is based on the
records") or saying nothing the records give ("overall the customer has had several
interactions") costs that time and hides the facts; the QA form asks for none of them.
"""

from __future__ import annotations

from service.claims.clause import Clause, read_clause
from service.claims.evidence import Evidence
from service.claims.lexicon import HANDOVER
from service.claims.mood_claims import moods
from service.claims.tables import pattern, word_list
from service.claims.text import UNREADABLE, normalize, sentences
from service.claims.types import Finding

ADVICE = pattern("advice")
META = pattern("meta")
SIGN_OFF = pattern("sign_off")
ABSENCE = pattern("absence")
_SPECIFIC = pattern("specific")
_DEMEANOUR = pattern("customer_demeanour")
_DECISION = pattern("decision_told")
GENERIC_STEMS = frozenset(word_list("generic_stems"))


def _vacuous(sentence: str, known: frozenset[str]) -> bool:
    """A sentence of some length with nothing in it but words any summary of any customer
    could contain. Short notes ("Two matters."), statements of absence ("No record yet
    of a visit.") and what happens on a condition say something; they are not filler."""
    # The textual tests first: most sentences name a number, a date or a channel, and
    # need not be read at all.
    if ABSENCE.match(sentence) or _SPECIFIC.search(sentence) or _DECISION.search(sentence):
        return False
    clause = read_clause(sentence)
    if len(clause.tokens) < 6 or clause.status or moods(clause) or clause.negated:
        return False
    if clause.conditional and clause.asserts:
        return False  # "We call him if denied again.": a rule or a promise on a condition
    return not _specific(clause) & known


def _specific(clause: Clause) -> frozenset[str]:
    """The clause's stems that not every summary could contain."""
    return frozenset(s for s in clause.stems if s not in GENERIC_STEMS)


_ADDRESS_STEMS = frozenset(word_list("address_stems"))
_MANNERS = word_list("manners")


def _courtesy_only(clause: Clause) -> bool:
    """Whether the clause asks for nothing but manners ("greet the customer warmly")."""
    rest = clause.stems - GENERIC_STEMS - _ADDRESS_STEMS
    return all(stem.endswith("ly") or stem.startswith(_MANNERS) for stem in rest)


# Verbs of advice itself, which name nothing of the case.
_ADVICE_STEMS = frozenset(
    read_clause(
        "check checking confirm confirming ask asking consider considering recommend "
        "recommended discuss discussing proceed proceeding greet greeting look looking "
        "verify verifying review reviewing"
    ).stems
)


def _names_the_case(clause: Clause, known: frozenset[str]) -> bool:
    """Whether advice points at something of this customer's records ("check whether the
    supervisor callback happened"), not at how to treat any customer."""
    own = clause.stems - GENERIC_STEMS - _ADDRESS_STEMS - _ADVICE_STEMS
    return bool(own & known) and not _courtesy_only(clause)


_LABEL = pattern("label_words")


def _labelled_field(sentence: str) -> bool:
    """A field of a labelled briefing ("Mood: resigned, lukewarm thanks."): it tells the
    customer's mood or the case's status in the writer's own words, which is not padding."""
    match = _LABEL.match(sentence.strip(" -*_"))
    return match is not None and sentence.strip(" -*_")[match.end() :].lstrip("*_ ").startswith(":")


def check_filler(summary: str, evidence: Evidence) -> list[Finding]:
    """Advice, meta talk and padding sentences, one finding each."""
    findings = []
    records = [r.text for r in evidence.records]
    for sentence in sentences(summary):
        said = normalize(sentence)
        if len(sentence.split()) >= 4 and any(said in text for text in records):
            continue  # the records said it
        if HANDOVER.search(sentence):
            if not _courtesy_only(read_clause(sentence)):
                continue
            why = "advice to the agent, not a fact about the customer"
        elif ADVICE.search(sentence):
            if _names_the_case(read_clause(sentence), evidence.stems):
                continue  # "the next agent should check whether the supervisor called"
            why = "advice to the agent, not a fact about the customer"
        elif SIGN_OFF.search(sentence):
            why = "a sign-off to the reader, not a fact about the customer"
        elif META.search(sentence):
            why = "talks about the summary, not the customer"
        elif (
            _vacuous(sentence, evidence.stems)
            and not _labelled_field(sentence)
            # With no label to hold it to, how the customer behaved is the writer's reading
            # of the mood, not padding.
            and not (evidence.unlabelled and _DEMEANOUR.search(sentence))
        ):
            why = "says nothing the records give: filler"
        else:
            continue
        finding = Finding("filler", "unsupported", sentence, why)
        if why.startswith("says nothing") and evidence.unlabelled:
            finding = _unsure_padding(finding, sentence, evidence)
        findings.append(finding)
    return findings


def _unsure_padding(finding: Finding, sentence: str, evidence: Evidence) -> Finding:
    """Padding in a summary of a conversation no label sums up. Words no record uses mean
    nothing where a record is in another language; and a sentence with words of its own
    ("mentioned the neighbour's dog barking") may say in other words what the conversation
    says. Only a sentence any summary could hold stays padding."""
    if evidence.unreadable:
        return finding.unsure(UNREADABLE)
    if len(_specific(read_clause(sentence))) >= _OWN_WORDS_LEAST:
        return finding.unsure(_OWN_WORDS)
    return finding


_OWN_WORDS = "a conversation no label sums up may say this in other words"
# One word of its own in a sentence of generic ones ("a number of interactions") is not
# something said; two are.
_OWN_WORDS_LEAST = 2
