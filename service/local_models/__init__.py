"""Deterministic local baselines served as a litellm custom provider."""
