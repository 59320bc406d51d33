"""Fixtures shared by the suite: a real server per backend, and factories for master data.

Every API test that takes ``server`` runs twice: on SQLite and on the local
PostgreSQL (``SVCQ_TEST_POSTGRES_URL``), each in a fresh database. Without
PostgreSQL the PostgreSQL half is skipped locally but fails in CI, where it
must run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from svcq.testing import FreshPostgres, RunningServer, start_server
from tests.support import Factory

POSTGRES_URL = os.environ.get("SVCQ_TEST_POSTGRES_URL",
                              "postgresql://postgres@127.0.0.1:5432/test")


def fresh_database(backend: str, tmp_path_factory: pytest.TempPathFactory
                   ) -> tuple[str, FreshPostgres | None]:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'svcq.db'}", None
    try:
        pg = FreshPostgres(POSTGRES_URL)
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {POSTGRES_URL} is required in CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: {exc}")
    return pg.url, pg


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def server(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    url, pg = fresh_database(backend, tmp_path_factory)
    running = start_server(url)
    try:
        yield running
    finally:
        running.stop()
        if pg is not None:
            pg.drop()


@pytest.fixture
def factory(server: RunningServer) -> Factory:
    return Factory(server.channel)
