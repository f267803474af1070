"""Alembic migrations of the project schema, applied automatically when a project is opened."""
