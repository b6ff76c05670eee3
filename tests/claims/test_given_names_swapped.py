"""A person's given name swapped for another over an unlabelled conversation: a finding
where the records name other people by their given names and the summary names none of
them; silent where the name may be the records' own person written another way, someone
they name by a title only, or not a person at all."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import chat, findings_of

from service.claims.person_rivals import given_name, people_named, rival_person

CHAT = chat(
    "[5:15 PM] Bot: Welcome! Connecting you now...",
    "[5:18 PM] Renee (Summit): Hi! This is Renee. I see you'd like to change your delivery?",
    "[5:19 PM] Customer: yes can we do monday the 8th",
    "[5:20 PM] Renee (Summit): Done! Your delivery is now Tuesday, June 9, 10AM-2PM.",
    "[5:21 PM] Customer: great, thanks Renee!",
)


def test_a_given_name_no_record_writes_where_they_name_another_is_a_swap() -> None:
    found, _ = findings_of("Agent Rachel moved delivery to Tue Jun 9, 10AM-2PM.", CHAT, "entity")
    assert found and "Renee" in found[0].reason


@pytest.mark.parametrize(
    "summary",
    [
        "Agent Renee moved delivery to Tue Jun 9, 10AM-2PM.",
        # The records' person is named elsewhere: the other name is someone else's.
        "Renee moved delivery to Tue Jun 9. Customer Rachel was happy.",
        # Not a person: a given name inside a longer name.
        "Delivery moved to Tue Jun 9 from the Al Noor Textile store.",
    ],
)
def test_no_swap_where_the_summary_names_their_person_or_no_person(summary: str) -> None:
    found, _ = findings_of(summary, CHAT, "entity")
    assert not [f for f in found if "Rachel" in f.claim or "Noor" in f.reason]


def test_one_name_written_two_ways_or_a_titled_person_is_no_rival() -> None:
    records = "Katherine (agent): hello\nCustomer: hi"
    assert rival_person("Kate", ["Kate"], records, frozenset()) is None
    assert rival_person("Mohammed", ["Mohammed"], "Muhammad: hi", frozenset()) is None
    # "Caller Mrs Hughes": "Glenys" may be her given name.
    titled = "Caller Mrs Hughes. Escalated to branch mgr Owain."
    assert rival_person("Glenys", ["Glenys"], titled, frozenset()) is None
    assert rival_person("Glenys", ["Glenys"], "Escalated to Owain.", frozenset()) == "Owain"


def test_given_names_are_read_without_accents_and_not_from_weekdays() -> None:
    assert given_name("José") and given_name("Aoife") and not given_name("Thursday")
    assert people_named("Seen Thu by Renee, ANI logged") == {"Renee"}
