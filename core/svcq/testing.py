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
that sends it. Started with a ``config_file``, :meth:`RunningServer.reload`
rewrites that file from a dict (:func:`toml`) and reloads it, as an operator
would.

For master data, :class:`Factory` creates regions, communities, staff and
owners through the public API; :func:`details` reads the reason and field
violations off a failed call. A plugin's test suite needs nothing of svcq
but this module, ``svcq.plugin``, ``svcq.errors`` and the generated protos.

Every model of svcq and of its plugins goes through one database proxy, so
two servers in one process share it: each :func:`start_server` (and
:func:`bound_database`) remembers what the proxy pointed at and gives it
back when stopped, so a test's own server never leaves the session's server
talking to a database that is gone.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from peewee import Database, Model

from svcq.clock import FakeClock
from svcq.config import load_config
from svcq.domain.admin import JobOutcome, PluginSource
from svcq.security.tokens import TokenInput, parse_scope
from svcq.server import App, Server, build_app
from svcq.storage.db import close_database, database, open_database
from svcq.storage.migrate import drift
from svcq.v1 import admin_pb2, admin_pb2_grpc, directory_pb2_grpc, owner_pb2_grpc
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import owner_pb2 as opb

__all__ = ["Client", "Factory", "FakeClock", "FreshPostgres", "RunningServer", "bound_database",
           "details", "make_token", "start_server", "token_channel", "toml", "unique"]

S = TypeVar("S")


@dataclass(eq=False)
class _Binding:
    """One helper's hold on the shared proxy: what it pointed at before."""

    previous: Database | None


#: Open holds, oldest first. Releasing one that is not the newest hands its
#: ``previous`` to the next newer one, so servers may stop in any order (a
#: module's server before the session's it started after) and the proxy
#: always ends up where it was before the oldest.
_holds: list[_Binding] = []


def _hold() -> _Binding:
    binding = _Binding(database.obj)
    _holds.append(binding)
    return binding


def _release(binding: _Binding) -> None:
    index = _holds.index(binding)
    if index + 1 < len(_holds):
        _holds[index + 1].previous = binding.previous
    else:
        database.initialize(binding.previous)
    del _holds[index]


@dataclass
class RunningServer:
    server: Server
    app: App
    clock: FakeClock
    address: str
    channel: grpc.Channel
    config_file: Path | None = None
    _binding: _Binding | None = field(default=None, repr=False)
    _database: Database | None = field(default=None, repr=False)

    def stub(self, stub_class: type[S]) -> S:
        return stub_class(self.channel)  # type: ignore[call-arg]

    def run_jobs(self) -> list[JobOutcome]:
        """One scheduler pass now (move ``clock`` first to reach the next period)."""
        with database.connection_context():
            return self.app.admin.run_due_jobs()

    def reload(self, config: Mapping[str, Any]) -> admin_pb2.ReloadConfigResponse:
        """Write ``config`` to the server's config file and reload it (AdminService.ReloadConfig).

        The server must have been started with ``config_file``; a refused
        config raises the call's :class:`grpc.RpcError`.
        """
        if self.config_file is None:
            raise ValueError("start_server(config_file=...) to reload a config")
        self.config_file.write_text(toml(config), encoding="utf-8")
        return self.stub(admin_pb2_grpc.AdminServiceStub).ReloadConfig(
            admin_pb2.ReloadConfigRequest())

    def schema_drift(self, models: Iterable[type[Model]]) -> str:
        """How the migrated schema differs from ``models`` ('' when it matches).

        A plugin checks its migrations this way, on each backend it supports.
        """
        return drift(database, list(models))

    def stop(self) -> None:
        """Stop serving and point the shared proxy back where it was before the start."""
        self.channel.close()
        binding, self._binding = self._binding, None
        if binding is None:  # stopped already
            return
        try:
            database.initialize(self._database)  # the server closes the proxy's target: ours
            self.server.stop(grace=1)
        finally:
            _release(binding)


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
    binding = _hold()
    try:
        app = build_app(cfg, clock=clock, plugins=PluginSource(load_entrypoints, tuple(plugins)))
        server = Server(app)
        port = server.start()
    except BaseException:  # a server that never started must not keep the proxy either
        _release(binding)
        raise
    address = f"127.0.0.1:{port}"
    channel = grpc.insecure_channel(address)
    running = RunningServer(server, app, clock, address, channel,
                            Path(config_file) if config_file else None, binding, database.obj)
    if not cfg.security.tls_cert_file:  # a TLS server's test makes its own secure channel
        try:
            grpc.channel_ready_future(channel).result(timeout=10)
        except BaseException:
            running.stop()
            raise
    return running


