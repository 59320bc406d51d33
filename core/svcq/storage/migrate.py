"""Versioned, in-place schema upgrades (peewee 4.5's playhouse.migrations).

The core's numbered scripts live in ``svcq/storage/migrations``; each plugin
ships its own folder and history table, so a plugin's schema evolves on its
own release cycle without renumbering the core's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from peewee import Database, Model, PostgresqlDatabase
from playhouse.migrations import Runner
from playhouse.schema_diff import diff_models

from svcq.storage.db import setup_lock

CORE_MIGRATIONS = Path(__file__).parent / "migrations"
CORE_HISTORY_TABLE = "svcq_schema_migration"


#: pg_advisory_lock key held while migrating ("svcqmig" in ASCII).
_PG_LOCK_KEY = 0x737663716D6967


@contextmanager
def migration_lock(db: Database) -> Iterator[None]:
    """One migrating process at a time per database; opens the connection too.

    Replicas start together: without it they all see a migration pending, all
    run it, and all but one fail on the history table's unique name (and on
    PostgreSQL on ``CREATE TABLE`` itself), so a deployment's replicas crash at
    start-up. The late ones wait, then find nothing pending. PostgreSQL: a
    session advisory lock; SQLite: :func:`svcq.storage.db.setup_lock`, taken
    before connecting, since connecting to a new file sets it up too.
    """
    if isinstance(db, PostgresqlDatabase):
        with db.connection_context():
            db.execute_sql("SELECT pg_advisory_lock(%s)", (_PG_LOCK_KEY,))
            try:
                yield
            finally:
                db.execute_sql("SELECT pg_advisory_unlock(%s)", (_PG_LOCK_KEY,))
        return
    with setup_lock(db), db.connection_context():
        yield


def migrate(
    db: Database, directory: Path = CORE_MIGRATIONS, table: str = CORE_HISTORY_TABLE
) -> list[str]:
    """Apply pending migrations in order; returns the names applied."""
    with migration_lock(db):
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
