"""`oci meta-eval variants`: counts, JSONL out, and clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eval.cli import app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def repo_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCI_DATASETS_DIR", str(ROOT / "datasets"))
    monkeypatch.setenv("OCI_PROMPTS_DIR", str(ROOT / "prompts"))


def test_cli_variants_prints_counts_and_writes_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "suite" / "variants.jsonl"
    args = [
        "meta-eval",
        "variants",
        "--source",
        "reference",
        "--source",
        "production",
        "--family",
        "wrong_amount",
        "--family",
        "synonyms",
        "--limit",
        "3",
        "--out",
        str(out),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "wrong_amount" in result.output and "synonyms" in result.output
    assert all(len(line) <= 80 for line in result.output.splitlines())
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 12  # 2 families x 2 sources x 3
    assert {(r["family"], r["source"]) for r in rows} == {
        (f, s) for f in ("wrong_amount", "synonyms") for s in ("reference", "production")
    }
    assert all(r["text"] != r["original"] for r in rows)


def test_cli_variants_refuses_unknown_families_sources_and_splits(tmp_path: Path) -> None:
    out = tmp_path / "variants.jsonl"
    bad_family = CliRunner().invoke(
        app, ["meta-eval", "variants", "--family", "nope", "--out", str(out)]
    )
    assert bad_family.exit_code == 2
    assert "unknown family: nope" in bad_family.output and "wrong_amount" in bad_family.output
    bad_source = CliRunner().invoke(app, ["meta-eval", "variants", "--source", "gold"])
    assert bad_source.exit_code == 2 and "unknown source(s): gold" in bad_source.output
    bad_split = CliRunner().invoke(app, ["meta-eval", "variants", "--split", "test"])
    assert bad_split.exit_code == 2 and "unknown split 'test'" in bad_split.output
    assert not out.exists()


def test_cli_variants_names_a_missing_dataset() -> None:
    result = CliRunner().invoke(app, ["meta-eval", "variants", "--dataset", "v9"])
    assert result.exit_code == 2 and "does not exist" in result.output
