"""The prompt-ops harness: datasets, eval suite, gate, promotion and reports."""
