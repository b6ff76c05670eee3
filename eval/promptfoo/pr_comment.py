"""The gate's markdown summary, sized for a pull-request comment.

Per prompt: where head and base came from, then the eval suite's own markdown (every check
with value, threshold and pass/fail; every metric base vs head), so the PR comment and
`make eval`'s report never disagree on a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eval.gate import Verdict
from eval.report.markdown import render_markdown
from eval.types import EvalRun
from service.prompts import PromptPair

VIEW_HINT = (
    "Side by side in promptfoo's viewer, offline. On the machine that ran the gate the run is "
    "in promptfoo's database already: `PROMPTFOO_CONFIG_DIR=.promptfoo "
    "node_modules/.bin/promptfoo view -y`. Elsewhere, from the results file: "
    "`node_modules/.bin/promptfoo import --new-id reports/gate/<name>.json && "
    "node_modules/.bin/promptfoo view -y` (`--new-id`: a database that holds the run already "
    "refuses it under its own id)."
)


@dataclass(frozen=True)
class PromptOutcome:
    """What the gate decided for one changed prompt directory."""

    name: str
    status: str  # modified / added / deleted
    head_label: str
    base_label: str
    base_reason: str
    passed: bool
    head_run: EvalRun | None = None
    base_run: EvalRun | None = None
    base_pair: PromptPair | None = None  # what the head was compared with, when it ran
    verdict: Verdict | None = None
    problem: str = ""  # why no verdict could be computed (invalid prompt, promptfoo failure)
    promptfoo_json: str = ""

    @property
    def failed_checks(self) -> tuple[str, ...]:
        """Names of the failed checks (empty when there is no verdict)."""
        return tuple(c.name for c in self.verdict.failed) if self.verdict else ()


def _mark(passed: bool) -> str:
    return "✅ PASS" if passed else "❌ FAIL"


def render_outcome(outcome: PromptOutcome) -> str:
    """One prompt's section of the summary."""
    failed = ", ".join(f"`{n}`" for n in outcome.failed_checks)
    title = f"### `{outcome.name}` ({outcome.status}) — {_mark(outcome.passed)}"
    lines = [title + (f" — failed: {failed}" if failed else ""), ""]
    lines += [f"- **Head:** {outcome.head_label}", f"- **Base:** {outcome.base_label}"]
    lines += [f"- **Why this base:** {outcome.base_reason}"]
    if outcome.promptfoo_json:
        lines.append(f"- **promptfoo results:** `{outcome.promptfoo_json}`")
    if outcome.problem:
        lines += ["", f"**Not evaluated:** {outcome.problem}"]
    if outcome.verdict is not None and outcome.head_run is not None:
        body = render_markdown(outcome.head_run, outcome.base_run, outcome.verdict)
        # The eval report says candidate/production; here they are head/base.
        body = body.replace("| candidate | production |", "| head | base |")
        lines += ["", "<details open><summary>checks and metrics</summary>", "", body]
        lines += ["</details>"]
    return "\n".join(lines) + "\n"


def render_summary(outcomes: Sequence[PromptOutcome], *, base: str, since: str) -> str:
    """The whole PR comment: overall verdict, then one section per changed prompt."""
    where = f"`{base}` ({since[:10]})"
    if not outcomes:
        return f"## Prompt gate: ✅ no prompt changed under `prompts/` since {where}\n"
    passed = all(o.passed for o in outcomes)
    failing = [o.name for o in outcomes if not o.passed]
    head = f"## Prompt gate: {_mark(passed)} — {len(outcomes)} changed prompt(s) vs {where}"
    lines = [head, ""]
    if failing:
        lines += [f"Failing: {', '.join(f'`{n}`' for n in failing)}", ""]
    lines += [VIEW_HINT, ""]
    lines += [render_outcome(o) for o in outcomes]
    return "\n".join(lines)
