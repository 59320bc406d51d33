"""Replicas started at the same moment on one fresh database all come up.

Each replica migrates at start-up; without a lock they all find the same
migrations pending, run them together, and all but one crash on the history
table (or on CREATE TABLE). Here four migrators, each with its own
connection as a replica would have, race on a fresh database.
"""

from __future__ import annotations

import threading

import pytest

from svcq.storage.db import make_database
from svcq.storage.migrate import CORE_HISTORY_TABLE, migrate, pending
from tests.conftest import fresh_database

REPLICAS = 4


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_replicas_migrating_at_once_all_succeed_and_apply_each_migration_once(
        backend, tmp_path_factory):
    url, pg = fresh_database(backend, tmp_path_factory)
    try:
        start = threading.Barrier(REPLICAS)
        errors: list[BaseException] = []
        applied: list[list[str]] = []

        def replica() -> None:
            db = make_database(url)
            try:
                start.wait()
                applied.append(migrate(db))
            except BaseException as exc:  # reported below, with every replica's outcome
                errors.append(exc)
            finally:
                if hasattr(db, "close_all"):
                    db.close_all()

        threads = [threading.Thread(target=replica) for _ in range(REPLICAS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []
        # One replica applied everything; the others found nothing left to do.
        assert sorted(len(names) for names in applied)[:-1] == [0] * (REPLICAS - 1)
        db = make_database(url)
        assert pending(db) == []
        with db.connection_context():
            names = [row[0] for row in db.execute_sql(
                f'SELECT name FROM "{CORE_HISTORY_TABLE}"').fetchall()]
        assert len(names) == len(set(names)) == max(len(a) for a in applied)
        db.close_all() if hasattr(db, "close_all") else db.close()
    finally:
        if pg is not None:
            pg.drop()
