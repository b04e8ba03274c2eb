"""Migration 0002_staff creates exactly the tables of bot/storage/staff_models.py."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from bot.storage.migrate import alembic_config, sync_url, upgrade
from bot.storage.models import Base
from bot.storage.staff_models import StaffAccount  # noqa: F401 - registers the staff tables


def test_staff_migration_matches_the_models(database_url: str):
    upgrade(database_url)

    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == "0002_staff"
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        engine.dispose()


def test_staff_migration_downgrades_cleanly(database_url: str):
    upgrade(database_url)
    command.downgrade(alembic_config(database_url), "0001_core")
    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == "0001_core"
    finally:
        engine.dispose()
