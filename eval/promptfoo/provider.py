"""promptfoo Python provider: one prompt/model pair through the shared summarizer core.

Config (`providers[].config`): `prompt_dir` (a directory holding `prompt.yaml`),
`datasets_dir`, `dataset_version`. The rendered promptfoo prompt is only a row label: the
summarizer renders the pair's own template from the sample named by `vars`.
"""

from __future__ import annotations

from typing import Any

from eval.dataset.loader import DEFAULT_DATASET
from eval.promptfoo.worker import pair_worker, provider_response


def call_api(prompt: str, options: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    """promptfoo's provider entry point: summarize and score the sample in `context["vars"]`.

    Args:
        prompt: The rendered promptfoo prompt (a label; not sent to the model).
        options: `{"config": {...}}` as described in the module docstring.
        context: promptfoo's call context; `vars` holds `dataset` and `sample_id`.

    Returns:
        A ProviderResponse dict: output, cost, latencyMs, tokenUsage, metadata (and error).
    """
    del prompt
    config = options.get("config") or {}
    try:
        worker = pair_worker(
            str(config["prompt_dir"]),
            str(config["datasets_dir"]),
            str(config.get("dataset_version", DEFAULT_DATASET)),
        )
    except KeyError as error:
        return {"error": f"provider config: missing field {error}"}
    variables = context.get("vars") or {}
    try:
        result = worker.run(str(variables["dataset"]), str(variables["sample_id"]))
    except KeyError as error:
        return {"error": f"test vars: {error}"}
    return provider_response(worker, result)
