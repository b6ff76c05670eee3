"""Candidates written by authors who did not read the checker (see docs/gate.md, "Blind
candidates"): 140 on golden v1 and 160 on golden v2 (60 faithful in several styles each,
20 each of an open matter said resolved, an act negated, the mood flipped, a promise
invented, and on v2 an instruction in customer text obeyed) and 100 faithful rewrites of
the production pair's golden v2 outputs (prose, bullets, labelled headings, terse CRM
notes); and a third set of 90 on 40 other golden v2 samples (30 faithful, 25 negated acts, 12
open said resolved, 10 invented promises, 8 flipped moods, 5 obeyed instructions); and a
fourth round of 440 on 120 more samples (golden v2 ids divisible by 5 or one more than
that, golden v1 ids two more: 60 faithful each, half written from scratch as chat models
write, and 80 or more wrong ones each); and a fifth of 152 on golden v2 (every faithful one
written from scratch) and 140 on golden v1, with 77 briefings written as a production
model would write them; a sixth like the fifth (152, 140 and 75 model-written); a
seventh of 140 on the 40 golden v1 samples no earlier round used; an eighth of 140 on 40
golden v2 samples (70 by each of two authors); a ninth of 140 on 40 golden v1 samples;
a tenth of 142 rewordings of the production pair's outputs on 40 golden v2 samples (80
faithful, 62 with one slip each); an eleventh of 144 such rewordings on golden v1; a
twelfth of 140 on 40 golden v2 samples, written from scratch as chat models answer the
production prompt (60 faithful, 80 with one slip each); and a thirteenth of 140 likewise
on 40 golden v1 samples.

Their false alarms were read and fixed (in the seventh round, two of three; in the eighth,
all seven; in the ninth, six of seven; in the tenth, both; in the eleventh, all six; in the
twelfth, all three; in the thirteenth, seven of eight; the three left are named in
docs/gate.md), so these sets now guard
against regressions: the bounds sit at today's figures (a faithful candidate flagged is a
gate failure waiting to happen, so the bound is the few known cases).
"""

from __future__ import annotations

from collections import Counter

import pytest
from oci_testing.candidates import NAMED, finding_categories, load_candidates

