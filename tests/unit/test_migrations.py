"""Migrations build exactly the schema the models describe, and upgrade in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcq.storage.migrate import CORE_MIGRATIONS, drift, migrate, pending
from svcq.storage.models import CORE_MODELS
from svcq.testing import bound_database
from tests.conftest import fresh_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request, tmp_path_factory):
    url, pg = fresh_database(request.param, tmp_path_factory)
    try:
        with bound_database(url) as db:
            yield db
    finally:
        if pg is not None:
            pg.drop()


def test_migrated_schema_matches_the_models(empty_db):
    applied = migrate(empty_db)
    assert applied == sorted(p.stem for p in CORE_MIGRATIONS.glob("[0-9]*.py"))
    assert drift(empty_db, CORE_MODELS) == ""
    assert migrate(empty_db) == []  # a second run has nothing to do


def test_an_old_database_is_upgraded_in_place(empty_db, tmp_path: Path):
    only_first = tmp_path / "migrations"
    only_first.mkdir()
    first = sorted(CORE_MIGRATIONS.glob("[0-9]*.py"))[0]
    (only_first / first.name).write_text(first.read_text())
    assert migrate(empty_db, only_first) == [first.stem]
    with empty_db.connection_context():
        empty_db.execute_sql(
            "INSERT INTO region (id, display_name, version, create_time, update_time) "
            "VALUES ('rg_old', 'kept', 1, '2024-01-01', '2024-01-01')")
    later = pending(empty_db)
    assert later == [p.stem for p in sorted(CORE_MIGRATIONS.glob("[0-9]*.py"))[1:]]
    migrate(empty_db)
    assert drift(empty_db, CORE_MODELS) == ""
    with empty_db.connection_context():
        rows = empty_db.execute_sql("SELECT display_name FROM region WHERE id = 'rg_old'")
        assert rows.fetchall() == [("kept",)]
