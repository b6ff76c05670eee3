"""Settings, read once from the environment at the edge (CLI entry, app factory).

Everything below the composition root receives its collaborators as arguments; nothing
else in the code reads `os.environ`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# MLflow tracking URIs served by its SQL store (SQLAlchemy), not by a server.
_DATABASE_SCHEMES = frozenset({"sqlite", "postgresql", "mysql", "mssql"})


class Settings(BaseSettings):
    """Typed configuration from `OCI_*` environment variables (e.g. `OCI_BACKEND=aws`)."""

    model_config = SettingsConfigDict(env_prefix="OCI_", extra="ignore")

    environment: Literal["dev", "production"] = "dev"

    # Prompts, data, outputs
    prompts_dir: Path = Path("prompts")
    prompt_name: str = "omni-summary"
    datasets_dir: Path = Path("datasets")
    state_dir: Path = Path("var")
    reports_dir: Path = Path("reports")
    eval_concurrency: int = Field(default=16, ge=1, le=512)
    # The eval judge: the local deterministic baseline unless a litellm model is named.
    judge_model: str = "local/rubric-judge"
    judge_api_base: str | None = None
    # Gate-check validation (meta-evaluation): "auto" computes a missing detection table when
    # the judge is the local baseline (cheap) and reads the stored one otherwise; "stored" only
    # reads; "off" skips it (promotion then refuses without --force).
    meta_eval: Literal["auto", "stored", "off"] = "auto"
    meta_eval_per_family: int = Field(default=40, ge=1, le=10_000)

    # Prompt registry: "registry" serves @production/@canary from MLflow; "local" serves
    # prompts/<prompt_name>/ as is (no registry; for development only).
    prompt_source: Literal["registry", "local"] = "registry"
    mlflow_tracking_uri: str = Field(
        default="sqlite:///mlflow/mlflow.db",
        validation_alias=AliasChoices("OCI_MLFLOW_TRACKING_URI", "MLFLOW_TRACKING_URI"),
    )
    mlflow_artifacts_dir: Path = Path("mlflow/artifacts")
    registry_refresh_s: float = Field(default=30.0, gt=0)
    registry_load_timeout_s: float = Field(default=10.0, gt=0)

    # Storage: "embedded" = SQLite + local folder; "aws" = DynamoDB + S3 (boto3)
    backend: Literal["embedded", "aws"] = "embedded"
    aws_region: str = "us-east-1"
    aws_endpoint_url: str | None = None  # a moto server on loopback in tests
    # S3 only, when it is not at `aws_endpoint_url` (tests put an outage proxy in front of it).
    s3_endpoint_url: str | None = None
    interactions_table: str = "ucdp_interactions"
    summary_cache_table: str = "summary_cache"
    served_requests_table: str = "served_requests"
    feedback_table: str = "feedback"
    s3_bucket: str = "omni-channel-insights"
    s3_prefix: str = ""
    aws_max_connections: int = Field(default=64, ge=1, le=1024)

    # Service
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    workers: int = Field(default=2, ge=1, le=64)
    auth_secret: SecretStr | None = None
    # Tokens whose `exp - iat` is longer are refused, however validly signed.
    auth_max_token_lifetime_s: int = Field(default=3600, ge=60, le=7 * 24 * 3600)
    cache_ttl_s: int = Field(default=7 * 24 * 3600, ge=60)
    # How long an answered request stays resolvable for feedback (served log TTL).
    served_log_ttl_s: int = Field(default=30 * 24 * 3600, ge=60)
    # One row per request under omni-channel/requests/ (the weekly report's cache-hit and
    # error rates); off only where another system exports request outcomes.
    request_log: bool = True
    # The validation agent: check each summary against its records, retry once, then redact
    # (service/checked_summary.py). Off only to measure its cost.
    summary_check: bool = True
    # The verifier: a second opinion on each claim finding from a litellm model (off when
    # unset). Only findings it confirms count; its questions for one summary share one
    # latency budget, after which the rule's findings stand (docs/claims.md).
    verifier_model: str | None = None
    verifier_api_base: str | None = None
    verifier_aws_region: str | None = None
    verifier_budget_s: float = Field(default=1.5, gt=0, le=30)
    # Every store the service writes (cache, served log, feedback store, outbox, archives)
    # holds free text with PII masked and accounts as keyed tokens (service/pii_at_rest.py).
    pii_at_rest: Literal["mask", "keep"] = "mask"
    pii_key: SecretStr | None = None  # default: derived from the auth secret
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    # Per client id and worker process; a contact center's desktop integration is one client.
    rate_limit_per_s: float = Field(default=200.0, gt=0)
    rate_limit_burst: int = Field(default=400, ge=1)
    # Requests without a valid token, per client address and worker: probing and
    # credential stuffing are refused with 429 before they cost a signature check each.
    anonymous_rate_limit_per_s: float = Field(default=5.0, gt=0)
    anonymous_rate_limit_burst: int = Field(default=20, ge=1)
    # Prometheus multiprocess mode. `oci serve` empties this directory at start and gives
    # its workers PROMETHEUS_MULTIPROC_DIR (default <state_dir>/prometheus); /metrics then
    # sums every worker's files. An operator's PROMETHEUS_MULTIPROC_DIR wins over it.
    metrics_dir: Path | None = None
    # Set in this process's environment: its metrics go to files there (see metrics_dir).
    prometheus_multiproc_dir: Path | None = Field(
        default=None, validation_alias="PROMETHEUS_MULTIPROC_DIR"
    )

    @field_validator("auth_secret", "pii_key", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        # `OCI_AUTH_SECRET=` in an env file or a deployment template means "not filled in":
        # read as an empty secret it would pass the "is it set" test and start the service
        # on a per-machine dev secret, silently, where every replica must share one.
        if isinstance(value, str | SecretStr):
            text = value.get_secret_value() if isinstance(value, SecretStr) else value
            if not text.strip():
                return None
        return value

    # Traces (service/tracing): the share of generated summaries the service writes as MLflow
    # traces, off the request path (0: off); every eval summary is one unless eval_traces is
    # off (only to measure what it costs).
    trace_sample_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    eval_traces: bool = True
    # Review queue (`oci review serve`): how many reviewers label each calibration item.
    review_calibration_reviewers: int = Field(default=1, ge=1, le=5)

    def missing_secret(self) -> str | None:
        """Why this configuration may not sign with a per-machine dev secret, or None.

        Every replica and task must verify the same tokens: a random per-machine secret
        would make each one refuse the others' tokens.
        """
        if self.auth_secret is not None:
            return None
        if self.environment == "production":
            return "OCI_AUTH_SECRET is required when OCI_ENVIRONMENT=production"
        if self.backend == "aws":
            return "OCI_AUTH_SECRET is required when OCI_BACKEND=aws (real backends)"
        return None

    def registry_store_problem(self) -> str | None:
        """Why this install cannot open the registry the service is to read, or None.

        A database URI (`sqlite:///...`, `postgresql://...`) is MLflow's SQL store, which only
        the full mlflow of `[eval]` carries; the service's own install (mlflow-skinny) reads
        an MLflow server over HTTP.
        """
        if self.prompt_source != "registry":
            return None
        scheme = self.mlflow_tracking_uri.partition(":")[0].partition("+")[0]
        if scheme in _DATABASE_SCHEMES and importlib.util.find_spec("sqlalchemy") is None:
            return (
                f"OCI_MLFLOW_TRACKING_URI is a {scheme} database, which needs the harness's "
                "full mlflow (pip install 'omni-channel-insights[eval]'); the service's own "
                "install reads an MLflow server (http://...) or, with OCI_PROMPT_SOURCE=local, "
                "serves prompts/<name>/ without a registry"
            )
        return None

    @property
    def registry_lkg_path(self) -> Path:
        """The persisted last-known-good pair, for cold starts while the registry is down."""
        return self.state_dir / "registry" / "last_known_good.json"

    @property
    def serving_metrics_dir(self) -> Path:
        """Where `oci serve`'s workers write their metrics (Prometheus multiprocess mode)."""
        return self.prometheus_multiproc_dir or self.metrics_dir or self.state_dir / "prometheus"

    @property
    def dev_secret_path(self) -> Path:
        """Where the embedded default keeps its per-machine signing secret."""
        return self.state_dir / "dev-auth-secret"


class ConfigurationError(Exception):
    """Settings the process must not start with; the message is one line for the operator."""


def load_settings() -> Settings:
    """`Settings()` from the environment, with a one-line error naming the variables.

    Raises:
        ConfigurationError: A variable is missing or invalid.
    """
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(
            f"OCI_{'_'.join(str(part) for part in problem['loc']).upper()}: {problem['msg']}"
            for problem in error.errors()
        )
        raise ConfigurationError(f"invalid configuration: {problems}") from None