@contextmanager
def bound_database(url: str) -> Iterator[Database]:
    """The proxy bound to ``url``'s database for the block (unmigrated), then given back.

    For tests below the API - migrations, a domain service on its own - that
    need the models without a server.
    """
    binding = _hold()
    try:
        db = open_database(url)
        try:
            yield db
        finally:
            database.initialize(db)
            close_database()
    finally:
        _release(binding)


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


def details(error: grpc.RpcError) -> tuple[str, dict[str, str]]:
    """(ErrorInfo.reason, {field: description}) of a failed call."""
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    assert status is not None, "the error carries no google.rpc.Status details"
    reason, fields = "", {}
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            reason = info.reason
        elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields = {v.field: v.description for v in bad.field_violations}
    return reason, fields


_counter = itertools.count(1)


def unique(prefix: str) -> str:
    """A display name no other call in this process returned (names are unique per parent)."""
    return f"{prefix} {next(_counter)}"


class Factory:
    """Makes the master data a test needs, through the public API."""

    def __init__(self, channel: grpc.Channel) -> None:
        self.directory = directory_pb2_grpc.DirectoryServiceStub(channel)
        self.owners = owner_pb2_grpc.OwnerServiceStub(channel)

    def region(self) -> dpb.Region:
        return self.directory.CreateRegion(dpb.CreateRegionRequest(
            region=dpb.Region(display_name=unique("region")))).region

    def community(self, region_id: str = "", **fields: object) -> dpb.Community:
        region_id = region_id or self.region().id
        values: dict[str, object] = {"display_name": unique("community"),
                                      "time_zone": "Asia/Shanghai", "first_occupancy_year": 2015}
        msg = dpb.Community(region_id=region_id, **{**values, **fields})
        return self.directory.CreateCommunity(dpb.CreateCommunityRequest(community=msg)).community

    def building(self, community_id: str) -> dpb.Building:
        return self.directory.CreateBuilding(dpb.CreateBuildingRequest(building=dpb.Building(
            community_id=community_id, display_name=unique("building")))).building

    def unit(self, building_id: str) -> dpb.Unit:
        return self.directory.CreateUnit(dpb.CreateUnitRequest(unit=dpb.Unit(
            building_id=building_id, display_name=unique("unit")))).unit

    def staff(self, community_id: str, department: int = dpb.DEPARTMENT_FRONT_DESK,
              role: int = dpb.STAFF_ROLE_OPERATOR) -> dpb.Staff:
        return self.directory.CreateStaff(dpb.CreateStaffRequest(staff=dpb.Staff(
            community_id=community_id, display_name=unique("staff"), department=department,
            role=role))).staff

    def owner(self, community_id: str, **fields: object) -> opb.Owner:
        values: dict[str, object] = {"display_name": unique("owner"), **fields}
        msg = opb.Owner(community_id=community_id, **values)
        return self.owners.CreateOwner(opb.CreateOwnerRequest(owner=msg)).owner


def toml(config: Mapping[str, Any]) -> str:
    """A config file's text from nested dicts (tables), lists, strings, numbers and booleans."""
    lines: list[str] = []

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(v, list | tuple):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return str(v)

    def table(prefix: str, t: Mapping[str, Any]) -> None:
        scalars = {k: v for k, v in t.items() if not isinstance(v, Mapping)}
        if prefix:
            lines.append(f"[{prefix}]")
        lines.extend(f"{k} = {value(v)}" for k, v in scalars.items())
        for k, v in t.items():
            if isinstance(v, Mapping):
                table(f"{prefix}.{k}" if prefix else k, v)

    table("", config)
    return "\n".join(lines) + "\n"


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
