"""Where the subject of a denial ends, before what qualifies it: a date ("the callback due
24 March never came"), a time ("cancel attempt 04/03 21:14 failed") or a relative pronoun
("a call back that never came"); and the noun a negating adjective qualifies ("missing
parts sent", where the sending is done). Pure functions over a clause's tokens, for
`service.claims.negation`.
"""

from __future__ import annotations

from collections.abc import Callable

from service.claims.tables import pattern, word_list

AUXILIARIES = frozenset(word_list("auxiliaries"))
_MONTH_WORDS = frozenset(word_list("month_names") + word_list("month_short_forms"))
_DATING = frozenset(word_list("dating"))
_DAY = pattern("day")


def before_dating(tokens: list[str], position: int) -> int:
    """Where the subject of a denied predicate ends when a date qualifies it ("the callback
    due 24 March never came", "the update promised by Apr 8 did not arrive"), or when the
    predicate is a relative clause's ("a call back that never came"): before the date and
    the word that puts it there, or before the relative pronoun; `position` itself when
    there is neither. A relative clause of its own before that ("the sheet she uploaded
    on 18 March was never picked up") is passed over to the noun it describes."""
    end = verb = _before_date(tokens, position)
    while verb >= 0 and tokens[verb] in AUXILIARIES:
        verb -= 1
    if verb > 1 and participle(tokens[verb]) and tokens[verb - 1] in _RELATIVE_SUBJECTS:
        return verb - 2
    return end


_RELATIVE_SUBJECTS = frozenset(word_list("relative_clause_subjects"))


def _before_date(tokens: list[str], position: int) -> int:
    start = position
    while position >= 0 and tokens[position] in AUXILIARIES:
        position -= 1
    if position > 0 and tokens[position] in ("that", "which"):
        return position - 1
    bracketed = position >= 0 and tokens[position] == ")"
    position -= bracketed
    dated = position
    while position >= 0 and (tokens[position] in _MONTH_WORDS or _DAY.fullmatch(tokens[position])):
        position -= 1
    if position != dated and position >= 0 and participle(tokens[position]):
        # "lens bought 21/3, never dispatched": the subject ends before its dated verb.
        return position - 1
    if position == dated or position < 0 or tokens[position] not in _DATING:
        return start
    position -= 1
    # "the callback (due May 19) never came"
    return position - 1 if bracketed and position >= 0 and tokens[position] == "(" else position


_IRREGULAR_PAST = frozenset(word_list("irregular_past"))


def participle(token: str) -> bool:
    """A past form: "shipped", "bought", "paid"."""
    return token.endswith(("ed", "en")) or token in _IRREGULAR_PAST


def before_figures(tokens: list[str], position: int) -> int:
    """The position before the figures that end at `position` ("attempt 04/03 21:14"): a
    date or a time qualifies the word before it."""
    while position > 0 and (tokens[position][:1].isdigit() or tokens[position] in ":/.-"):
        position -= 1
    return position


ATTRIBUTIVE = frozenset(word_list("attributive_negators"))
# How many words a noun an adjective qualifies may run to ("missing overpayment refund").
_NOUN_REACH = 2


def qualified_noun(tokens: list[str], index: int, is_content: Callable[[str], bool]) -> set[int]:
    """The positions of the noun the word at `index` qualifies as an adjective ("missing
    parts sent" -> parts; "missing overpayment refund three times" -> overpayment, refund),
    up to a past form, a figure or anything else; none after an auxiliary ("was missing
    two slats"), where the word is the verb."""
    if index and tokens[index - 1] in AUXILIARIES:
        return set()
    noun: set[int] = set()
    for at in range(index + 1, min(len(tokens), index + 1 + _NOUN_REACH)):
        token = tokens[at]
        if not is_content(token) or token[:1].isdigit() or participle(token):
            break
        noun.add(at)
    return noun


_ABLE = ("able", "ible")
# Shorter "-able" words are things, not qualities ("table", "cable", "stable").
_SHORTEST_QUALITY = 7
_STATES = frozenset(word_list("states_of_the_subject"))


def quality_denied(tokens: list[str], index: int) -> bool:
    """Whether the negation at `index` denies a quality ("the fixed charge is not
    refundable"): its subject is no act left undone."""
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    return (
        following.endswith(_ABLE)
        and len(following) >= _SHORTEST_QUALITY
        and following not in _STATES
    )


_SUMS = frozenset(word_list("sums_charged"))


def sum_refused(tokens: list[str], index: int, reached: set[int]) -> set[int]:
    """What the refusal at `index` reaches ahead, less the words before a sum at the head
    of its object ("refused the $25 test fee" refuses the fee, not the test); a verb it
    governs is refused with its object ("refused to waive the fee")."""
    heads = sorted(p for p in reached if tokens[p] in _SUMS)
    if not heads or "to" in tokens[index + 1 : heads[0]]:
        return reached
    return {p for p in reached if p >= heads[0]}


_TESTS_MADE = frozenset(word_list("tried_acts"))
_TEST_DETERMINERS = frozenset(word_list("determiners"))


def failed_a_test(tokens: list[str], index: int) -> bool:
    """Whether "failed" at `index` has a test for its object ("the latch failed the weekly
    check", "Latch failed check 9/5"): the test was made and the thing before it failed;
    no act is denied."""
    ahead = tokens[index + 1 : index + 4]
    while ahead and ahead[0] in _TEST_DETERMINERS:
        ahead = ahead[1:]
    return bool(ahead) and (
        ahead[0] in _TESTS_MADE
        or (len(ahead) > 1 and ahead[0].isalpha() and ahead[1] in _TESTS_MADE)
    )


_EXCEPTING = frozenset(word_list("excepting"))
_EXCEPTING_PAIRS = frozenset({("other", "than"), ("apart", "from"), ("aside", "from")})


def excepts(tokens: list[str], index: int) -> bool:
    """Whether the negator at `index` is followed by the exception it makes ("nothing but
    the fee", "no charge other than the fee")."""
    following = tuple(tokens[index + 1 : index + 3])
    return bool(following) and (following[0] in _EXCEPTING or following in _EXCEPTING_PAIRS)


_LABELLING = frozenset(word_list("labelling_verbs"))
# How far before a status word its labelling verb may stand ("marked the quote declined").
_LABEL_REACH = 4


def labelled_as(tokens: list[str], index: int) -> bool:
    """Whether the status word at `index` is the label a verb sets on a thing ("marked the
    quote declined", "flagged the order cancelled"): the marking is done, the word only
    names the state it records."""
    return any(token in _LABELLING for token in tokens[max(0, index - _LABEL_REACH) : index])


_WANTING = frozenset(word_list("wanting_verbs"))
_NOT_A_THING = frozenset(word_list("not_a_thing_wanted"))


def wants_a_thing(tokens: list[str], index: int) -> bool:
    """Whether the verb at `index` wants a thing, not an act or a pronoun's: not wanting a
    replacement declines it ("didn't want replacement"); "did not want to cancel" and
    "didn't want it refunded" deny only the wish."""
    ahead = tokens[index + 1 : index + 2]
    return tokens[index] in _WANTING and bool(ahead) and ahead[0] not in _NOT_A_THING


def gerund_after(tokens: list[str], index: int) -> bool:
    """Whether the word after `index` is a verb's "-ing" form ("missed triggering")."""
    return index + 1 < len(tokens) and tokens[index + 1].endswith("ing")
