"""Money claims: an amount bound to the wrong kind of money ("a $26 credit" where the records
give a $26 charge).
"""

from __future__ import annotations

from decimal import Decimal

from service.claims.clause import Clause
from service.claims.evidence import Evidence
from service.claims.lexicon import INCOMPATIBLE_KINDS, MONEY_KINDS
from service.claims.mentions import AMOUNT, parse_amount
from service.claims.text import normalize
from service.claims.types import Finding


def money_kind(text: str, start: int, end: int) -> str | None:
    """The kind of money ('credit', 'charge', 'payment') an amount at [start, end) is.

    The head of the amount's own phrase comes first ("a $94.74 double payment": payment,
    even after "refund of"), then the nearest kind word just before it ("a credit of $7").
    """
    # "a refund of Rs 1,300 (the annual charge less a month)": a bracket explains the
    # amount, it does not name its kind.
    after = text[end:].split("(")[0].split()[:4]
    for token in after:
        for kind, words in MONEY_KINDS.items():
            if words.fullmatch(token.strip(".,;:()")):
                return kind
    before = " ".join(text[:start].split()[-3:])
    best: tuple[int, str] | None = None
    for kind, words in MONEY_KINDS.items():
        for match in words.finditer(before):
            if best is None or match.start() > best[0]:
                best = (match.start(), kind)
    return best[1] if best else None


def _amounts(text: str) -> list[tuple[Decimal, str | None]]:
    norm = normalize(text)
    found = []
    for match in AMOUNT.finditer(norm):
        value = parse_amount(match.group(1) or match.group(2))
        if value is not None:
            found.append((value, money_kind(norm, match.start(), match.end())))
    return found


def check_money(clause: Clause, evidence: Evidence) -> list[Finding]:
    """An amount bound to the wrong thing: a $26 charge stated as a $26 credit.

    Contradicted only when every record that mentions the amount ties it to an
    incompatible kind and none of them uses the summary's kind anywhere near it (a "$248
    fee" whose reversal was requested may be called "a reversal for $248").
    """
    findings = []
    for value, kind in _amounts(clause.text):
        if kind is None:
            continue
        bound: dict[str, set[int]] = {}
        nearby: set[str] = set()
        unbound = False
        for record in evidence.records:
            for other in record.clauses:
                amounts = [k for v, k in _amounts(other.text) if v == value]
                if not amounts:
                    continue
                norm = normalize(other.text)
                nearby |= {name for name, words in MONEY_KINDS.items() if words.search(norm)}
                for other_kind in amounts:
                    if other_kind is None:
                        unbound = True  # a record names the amount without saying what it is
                    else:
                        bound.setdefault(other_kind, set()).add(record.position)
        compatible = kind in nearby or any(
            frozenset({kind, k}) not in INCOMPATIBLE_KINDS for k in bound
        )
        if bound and not compatible and not unbound:
            where = tuple(sorted(set().union(*bound.values())))
            reason = f"${value} is a {'/'.join(sorted(bound))} in the records, not a {kind}"
            finding = Finding("amount", "contradicted", clause.text, reason, where)
            # A conversation speaks of one sum as the charge and as its refund in turn.
            findings.append(finding.unsure(_ONE_SUM) if evidence.unlabelled else finding)
    return findings


_ONE_SUM = "a conversation names one sum as charge and refund in turn"
