"""Helpers shared by test folders (on pytest's `pythonpath`, so any folder can import them)."""
