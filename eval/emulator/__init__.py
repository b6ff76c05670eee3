"""A Bedrock Runtime Converse emulator on loopback, for tests and benchmarks.

`create_emulator_app` builds the ASGI app; `eval.emulator.server.EmulatorServer` runs it under
uvicorn on a free 127.0.0.1 port (not imported here, so ``python -m eval.emulator.server`` runs
cleanly); `FaultPlan` / `ModelFaults` say which faults and latencies to inject per model.
"""

from eval.emulator.converse import Answer, create_emulator_app
from eval.emulator.faults import (
    FaultPlan,
    FixedLatency,
    LognormalLatency,
    ModelFaults,
    Outcome,
)
from eval.emulator.prompt import count_tokens

__all__ = [
    "Answer",
    "FaultPlan",
    "FixedLatency",
    "LognormalLatency",
    "ModelFaults",
    "Outcome",
    "count_tokens",
    "create_emulator_app",
]
