"""The weekly report as HTML (autoescaped Jinja2 + PNG plots), markdown and `metrics.json`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from eval.weekly.judging import Agreement
from eval.weekly.metrics import Ratio, WeeklyNumbers
from eval.weekly.plots import (
    HELPFUL_PNG,
    KAPPA_PNG,
    KPI_PNG,
    TREND_PNG,
    agreement_png,
    number_plots,
)
from eval.weekly.reviewed import ReasonGroup, reason_lines

TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class WeeklyReport:
    """Everything one weekly report states."""

    numbers: WeeklyNumbers
    agreement: Agreement
    judge: str
    judged_sample: int
    rated_in_week: int
    worst: list[dict[str, Any]]
    not_helpful_summaries: int
    regression_cases: int
    regression_path: str | None
    notes: list[str]
    no_interaction_answers: int = 0
    # Cases from simulated traffic, written apart so that they never reach the gate.
    simulated_regression_cases: int = 0
    simulated_regression_path: str | None = None
    simulated_week: bool = False
    # Not-helpful summaries reviewers looked at, grouped by what they said was wrong.
    reviewed_reasons: list[ReasonGroup] = field(default_factory=list)

    @property
    def regression_lines(self) -> list[str]:
        """Where the week's cases went, one line per file, saying who reads it."""
        gated = self.regression_cases - self.simulated_regression_cases
        lines = [
            f"{gated} production case(s) in {self.regression_path}: every later `make eval`"
            " and `make gate` includes them."
            if self.regression_path
            else "No production case: nothing was added to the regression sets that"
            " `make eval` and `make gate` read (datasets/regressions/)."
        ]
        if self.simulated_regression_path:
            lines.append(
                f"{self.simulated_regression_cases} case(s) from simulated traffic in"
                f" {self.simulated_regression_path}: kept apart, never read by an eval or"
                " the gate."
            )
        return lines

    @property
    def case_count_text(self) -> str:
        """How the regression set's cases relate to the week's not-helpful summaries."""
        pool = self.not_helpful_summaries - self.no_interaction_answers
        return (
            f"{self.regression_cases} case(s) drawn from {pool} not-helpful summaries written"
            f" by a model ({self.not_helpful_summaries} not-helpful summaries in all, less"
            f' {self.no_interaction_answers} "No interactions found" answers, which have no'
            " history to regress on). A summary is not helpful when the vote that counts for it"
            " (its latest, as the warehouse's omni_summaries.helpful_feedback holds) says so."
        )


def pct(value: float | None, digits: int = 1) -> str:
    """`12.3%`, or `n/a`."""
    return "n/a" if value is None else f"{value * 100:.{digits}f}%"


def ratio_text(ratio: Ratio) -> str:
    """`82.0% [79.1%, 84.6%] (n=812)`."""
    if ratio.value is None:
        return "n/a (n=0)"
    return f"{pct(ratio.value)} [{pct(ratio.low)}, {pct(ratio.high)}] (n={ratio.n})"


def change_text(change: float | None) -> str:
    """`+0.42 pt`, or `n/a`."""
    return "n/a" if change is None else f"{change * 100:+.2f} pt"


def ms(value: float | None) -> str:
    """`1234 ms`, or `n/a`."""
    return "n/a" if value is None else f"{value:.0f} ms"


