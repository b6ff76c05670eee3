"""Weekly-report defects, each pinned: kappa's interval, one count of not-helpful summaries,
per-version figures by version id, and worst cases shown with their (redacted) history."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, timedelta

import duckdb
import pytest
from oci_testing.warehouse_store import MONDAY, read_docs

from eval.warehouse.etl import WarehousePaths, connect, run_etl
from eval.warehouse.schema import create_views, rebuild_schema
from eval.warehouse.synthetic import write_synthetic
from eval.weekly.cases import history_excerpt, worst_cases
from eval.weekly.judging import Judged, cohen_kappa
from eval.weekly.metrics import weekly_numbers
from eval.weekly.rated import pick_rated


def test_kappa_comes_with_its_95_percent_interval() -> None:
    pairs = [(True, True)] * 40 + [(True, False)] * 10 + [(False, True)] * 5 + [(False, False)] * 25
    agreement = cohen_kappa(pairs)
    assert agreement.kappa is not None and agreement.low is not None
    observed, judge_pass, helpful = 65 / 80, 50 / 80, 45 / 80
    chance = judge_pass * helpful + (1 - judge_pass) * (1 - helpful)
    half = 1.96 * math.sqrt(observed * (1 - observed) / (80 * (1 - chance) ** 2))
    assert agreement.low == pytest.approx(agreement.kappa - half)
    assert agreement.high == pytest.approx(agreement.kappa + half)
    assert agreement.text == f"{agreement.kappa:.3f} [{agreement.low:.2f}, {agreement.high:.2f}]"


@pytest.mark.parametrize(
    ("pairs", "reason"),
    [
        ([(True, True)] * 8 + [(True, False)] * 4, "the judge passed every summary"),
        ([(False, True)] * 8 + [(True, True)] * 4, "agents found every summary helpful"),
        ([], "no rated summary judged"),
    ],
)
def test_kappa_is_not_measurable_when_a_rater_is_constant(
    pairs: list[tuple[bool, bool]], reason: str
) -> None:
    agreement = cohen_kappa(pairs)
    assert agreement.kappa is None and agreement.unmeasurable == reason
    assert agreement.text == f"not measurable ({reason})"


def _vote(
    request_id: str, doc: dict[str, object], helpful: bool, at: datetime
) -> dict[str, object]:
    return {
        "feedback_id": f"fb-early-{request_id}",
        "idempotency_key": None,
        "request_id": request_id,
        "unique_process_id": doc["unique_process_id"],
        "contact_id": doc["contact_id"],
        "account_number": doc["account_number"],
        "feedback": "helpful" if helpful else "not_helpful",
        "comment": None,
        "received_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "prompt_name": "omni-summary",
        "prompt_version": doc["prompt_version"],
        "model_used": doc["model_used"],
        "cache_hit": False,
        "generation_timestamp": doc["generation_timestamp"],
    }


@pytest.fixture(scope="module")
def overridden_votes(tmp_path_factory: pytest.TempPathFactory) -> WarehousePaths:
    """A week where the first agent said not helpful and the transfer's agent, later, helpful."""
    root = tmp_path_factory.mktemp("votes")
    write_synthetic(root, n_summaries=120, n_feedback=80, week_start=MONDAY, layout="documents")
    for vote in read_docs(root, "feedback"):
        if vote["feedback"] != "helpful" or not str(vote["feedback_id"]).endswith("-0"):
            continue
        first_request = str(vote["request_id"]).replace("req-t", "req-")
        received = datetime.fromisoformat(str(vote["received_at"]).replace("Z", "+00:00"))
        body = _vote(first_request, vote, False, received - timedelta(seconds=20))
        folder = root / f"omni-channel/feedback/dt={received:%Y-%m-%d}"
        (folder / f"{body['feedback_id']}.json").write_text(json.dumps(body))
    paths = WarehousePaths.under(tmp_path_factory.mktemp("votes-wh"))
    run_etl(paths, blob_root=root)
    return paths


def test_not_helpful_summaries_are_counted_once_as_the_warehouse_counts_them(
    overridden_votes: WarehousePaths,
) -> None:
    with connect(overridden_votes.database, read_only=True) as conn:
        picks = pick_rated(conn, MONDAY.date(), kappa_sample=50, regression_cases=1000)
        counted = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE NOT model_called) FROM omni_summaries"
            " WHERE NOT helpful_feedback AND generation_timestamp >= ?",
            [MONDAY],
        ).fetchone()
        overridden = conn.execute(
            "SELECT count(*) FROM omni_feedback WHERE feedback_id LIKE 'fb-early-%'"
        ).fetchone()
    assert counted is not None and overridden is not None and overridden[0] > 0
    assert (picks.not_helpful_summaries, picks.no_interaction_answers) == counted
    assert counted[1] > 0  # "No interactions found" answers are counted, and named
    assert len(picks.unhelpful) == picks.case_pool == counted[0] - counted[1]
    assert all(row["model_used"] != "none" and not row["helpful"] for row in picks.unhelpful)