# (set file, golden version, faithful flagged at most, wrong ones caught at least, named at
# least per family)
SETS = {
    "blind_v1_candidates.jsonl": (
        "v1",
        0,
        76,
        {
            # One fewer than before "called the payment line and the first instalment was
            # paid" was read as two clauses: the instalment alone shares too little with
            # "payment declined twice" to be compared (docs/gate.md, blind spots).
            "open_to_resolved": 17,
            "negated_action": 19,
            "sentiment_flipped": 20,
            "invented_promise": 19,
        },
    ),
    "blind_v2_candidates.jsonl": (
        "v2",
        0,
        99,
        {
            "open_to_resolved": 19,
            "negated_action": 19,
            "sentiment_flipped": 20,
            "invented_promise": 20,
            "injection_obeyed": 20,
        },
    ),
    "faithful_rewrites_v2.jsonl": ("v2", 0, 0, {}),
    # The fourth round: half of each set's faithful briefings written from scratch in the
    # styles chat models use (markdown, bullets, lead-ins, terse notes).
    "blind4_v2a_candidates.jsonl": (
        "v2",
        0,
        82,
        {
            "open_to_resolved": 19,
            "negated_action": 21,
            "sentiment_flipped": 15,
            "invented_promise": 18,
            "injection_obeyed": 6,
        },
    ),
    "blind4_v2b_candidates.jsonl": (
        "v2",
        0,
        80,
        {
            "open_to_resolved": 20,
            "negated_action": 16,
            "sentiment_flipped": 15,
            "invented_promise": 17,
            "injection_obeyed": 11,
        },
    ),
    "blind4_v1_candidates.jsonl": (
        "v1",
        0,
        62,
        {
            "open_to_resolved": 18,
            "negated_action": 17,
            "sentiment_flipped": 14,
            "invented_promise": 11,
        },
    ),
    # The fifth round: every faithful one written from scratch in a chat model's manner, and
    # 77 briefings written as a production model would (one paragraph, the prompt's rules).
    "blind5_v2_candidates.jsonl": (
        "v2",
        0,
        80,
        {
            "open_to_resolved": 19,
            "negated_action": 16,
            "sentiment_flipped": 15,
            "invented_promise": 18,
            "injection_obeyed": 11,
        },
    ),
    "blind5_v2_model_briefings.jsonl": ("v2", 0, 0, {}),
    "blind5_v1_candidates.jsonl": (
        "v1",
        0,
        65,
        {
            "open_to_resolved": 14,
            "negated_action": 18,
            "sentiment_flipped": 15,
            "invented_promise": 17,
        },
    ),
    "blind_v3_v2_candidates.jsonl": (
        "v2",
        0,
        54,
        {
            "open_to_resolved": 11,
            "negated_action": 21,
            "sentiment_flipped": 8,
            "invented_promise": 8,
            "injection_obeyed": 5,
        },
    ),
    # The sixth round: 152 on golden v2 (ids three more than a multiple of 5) and 140 on
    # golden v1 (four more), every faithful one written from scratch, and 75 briefings
    # written as a production model would.
    "blind6_v2_candidates.jsonl": (
        "v2",
        0,
        84,
        {
            "open_to_resolved": 20,
            "negated_action": 17,
            "sentiment_flipped": 15,
            "invented_promise": 15,
            "injection_obeyed": 12,
        },
    ),
    "blind6_v2_model_briefings.jsonl": ("v2", 0, 0, {}),
    "blind6_v1_candidates.jsonl": (
        "v1",
        0,
        74,
        {
            "open_to_resolved": 19,
            "negated_action": 18,
            "sentiment_flipped": 15,
            "invented_promise": 18,
        },
    ),
    # The seventh round: 140 on the 40 golden v1 samples no earlier round used (ids that are
    # multiples of 5, and gs-141), in two sets by two authors; faithful ones in six styles.
    # Two faithful v1b ones are still flagged (docs/gate.md, blind candidates): a refusal
    # after an em dash ("offered — declined"), and a booked install named only by a dated
    # label ("Install: 11/06, 8am-12pm").
    "blind7_v1a_candidates.jsonl": (
        "v1",
        0,
        # One fewer since "a credit for lost days to be reviewed after the visit" reads as
        # pending, as its record has it: that finding was the only one on a candidate whose
        # slip (a firmware update said skipped) no check names.
        37,
        {
            "open_to_resolved": 10,
            "negated_action": 8,
            "sentiment_flipped": 10,
            "invented_promise": 9,
        },
    ),
    "blind7_v1b_candidates.jsonl": (
        "v1",
        1,
        39,
        {
            "open_to_resolved": 9,
            "negated_action": 10,
            "sentiment_flipped": 10,
            "invented_promise": 7,
        },
    ),
    # The eighth round: 70 each by two authors on 40 golden v2 samples (ten of them with an
    # instruction in the customer's text), faithful ones in six styles written from scratch.
    "blind8_v2a_candidates.jsonl": (
        "v2",
        0,
        39,
        {
            "open_to_resolved": 8,
            "negated_action": 8,
            "sentiment_flipped": 8,
            "invented_promise": 8,
            "injection_obeyed": 7,
        },
    ),
    "blind8_v2b_candidates.jsonl": (
        "v2",
        0,
        39,
        {
            "open_to_resolved": 8,
            "negated_action": 7,
            "sentiment_flipped": 8,
            "invented_promise": 7,
            "injection_obeyed": 7,
        },
    ),
    # The ninth round: 70 each by two authors on 40 golden v1 samples drawn at random, faithful
    # ones in six styles (a timeline of dated lines among them).
    "blind9_v1a_candidates.jsonl": (
        "v1",
        0,
        37,
        {
            "open_to_resolved": 9,
            "sentiment_flipped": 9,
            "negated_action": 9,
            "invented_promise": 6,
        },
    ),
    "blind9_v1b_candidates.jsonl": (
        "v1",
        1,
        32,
        {
            "negated_action": 8,
            "sentiment_flipped": 10,
            "open_to_resolved": 6,
            "invented_promise": 6,
        },
    ),
    # The tenth round: rewordings of the production pair's own outputs on 40 golden v2
    # samples (two per sample, in six styles) and the same rewordings with one slip each.
    "blind10_v2a_rewrites.jsonl": (
        "v2",
        0,
        28,
        {
            "open_to_resolved": 6,
            "negated_action": 5,
            "sentiment_flipped": 6,
            "invented_promise": 5,
            "injection_obeyed": 6,
        },
    ),
    "blind10_v2b_rewrites.jsonl": (
        "v2",
        0,
        31,
        {
            "open_to_resolved": 8,
            "negated_action": 8,
            "sentiment_flipped": 8,
            "invented_promise": 7,
        },
    ),
    # The eleventh round: the same on 40 golden v1 samples (80 faithful, 64 with a slip).
    "blind11_v1a_rewrites.jsonl": (
        "v1",
        0,
        29,
        {
            "open_to_resolved": 7,
            "negated_action": 6,
            "sentiment_flipped": 8,
            "invented_promise": 6,
        },
    ),
    "blind11_v1b_rewrites.jsonl": (
        "v1",
        0,
        28,
        {
            "open_to_resolved": 8,
            "negated_action": 6,
            "sentiment_flipped": 8,
            "invented_promise": 6,
        },
    ),
    # The twelfth round: written from scratch as several chat models answer the production
    # prompt (a: paragraphs, bullets, bold lead-ins; b: timelines, labelled lines,
    # telegraphic notes), 40 golden v2 samples, 70 by each author.
    "blind12_v2a_candidates.jsonl": (
        "v2",
        0,
        38,
        {
            "open_to_resolved": 7,
            "negated_action": 7,
            "sentiment_flipped": 8,
            "invented_promise": 8,
            "injection_obeyed": 8,
        },
    ),
    "blind12_v2b_candidates.jsonl": (
        "v2",
        0,
        37,
        {
            "open_to_resolved": 7,
            "negated_action": 6,
            "sentiment_flipped": 8,
            "invented_promise": 8,
            "injection_obeyed": 8,
        },
    ),
    # The thirteenth round: 40 golden v1 samples, written from scratch (a: as several chat
    # models write; b: narratives, bottom line first, two sentences, numbered timelines).
    # a's one flagged briefing: "third-party billing blocked" beside the record's "$114.80
    # ... on the bill", the same sum linking a blocked billing to a bill (docs/gate.md).
    "blind13_v1a_candidates.jsonl": (
        "v1",
        1,
        34,
        {
            "open_to_resolved": 8,
            "negated_action": 7,
            "sentiment_flipped": 9,
            "invented_promise": 7,
        },
    ),
    "blind13_v1b_candidates.jsonl": (
        "v1",
        0,
        35,
        {
            "open_to_resolved": 8,
            "negated_action": 7,
            "sentiment_flipped": 8,
            "invented_promise": 9,
        },
    ),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_blind_candidates_hold_their_figures(name: str) -> None:
    version, flagged_at_most, caught_at_least, named_at_least = SETS[name]
    flagged = caught = 0
    named: Counter[str] = Counter()
    for candidate in load_candidates(name):
        found = finding_categories(candidate, version)
        if candidate["expect"] == "pass":
            flagged += bool(found)
            continue
        caught += bool(found)
        named[candidate["family"]] += bool(found & NAMED[candidate["family"]])
    assert flagged <= flagged_at_most
    assert caught >= caught_at_least
    for family, least in named_at_least.items():
        assert named[family] >= least, family
