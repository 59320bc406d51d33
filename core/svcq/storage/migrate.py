"""Versioned, in-place schema upgrades (peewee 4.5's playhouse.migrations).

The core's numbered scripts live in ``svcq/storage/migrations``; each plugin
ships its own folder and history table, so a plugin's schema evolves on its
own release cycle without renumbering the core's.
"""

from __future__ import annotations

from pathlib import Path

from peewee import Database, Model
from playhouse.migrations import Runner
from playhouse.schema_diff import diff_models

CORE_MIGRATIONS = Path(__file__).parent / "migrations"
CORE_HISTORY_TABLE = "svcq_schema_migration"


def migrate(
    db: Database, directory: Path = CORE_MIGRATIONS, table: str = CORE_HISTORY_TABLE
) -> list[str]:
    """Apply pending migrations in order; returns the names applied."""
    with db.connection_context():
        return Runner(db, directory=str(directory), table_name=table).up()


def pending(
    db: Database, directory: Path = CORE_MIGRATIONS, table: str = CORE_HISTORY_TABLE
) -> list[str]:
    with db.connection_context():
        runner = Runner(db, directory=str(directory), table_name=table)
        return [m.name for m in runner.status() if not m.applied and m.path]


def drift(db: Database, models: list[type[Model]]) -> str:
    """What differs between the migrated schema and the models ('' when none)."""
    with db.connection_context():
        diff = diff_models(db, models)
    return str(diff) if diff else ""
