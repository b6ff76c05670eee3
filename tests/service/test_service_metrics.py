"""Prometheus metrics in one process and the serving metrics directory (no servers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from service.observability import ServiceMetrics, prepare_multiprocess_dir
from service.settings import Settings


def _total(exposition: str, sample: str) -> float:
    return sum(
        found.value
        for family in text_string_to_metric_families(exposition)
        for found in family.samples
        if found.name == sample
    )


def test_metrics_without_a_directory_are_this_process_only() -> None:
    metrics = ServiceMetrics()
    metrics.requests.labels("generated", "m", "false").inc(3)
    text = metrics.exposition().decode()
    assert _total(text, "oci_requests_total") == 3
    metrics.close()  # nothing to mark dead without a directory


def test_serving_metrics_dir_prefers_the_operators_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    monkeypatch.delenv("OCI_METRICS_DIR", raising=False)
    assert Settings(state_dir=tmp_path).serving_metrics_dir == tmp_path / "prometheus"
    monkeypatch.setenv("OCI_METRICS_DIR", str(tmp_path / "mine"))
    assert Settings(state_dir=tmp_path).serving_metrics_dir == tmp_path / "mine"
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "operator"))
    settings = Settings(state_dir=tmp_path)
    assert settings.serving_metrics_dir == tmp_path / "operator"
    assert settings.prometheus_multiproc_dir == tmp_path / "operator"


def test_prepare_multiprocess_dir_removes_only_metric_files(tmp_path: Path) -> None:
    (tmp_path / "counter_123.db").write_bytes(b"stale")
    (tmp_path / "histogram_123.db").write_bytes(b"stale")
    (tmp_path / "README").write_text("the operator's file")
    assert prepare_multiprocess_dir(tmp_path) == tmp_path
    assert sorted(path.name for path in tmp_path.iterdir()) == ["README"]
    created = prepare_multiprocess_dir(tmp_path / "new" / "dir")
    assert created.is_dir()
