"""Hooks of the ``vip_butler`` plugin: VIP tickets to their butler, sooner; weekly visits;
each owner's butlers on the owner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from svcq.plugin import (
    Deadlines,
    GrpcService,
    HookContext,
    Migration,
    OwnerView,
    Period,
    PeriodicJob,
    Routing,
    Setting,
    TicketView,
    hookimpl,
)
from svcq_vip_butler.rules import tighter
from svcq_vip_butler.settings import ButlerSettings, declared
from svcq_vip_butler.stewardship import (
    BUTLER_DEPARTMENT,
    butler_for_ticket,
    butlers_of_owner,
    open_weekly_visits,
    owner_is_vip,
)

#: Work the plugin itself opens; routing and deadlines are for customers' requests.
PROACTIVE = "PROACTIVE"


@hookimpl
def svcq_register_settings(register: Callable[[Setting], None]) -> None:
    for setting in declared():
        register(setting)


@hookimpl
def svcq_register_migrations(register: Callable[[Migration], None]) -> None:
    register(Migration(Path(__file__).parent / "migrations", "vip_butler_schema_migration"))


@hookimpl
def svcq_register_jobs(register: Callable[[PeriodicJob], None]) -> None:
    register(PeriodicJob("weekly_visits", Period.WEEKLY, open_weekly_visits))


@hookimpl
def svcq_register_services(register: Callable[[GrpcService], None]) -> None:
    from svcq_vip_butler.service import ButlerServicer
    from svcq_vip_butler.v1 import vip_butler_pb2_grpc

    register(GrpcService(ButlerServicer, vip_butler_pb2_grpc.add_ButlerServiceServicer_to_server,
                         ("svcq.vip_butler.v1.ButlerService",)))


def _vip_request(ticket: TicketView, ctx: HookContext) -> bool:
    return ticket.kind != PROACTIVE and owner_is_vip(ctx, ticket.owner_id)


@hookimpl
def svcq_ticket_route(ticket: TicketView, ctx: HookContext) -> Routing | None:
    """A VIP's request goes straight to the butler of the household (服务一线通)."""
    if not _vip_request(ticket, ctx):
        return None
    butler = butler_for_ticket(ctx, ticket)
    if butler is None:
        return None
    return Routing(department=BUTLER_DEPARTMENT, assignee_id=butler, reason="VIP to butler")


@hookimpl
def svcq_ticket_deadlines(ticket: TicketView, proposed: Deadlines, ctx: HookContext
                          ) -> Deadlines | None:
    """A VIP's request gets ``vip_deadline_factor`` of the core's times, counted from now."""
    if not _vip_request(ticket, ctx):
        return None
    factor = ButlerSettings.of(ctx.settings).vip_deadline_factor
    now = ctx.now()
    return Deadlines(respond_by=tighter(now, proposed.respond_by, factor),
                     complete_by=tighter(now, proposed.complete_by, factor))


@hookimpl
def svcq_owner_plugin_data(owner: OwnerView, ctx: HookContext) -> dict[str, Any] | None:
    """Who looks after each of the owner's households and how to reach them (管家的联系方式
    要向其提供服务的客户公示); absent when nobody does, like where the plugin does not run.

    The ``phone`` key is masked by the response masking for the roles that
    see every phone masked (docs/security.md), exactly like ``Staff.phone``.
    """
    found = butlers_of_owner(ctx, owner)
    if not found:
        return None
    return {"butlers": [{"unit_id": b.unit_id, "butler_staff_id": b.butler_staff_id,
                         "display_name": b.display_name, "phone": b.phone, "active": b.active}
                        for b in found]}
