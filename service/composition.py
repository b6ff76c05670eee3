"""The composition root: the only place that branches on "embedded or aws".

`build_backends(settings)` picks the store implementations; `build_service(settings)`
wires them with the gateway, the prompt pairs, auth, logs and metrics into one
`ServiceContainer` that `create_app` serves.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from service.auth import TokenAuthority, authority_for, dev_secret
from service.backends.local_blobs import LocalBlobStore
from service.backends.outbox import Outbox
from service.backends.protocols import (
    BlobStore,
    FeedbackStore,
    InteractionStore,
    ServedLog,
    SummaryCache,
)
from service.backends.sqlite_cache import SqliteSummaryCache
from service.backends.sqlite_feedback import SqliteFeedbackStore
from service.backends.sqlite_interactions import SqliteInteractionStore
from service.backends.sqlite_served_log import SqliteServedLog
from service.feedback import FeedbackService
from service.gateway import ModelGateway
from service.insights import InsightsService, PairPicker
from service.model_config import ModelConfig
from service.observability import EventLog, ServiceMetrics, build_event_log
from service.pii_at_rest import AtRest
from service.prompt_source import load_prompt_dir
from service.prompts import PromptPair
from service.ratelimit import RateLimiter
from service.registry.mlflow_registry import MlflowPromptRegistry
from service.registry.serving import ServedPairs
from service.settings import Settings
from service.summarizer import CompletionGateway
from service.tracing import ProductionTracer
from service.verifier import Verifier


@dataclass
class Backends:
    """The stores one service process uses."""

    interactions: InteractionStore
    cache: SummaryCache
    blobs: BlobStore
    outbox: Outbox
    served_log: ServedLog
    feedback: FeedbackStore
    executor: ThreadPoolExecutor | None = None

    def close(self) -> None:
        self.interactions.close()
        self.cache.close()
        self.served_log.close()
        self.feedback.close()
        self.outbox.close()
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)


class PairSource(PairPicker, Protocol):
    """A `PairPicker` with a life cycle: loaded at start-up, refreshed in the background."""

    async def start(self) -> object: ...

    async def run(self, stop_event: asyncio.Event, interval_s: float = 30.0) -> None: ...

    def close(self) -> None: ...


class StaticPairs:
    """Serves one pair to every account (`OCI_PROMPT_SOURCE=local`, and tests)."""

    def __init__(self, pair: PromptPair) -> None:
        self.pair = pair

    def pick(self, account_number: str) -> PromptPair:
        return self.pair

    async def start(self) -> PromptPair:
        return self.pair

    async def run(self, stop_event: asyncio.Event, interval_s: float = 30.0) -> None:
        await stop_event.wait()

    def close(self) -> None:
        return None


@dataclass
class ServiceContainer:
    """Everything `create_app` needs, built once per process."""

    settings: Settings
    backends: Backends
    insights: InsightsService
    feedback: FeedbackService
    pairs: PairSource
    auth: TokenAuthority
    rate_limiter: RateLimiter
    # Per client address, for requests that fail authentication.
    anonymous_limiter: RateLimiter
    events: EventLog
    metrics: ServiceMetrics


def _aws_clients(settings: Settings) -> tuple[Any, Any]:
    import boto3
    from botocore.config import Config

    config = Config(
        max_pool_connections=settings.aws_max_connections,
        connect_timeout=1,
        read_timeout=2,
        retries={"mode": "standard", "max_attempts": 3},
    )
    region, endpoint = settings.aws_region, settings.aws_endpoint_url
    dynamodb = boto3.client("dynamodb", region_name=region, endpoint_url=endpoint, config=config)
    s3_endpoint = settings.s3_endpoint_url or endpoint
    s3 = boto3.client("s3", region_name=region, endpoint_url=s3_endpoint, config=config)
    return dynamodb, s3


def build_backends(settings: Settings) -> Backends:
    """The stores chosen by `settings.backend`; the outbox is always a local file."""
    state = settings.state_dir
    state.mkdir(parents=True, exist_ok=True)
    outbox = Outbox(state / "outbox.sqlite")
    if settings.backend == "embedded":
        return Backends(
            interactions=SqliteInteractionStore(state / "interactions.sqlite"),
            cache=SqliteSummaryCache(state / "summary_cache.sqlite"),
            blobs=LocalBlobStore(state / "blobs"),
            outbox=outbox,
            served_log=SqliteServedLog(
                state / "served_requests.sqlite", ttl_s=settings.served_log_ttl_s
            ),
            feedback=SqliteFeedbackStore(state / "feedback.sqlite"),
        )
    from service.backends.dynamodb_cache import DynamoDBSummaryCache
    from service.backends.dynamodb_feedback import DynamoDBFeedbackStore
    from service.backends.dynamodb_interactions import DynamoDBInteractionStore
    from service.backends.dynamodb_served_log import DynamoDBServedLog
    from service.backends.s3_blobs import S3BlobStore

    dynamodb, s3 = _aws_clients(settings)
    # boto3 calls block; a pool sized to the connection pool keeps 500 requests moving.
    executor = ThreadPoolExecutor(max_workers=settings.aws_max_connections)
    return Backends(
        interactions=DynamoDBInteractionStore(
            dynamodb, table_name=settings.interactions_table, executor=executor
        ),
        cache=DynamoDBSummaryCache(
            dynamodb, table_name=settings.summary_cache_table, executor=executor
        ),
        blobs=S3BlobStore(
            s3, bucket=settings.s3_bucket, prefix=settings.s3_prefix, executor=executor
        ),
        outbox=outbox,
        served_log=DynamoDBServedLog(
            dynamodb,
            table_name=settings.served_requests_table,
            ttl_s=settings.served_log_ttl_s,
            executor=executor,
        ),
        feedback=DynamoDBFeedbackStore(
            dynamodb, table_name=settings.feedback_table, executor=executor
        ),
        executor=executor,
    )


def build_auth(settings: Settings) -> TokenAuthority:
    """Token authority from `OCI_AUTH_SECRET`, or the per-machine dev secret."""
    return authority_for(settings)


def build_at_rest(settings: Settings) -> AtRest:
    """How records are masked before storage, keyed by `OCI_PII_KEY` or the auth secret."""
    if settings.pii_key is not None:
        secret = settings.pii_key.get_secret_value()
    elif settings.auth_secret is not None:
        secret = settings.auth_secret.get_secret_value()
    else:
        secret = dev_secret(settings.dev_secret_path)
    return AtRest.from_secret(secret, enabled=settings.pii_at_rest == "mask")


def build_tracer(settings: Settings, at_rest: AtRest) -> ProductionTracer | None:
    """The production tracer, when `OCI_TRACE_SAMPLE_RATE` > 0 (off by default)."""
    if settings.trace_sample_rate <= 0:
        return None
    return ProductionTracer(
        sample_rate=settings.trace_sample_rate,
        tracking_uri=settings.mlflow_tracking_uri,
        experiment_name=f"{settings.prompt_name}-production",
        artifacts_dir=settings.mlflow_artifacts_dir,
        at_rest=at_rest,
    )


def build_registry(settings: Settings) -> MlflowPromptRegistry:
    """The MLflow prompt registry at `settings.mlflow_tracking_uri`."""
    if settings.mlflow_tracking_uri.startswith("sqlite:///"):
        db = Path(settings.mlflow_tracking_uri.removeprefix("sqlite:///"))
        db.parent.mkdir(parents=True, exist_ok=True)
    return MlflowPromptRegistry(settings.mlflow_tracking_uri)


def build_pairs(settings: Settings) -> PairSource:
    """What serves prompts: the registry's aliases, or the committed directory as is."""
    if settings.prompt_source == "local":
        return StaticPairs(load_committed_pair(settings))
    return ServedPairs(
        build_registry(settings),
        name=settings.prompt_name,
        lkg_path=settings.registry_lkg_path,
        load_timeout_s=settings.registry_load_timeout_s,
    )


