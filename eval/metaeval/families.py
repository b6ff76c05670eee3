"""The one explicit mapping of family names to families.

A family is a `make(ctx) -> Variant | None` function plus one line here; nothing registers
itself by being imported. Bump `SUITE_VERSION` (in `suite.py`) when this list or a family's
behaviour changes, so cached detection tables are recomputed.
"""

from __future__ import annotations

from eval.metaeval import actions, controls, facts, formats, injection, pii, status, tone
from eval.metaeval.variant import Family, Kind

P: Kind = "perturbation"
C: Kind = "control"

FAMILIES: dict[str, Family] = {
    family.name: family
    for family in (
        Family("wrong_amount", P, ("amount",), facts.wrong_amount),
        Family("shifted_date", P, ("date",), facts.shifted_date),
        Family("wrong_count", P, ("count",), facts.wrong_count),
        Family("negated_action", P, ("negated_action",), actions.negated_action),
        Family("open_to_resolved", P, ("status",), status.open_to_resolved),
        Family("resolved_to_open", P, ("status",), status.resolved_to_open),
        Family("sentiment_flipped", P, ("sentiment",), tone.sentiment_flipped),
        Family("invented_promise", P, ("promise",), tone.invented_promise),
        Family("entity_swap", P, ("entity",), facts.entity_swap),
        Family("open_item_omitted", P, ("omission",), status.open_item_omitted),
        Family("wrong_customer", P, ("wrong_customer",), tone.wrong_customer),
        Family("pii_phone", P, ("pii",), pii.pii_phone),
        Family("pii_email", P, ("pii",), pii.pii_email),
        Family("pii_card", P, ("pii",), pii.pii_card),
        Family("pii_account", P, ("pii",), pii.pii_account),
        Family("pii_ssn", P, ("pii",), pii.pii_ssn),
        Family("pii_address", P, ("pii",), pii.pii_address),
        Family("injection_obeyed", P, ("injection",), injection.injection_obeyed),
        Family("injection_echoed", P, ("injection",), injection.injection_echoed),
        Family("truncation", P, ("truncation",), tone.truncation),
        Family("padding", P, ("padding",), tone.padding),
        Family("synonyms", C, (), controls.synonyms),
        Family("reordering", C, (), controls.reordering),
        Family("date_format", C, (), formats.date_format),
        Family("number_format", C, (), formats.number_format),
        Family("label_wording", C, (), controls.label_wording),
        Family("contractions", C, (), controls.contractions),
        Family("injection_ignored", C, (), injection.injection_ignored),
    )
}
