"""Prompt/model pairs as versioned registry entries, and the in-memory serving of them.

Public API: the `PromptRegistry` protocol and its results (`protocol`), the MLflow
implementation (`mlflow_registry`), register-time validation (`validation`), sticky canary
assignment (`canary`), the served-pairs provider (`serving`) and first-run `bootstrap`.
Submodules are imported explicitly so that `import service.registry` stays cheap (MLflow
and litellm are slow to import).
"""
