"""Summaries as MLflow traces: the trace of one summary, and the production tracer.

`summary_trace` writes one summary (request, selected records, prompt, model call, check,
output) with its assessments through MLflow's public tracing API; the eval harness and the
review queue use it too. `production` writes a sample of served summaries off the request
path (off by default: `OCI_TRACE_SAMPLE_RATE`).
"""

from service.tracing.production import ProductionTracer, ServedSummary
from service.tracing.summary_trace import (
    REQUEST_ID_TAG,
    SUMMARY_KEY_TAG,
    CheckResult,
    ModelCall,
    SourceType,
    SummaryTrace,
    TraceAssessment,
    experiment_id,
    log_assessment,
    write_trace,
)

__all__ = [
    "REQUEST_ID_TAG",
    "SUMMARY_KEY_TAG",
    "CheckResult",
    "ModelCall",
    "ProductionTracer",
    "ServedSummary",
    "SourceType",
    "SummaryTrace",
    "TraceAssessment",
    "experiment_id",
    "log_assessment",
    "write_trace",
]
