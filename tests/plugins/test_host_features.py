"""What a plugin can do, through a real server: react, decide, serve, schedule, migrate, CLI."""

from __future__ import annotations

from types import SimpleNamespace

import grpc
import pytest
from google.protobuf import struct_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from svcq.api.status import to_status
from svcq.cli import build_parser
from svcq.domain.owners import OwnerInput
from svcq.plugin import CliCommand, hookimpl
from svcq.plugins import PluginFailed, build_plugin_manager
from svcq.storage.db import database, write_transaction
from svcq.v1 import admin_pb2 as apb
from svcq.v1 import owner_pb2 as opb
from tests.plugins.support import ECHO, Audit
from tests.support import details


def create_owner_then(host, community_id: str, then) -> str:
    """What a domain service does: write, then call a decision hook in the same transaction."""
    app = host.running.app
    with database.connection_context(), write_transaction():
        record = app.owners.create(OwnerInput(community_id=community_id, display_name="Wang"))
        then(app.ctx, record)
    return record.id


def create_owner(host, community_id: str) -> str:
    """Through the API: OwnerService calls svcq_owner_created after its commit."""
    return host.factory.owners.CreateOwner(opb.CreateOwnerRequest(owner=opb.Owner(
        community_id=community_id, display_name="Wang"))).owner.id


def test_svcq_owner_created_reaction_failure_keeps_the_write_and_is_retried(host):
    greeter = host.plugins["greeter"]
    community = host.community()
    host.reload({"plugins": {"greeter": {"enabled_communities": [community.id]}}})
    greeter.broken = True

    owner_id = create_owner(host, community.id)

    kept = host.factory.owners.GetOwner(opb.GetOwnerRequest(id=owner_id)).owner
    assert kept.id == owner_id
    assert host.plugins_listed()["greeter"].pending_hook_failures == 1
    retry = apb.RetryHookFailuresRequest(plugin="greeter")
    assert host.admin.RetryHookFailures(retry) == apb.RetryHookFailuresResponse(failed=1)

    greeter.broken = False
    assert host.admin.RetryHookFailures(retry) == apb.RetryHookFailuresResponse(succeeded=1)
    assert [(o.id, o.display_name, o.community_id) for o in greeter.seen] == [
        (owner_id, "Wang", community.id)]
    assert host.plugins_listed()["greeter"].pending_hook_failures == 0
    assert host.admin.RetryHookFailures(retry) == apb.RetryHookFailuresResponse()


def test_a_kept_failure_is_skipped_where_the_plugin_no_longer_runs(host):
    greeter = host.plugins["greeter"]
    community = host.community()
    host.reload({"plugins": {"greeter": {"enabled_communities": [community.id]}}})
    greeter.broken = True
    create_owner(host, community.id)
    greeter.broken = False
    host.reload({})

    outcome = host.admin.RetryHookFailures(apb.RetryHookFailuresRequest())

    assert outcome == apb.RetryHookFailuresResponse(skipped=1)
    assert greeter.seen == []


def test_retry_limit_is_checked(host):
    with pytest.raises(grpc.RpcError) as error:
        host.admin.RetryHookFailures(apb.RetryHookFailuresRequest(limit=5000))
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(details(error.value)[1]) == {"limit"}


def test_a_decision_hook_that_raises_fails_naming_the_plugin_and_nothing_is_written(host):
    greeter = host.plugins["greeter"]
    community = host.community()
    host.reload({"plugins": {"greeter": {"enabled_communities": [community.id]}}})
    greeter.broken = True
    ticket = SimpleNamespace(id="t-1", community_id=community.id, kind="REPAIR")

    with pytest.raises(PluginFailed) as error:
        create_owner_then(host, community.id, lambda ctx, owner: ctx.hooks.check(
            "svcq_ticket_validate", ctx.scope(community.id), ticket=ticket, action="create"))

    status = to_status(error.value)
    assert status.code == grpc.StatusCode.INTERNAL
    assert status.details == "plugin 'greeter' failed in svcq_ticket_validate: ZeroDivisionError"
    listed = host.factory.owners.ListOwners(opb.ListOwnersRequest(
        filter=f'community_id = "{community.id}"'))
    assert list(listed.owners) == []