def render_markdown(report: WeeklyReport) -> str:
    """The markdown summary (posted to the team channel, logged beside the HTML)."""
    n = report.numbers
    traffic = " — simulated traffic (`make simulate`)" if report.simulated_week else ""
    lines = [
        f"# Weekly feedback report {n.week} (from {n.week_start}){traffic}",
        "",
        f"Judge: {report.judge}",
        "",
        "| KPI | value | target | met |",
        "|---|---|---|---|",
    ]
    for name, kpi in n.kpis.items():
        value = kpi["value"]
        shown = ms(value) if name.startswith("latency") else pct(value, 2)
        target = ms(kpi["target"]) if name.startswith("latency") else pct(kpi["target"], 1)
        met = {True: "yes", False: "**no**", None: "n/a"}[kpi["met"]]
        lines.append(f"| {name} | {shown} | {kpi['direction']} {target} | {met} |")
    lines += [
        "",
        "## Headline rates (95% Wilson) and week-over-week change",
        "",
        "| rate | this week | previous week | change | target |",
        "|---|---|---|---|---|",
    ]
    for h in n.headlines:
        lines.append(
            f"| {h.name} | {ratio_text(h.current)} | {ratio_text(h.previous)} |"
            f" {change_text(h.change)} | {'<' if h.below else '>'} {pct(h.target)} |"
        )
    lines += [
        "",
        "## Helpful ratio by prompt version and model",
        "",
        "| version | model | helpful (95% Wilson) | previous week | change |",
        "|---|---|---|---|---|",
    ]
    for row in n.helpful_by_pair:
        change = "n/a" if row.change is None else f"{row.change * 100:+.1f} pt"
        lines.append(
            f"| {row.prompt_version} | {row.model_used} | {ratio_text(row.helpful)} |"
            f" {ratio_text(row.previous)} | {change} |"
        )
    lines += [
        "",
        "## Canary versus production",
        "",
        "| version | role | share | helpful | helpful, previous week | validation"
        " failures | p95 | failover | cost/summary |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for v in n.versions:
        cost = v.performance.cost_per_summary
        lines.append(
            f"| {v.prompt_version} | {v.role} | {pct(v.share)} | {ratio_text(v.helpful)} |"
            f" {ratio_text(v.previous_helpful)} | {ratio_text(v.performance.validation_failure)} |"
            f" {ms(v.performance.latency_p95)} | {ratio_text(v.performance.failover)} |"
            f" {'n/a' if cost is None else f'${cost:.6f}'} |"
        )
    a = report.agreement
    lines += [
        "",
        "## Judge agreement",
        "",
        f"Cohen's kappa {a.text} over {a.n} rated summaries (observed agreement "
        f"{pct(a.observed)}); confusion (judge × agent): {json.dumps(a.confusion)}",
        "",
        "## Regression set",
        "",
        report.case_count_text,
        "",
        *[f"- {line}" for line in report.regression_lines],
        "",
        *reason_lines(report.reviewed_reasons),
    ]
    lines += [f"- {note}" for note in report.notes]
    return "\n".join(lines) + "\n"


def _json_default(value: Any) -> Any:
    return str(value)


def write_report(
    report: WeeklyReport, out_dir: Path, drawn: Mapping[str, bytes] | None = None
) -> dict[str, Path]:
    """Write `report.html`, `report.md`, `metrics.json` and the PNGs into `out_dir`.

    `drawn`: the plots of `plots.number_plots(report.numbers)`, when they were drawn already
    (the report draws them in another process while the judge runs); drawn here otherwise.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    pngs = {
        **(number_plots(report.numbers) if drawn is None else drawn),
        "agreement": agreement_png(report.agreement),
    }
    plots = {}
    names = {"helpful": HELPFUL_PNG, "kpis": KPI_PNG, "trend": TREND_PNG, "agreement": KAPPA_PNG}
    for key, name in names.items():
        plots[key] = out_dir / name
        plots[key].write_bytes(pngs[key])
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # summaries and comments are model output and customer text
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(pct=pct, ratio=ratio_text, ms=ms, change=change_text)
    html = environment.get_template("weekly.html.j2").render(
        report=report, n=report.numbers, plots={k: p.name for k, p in plots.items()}
    )
    paths = {"html": out_dir / "report.html", "markdown": out_dir / "report.md"}
    paths["html"].write_text(html, encoding="utf-8")
    paths["markdown"].write_text(render_markdown(report), encoding="utf-8")
    paths["metrics"] = out_dir / "metrics.json"
    paths["metrics"].write_text(
        json.dumps(asdict(report), indent=1, default=_json_default, ensure_ascii=False)
    )
    return {**paths, **plots}
