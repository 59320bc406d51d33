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
It runs in demo mode (no credentials needed) unless asked for ``auth=True``;
then :func:`make_token` makes a token and :func:`token_channel` a channel
that sends it.
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
from svcq.security.tokens import TokenInput, parse_scope
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
                 load_entrypoints: bool = True, auth: bool = False) -> RunningServer:
    """Start a server on 127.0.0.1 and a free port, migrated and ready.

    ``plugins`` are loaded next to the installed ones (all of them unless
    ``load_entrypoints`` is False); the config decides where each runs.
    Without ``auth`` the server runs in demo mode: every call is let in
    without credentials, so tests about something else need no tokens.
    """
    sections: dict[str, dict[str, Any]] = {k: dict(v) for k, v in (config or {}).items()}
    sections.setdefault("database", {})["url"] = database_url
    if not auth:
        sections.setdefault("security", {}).setdefault("demo", True)
    sections.setdefault("server", {}).setdefault("address", "127.0.0.1:0")
    cfg = load_config(config_file, overrides=sections, environ={})
    clock = clock or FakeClock()
    app = build_app(cfg, clock=clock, plugins=PluginSource(load_entrypoints, tuple(plugins)))
    server = Server(app)
    port = server.start()
    address = f"127.0.0.1:{port}"
    channel = grpc.insecure_channel(address)
    if not cfg.security.tls_cert_file:  # a TLS server's test makes its own secure channel
        grpc.channel_ready_future(channel).result(timeout=10)
    return RunningServer(server, app, clock, address, channel)


def make_token(running: RunningServer, role: str = "ADMIN", scope: str = "company", *,
               staff_id: str = "", expire_days: int = 0, name: str = "test") -> str:
    """Create an API token directly (as the system) and return its secret.

    ``scope`` reads like the CLI's: ``company``, ``region:<id>``, ``community:<id>``.
    """
    kind, ident = parse_scope(scope)
    with database.connection_context():
        _, secret = running.app.admin.create_token(TokenInput(
            name=name, role=role, scope_kind=kind, scope_id=ident, staff_id=staff_id,
            expire_days=expire_days))
    return secret


class _Bearer(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor):
    """Adds ``authorization: Bearer <token>`` to every call."""

    def __init__(self, token: str) -> None:
        self.token = token

    def _with_token(self, details: Any) -> Any:
        metadata = [*(details.metadata or ()), ("authorization", f"Bearer {self.token}")]
        return details._replace(metadata=metadata)

    def intercept_unary_unary(self, continuation: Any, client_call_details: Any,
                              request: Any) -> Any:
        return continuation(self._with_token(client_call_details), request)

    def intercept_unary_stream(self, continuation: Any, client_call_details: Any,
                               request: Any) -> Any:
        return continuation(self._with_token(client_call_details), request)


def token_channel(running: RunningServer, token: str) -> grpc.Channel:
    """A channel to ``running`` that sends ``token`` with every call (close it after use)."""
    return grpc.intercept_channel(grpc.insecure_channel(running.address), _Bearer(token))


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
