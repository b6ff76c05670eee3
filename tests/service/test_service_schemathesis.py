"""Schemathesis over the live OpenAPI spec: generated requests never get a 5xx or break it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from oci_testing.service_env import RunningService, make_settings, seed_history, serve_service
from schemathesis import GenerationMode

# Per operation and generation mode. The POST operations get both modes (4 x 300); the
# parameterless GETs have a single possible request, which Hypothesis sends once.
EXAMPLES = 300
MIN_CASES = 1_000
STRICT_INTEGERS = ("max_history_days", "max_interactions")


def _integral_float(case: schemathesis.Case) -> bool:
    """JSON Schema counts 5.0 as an integer; the service refuses it by design (strict
    integers), so such a "valid" case is not one this API promises to accept."""
    body = case.body if isinstance(case.body, dict) else {}
    return any(isinstance(body.get(name), float) for name in STRICT_INTEGERS)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    settings = make_settings(tmp_path_factory.mktemp("schemathesis"), Path(__file__).parents[2])
    # Schemathesis sends thousands of deliberately unauthenticated requests from one address
    # and expects each to be a 401; the anonymous limit has its own test.
    settings = settings.model_copy(update={"anonymous_rate_limit_burst": 1_000_000})
    seed_history(settings)
    yield from serve_service(settings, None)


def test_api_never_answers_5xx_and_matches_its_schema(live: RunningService) -> None:
    """Every operation of the live spec with valid (positive) and, where it has input,
    schema-violating (negative) generated requests: at least 1,000 cases in all.

    Each response must be < 500 and pass schemathesis' default checks: status code, content
    type, headers and body conform to the spec (response conformance), invalid input is
    rejected, valid input is not. Driven through Hypothesis directly: schemathesis' pytest
    fixture loader does not run under pytest 9.
    """
    schema = schemathesis.openapi.from_url(f"{live.base_url}/openapi.json")
    headers = {"Authorization": f"Bearer {live.token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/omni-channel-insights", "/feedback", "/healthz"}
    cases: Counter[tuple[str, str]] = Counter()
    statuses: Counter[int] = Counter()

    def run(operation: Any, mode: GenerationMode) -> None:
        @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
        @hypothesis.settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(hypothesis.HealthCheck),
            database=None,
        )
        def check(case: schemathesis.Case) -> None:
            hypothesis.assume(mode is GenerationMode.NEGATIVE or not _integral_float(case))
            response = case.call(headers=headers)
            cases[(operation.label, mode.value)] += 1
            statuses[response.status_code] += 1
            assert response.status_code < 500, response.text
            case.validate_response(response)

        check()

    for operation in operations:
        run(operation, GenerationMode.POSITIVE)
        if len(operation.body) or any(True for _ in operation.iter_parameters()):
            run(operation, GenerationMode.NEGATIVE)  # nothing to violate without input
    print(dict(cases), dict(sorted(statuses.items())))
    assert sum(cases.values()) >= MIN_CASES, cases
    # Both kinds of input really reached the POST operations.
    for path in ("/omni-channel-insights", "/feedback"):
        for mode in ("positive", "negative"):
            assert cases[(f"POST {path}", mode)] >= EXAMPLES // 2, cases
    # Valid requests were served, not only rejected: the 2xx path ran too.
    assert statuses[200] > 0 and any(400 <= status < 500 for status in statuses)
