"""The running service and the registry: alias moves, outages and cold starts, over HTTP."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
from oci_testing.live import serve_app

from eval.registry_cli import move_production
from service.api.app import create_app
from service.composition import build_service
from service.registry.mlflow_registry import MlflowPromptRegistry
from service.settings import Settings

SECRET = "registry-live-test-secret-long-enough-for-hs256"


def _settings(tmp_path: Path, tracking_uri: str, name: str) -> Settings:
    return Settings(
        state_dir=tmp_path / "var",
        prompt_name=name,
        mlflow_tracking_uri=tracking_uri,
        registry_refresh_s=0.3,
        registry_load_timeout_s=3.0,
        auth_secret=SECRET,  # type: ignore[arg-type]
    )


def _served_version(base_url: str, token: str, process_id: str) -> str:
    response = httpx.post(
        f"{base_url}/omni-channel-insights",
        json={"unique_process_id": process_id, "account_number": "12345678", "contact_id": "c"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return str(response.json()["prompt_version"])


def test_service_follows_alias_moves_and_survives_registry_outages(
    tmp_path: Path, proxy: Any, make_source: Any
) -> None:
    registry = MlflowPromptRegistry(proxy.url)
    first = make_source(note="first")
    name = first.pair.name
    v1 = registry.register(first, git_commit="test", author="test").version
    move_production(registry, name, v1, who="test", force_reason="test setup")
    settings = _settings(tmp_path, proxy.url, name)
    container = build_service(settings)
    token = container.auth.issue("test")
    with serve_app(create_app(container)) as base_url:
        assert _served_version(base_url, token, "p-0") == v1
        # An alias move is served without a restart, within a few refresh intervals.
        v2 = registry.register(make_source(name=name, note="second"), git_commit="t", author="t")
        move_production(registry, name, v2.version, who="test", eval_run_id="run-123")
        deadline, served, attempt = time.monotonic() + 20, v1, 0
        while served != v2.version and time.monotonic() < deadline:
            attempt += 1
            served = _served_version(base_url, token, f"p-move-{attempt}")
            time.sleep(0.1)
        assert served == v2.version
        # Registry unreachable: keep serving the last-known-good version.
        proxy.stop()
        time.sleep(1.0)  # several failed refreshes
        assert _served_version(base_url, token, "p-outage") == v2.version
    # Cold start while the registry is still down: the persisted pair is served.
    assert settings.registry_lkg_path.is_file()
    cold = build_service(settings)
    with serve_app(create_app(cold)) as base_url:
        assert _served_version(base_url, token, "p-cold") == v2.version
        ready = httpx.get(f"{base_url}/readyz").json()
        assert ready["checks"]["prompt"] == f"{name}@{v2.version}"
