"""Test plugins, a server that loads them, and helpers to call it."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import struct_pb2

from svcq.plugin import (
    CliCommand,
    Conflict,
    GrpcService,
    Migration,
    Period,
    PeriodicJob,
    Setting,
    Veto,
    hookimpl,
)
from svcq.testing import Factory, RunningServer, start_server, toml
from svcq.v1 import admin_pb2, admin_pb2_grpc
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import owner_pb2 as opb

_seq = itertools.count(1)


class Greeter:
    """Attaches a greeting to owners and reacts to new ones; ``broken`` makes it raise."""

    def __init__(self) -> None:
        self.broken = False
        self.seen: list[Any] = []

    @hookimpl
    def svcq_register_settings(self, register):
        register(Setting("greeting", str, "hello", "Shown on owners."))
        register(Setting("visits_per_week", int, 1, "Butler visits."))

    @hookimpl
    def svcq_owner_plugin_data(self, owner, ctx):
        return {"greeting": ctx.settings["greeting"]}

    @hookimpl
    def svcq_owner_created(self, owner, ctx):
        if self.broken:
            raise RuntimeError("crm unreachable")
        self.seen.append(owner)

    @hookimpl
    def svcq_ticket_validate(self, ticket, action, ctx):
        if self.broken:
            raise ZeroDivisionError("bug")
        return Veto("closed on holidays") if action == "holiday" else None


class Weekly:
    """A weekly job that fails while ``broken``; records (community, period) runs."""

    def __init__(self) -> None:
        self.broken = False
        self.runs: list[tuple[str, str]] = []

    @hookimpl
    def svcq_register_jobs(self, register):
        register(PeriodicJob("quota", Period.WEEKLY, self.quota))

    def quota(self, ctx):
        if self.broken:
            raise RuntimeError("quota service down")
        self.runs.append((ctx.community_id, ctx.now().isoformat()))


ECHO = "svcq.echo.v1.EchoService"


class Echo:
    """Serves svcq.echo.v1.EchoService/Echo (Struct in, Struct out) without protoc."""

    @hookimpl
    def svcq_register_services(self, register):
        register(GrpcService(self.servicer, self.add, (ECHO,)))

    def servicer(self, handle):
        def echo(request: struct_pb2.Struct, context: grpc.ServicerContext) -> struct_pb2.Struct:
            ctx = handle.context(request["community_id"])
            reply = struct_pb2.Struct()
            reply.update({"plugin": ctx.plugin, "greeting": ctx.settings.get("word", "")})
            return reply
        return echo

    @hookimpl
    def svcq_register_settings(self, register):
        register(Setting("word", str, "echo", "What Echo answers."))

    @staticmethod
    def add(servicer, server):
        handler = grpc.unary_unary_rpc_method_handler(
            servicer, request_deserializer=struct_pb2.Struct.FromString,
            response_serializer=struct_pb2.Struct.SerializeToString)
        server.add_generic_rpc_handlers(
            (grpc.method_handlers_generic_handler(ECHO, {"Echo": handler}),))


class Audit:
    """Owns a table through its own migrations; adds a CLI command."""

    def __init__(self) -> None:
        self.ran: list[str] = []

    @hookimpl
    def svcq_register_migrations(self, register):
        register(Migration(Path(__file__).parent / "migrations_audit", "audit_schema_migration"))

    @hookimpl
    def svcq_register_cli_commands(self, register):
        register(CliCommand("audit-report", "print the audit report",
                            lambda p: p.add_argument("--month"),
                            lambda args: self.ran.append(args.month)))


class Vip:
    @hookimpl
    def svcq_declare_conflicts(self, register):
        register(Conflict("standard", "VIP tiers versus one standard for everyone"))


class Standard:
    @hookimpl
    def svcq_owner_plugin_data(self, owner, ctx):
        return {"standard": True}


def make_plugins() -> dict[str, object]:
    return {"greeter": Greeter(), "weekly": Weekly(), "echo": Echo(), "audit": Audit(),
            "vip": Vip(), "standard": Standard()}


class Host:
    """A running server loading :func:`test_plugins`, configured by a file it rewrites."""

    def __init__(self, tmp: Path, plugins: dict[str, object], config: Mapping[str, Any]) -> None:
        self.file = tmp / f"svcq-{next(_seq)}.toml"
        self.plugins = plugins
        self.database_url = f"sqlite:///{tmp / 'host.db'}"
        self.write(config)
        self.running = self.start()
        self.factory = Factory(self.running.channel)
        self.admin = admin_pb2_grpc.AdminServiceStub(self.running.channel)

    def start(self) -> RunningServer:
        return start_server(self.database_url, config_file=str(self.file),
                            plugins=list(self.plugins.items()), load_entrypoints=False)

    def restart(self) -> None:
        self.running.stop()
        self.running = self.start()
        self.factory = Factory(self.running.channel)
        self.admin = admin_pb2_grpc.AdminServiceStub(self.running.channel)

    def write(self, config: Mapping[str, Any]) -> None:
        self.file.write_text(toml(config), encoding="utf-8")

    def reload(self, config: Mapping[str, Any]) -> admin_pb2.ReloadConfigResponse:
        return self.running.reload(config)

    def plugins_listed(self, community_id: str = "") -> dict[str, admin_pb2.Plugin]:
        response = self.admin.ListPlugins(admin_pb2.ListPluginsRequest(community_id=community_id))
        return {p.name: p for p in response.plugins}

    def owner(self, community_id: str) -> opb.Owner:
        return self.factory.owner(community_id)

    def community(self, region_id: str = "") -> dpb.Community:
        return self.factory.community(region_id)

    def stop(self) -> None:
        self.running.stop()
