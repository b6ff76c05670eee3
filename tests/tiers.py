"""Which tier each test belongs to, so that `make test-fast` can leave out the slow ones.

A test is in a tier because of what it starts: the fixtures it uses (a moto server, the
Converse emulator, the service under uvicorn, MLflow servers, promptfoo), or, for tests that
start such things themselves, the directory or file it lives in. Everything else is a unit
or property test and runs in `make test-fast`. The markers are registered in pyproject.toml.
"""

from __future__ import annotations

# Fixtures that start a loopback server or another process.
FIXTURE_TIERS: dict[str, tuple[str, ...]] = {
    "moto_endpoint": ("integration",),
    "shared_emulator": ("integration", "subprocess"),
    "emulator": ("integration", "subprocess"),
    "service": ("integration", "subprocess"),
    "emulated_service": ("integration", "subprocess"),
    "live": ("integration",),
    "mlflow_servers": ("integration", "subprocess", "postgres"),
    "promptfoo_installed": ("npm", "subprocess"),
    "registry": ("slow",),  # an MLflow store: seconds of migrations per database
}

# Paths under tests/ (a directory ends with "/") whose tests start servers themselves.
PATH_TIERS: dict[str, tuple[str, ...]] = {
    "faults/": ("integration", "subprocess", "slow"),
    "promptfoo_gate/": ("npm", "subprocess", "slow"),
    "registry/test_registry_replicas.py": ("integration", "subprocess", "slow"),
    # MLflow stores: sqlite files, and `mlflow server` over sqlite and PostgreSQL.
    "registry/test_registry_mlflow.py": ("integration", "subprocess", "postgres", "slow"),
    "registry/test_registry_bootstrap_cli.py": ("slow",),
    "promotion/": ("slow",),
    # Checks every known-good text of golden v2 and dev v2 (about 800 claim checks).
    "eval_gate/test_claim_margins_measured.py": ("slow",),
    "promotion/test_readme_walkthrough.py": ("subprocess",),  # runs make and `oci` in bash
    "warehouse/test_simulate.py": ("slow",),
    "warehouse/test_weekly_overlap.py": ("slow",),
    "warehouse/test_regression_set.py": ("slow",),
    "warehouse/test_reviewed_regressions.py": ("slow",),
    "registry/test_registry_live_service.py": ("integration", "subprocess"),
    "warehouse/test_views_postgres.py": ("postgres",),
    "backends/test_backends_cache.py": ("integration", "subprocess"),
    "core/test_gateway_bedrock.py": ("integration", "subprocess"),
    "core/test_cli_lazy.py": ("subprocess",),
    # Runs the README's serve and weekly-report blocks through make, bash and curl.
    "core/test_readme_examples.py": ("subprocess", "slow"),
    "core/test_offline_env.py": ("subprocess",),
    "emulator/": ("integration", "subprocess"),
    "eval_pipeline/test_eval_pipeline.py": ("integration", "subprocess"),
    "service/test_service_api.py": ("integration", "subprocess"),
    "service/test_refusals.py": ("integration",),  # the app under uvicorn, in process
    "service/test_service_metrics_multiprocess.py": ("integration", "subprocess", "slow"),
    # `oci serve` with two workers beside CPU burners: slow by design.
    "service/test_service_serve.py": ("integration", "subprocess", "slow"),
    "matrix/test_matrix.py": ("integration", "subprocess"),
    "matrix/test_matrix_processes.py": ("subprocess",),  # spawns matrix workers
    # Headless Chromium (skipped when not installed), and an `oci eval` subprocess.
    "browser/": ("subprocess", "slow"),
    # A fresh venv from pip's cache (about a minute), an `mlflow server`, the service in it.
    "deploy/test_slim_install.py": ("integration", "subprocess", "slow"),
    # The pinned linters from their own venv (installed on first use, about a minute).
    "deploy/test_deploy_lint.py": ("subprocess", "slow"),
    # An MLflow store (seconds of migrations) and the service under uvicorn.
    "review/test_review_mlflow.py": ("integration", "slow"),
}


def tiers_of(relative_path: str, fixtures: list[str]) -> set[str]:
    """The tiers of a test at `relative_path` (under tests/, "/"-separated) using `fixtures`."""
    found = {tier for name in fixtures for tier in FIXTURE_TIERS.get(name, ())}
    for prefix, tiers in PATH_TIERS.items():
        if relative_path == prefix or (prefix.endswith("/") and relative_path.startswith(prefix)):
            found.update(tiers)
    return found
