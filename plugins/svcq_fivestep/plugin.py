"""The hooks of the five steps and one method (五步一法); each one hands over to practice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from svcq.plugin import (
    CliCommand,
    GrpcService,
    HookContext,
    Migration,
    OwnerView,
    Period,
    PeriodicJob,
    Setting,
    TicketView,
    hookimpl,
)
from svcq_fivestep import cli, practice
from svcq_fivestep.service import SERVICE_NAME, FiveStepServicer
from svcq_fivestep.settings import declared
from svcq_fivestep.v1 import fivestep_pb2_grpc


@hookimpl
def svcq_register_settings(register: Callable[[Setting], None]) -> None:
    for setting in declared():
        register(setting)


@hookimpl
def svcq_register_migrations(register: Callable[[Migration], None]) -> None:
    register(Migration(Path(__file__).parent / "migrations", "fivestep_migration"))


@hookimpl
def svcq_register_services(register: Callable[[GrpcService], None]) -> None:
    register(GrpcService(FiveStepServicer,
                         fivestep_pb2_grpc.add_FiveStepServiceServicer_to_server,
                         (SERVICE_NAME,)))


@hookimpl
def svcq_register_cli_commands(register: Callable[[CliCommand], None]) -> None:
    register(CliCommand("fivestep", "five steps and one method: star customers",
                        cli.configure, cli.run))


@hookimpl
def svcq_register_jobs(register: Callable[[PeriodicJob], None]) -> None:
    register(PeriodicJob("return_visits", Period.MONTHLY, practice.return_visits))
    register(PeriodicJob("care_visits", Period.MONTHLY, practice.care_visits))


@hookimpl
def svcq_owner_moved_in(owner: OwnerView, unit_id: str, moved_in_on: date,
                        ctx: HookContext) -> None:
    practice.welcome(ctx, owner, unit_id, moved_in_on)


@hookimpl
def svcq_ticket_created(ticket: TicketView, ctx: HookContext) -> None:
    practice.count_ticket(ctx, ticket)


@hookimpl
def svcq_ticket_transitioned(ticket: TicketView, ctx: HookContext) -> None:
    """Counting again is harmless and catches tickets opened before the plugin was on."""
    practice.count_ticket(ctx, ticket)


@hookimpl
def svcq_owner_plugin_data(owner: OwnerView, ctx: HookContext) -> dict[str, Any] | None:
    standing = practice.standing(ctx, owner.id)
    return {"stars": standing.stars, "points": standing.points}


@hookimpl
def svcq_ticket_plugin_data(ticket: TicketView, ctx: HookContext) -> dict[str, Any] | None:
    if not ticket.owner_id:
        return None
    stars = practice.standing(ctx, ticket.owner_id).stars
    return {"follow_up": stars >= practice.settings(ctx).follow_up_min_stars, "stars": stars}
