"""The prompt-ops harness: datasets, eval suite, gate, promotion and reports."""

import service  # noqa: F401  (applies the offline environment defaults first)
