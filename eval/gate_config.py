"""The promotion gate's configuration (`eval/gate.yaml`), validated before any run is judged."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from eval.aggregate import NUMERIC_METRICS

DEFAULT_GATE_PATH = Path(__file__).with_name("gate.yaml")

Op = Literal["<=", ">=", "=="]
PairedMetric = Literal["bleu", "chrf", "judge", "key_fact_recall", "faithfulness", "fabrication"]
# Count-like metrics where fewer is better; their margin bounds the CI's upper end.
LOWER_IS_BETTER: frozenset[str] = frozenset({"fabrication", "pii_leak"})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AbsoluteCheckConfig(_Frozen):
    """`value(metric) <op> threshold` on the candidate alone, over datasets in `scope`."""

    name: str = Field(min_length=1)
    metric: str
    op: Op
    threshold: float
    scope: str = "all"
    on_missing: Literal["fail", "skip"] = "fail"

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, value: str) -> str:
        if value not in NUMERIC_METRICS:
            raise ValueError(
                f"unknown metric {value!r}; choose one of {', '.join(NUMERIC_METRICS)}"
            )
        return value


class PairedCheckConfig(_Frozen):
    """Non-inferiority of the candidate to production on per-sample `metric`, paired by sample."""

    name: str = Field(min_length=1)
    metric: PairedMetric
    margin: float = Field(ge=0)
    scope: str = "golden"
    min_pairs: int = Field(default=30, ge=1)


class BootstrapConfig(_Frozen):
    """Paired bootstrap parameters; a fixed seed makes verdicts reproducible."""

    n_resamples: int = Field(default=10_000, ge=100)
    confidence: float = Field(default=0.95, gt=0, lt=1)
    seed: int = 0


class GateConfig(_Frozen):
    """The whole gate: absolute thresholds, non-inferiority vs production, regression sets."""

    absolute: tuple[AbsoluteCheckConfig, ...] = ()
    non_inferiority: tuple[PairedCheckConfig, ...] = ()
    regressions: tuple[PairedCheckConfig, ...] = ()
    bootstrap: BootstrapConfig = BootstrapConfig()
    require_same_judge: bool = True

    @model_validator(mode="after")
    def _unique_names(self) -> GateConfig:
        names = [c.name for c in self.absolute]
        names += [c.name for c in (*self.non_inferiority, *self.regressions)]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"check names must be unique; duplicated: {', '.join(duplicates)}")
        return self


class GateConfigError(Exception):
    """The gate file is missing, is not YAML, or fails validation (message names file and field)."""


def load_gate_config(path: Path = DEFAULT_GATE_PATH) -> GateConfig:
    """Read and validate a gate file.

    Args:
        path: YAML file, by default `eval/gate.yaml` next to this module.

    Returns:
        The validated configuration.

    Raises:
        GateConfigError: With one line per problem, each as ``<file>: <field path>: <message>``.
    """
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GateConfigError(f"{path}: cannot read gate config: {exc}") from exc
    except yaml.YAMLError as exc:
        raise GateConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise GateConfigError(f"{path}: top level must be a mapping, got {type(raw).__name__}")
    try:
        return GateConfig.model_validate(raw)
    except ValidationError as exc:
        lines = [
            f"{path}: {'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['msg']}"
            for err in exc.errors()
        ]
        raise GateConfigError("\n".join(lines)) from exc
