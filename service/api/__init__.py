"""The HTTP layer of the summary service."""
