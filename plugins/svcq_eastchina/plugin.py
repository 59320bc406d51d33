"""Settings, hooks and the daily patrol job of the ``eastchina`` plugin."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from svcq.plugin import (
    GrpcService,
    HookContext,
    InspectionView,
    Migration,
    Period,
    PeriodicJob,
    Setting,
    TicketView,
    Veto,
    hookimpl,
)
from svcq_eastchina.models import FreeAllowance, FreeService, PatrolDay

#: Targets of 004 (二、年度目标): owners >= 90%, third-party-style >= 70%, rectification 100%.
TARGETS = {"owner_satisfaction": 0.90, "third_party_satisfaction": 0.70,
           "rectification_rate": 1.0}


@hookimpl
def svcq_register_settings(register: Callable[[Setting], None]) -> None:
    for s in (
        Setting("etiquette_checks_per_shift", int, 2,
                "Etiquette checks each supervisor owes each shift (004 行动三: at least 2)."),
        Setting("etiquette_checker_role", str, "SUPERVISOR",
                "Staff role that owes the etiquette checks."),
        Setting("etiquette_discipline", str, "CUSTOMER_SERVICE",
                "Discipline an etiquette check covers unless the request names one."),
        Setting("shifts", list[str], ["08:00"],
                "Local start times of the shifts (ours: one shift a day)."),
        Setting("patrol_role", str, "PROJECT_HEAD", "Staff role that patrols daily."),
        Setting("patrol_kinds", list[str], ["DAILY", "PATROL"],
                "Inspection kinds that count as the head's patrol when the head records one."),
        Setting("patrol_working_days_only", bool, True,
                "Patrols are owed on working days only (004 行动五: 每个工作日)."),
        Setting("bulletin_examples", int, 3, "Categories shown per kind in the bulletin."),
        Setting("free_services", list[str], ["appliance_check", "home_cleaning", "plant_care"],
                "The community's catalogue of free services (ours, after 000's housewarming)."),
        Setting("free_services_per_year", int, 1,
                "Free services per household a year (004 行动十: 1)."),
        Setting("free_service_category", str, "",
                "Ticket category that marks a ticket as a free service; empty: only the RPC."),
        *(Setting(f"{name}_target", float, value, f"Target of {name} (004).")
          for name, value in TARGETS.items()),
    ):
        register(s)


@hookimpl
def svcq_register_migrations(register: Callable[[Migration], None]) -> None:
    register(Migration(Path(__file__).parent / "migrations", "eastchina_schema_migration"))


@hookimpl
def svcq_register_jobs(register: Callable[[PeriodicJob], None]) -> None:
    register(PeriodicJob("daily_patrol", Period.DAILY, open_patrol))


@hookimpl
def svcq_register_services(register: Callable[[GrpcService], None]) -> None:
    from svcq_eastchina.service import EastChinaServicer
    from svcq_eastchina.v1 import eastchina_pb2_grpc

    register(GrpcService(EastChinaServicer,
                         eastchina_pb2_grpc.add_EastChinaServiceServicer_to_server,
                         ("svcq.eastchina.v1.EastChinaService",)))


def utc_now(ctx: HookContext) -> datetime:
    """Naive UTC, as the core stores times."""
    return ctx.now().astimezone(UTC).replace(tzinfo=None)


def staff_ids(ctx: HookContext, role: str) -> list[str]:
    assert ctx.core is not None
    return [s.id for s in ctx.core.staff(f"role = {role} AND active = true")]


def patrol_owed(ctx: HookContext, day: date) -> bool:
    assert ctx.core is not None
    return not ctx.settings["patrol_working_days_only"] or ctx.core.is_working_day(day)


# -- the project head's daily patrol -----------------------------------------------------------


def open_patrol(ctx: HookContext) -> None:
    """Open the day's patrol work item for the head; the day is owed even with no head."""
    assert ctx.core is not None
    today = ctx.core.today()
    if not patrol_owed(ctx, today):
        return
    with ctx.core.transaction():
        day, _ = PatrolDay.get_or_create(community_id=ctx.community_id, day=today)
        if day.ticket_id:
            return
        head = next(ctx.core.staff(f"role = {ctx.settings['patrol_role']} AND active = true"),
                    None)
        if head is None:
            ctx.log.warning("patrol_without_head", day=today.isoformat())
            return
        ticket = ctx.core.create_proactive_ticket(
            staff_id=head.id, department=str(head.department), assignee_staff_id=head.id,
            description=f"Daily site patrol of {today.isoformat()} (物业巡查记录表)")
        day.ticket_id = ticket.id
        day.save()


