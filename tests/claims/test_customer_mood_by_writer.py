"""The customer's mood read from the lines the customer wrote, when a conversation labels
its lines with its writers' names rather than "Customer:" and "Agent:"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.speakers import read_writers, words_of, writer
from service.models import Interaction

DM_THREAD = (
    "[DM] mereana.k 10:02: my bag still isnt here, 4 days now\n"
    "[DM] TasmanSky 10:05: Sorry Mereana, it's on the next flight. ^RH\n"
    "[DM] mereana.k 10:11: ok. can i claim for the stuff i bought\n"
    "[DM] TasmanSky 10:13: Yes, up to NZ$150 with receipts. Have a lovely day! ^RH\n"
    "[DM] mereana.k 10:31: ok sweet, thank you so much 🙏\n"
)


def _found(summary: str, history: tuple[Interaction, ...]) -> bool:
    return "sentiment" in check_summary(summary, history, OPTIONS).by_category()


def test_the_company_signs_its_lines_and_the_other_writer_is_the_customer() -> None:
    writers = read_writers(DM_THREAD.splitlines())
    assert writers.company == frozenset({"tasmansky"})
    assert writers.customer == "mereana.k"


def test_the_customers_own_thanks_tell_their_mood() -> None:
    history = (record(0, "chat", DM_THREAD),)
    assert _found("Mereana ended the chat still furious.", history)
    assert not _found("Mereana ended the chat relieved.", history)


def test_the_companys_pleasantries_are_no_mood_of_the_customers() -> None:
    thread = (
        "Kasia Malinowska 20:50: the bill is wrong again, third time\n"
        "WatPol Energia 20:55: I've put the invoice on hold. Have a lovely evening! ^AK\n"
        "Kasia Malinowska 20:58: this is ridiculous\n"
        "WatPol Energia 20:59: Perfect, it is noted, thank you so much for your patience ^AK\n"
    )
    history = (record(0, "chat", thread),)
    # The company's "lovely", "perfect" and "thank you so much" do not make it mixed.
    assert _found("Kasia was happy at the end.", history)


def test_a_line_labelled_as_the_customers_makes_the_others_the_company() -> None:
    lines = [
        "[Customer] im cancelling",
        "[Callum - Thistle] No problem.",
        "[Customer] no",
        "[Callum - Thistle] Thanks Ewan, take care.",
    ]
    writers = read_writers(lines)
    assert writers.customer == "customer"
    assert writers.company == frozenset({"callum - thistle"})


def test_a_field_of_a_note_is_no_writer() -> None:
    lines = ["Issue: login fails", "Cx: wants refund", "Cx: calm now", "Outcome: resolved"]
    writers = read_writers(lines)
    assert writers.company == frozenset()


@given(
    name=st.from_regex(r"[a-z][a-z0-9_.]{2,12}", fullmatch=True),
    words=st.from_regex(r"[a-z][a-z ]{0,30}[a-z]", fullmatch=True),
)
def test_a_labelled_line_keeps_its_words_without_the_label(name: str, words: str) -> None:
    line = f"[DM] {name} 10:11: {words}"
    assert writer(line) == name
    assert words_of(line).strip() == words
