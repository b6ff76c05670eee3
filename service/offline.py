"""Environment defaults that keep the libraries offline and quiet.

Why this exists: litellm downloads its price map at import time unless
`LITELLM_LOCAL_MODEL_COST_MAP` is set, and `mlflow server` deadlocks at start-up while
that download hangs on a machine without internet. These must be in the environment
before litellm, mlflow or ragas are first imported, so entry points call
`apply_offline_defaults()` first thing; explicit user settings always win.
"""

from __future__ import annotations

import os
from pathlib import Path

OFFLINE_DEFAULTS: dict[str, str] = {
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "LITELLM_LOG": "ERROR",
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "RAGAS_DO_NOT_TRACK": "true",
    "DO_NOT_TRACK": "1",
    "PROMPTFOO_DISABLE_TELEMETRY": "1",
    "PROMPTFOO_DISABLE_UPDATE": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_OFFLINE": "1",
    # `mlflow server` otherwise starts its job runner: about eight huey consumers of some
    # 300 MB each per server, for server-side jobs this project never schedules.
    "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false",
}


def apply_offline_defaults(*, promptfoo_config_dir: Path | None = None) -> None:
    """Set the offline defaults for every variable the user has not set."""
    for name, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(name, value)
    if promptfoo_config_dir is not None:
        os.environ.setdefault("PROMPTFOO_CONFIG_DIR", str(promptfoo_config_dir))


SERVING_DEFAULTS: dict[str, str] = {
    # A serving process must not hang on a dead registry: MLflow's HTTP client otherwise
    # retries for minutes. The last-known-good pair covers the outage instead.
    "MLFLOW_HTTP_REQUEST_MAX_RETRIES": "0",
    "MLFLOW_HTTP_REQUEST_TIMEOUT": "5",
}


def apply_serving_defaults() -> None:
    """Environment defaults for a serving process (explicit settings win)."""
    for name, value in SERVING_DEFAULTS.items():
        os.environ.setdefault(name, value)