@hookimpl
def svcq_inspection_recorded(inspection: InspectionView, ctx: HookContext) -> None:
    """A patrol-kind inspection by a head is that day's patrol (first one wins)."""
    if inspection.kind not in ctx.settings["patrol_kinds"]:
        return
    if inspection.inspector_id not in staff_ids(ctx, ctx.settings["patrol_role"]):
        return
    assert ctx.core is not None
    day = ctx.core.local_time(inspection.inspected_at).date()
    with ctx.core.transaction():
        row, _ = PatrolDay.get_or_create(community_id=ctx.community_id, day=day)
        if row.patrol_time is None:
            row.patrol_time = inspection.inspected_at.astimezone(UTC).replace(tzinfo=None)
            row.inspection_id = inspection.id
            row.save()


# -- one free service a year -------------------------------------------------------------------

#: True while RequestFreeService opens its own ticket: the RPC takes the allowance itself,
#: right after, so that a refusal keeps its own reason; the validate hook must stay out.
opening_free_service: ContextVar[bool] = ContextVar("eastchina_opening_free_service",
                                                    default=False)


def is_free_category(ctx: HookContext, category: str) -> bool:
    marker = ctx.settings["free_service_category"]
    return bool(marker) and (category == marker or category.startswith(f"{marker}/"))


def used_this_year(community_id: str, unit_id: str, year: int) -> list[FreeService]:
    return list(FreeService.select().where(
        (FreeService.community_id == community_id) & (FreeService.unit_id == unit_id)
        & (FreeService.year == year)).order_by(FreeService.create_time))


@dataclass(frozen=True)
class Refusal:
    """Why a household gets no more free services this year."""

    year: int
    #: The latest free service it had; None when the plan allows none at all.
    earlier: FreeService | None

    @property
    def text(self) -> str:
        if self.earlier is None:
            return (f"FREE_SERVICE_ALREADY_USED: this household has no free service left "
                    f"in {self.year}")
        return (f"FREE_SERVICE_ALREADY_USED: this household's free service of {self.year} "
                f"is ticket {self.earlier.ticket_id}")


def refusal(ctx: HookContext, unit_id: str) -> Refusal | None:
    """The refusal a request for the household would get now, as far as a read can tell.

    Only :func:`take_free_service` decides; this gives the earlier ticket to
    name, and spares opening a ticket that would be rolled back.
    """
    assert ctx.core is not None
    year = ctx.core.today().year
    used = used_this_year(ctx.community_id, unit_id, year)
    if len(used) < ctx.settings["free_services_per_year"]:
        return None
    return Refusal(year, used[-1] if used else None)


def take_free_service(ctx: HookContext, ticket_id: str, unit_id: str, service: str
                      ) -> FreeService | None:
    """Take one of the household's free services of this year for ``ticket_id``.

    None when none is left. Call it inside the transaction that writes the
    ticket, so a request that fails later gives the service back. The
    household-year's counter row goes up only while below
    ``free_services_per_year`` (one conditional UPDATE), so two requests at
    once cannot both take the last one: on PostgreSQL the second waits for
    the first's row lock and then finds nothing left; SQLite runs one writer
    at a time. Taking it again for the same ticket takes nothing more.
    """
    assert ctx.core is not None
    with ctx.core.transaction():
        taken = FreeService.get_or_none(FreeService.ticket_id == ticket_id)
        if taken is not None:
            return taken
        year = ctx.core.today().year
        FreeAllowance.insert(community_id=ctx.community_id, unit_id=unit_id, year=year,
                             used=0).on_conflict_ignore().execute()
        took = FreeAllowance.update(used=FreeAllowance.used + 1).where(
            (FreeAllowance.community_id == ctx.community_id)
            & (FreeAllowance.unit_id == unit_id) & (FreeAllowance.year == year)
            & (FreeAllowance.used < ctx.settings["free_services_per_year"])).execute()
        if not took:
            return None
        return FreeService.create(ticket_id=ticket_id, community_id=ctx.community_id,
                                  unit_id=unit_id, year=year, service=service,
                                  create_time=utc_now(ctx))


@hookimpl
def svcq_ticket_validate(ticket: TicketView, action: str, ctx: HookContext) -> Veto | None:
    """Free-service tickets filed another way obey the same allowance as the RPC.

    The allowance is taken here, inside the core's transaction that creates
    the ticket: it commits with the ticket, or rolls back with it.
    """
    if (action != "create" or not ticket.unit_id or opening_free_service.get()
            or not is_free_category(ctx, ticket.category)):
        return None
    if take_free_service(ctx, ticket.id, ticket.unit_id, ticket.category) is not None:
        return None
    refused = refusal(ctx, ticket.unit_id)
    assert ctx.core is not None
    return Veto((refused or Refusal(ctx.core.today().year, None)).text)


@hookimpl
def svcq_ticket_plugin_data(ticket: TicketView, ctx: HookContext) -> dict[str, Any] | None:
    row = FreeService.get_or_none(FreeService.ticket_id == ticket.id)
    return None if row is None else {"free_service": row.service, "year": row.year}
