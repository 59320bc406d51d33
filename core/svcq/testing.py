"""pytest plugin for svcq and its plugin authors: a real server, a client, a fake clock.

Installed with svcq (entry point ``pytest11``), so a plugin's own test suite
gets these fixtures without a conftest:

- ``svcq_clock``: a :class:`~svcq.clock.FakeClock` the server reads.
- ``svcq_database_url``: a fresh SQLite file in the test's temporary folder.
- ``svcq_plugins``: ``(name, plugin)`` pairs to load besides the installed
  ones; override it in a test module to load a plugin object directly.
- ``svcq_config``: config sections as a dict, e.g. ``{"plugins": {"mine":
  {"enabled_communities": [...]}}}``; override it to enable your plugin.
- ``svcq_server``: a :class:`RunningServer` on a free loopback port with
  those plugins and that config.
- ``svcq_channel``: a gRPC channel to it; ``svcq_client``: stubs of every
  core service on that channel (:class:`Client`).

:func:`start_server` is the building block; call it directly for a server
with a particular config file (to test reloads), a PostgreSQL URL, ...
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

import grpc
import pytest

from svcq.clock import FakeClock
from svcq.config import load_config
from svcq.domain.admin import JobOutcome, PluginSource
from svcq.server import App, Server, build_app
from svcq.storage.db import database
from svcq.v1 import admin_pb2_grpc, directory_pb2_grpc, owner_pb2_grpc

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

    def run_jobs(self) -> list[JobOutcome]:
        """One scheduler pass now (move ``clock`` first to reach the next period)."""
        with database.connection_context():
            return self.app.admin.run_due_jobs()

    def stop(self) -> None:
        self.channel.close()
        self.server.stop(grace=1)


def start_server(database_url: str, *, clock: FakeClock | None = None,
                 config: Mapping[str, Mapping[str, Any]] | None = None,
                 config_file: str | None = None,
                 plugins: Iterable[tuple[str, object]] = (),
                 load_entrypoints: bool = True) -> RunningServer:
    """Start a server on 127.0.0.1 and a free port, migrated and ready.

    ``plugins`` are loaded next to the installed ones (all of them unless
    ``load_entrypoints`` is False); the config decides where each runs.
    """
    sections: dict[str, dict[str, Any]] = {k: dict(v) for k, v in (config or {}).items()}
    sections.setdefault("database", {})["url"] = database_url
    sections.setdefault("server", {}).setdefault("address", "127.0.0.1:0")
    cfg = load_config(config_file, overrides=sections, environ={})
    clock = clock or FakeClock()
    app = build_app(cfg, clock=clock, plugins=PluginSource(load_entrypoints, tuple(plugins)))
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


class Client:
    """Stubs of the core services on one channel."""

    def __init__(self, channel: grpc.Channel) -> None:
        self.channel = channel
        self.directory = directory_pb2_grpc.DirectoryServiceStub(channel)
        self.owners = owner_pb2_grpc.OwnerServiceStub(channel)
        self.admin = admin_pb2_grpc.AdminServiceStub(channel)


@pytest.fixture
def svcq_plugins() -> list[tuple[str, object]]:
    return []


@pytest.fixture
def svcq_config() -> dict[str, Any]:
    return {}


@pytest.fixture
def svcq_server(svcq_database_url: str, svcq_clock: FakeClock,
                svcq_plugins: list[tuple[str, object]],
                svcq_config: dict[str, Any]) -> Iterator[RunningServer]:
    running = start_server(svcq_database_url, clock=svcq_clock, config=svcq_config,
                           plugins=svcq_plugins)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def svcq_channel(svcq_server: RunningServer) -> grpc.Channel:
    return svcq_server.channel


@pytest.fixture
def svcq_client(svcq_channel: grpc.Channel) -> Client:
    return Client(svcq_channel)
