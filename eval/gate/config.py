"""The promotion gate's configuration (`eval/gate.yaml`), validated before any run is judged."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from eval.aggregate import CLAIM_RATES, NUMERIC_METRICS
from service.claims import CLAIM_KINDS, KINDS_BY_NAME

# The file stays at `eval/gate.yaml`, where users and the docs have always found it.
DEFAULT_GATE_PATH = Path(__file__).parent.parent / "gate.yaml"

Op = Literal["<=", ">=", "=="]
PairedMetric = Literal[
    "bleu", "chrf", "judge", "key_fact_recall", "faithfulness", "claims", "open_items"
]
# Count-like metrics where fewer is better; their margin bounds the CI's upper end.
LOWER_IS_BETTER: frozenset[str] = frozenset({"claims", "pii_leak"})
# Run metrics that are proportions of samples: an absolute check on one of them is judged on
# the far end of its Wilson interval (upper for "<=", lower for ">="), so 0 failures in 30
# samples is not mistaken for the 0 % that 0 in 3,000 would show.
RATE_METRICS: frozenset[str] = frozenset(
    {"error_rate", "fallback_rate", "judge_pass_rate", "judge_error_rate", *CLAIM_RATES}
)
# What a check can be shown to catch (the `trips` of the meta-evaluation's variants): the
# aspects of the kinds of wrong claim, plus the two the claim checker does not judge.
ASPECTS: tuple[str, ...] = (
    *dict.fromkeys(aspect for kind in CLAIM_KINDS for aspect in kind.aspects),
    "omission",
    "pii",
)


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
    # "interval": a rate metric is judged on its Wilson 95 % bound (see RATE_METRICS);
    # "point": on the observed value. Non-rate metrics are always judged on the value.
    bound: Literal["interval", "point"] = "interval"

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
    min_pairs: int = Field(default=30, ge=2)
    # Fewer pairs than min_pairs: "fail" (the evidence the gate needs is missing) or
    # "report" (shown as too few to judge, not blocking; for young regression sets).
    on_too_few: Literal["fail", "report"] = "fail"


class BootstrapConfig(_Frozen):
    """Paired bootstrap parameters; a fixed seed makes verdicts reproducible."""

    n_resamples: int = Field(default=10_000, ge=100)
    confidence: float = Field(default=0.95, gt=0, lt=1)
    seed: int = 0


class AnchorConfig(_Frozen):
    """Non-inferiority against a fixed anchor pair as well as against production.

    Each promotion may lose up to its margin against the production it replaces; a chain of
    such promotions would drift without limit. Repeating the non-inferiority checks against
    one fixed pair (by default the first version that held `production`) bounds the drift.
    """

    enabled: bool = True
    version: str = "first_production"  # or an explicit registered version
    margin_scale: float = Field(default=1.0, gt=0)


class CheckValidation(_Frozen):
    """What one check claims to catch, measured by the meta-evaluation (`oci meta-eval`)."""

    catches: tuple[str, ...] = ()
    min_detection: float | None = Field(default=None, ge=0, le=1)
    max_false_alarm: float | None = Field(default=None, ge=0, le=1)

    @field_validator("catches")
    @classmethod
    def _known_aspects(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [aspect for aspect in value if aspect not in ASPECTS]
        if unknown:
            raise ValueError(f"unknown aspect(s) {', '.join(unknown)}; known: {', '.join(ASPECTS)}")
        return value


class ValidationConfig(_Frozen):
    """Evidence each check must have before its pass is trusted.

    For every check listed, the meta-evaluation measures, per perturbation family whose
    aspects the check claims (`catches`), the share of labelled variants it tells apart from
    their known-good original, and over the meaning-preserving controls how often it fires
    anyway. A check is *validated* when every claimed family reaches `min_detection` and the
    controls stay under `max_false_alarm`.
    """

    min_detection: float = Field(default=0.95, ge=0, le=1)
    max_false_alarm: float = Field(default=0.05, ge=0, le=1)
    checks: dict[str, CheckValidation] = Field(default_factory=dict)

    def catches(self, check: str) -> tuple[str, ...]:
        """The aspects `check` claims to catch: its own `catches`, or for a check named after
        a kind of wrong claim, that kind's aspects (`service.claims.CLAIM_KINDS`)."""
        own = self.checks.get(check)
        if own is not None and own.catches:
            return own.catches
        kind = KINDS_BY_NAME.get(check)
        return kind.aspects if kind is not None else ()

    def requirement(self, check: str) -> tuple[float, float]:
        """(minimum detection, maximum false-alarm rate) for `check`."""
        own = self.checks.get(check, CheckValidation())
        return (
            self.min_detection if own.min_detection is None else own.min_detection,
            self.max_false_alarm if own.max_false_alarm is None else own.max_false_alarm,
        )


class ClaimKindCheck(_Frozen):
    """How one kind of wrong claim is judged (see `ClaimsConfig`)."""

    margin: float = Field(ge=0, le=1)
    ceiling: float = Field(ge=0, le=1)


class ClaimsConfig(_Frozen):
    """Wrong claims per kind (`service.claims.CLAIM_KINDS`), one gate check per kind.

    The claim checker is not noise-free: a careful model's faithful text draws a few false
    findings. So a kind is judged against production on the same samples: the share of
    summaries with a finding of the kind, candidate minus production, must have the upper
    end of its 95 % paired bootstrap interval at most `margin` (derived from the kind's
    measured false-alarm rate; eval/gate.yaml says how), and the candidate's own share must
    stay at most `ceiling` (what a careful model reaches). Findings a reviewer marked
    `false_alarm` are not counted; confirmed and unreviewed ones are. With no production to
    compare with, or fewer than `min_pairs` paired samples, only the ceiling applies.
    """

    scope: str = "all"
    min_pairs: int = Field(default=30, ge=2)
    kinds: dict[str, ClaimKindCheck] = Field(default_factory=dict)

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, value: dict[str, ClaimKindCheck]) -> dict[str, ClaimKindCheck]:
        unknown = sorted(set(value) - set(KINDS_BY_NAME))
        if unknown:
            known = ", ".join(KINDS_BY_NAME)
            raise ValueError(f"unknown claim kind(s) {', '.join(unknown)}; known: {known}")
        return value


class GateConfig(_Frozen):
    """The whole gate: absolute thresholds, wrong claims per kind, non-inferiority vs
    production, regression sets."""

    absolute: tuple[AbsoluteCheckConfig, ...] = ()
    claims: ClaimsConfig = ClaimsConfig()
    non_inferiority: tuple[PairedCheckConfig, ...] = ()
    regressions: tuple[PairedCheckConfig, ...] = ()
    bootstrap: BootstrapConfig = BootstrapConfig()
    require_same_judge: bool = True
    anchor: AnchorConfig = AnchorConfig()
    validation: ValidationConfig = ValidationConfig()

    @property
    def check_names(self) -> tuple[str, ...]:
        """Every configured check name, in config order."""
        paired = (*self.non_inferiority, *self.regressions)
        return (
            tuple(c.name for c in self.absolute)
            + tuple(self.claims.kinds)
            + tuple(c.name for c in paired)
        )

    @model_validator(mode="after")
    def _unique_names(self) -> GateConfig:
        names = list(self.check_names)
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"check names must be unique; duplicated: {', '.join(duplicates)}")
        unknown = sorted(set(self.validation.checks) - set(names))
        if unknown:
            raise ValueError(f"validation names unknown check(s): {', '.join(unknown)}")
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
