"""The queues a reviewer works through, and what is left in each for whom.

An item is done once as many distinct reviewers as its queue asks for have labelled it
(two per calibration item when `OCI_REVIEW_CALIBRATION_REVIEWERS=2`, else one); a finding
item is also done once every finding on it has a standing review, however it was given
(`oci findings review` counts). A reviewer is never shown an item they already labelled as
the next one; they can still open it to change their label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eval.findings import ReviewStore
from eval.review.items import QUEUE_NAMES, QueueName, ReviewItem
from eval.review.labels import LabelStore, reviewers_of

QUEUE_TITLES: dict[QueueName, tuple[str, str]] = {
    "findings": (
        "Gate findings",
        "Claim findings of the newest eval that nobody has reviewed; a verdict here is what "
        "the gate counts (confirmed) or leaves out (false alarm).",
    ),
    "flagged": (
        "Flagged production summaries",
        "Summaries the validation agent regenerated, redacted or withheld this week.",
    ),
    "not_helpful": (
        "Not-helpful summaries",
        "Summaries an agent voted not helpful this week: was the agent right, and what was "
        "wrong? Confirmed ones become regression cases carrying your reason.",
    ),
    "calibration": (
        "Calibration items",
        "Summaries to score on the QA form; the judge is measured against these labels.",
    ),
}


@dataclass(frozen=True)
class Progress:
    """Where a queue stands for one reviewer."""

    total: int
    done: int  # items with every label they need
    mine: int  # items this reviewer labelled
    waiting_for_me: int  # items still needing a label this reviewer can give


class ReviewQueues:
    """Every queue's items, with the stores that say what is labelled."""

    def __init__(
        self,
        items: Sequence[ReviewItem],
        *,
        labels: LabelStore,
        findings: ReviewStore,
        calibration_reviewers: int = 1,
    ) -> None:
        self._items = {item.key: item for item in items}
        self._order: dict[QueueName, list[str]] = {name: [] for name in QUEUE_NAMES}
        for item in items:
            self._order[item.queue].append(item.key)
        self.labels = labels
        self.findings = findings
        self._needed = {name: 1 for name in QUEUE_NAMES}
        self._needed["calibration"] = calibration_reviewers

    def item(self, key: str) -> ReviewItem | None:
        return self._items.get(key)

    def items(self, queue: QueueName) -> list[ReviewItem]:
        return [self._items[key] for key in self._order[queue]]

    def needed(self, queue: QueueName) -> int:
        """How many reviewers each item of `queue` needs."""
        return self._needed[queue]

    def _state(self) -> tuple[dict[str, set[str]], set[str]]:
        return reviewers_of(self.labels.all()), set(self.findings.latest())

    @staticmethod
    def _complete(item: ReviewItem, reviewers: set[str], reviewed: set[str], needed: int) -> bool:
        if item.queue == "findings" and all(f.id in reviewed for f in item.findings):
            return True
        return len(reviewers) >= needed

    def pending(self, queue: QueueName, reviewer: str) -> list[ReviewItem]:
        """Items of `queue` that still need a label `reviewer` has not given, in order."""
        by_item, reviewed = self._state()
        needed = self._needed[queue]
        return [
            item
            for item in self.items(queue)
            if reviewer not in by_item.get(item.key, set())
            and not self._complete(item, by_item.get(item.key, set()), reviewed, needed)
        ]

    def next_for(self, queue: QueueName, reviewer: str, after: str = "") -> ReviewItem | None:
        """The next pending item after `after` in queue order, wrapping round to the first;
        never `after` itself (skipping the last pending item leaves none)."""
        pending = [item for item in self.pending(queue, reviewer) if item.key != after]
        if not pending:
            return None
        order = self._order[queue]
        if after in order:
            position = order.index(after)
            later = [item for item in pending if order.index(item.key) > position]
            if later:
                return later[0]
        return pending[0]

    def neighbour(self, key: str, step: int) -> ReviewItem | None:
        """The item `step` places from `key` in its queue (None past either end)."""
        item = self._items.get(key)
        if item is None:
            return None
        order = self._order[item.queue]
        index = order.index(key) + step
        return self._items[order[index]] if 0 <= index < len(order) else None

    def progress(self, queue: QueueName, reviewer: str) -> Progress:
        by_item, reviewed = self._state()
        needed = self._needed[queue]
        items = self.items(queue)
        done = sum(self._complete(i, by_item.get(i.key, set()), reviewed, needed) for i in items)
        mine = sum(reviewer in by_item.get(i.key, set()) for i in items)
        waiting = len(self.pending(queue, reviewer))
        return Progress(len(items), done, mine, waiting)
