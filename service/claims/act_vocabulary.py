"""The act vocabulary the clause reader folds words into: synonyms, act nouns, completion
and promise verbs, and the words that set a clause's mode or status rather than its content."""

from __future__ import annotations

# Stems that name the same act, folded to one so that "submitted" meets "filed".
SYNONYMS: dict[str, str] = {
    "submit": "fil",
    "opened": "fil",
    "creat": "fil",
    "lodg": "fil",
    "rais": "fil",
    "log": "fil",
    "post": "apply",
    "plac": "apply",
    "issu": "apply",
    "process": "apply",
    "add": "apply",
    "grant": "apply",
    "refund": "credit",
    "reimburs": "credit",
    # British and American spellings: "cancelled" / "canceled", "labelled" / "labeled".
    "cancell": "cancel",
    "labell": "label",
    "rebat": "credit",
    "reimbursement": "credit",
    "reboot": "restart",
    "reset": "restart",
    "power-cycl": "restart",
    "book": "schedul",
    "arrang": "schedul",
    "set": "schedul",
    "engineer": "technician",
    "tech": "technician",
    "installer": "install",
    "callback": "call-back",
    "call-back": "call-back",
    "ring": "call-back",
    "email": "send",
    "mail": "send",
    "text": "send",
    "sent": "send",
    "forward": "send",
    "rout": "send",
    "supply": "send",
    "disclos": "shar",
    "reveal": "shar",
    "waiver": "waiv",
    "waive": "waiv",
    "cancellation": "cancel",
    "terminat": "cancel",
    "escalation": "escalat",
    "instalment": "installment",
    "installation": "install",
    "confirmation": "confirm",
    "investigation": "investigat",
    "replacement": "replac",
    "arrangement": "arrangement",
    "installment": "installment",
}
# Nouns that carry a whole act on their own: one of them shared with a record is enough to
# compare polarity ("no refund" against "refund issued").
ACT_NOUNS_TEXT = (
    "credit callback technician visit label replacement waiver escalation dispute refund "
    "apology discount extension cancellation arrangement installation"
)
# Verb forms that state something was carried out (not merely promised or requested).
COMPLETION = frozenset(
    (
        "applied credited refunded reversed waived paid received completed delivered arrived "
        "came happened done finished restored fixed resolved visited issued posted processed "
        "reimbursed returned replaced installed repaired shipped sent emailed mailed approved "
        "granted honored honoured made cancelled canceled reset upheld"
    ).split()
)
# Verbs that promise an act: "callback promised" makes the callback an act of the clause.
PROMISE_VERBS = frozenset(
    "promised scheduled booked arranged dispatched rebooked rescheduled offered".split()
)
# Words that set a clause's mode, not its content: left out when clauses are compared.
MODE_STEMS = frozenset(
    ("promis within previou earlier later expect due will pend upcom agre commit guarante").split()
)
# Status words are judged by the status reader, not as acts with a polarity.
STATUS_STEMS = frozenset(
    {
        "resolv",
        "unresolv",
        "open",
        "clos",
        "close",
        "fix",
        "unfix",
        "pend",
        "outstand",
        "await",
        "wait",
        "ongo",
        "persist",
        "still",
        "remain",
        "settl",
        "sort",
        "handl",
        "address",
        "clear",
        "decision",
        "progres",
    }
)
