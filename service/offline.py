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
}


def apply_offline_defaults(*, promptfoo_config_dir: Path | None = None) -> None:
    """Set the offline defaults for every variable the user has not set."""
    for name, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(name, value)
    if promptfoo_config_dir is not None:
        os.environ.setdefault("PROMPTFOO_CONFIG_DIR", str(promptfoo_config_dir))
