"""The promotion gate: what a candidate pair must show before it replaces production.

    from eval.gate import decide, load_gate_config
    verdict = decide(candidate_run, production_run, load_gate_config())

`config` reads and validates `eval/gate.yaml`; `decision` holds the pure `decide`; `paired`
the per-sample pairing and non-inferiority intervals; `cli` is `oci gate` (`make gate`), the
prompt pull-request gate on promptfoo.
"""

from eval.gate.config import (
    DEFAULT_GATE_PATH,
    GateConfig,
    GateConfigError,
    load_gate_config,
)
from eval.gate.decision import Check, CheckValidation, Verdict, decide
from eval.gate.paired import PairedValues, pair_values

__all__ = [
    "DEFAULT_GATE_PATH",
    "Check",
    "CheckValidation",
    "GateConfig",
    "GateConfigError",
    "PairedValues",
    "Verdict",
    "decide",
    "load_gate_config",
    "pair_values",
]
