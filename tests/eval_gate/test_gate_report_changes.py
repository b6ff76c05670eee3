"""The report's why: regressions vs production, word diffs, prompt diff, latency flag, Δ plots."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import gate_runs as g
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from eval.gate import decide, load_gate_config
from eval.report import PromptText, ReportContext, render_markdown, render_scorecard
from eval.report.comparison import compare_samples, largest_changes, word_diff
from eval.report.context import compare_latency, prompt_diff
from eval.report.html import render_page
from eval.types import EvalRun

SCRIPT = "<script>x</script>"


@pytest.fixture(scope="module")
def runs() -> tuple[EvalRun, EvalRun]:
    """Production, and a candidate that drops the customer data on golden sample 3 only."""
    production = g.build_run(version="7")
    results = list(g.build_run(g.equivalent, version="8").results)
    worse = results[3]
    results[3] = replace(
        worse,
        output=f"The customer called. {SCRIPT}",
        scores={
            **worse.scores,
            "judge": replace(worse.scores["judge"], value=0.1, reason="misses the fee"),
            "key_fact_recall": replace(worse.scores["key_fact_recall"], value=0.0),
        },
    )
    # Sample 5 had an empty history: a fixed answer and no model call, on both sides.
    empty = {"output": "No interactions found", "model_called": False}
    results[5] = replace(results[5], **empty)  # type: ignore[arg-type]
    prod_results = list(production.results)
    prod_results[5] = replace(prod_results[5], **empty)  # type: ignore[arg-type]
    candidate = replace(g.build_run(version="8"), results=tuple(results))
    return candidate, replace(production, results=tuple(prod_results))


def test_largest_regression_is_the_damaged_sample_with_both_outputs(runs, tmp_path: Path) -> None:
    candidate, production = runs
    worse, better = largest_changes(compare_samples(candidate, production), n=10)
    assert worse[0].sample_id == candidate.results[3].sample_id
    assert worse[0].deltas["key_fact_recall"] < 0 and worse[0].candidate_missing
    assert all(c.change > 0 for c in better) and all(c.change < 0 for c in worse)
    html = render_page(candidate, production, decide(candidate, production, load_gate_config()))
    section = html[html.index("Largest regressions vs production") :]
    section = section[: section.index("</table>")]
    assert "misses the fee" in section and "&lt;script&gt;" in section and SCRIPT not in html
    # Production's output beside the candidate's, the words only one of them wrote marked.
    assert "<del>" in section and "<ins>" in section
    # Every listed sample links to its row in the per-sample table.
    for target in re.findall(r'href="#(sample-[^"]+)"', html):
        assert f'id="{target}"' in html


def test_word_diff_marks_changed_words_and_escapes() -> None:
    old, new = word_diff("Refund of $40 by Friday.", "Refund of <b>$45</b> by Friday.")
    assert str(old) == "Refund of <del>$40 </del>by Friday."
    assert str(new) == "Refund of <ins>&lt;b&gt;$45&lt;/b&gt; </ins>by Friday."


@given(st.text(max_size=60), st.text(max_size=60))
def test_word_diff_keeps_both_texts_once_markup_is_removed(a: str, b: str) -> None:
    def plain(html: str) -> str:
        text = re.sub(r"</?(del|ins)>", "", html)
        return (
            text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#34;", '"')
            .replace("&#39;", "'")
            .replace("&amp;", "&")
        )

    old, new = word_diff(a, b)
    assert plain(str(old)) == a and plain(str(new)) == b


def test_prompt_diff_is_unified_when_different_and_identical_otherwise() -> None:
    production = PromptText("Be brief.\nNo lists.", "{{interactions}}", {"max_tokens": 400})
    candidate = replace(production, system="Be short.\nNo lists.")
    parts = {p.part: p.diff for p in prompt_diff(candidate, production)}
    assert parts["user"] is None and parts["model_config"] is None
    assert parts["system"] is not None and "-Be brief.\n+Be short.\n" in parts["system"]
    page = render_page(
        g.build_run(version="8"),
        g.build_run(version="7"),
        decide(g.build_run(version="8"), g.build_run(version="7"), load_gate_config()),
        ReportContext(candidate_prompt=candidate, production_prompt=production),
    )
    assert "<code>user</code>: identical" in page and "+Be short." in page


def test_latency_from_the_cache_against_fresh_timings_is_flagged(runs) -> None:
    candidate, production = runs
    assert compare_latency(candidate, production).comparable
    cached = replace(
        candidate,
        results=tuple(
            replace(r, latency_source="cached", latency_ms=1.0) for r in candidate.results
        ),
    )
    flag = compare_latency(cached, production)
    assert not flag.comparable and "--remeasure" in flag.note
    verdict = decide(cached, production, load_gate_config())
    out = io.StringIO()
    render_scorecard(cached, production, verdict, console=Console(file=out, width=80))
    assert "latency Δ not comparable" in out.getvalue()
    wide = io.StringIO()
    console = Console(file=wide, width=200, force_terminal=True, color_system=None)
    render_scorecard(cached, production, verdict, console=console)
    p95 = next(line for line in wide.getvalue().splitlines() if "latency p95" in line)
    assert "not comparable" in p95 and "−" not in p95.split("ms")[-1]
    assert "not comparable" in render_markdown(cached, production, verdict)
    assert "⚠ latency Δ not comparable" in render_page(cached, production, verdict)


def test_delta_plots_list_extreme_samples_and_mark_empty_histories(runs) -> None:
    candidate, production = runs
    verdict = decide(candidate, production, load_gate_config())
    html = render_page(candidate, production, verdict)
    damaged = candidate.results[3].sample_id
    empty = candidate.results[5].sample_id
    assert "most negative Δ" in html and f'href="#sample-golden-v1-{damaged}"' in html
    assert "empty history" in html and "Red crosses: the 1 samples" in html
    lists = html[html.index("most negative Δ") : html.index('id="every-sample"')]
    assert f"<code>{empty}</code>" not in lists  # drawn apart, never listed as a spike


def test_scorecard_names_bootstrapped_production_report_and_run(runs) -> None:
    candidate, _ = runs
    verdict = decide(candidate, None, load_gate_config())
    verdict = replace(verdict, notes=("the candidate is the production pair (omni-summary@8)",))
    context = ReportContext(
        production_label="omni-summary@8 (local/baseline)",
        production_bootstrapped=True,
        mlflow_run_id="0123abcd",
        report_path=Path("reports/eval/x/report.html"),
    )
    for console in (
        Console(file=io.StringIO(), width=80),
        Console(file=io.StringIO(), width=200, force_terminal=True, color_system=None),
    ):
        render_scorecard(candidate, None, verdict, console=console, context=context)
        text = console.file.getvalue()  # type: ignore[attr-defined]
        assert "Production: omni-summary@8 (local/baseline) (bootstrapped)" in text
        assert "none yet" not in text
        assert "report:     reports/eval/x/report.html" in text
        assert "MLflow run: 0123abcd" in text