def _version_week(
    conn: duckdb.DuckDBPyConnection, week: date, version: str, votes: tuple[int, int]
) -> None:
    """`votes` = (helpful, not helpful) on summaries of `version` generated in `week`."""
    helpful, unhelpful = votes
    for i in range(helpful + unhelpful):
        at = datetime.combine(week, datetime.min.time()) + timedelta(hours=1 + i)
        key = f"{version}-{week}-{i}"
        conn.execute(
            "INSERT INTO omni_feedback VALUES (?, NULL, ?, ?, 'c', 'a', ?, NULL, ?, 'p', ?, 'm',"
            " false, ?)",
            [f"fb-{key}", f"req-{key}", f"proc-{key}", i < helpful, at, version, at],
        )
        conn.execute(
            "INSERT INTO omni_summaries VALUES (?, 'a', 's', 'm', ?, ?, 100, false, 0.001, ?,"
            " ?, ?, ?, 'p', false, true, 1, 1, 1, 'i', 1, ?)",
            [
                f"c-{key}",
                version,
                at,
                i < helpful,
                at,
                f"req-{key}",
                f"proc-{key}",
                "redacted" if i == 0 else "passed",
            ],
        )


def test_versions_are_compared_and_trended_by_version_id_across_a_version_change() -> None:
    before, week = date(2026, 11, 9), date(2026, 11, 16)
    with duckdb.connect() as conn:
        rebuild_schema(conn)
        create_views(conn)
        _version_week(conn, before, "1", (6, 4))  # v1 was production
        _version_week(conn, week, "2", (15, 5))  # v2 took over
        _version_week(conn, week, "1", (2, 3))  # v1 kept as a canary
        numbers = weekly_numbers(conn, "2026-W47", week, before)
    rows = {v.prompt_version: v for v in numbers.versions}
    assert rows["2"].role == "production" and rows["1"].role == "canary"
    assert (rows["1"].previous_helpful.successes, rows["1"].previous_helpful.n) == (6, 10)
    assert rows["2"].previous_helpful.n == 0  # a new version has no history of its own
    trend = {(p.prompt_version, p.week_start): p for p in numbers.trend}
    assert set(trend) == {("1", before), ("1", week), ("2", week)}
    assert trend[("1", before)].helpful.value == pytest.approx(0.6)
    assert trend[("1", week)].helpful.value == pytest.approx(0.4)
    failed = trend[("2", week)].validation_failure
    assert (failed.successes, failed.n) == (1, 20)
    headline = {h.name: h for h in numbers.headlines}["not_helpful_rate"]
    assert headline.previous.value == pytest.approx(0.4)
    assert headline.current.value == pytest.approx(8 / 25)
    assert headline.change == pytest.approx(8 / 25 - 0.4)


def _judged(notes: list[str]) -> Judged:
    interactions = [
        {
            "channel": "chat",
            "timestamp": f"2026-11-{10 + day:02d}T09:00:00Z",
            "intent": "billing",
            "notes": note,
            "outcome": "pending" if day else "resolved",
            "sentiment": None,
        }
        for day, note in enumerate(notes)
    ]
    row = {
        "request_id": "req-1",
        "prompt_version": "1",
        "model_used": "m",
        "helpful": False,
        "account_number": "1000000042",
        "summary_text": "Customer called.",
        "comment": None,
        "interactions": json.dumps(interactions),
    }
    return Judged(row, False, 0.1, "missed the open refund")


def test_worst_cases_show_the_latest_records_redacted() -> None:
    notes = [
        "Old call about the router.",
        "Asked about fees.",
        "Email jane.doe@example.com; acct 1000000042 refund promised by Friday",
        "Call 555-010-4477: refund still open, card 4111 1111 1111 1111",
    ]
    judged = _judged(notes)
    excerpt = history_excerpt(judged.row)
    assert len(excerpt) == 3 and excerpt[0].startswith("2026-11-13 09:00 chat")
    assert "refund still open" in excerpt[0] and "Old call" not in " ".join(excerpt)
    shown = " ".join(excerpt)
    for secret in ("jane.doe@example.com", "1000000042", "555-010-4477", "4111 1111"):
        assert secret not in shown
    (case,) = worst_cases([judged])
    assert case["history"] == excerpt
    assert datetime(2026, 11, 13, tzinfo=UTC).date().isoformat() in case["history"][0]
