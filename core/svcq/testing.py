"""pytest plugin for svcq and its plugin authors: a real server, a client, a fake clock.

Installed with svcq (entry point ``pytest11``), so a plugin's own test suite
gets these fixtures without a conftest:

- ``svcq_clock``: a :class:`~svcq.clock.FakeClock` the server reads.
- ``svcq_database_url``: a fresh SQLite file in the test's temporary folder.
- ``svcq_server``: a :class:`RunningServer` on a free loopback port.
- ``svcq_channel``: a gRPC channel to it.

:func:`start_server` is the building block; call it directly for a server
with a particular config (plugins enabled, a PostgreSQL URL, ...).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

import grpc
import pytest

from svcq.clock import FakeClock
from svcq.config import load_config
from svcq.server import App, Server, build_app

S = TypeVar("S")


@dataclass
class RunningServer:
    server: Server
    app: App
    clock: FakeClock
    address: str
    channel: grpc.Channel

    def stub(self, stub_class: type[S]) -> S:
        return stub_class(self.channel)  # type: ignore[call-arg]

    def stop(self) -> None:
        self.channel.close()
        self.server.stop(grace=1)


def start_server(database_url: str, *, clock: FakeClock | None = None,
                 config: Mapping[str, Mapping[str, Any]] | None = None,
                 config_file: str | None = None) -> RunningServer:
    """Start a server on 127.0.0.1 and a free port, migrated and ready."""
    sections: dict[str, dict[str, Any]] = {k: dict(v) for k, v in (config or {}).items()}
    sections.setdefault("database", {})["url"] = database_url
    sections.setdefault("server", {}).setdefault("address", "127.0.0.1:0")
    cfg = load_config(config_file, overrides=sections, environ={})
    clock = clock or FakeClock()
    app = build_app(cfg, clock=clock)
    server = Server(app)
    port = server.start()
    address = f"127.0.0.1:{port}"
    channel = grpc.insecure_channel(address)
    grpc.channel_ready_future(channel).result(timeout=10)
    return RunningServer(server, app, clock, address, channel)


class FreshPostgres:
    """A database of its own on a PostgreSQL server, dropped afterwards.

    Each test run gets a fresh database, so runs never see each other's rows
    and a half-finished run leaves nothing the next one trips over.
    """

    def __init__(self, admin_url: str) -> None:
        import psycopg2

        self._psycopg2 = psycopg2
        parsed = urlparse(admin_url)
        self.name = f"svcq_test_{secrets.token_hex(4)}"
        self._admin = dict(host=parsed.hostname or "127.0.0.1", port=parsed.port or 5432,
                           user=parsed.username or "postgres", password=parsed.password,
                           dbname=parsed.path.lstrip("/") or "postgres", connect_timeout=5)
        self._run(f'CREATE DATABASE "{self.name}"')
        self.url = parsed._replace(path=f"/{self.name}").geturl()

    def _run(self, sql: str) -> None:
        conn = self._psycopg2.connect(**self._admin)
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute(sql)
        finally:
            conn.close()

    def drop(self) -> None:
        self._run(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def svcq_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def svcq_database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'svcq.db'}"


@pytest.fixture
def svcq_server(svcq_database_url: str, svcq_clock: FakeClock) -> Iterator[RunningServer]:
    running = start_server(svcq_database_url, clock=svcq_clock)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def svcq_channel(svcq_server: RunningServer) -> grpc.Channel:
    return svcq_server.channel
