"""Run the Alembic migrations programmatically (at app start-up and in tests)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

from bot.settings import REPO_ROOT

ALEMBIC_INI = REPO_ROOT / "alembic.ini"

# Async drivers used by the app -> the synchronous driver Alembic runs with.
_SYNC_DRIVERS = {"sqlite+aiosqlite": "sqlite", "postgresql+asyncpg": "postgresql+psycopg"}


def sync_url(url: str) -> str:
    """The same database URL with a synchronous driver (psycopg 3 serves both modes)."""
    parsed = make_url(url)
    driver = _SYNC_DRIVERS.get(parsed.drivername)
    if driver is None:
        return url
    return parsed.set(drivername=driver).render_as_string(hide_password=False)


def alembic_config(url: str) -> Config:
    """An Alembic config for `url`, independent of the current working directory."""
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(REPO_ROOT / "migrations"))
    # ConfigParser treats "%" as interpolation; URL-encoded passwords contain it.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at `url` up to `revision` (blocking; call via a thread in async code)."""
    command.upgrade(alembic_config(url), revision)
