"""Builders of the claim checker's word tables from well-kept libraries' own data."""
