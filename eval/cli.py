"""The `oci` command line: every Makefile target is a thin wrapper over one of these.

Each command lives in its own module and is imported only when it runs: `oci --help` and
`oci token` must not pay for litellm, MLflow and ragas, which the eval commands import.
`COMMANDS` names every command with the one-line help that `oci --help` prints;
tests/core/test_cli_lazy.py checks that each line matches the loaded command.
Settings are read once, in the command (the edge), and passed down.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, NamedTuple

try:
    import typer
except ModuleNotFoundError as missing:  # the bare install: the service without the harness
    raise SystemExit(
        f"error: `oci` needs the harness: pip install 'omni-channel-insights[eval]' "
        f"({missing.name} is not installed; the service alone starts with `oci-serve`)"
    ) from None
from typer.core import TyperCommand, TyperGroup

from service.offline import apply_offline_defaults
from service.settings import ConfigurationError

if TYPE_CHECKING:  # typer's own (vendored) click, which its groups are typed against
    from typer._click import Command, Context, HelpFormatter


class LazyCommand(NamedTuple):
    """Where a command is defined (`module:attribute`) and its one-line help."""

    target: str
    help: str


COMMANDS: dict[str, LazyCommand] = {
    "dataset": LazyCommand(
        "eval.dataset_cli:dataset_app",
        "The golden and dev sets: generate, build, validate, summarize.",
    ),
    "registry": LazyCommand(
        "eval.registry_cli:registry_app", "The prompt/model registry (MLflow)."
    ),
    "meta-eval": LazyCommand(
        "eval.metaeval_cli:meta_eval_app",
        "Meta-evaluation: labelled variants of known-good summaries, and what each check detects.",
    ),
    "judge": LazyCommand(
        "eval.judge_cli:judge_app", "The LLM judge: calibration against people's labels."
    ),
    "matrix": LazyCommand(
        "eval.matrix.cli:matrix_command",
        "Several prompt/model pairs on the same samples: leaderboard, Pareto plots, advice.",
    ),
    "serve": LazyCommand(
        "eval.service_cli:serve_command",
        "Serve POST /omni-channel-insights on the configured backends.",
    ),
    "token": LazyCommand(
        "eval.service_cli:token_command",
        "Print a signed bearer token (default 1 hour) for calling the API.",
    ),
    "seed": LazyCommand(
        "eval.service_cli:seed_command",
        "Load the golden histories into the interaction store (idempotent).",
    ),
    "eval": LazyCommand(
        "eval.eval_cli:eval_command",
        "Evaluate a pair (default: production) on the golden and regression sets, and gate it.",
    ),
    "findings": LazyCommand(
        "eval.findings_cli:findings_app",
        "Claim findings of an eval, and people's reviews of them.",
    ),
    "review": LazyCommand(
        "eval.review_cli:review_app",
        "The review queue: QA reviewers label summaries and findings in the browser.",
    ),
    "promote": LazyCommand(
        "eval.eval_cli:promote_command",
        "Evaluate a registered version against production; move `production` only on PASS.",
    ),
    "gate": LazyCommand(
        "eval.gate.cli:gate_command",
        "Gate the prompt directories a pull request changes (base vs head, on promptfoo).",
    ),
    "etl": LazyCommand(
        "eval.warehouse_cli:etl_command",
        "Load processed records, feedback and the request log into the DuckDB warehouse.",
    ),
    "report": LazyCommand(
        "eval.warehouse_cli:report_command",
        "Weekly report (default: the newest ended week with data) and the week's regression set.",
    ),
    "simulate": LazyCommand(
        "eval.warehouse_cli:simulate_command",
        "Simulate a week of traffic through the service core, with feedback, into the blob store.",
    ),
    "summarize": LazyCommand(
        "eval.summarize_cli:summarize_command",
        "Summarize the golden samples with a prompt pair and print them (no scoring).",
    ),
    "emulator": LazyCommand(
        "eval.summarize_cli:emulator_command",
        "Serve the Bedrock Converse emulator on 127.0.0.1 in the foreground.",
    ),
}


def load_command(name: str) -> Command:
    """Import the module that defines `name` and build its click command."""
    module_name, _, attribute = COMMANDS[name].target.partition(":")
    target = getattr(importlib.import_module(module_name), attribute)
    command: Command
    if isinstance(target, typer.Typer):
        command = typer.main.get_group(target)
    else:
        single = typer.Typer(add_completion=False)
        single.command(name)(target)
        command = typer.main.get_command(single)
    command.name = name
    return command


class _LazyGroup(TyperGroup):
    """A group whose commands are imported when invoked, not when listed."""

    _listing = False

    def list_commands(self, ctx: Context) -> list[str]:
        return [*super().list_commands(ctx), *COMMANDS]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        if self._listing:  # the help page needs a name and a line, not the command
            return TyperCommand(cmd_name, short_help=COMMANDS[cmd_name].help)
        return load_command(cmd_name)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


app = typer.Typer(
    cls=_LazyGroup,
    help="Omni Channel Insights: summaries for agents, and the prompt-ops harness that gates them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Keep `oci` a group even though every command is registered lazily."""


def main() -> None:
    """Console-script entry point: offline defaults first, before any command's imports."""
    apply_offline_defaults()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except ConfigurationError as error:
        # One plain line (rich would wrap it at 80 columns): the variable, not a traceback.
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