def load_committed_pair(settings: Settings) -> PromptPair:
    """The committed prompt in `prompts/<name>/` (until the registry serves `@production`)."""
    return load_prompt_dir(Path(settings.prompts_dir) / settings.prompt_name).pair


def build_verifier(settings: Settings, gateway: CompletionGateway) -> Verifier | None:
    """The verifier stage when a verifier model is configured (None: off, the default)."""
    if not settings.verifier_model:
        return None
    budget = settings.verifier_budget_s
    config = ModelConfig(
        primary=settings.verifier_model,
        api_base=settings.verifier_api_base,
        aws_region_name=settings.verifier_aws_region,
        max_tokens=200,
        timeout_s=budget,
        total_budget_s=budget,
        max_retries_on_throttle=0,
    )
    return Verifier(gateway, config, budget_s=budget)


def build_service(
    settings: Settings,
    *,
    pairs: PairSource | None = None,
    backends: Backends | None = None,
    gateway: ModelGateway | None = None,
    events: EventLog | None = None,
) -> ServiceContainer:
    """Wire one service process; any collaborator can be passed in instead of built.

    Raises:
        ConfigurationError: The settings may not serve (checked before anything is built).
    """
    auth = build_auth(settings)
    if gateway is None:
        gateway = ModelGateway()
        gateway.load()  # with the worker, before it reports ready, not on its first request
    backends = backends or build_backends(settings)
    pairs = pairs or build_pairs(settings)
    events = events or build_event_log()
    metrics = ServiceMetrics(multiprocess_dir=settings.prometheus_multiproc_dir)
    at_rest = build_at_rest(settings)
    insights = InsightsService(
        interactions=backends.interactions,
        cache=backends.cache,
        outbox=backends.outbox,
        pairs=pairs,
        gateway=gateway,
        events=events,
        metrics=metrics,
        served_log=backends.served_log,
        cache_ttl_s=settings.cache_ttl_s,
        log_requests=settings.request_log,
        check_summaries=settings.summary_check,
        verifier=build_verifier(settings, gateway),
        at_rest=at_rest,
        tracer=build_tracer(settings, at_rest),
    )
    feedback = FeedbackService(
        served_log=backends.served_log,
        store=backends.feedback,
        outbox=backends.outbox,
        events=events,
        metrics=metrics,
        at_rest=at_rest,
    )
    return ServiceContainer(
        settings=settings,
        backends=backends,
        insights=insights,
        feedback=feedback,
        pairs=pairs,
        auth=auth,
        rate_limiter=RateLimiter(settings.rate_limit_per_s, settings.rate_limit_burst),
        anonymous_limiter=RateLimiter(
            settings.anonymous_rate_limit_per_s, settings.anonymous_rate_limit_burst
        ),
        events=events,
        metrics=metrics,
    )
