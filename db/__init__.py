"""Alembic migration scripts; installed as ``jjdesk.migrations`` (see pyproject.toml)."""
