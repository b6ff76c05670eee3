"""Scorecard, markdown and HTML renderers: every check shown, text escaped, plots written."""

from __future__ import annotations

import base64
import io
import re
from dataclasses import replace
from pathlib import Path

import gate_runs as g
import pytest
from rich.console import Console

from eval.gate import decide, load_gate_config
from eval.report import render_html, render_markdown, render_scorecard, write_reports
from eval.report.common import BASELINE_JUDGE_LABEL, worst_samples
from eval.types import EvalRun

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def runs() -> tuple[EvalRun, EvalRun]:
    production = g.build_run(version="7")
    candidate = g.build_run(g.truncates, version="8")
    # A hostile summary on the worst sample must be shown as text, never run.
    results = list(candidate.results)
    judge = replace(results[0].scores["judge"], value=0.0, reason="<b>bad</b>")
    scores = {**results[0].scores, "judge": judge}
    results[0] = replace(results[0], output=f"Refund {SCRIPT} & more", scores=scores)
    return replace(candidate, results=tuple(results)), production


def test_report_html_has_verdict_escaped_text_and_plots(runs, tmp_path: Path) -> None:
    candidate, production = runs
    verdict = decide(candidate, production, load_gate_config())
    path = render_html(candidate, production, verdict, tmp_path / "out")
    html = path.read_text(encoding="utf-8")
    assert "Gate FAIL" in html and "vs production omni-summary@7" in html
    assert SCRIPT not in html and "&lt;script&gt;" in html and "&lt;b&gt;bad&lt;/b&gt;" in html
    assert BASELINE_JUDGE_LABEL in html
    for check in verdict.checks:
        assert check.name in html
    sources = re.findall(r'<img[^>]*\ssrc="([^"]*)"', html)
    paired = [c for c in verdict.checks if c.ci is not None]
    assert len(sources) == 1 + len(paired)  # distributions, then one Δ plot per paired check
    for source in sources:  # every plot inside the page: MLflow's viewer serves it alone
        assert source.startswith("data:image/png;base64,")
        png = base64.b64decode(source.removeprefix("data:image/png;base64,"))
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 1000
    assert sorted(p.name for p in path.parent.iterdir()) == ["report.html"]
    assert html.count("trial 0") == 10  # ten worst samples, side by side with references


def test_report_html_without_production_has_no_delta_plot(tmp_path: Path) -> None:
    run = g.build_run()
    verdict = decide(run, None, load_gate_config())
    html = render_html(run, None, verdict, tmp_path).read_text(encoding="utf-8")
    assert "Gate PASS" in html and "absolute checks and claim ceilings only" in html
    assert len(re.findall(r"<img ", html)) == 1 and "Per-sample Δ of" not in html
    assert "Largest regressions" not in html and 'id="every-sample"' in html


def test_report_markdown_lists_every_check(runs) -> None:
    candidate, production = runs
    verdict = decide(candidate, production, load_gate_config())
    md = render_markdown(candidate, production, verdict)
    assert "❌ FAIL" in md and BASELINE_JUDGE_LABEL in md
    for check in verdict.checks:
        assert f"`{check.name}`" in md
    assert md.count("| ✅ |") + md.count("| ❌ |") == len(verdict.checks)
    assert "| BLEU (mean sentence, all refs) |" in md


def test_report_scorecard_names_pair_judge_and_checks(runs) -> None:
    candidate, production = runs
    verdict = decide(candidate, production, load_gate_config())
    buffer = io.StringIO()
    render_scorecard(candidate, production, verdict, console=Console(file=buffer, width=200))
    text = buffer.getvalue()
    assert "omni-summary@8" in text and "omni-summary@7" in text
    assert BASELINE_JUDGE_LABEL in text and "golden/v1" in text
    for check in verdict.checks:
        assert check.name in text
    assert "✗" in text and "GATE FAIL" in text


def test_report_write_reports_writes_html_and_markdown(runs, tmp_path: Path) -> None:
    candidate, production = runs
    verdict = decide(candidate, production, load_gate_config())
    paths = write_reports(candidate, production, verdict, tmp_path / "reports" / "eval")
    assert paths.html.exists() and paths.markdown.read_text(encoding="utf-8").startswith("## Eval")


def test_report_worst_samples_put_errors_first_and_list_missing_facts(runs) -> None:
    candidate, _ = runs
    errored = replace(candidate.results[5], output=None, error="timeout", scores={})
    run = replace(candidate, results=(errored, *candidate.results[1:]))
    worst = worst_samples(run, n=10)
    assert worst[0].result.error == "timeout"
    golden = next(w for w in worst if w.result.dataset == g.GOLDEN and w.result.output)
    assert golden.references and golden.missing_facts


def test_scorecard_names_the_commonest_error(runs) -> None:
    import io

    from rich.console import Console

    from eval.gate import decide, load_gate_config
    from eval.report.scorecard import render_scorecard

    candidate, production = runs
    broken = tuple(
        replace(r, output=None, error="Timeout: model took 5 s", scores={}) if i < 3 else r
        for i, r in enumerate(candidate.results)
    )
    run = replace(candidate, results=broken)
    out = io.StringIO()
    verdict = decide(run, production, load_gate_config())
    render_scorecard(run, production, verdict, console=Console(file=out, width=120))
    assert "3 errored results; commonest (3): Timeout: model took 5 s" in out.getvalue()


def test_scorecard_in_a_pipe_fits_80_columns_and_40_lines(runs) -> None:
    candidate, production = runs
    verdict = decide(candidate, production, load_gate_config())
    out = io.StringIO()
    render_scorecard(candidate, production, verdict, console=Console(file=out, width=80))
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    assert len(lines) <= 40
    text = out.getvalue()
    for check in verdict.checks:
        assert check.name in text
    for check in verdict.failed:
        assert any(line.startswith(f"✗ {check.name}") for line in lines)
    assert "GATE FAIL" in lines


def test_scorecard_on_a_wide_terminal_keeps_the_tables(runs) -> None:
    candidate, production = runs
    verdict = decide(candidate, production, load_gate_config())
    out = io.StringIO()
    console = Console(file=out, width=200, force_terminal=True, color_system=None)
    render_scorecard(candidate, production, verdict, console=console)
    assert "Eval scorecard" in out.getvalue() and "Metrics" in out.getvalue()