def echo(host, community_id: str) -> struct_pb2.Struct:
    call = host.running.channel.unary_unary(
        f"/{ECHO}/Echo", request_serializer=struct_pb2.Struct.SerializeToString,
        response_deserializer=struct_pb2.Struct.FromString)
    request = struct_pb2.Struct()
    request.update({"community_id": community_id})
    return call(request)


def test_svcq_register_services_plugin_service_served_health_checked_and_reflected(host):
    community = host.community()
    other = host.community()
    host.reload({"plugins": {"echo": {"enabled_communities": [community.id],
                                      "communities": {community.id: {"word": "pong"}}}}})

    assert dict(echo(host, community.id)) == {"plugin": "echo", "greeting": "pong"}
    with pytest.raises(grpc.RpcError) as error:
        echo(host, other.id)
    assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert details(error.value)[0] == "PLUGIN_NOT_ENABLED"

    health = health_pb2_grpc.HealthStub(host.running.channel)
    assert health.Check(health_pb2.HealthCheckRequest(service=ECHO)).status == (
        health_pb2.HealthCheckResponse.SERVING)
    reflect = reflection_pb2_grpc.ServerReflectionStub(host.running.channel)
    [answer] = reflect.ServerReflectionInfo(iter([
        reflection_pb2.ServerReflectionRequest(list_services="")]))
    names = {s.name for s in answer.list_services_response.service}
    assert {ECHO, "svcq.v1.AdminService", "svcq.v1.OwnerService"} <= names


def test_svcq_register_jobs_run_once_per_community_per_period_even_across_restarts(host):
    weekly = host.plugins["weekly"]
    community = host.community()
    host.community()  # not enabled there: never runs
    host.reload({"plugins": {"weekly": {"enabled_communities": [community.id]}}})
    # The fake clock starts on Monday 2026-01-05, 09:00 in Shanghai: ISO week 2.

    first = host.running.run_jobs()
    again = host.running.run_jobs()
    host.restart()
    after_restart = host.running.run_jobs()
    host.running.clock.advance(days=6, hours=14)  # Sunday 23:00 Shanghai: still week 2
    same_week = host.running.run_jobs()
    host.running.clock.advance(hours=1)  # Monday 00:00 Shanghai: week 3
    next_week = host.running.run_jobs()

    assert [(o.plugin, o.job, o.community_id, o.period_key, o.error) for o in first] == [
        ("weekly", "quota", community.id, "2026-W02", "")]
    assert (again, after_restart, same_week) == ([], [], [])
    assert [o.period_key for o in next_week] == ["2026-W03"]
    assert weekly.runs == [(community.id, "2026-01-05T01:00:00+00:00"),
                           (community.id, "2026-01-11T16:00:00+00:00")]


def test_a_failed_job_is_claimed_again_by_the_next_pass(host):
    weekly = host.plugins["weekly"]
    community = host.community()
    host.reload({"plugins": {"weekly": {"enabled_communities": [community.id]}}})
    weekly.broken = True

    failed = host.running.run_jobs()
    weekly.broken = False
    retried = host.running.run_jobs()

    assert [o.error for o in failed] == ["RuntimeError: quota service down"]
    assert [(o.period_key, o.error) for o in retried] == [("2026-W02", "")]
    assert host.running.run_jobs() == []


def test_svcq_register_migrations_plugin_tables_have_their_own_history(host):
    def state():
        with database.connection_context():
            applied = [r[0] for r in database.execute_sql(
                "SELECT name FROM audit_schema_migration").fetchall()]
            return applied, "audit_note" in database.get_tables()

    before = state()
    host.restart()

    assert before == state() == (["0001_audit"], True)


def test_svcq_register_cli_commands_adds_svcq_subcommands():
    audit = Audit()
    pm = build_plugin_manager(load_entrypoints=False, extra_plugins=[("audit", audit)])

    args = build_parser(pm).parse_args(["audit-report", "--month", "2026-01"])
    args.func(args)

    assert audit.ran == ["2026-01"]


def test_a_plugin_command_cannot_take_a_core_command_name(capsys):
    class Squatter:
        @hookimpl
        def svcq_register_cli_commands(self, register):
            register(CliCommand("serve", "mine now", lambda p: None, lambda a: 1))

    pm = build_plugin_manager(load_entrypoints=False, extra_plugins=[("squatter", Squatter())])
    args = build_parser(pm).parse_args(["serve"])

    assert args.func.__name__ == "cmd_serve"
    assert "plugin 'squatter': command 'serve' is taken by svcq itself" in capsys.readouterr().err
