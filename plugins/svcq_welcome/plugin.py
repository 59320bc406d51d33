"""Hooks of ``welcome``: start programmes on move-in, follow their tickets, flag lateness."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from svcq.plugin import (
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
from svcq_welcome.models import WelcomeStep
from svcq_welcome.programme import (
    DEFAULT_STEP_DEPARTMENTS,
    DEFAULT_STEPS,
    StepState,
    state_of,
    steps_of,
)

#: A ticket in this state finishes its step.
DONE_TICKET_STATE = "CLOSED"


def utc_now(ctx: HookContext) -> datetime:
    """Naive UTC, as the core stores times."""
    return ctx.now().astimezone(UTC).replace(tzinfo=None)


def new_step_id() -> str:
    return f"ws_{secrets.token_hex(10)}"


@hookimpl
def svcq_register_settings(register: Callable[[Setting], None]) -> None:
    register(Setting("steps", dict, DEFAULT_STEPS,
                     "Checklist: step key -> days after move-in it is due by."))
    register(Setting("department", str, "FRONT_DESK",
                     "Department that does a step unless step_departments names another."))
    register(Setting("step_departments", dict, DEFAULT_STEP_DEPARTMENTS,
                     "Step key -> department, for steps another department does."))


@hookimpl
def svcq_register_migrations(register: Callable[[Migration], None]) -> None:
    register(Migration(Path(__file__).parent / "migrations", "welcome_schema_migration"))


@hookimpl
def svcq_register_jobs(register: Callable[[PeriodicJob], None]) -> None:
    register(PeriodicJob("overdue_steps", Period.DAILY, raise_overdue))


@hookimpl
def svcq_register_services(register: Callable[[GrpcService], None]) -> None:
    from svcq_welcome.service import WelcomeServicer
    from svcq_welcome.v1 import welcome_pb2_grpc

    register(GrpcService(WelcomeServicer, welcome_pb2_grpc.add_WelcomeServiceServicer_to_server,
                         ("svcq.welcome.v1.WelcomeService",)))


def receiver_in(ctx: HookContext, department: str) -> str:
    """Who answers for a step's ticket: the department's first active member, or nobody."""
    assert ctx.core is not None
    for staff in ctx.core.staff(f"department = {department} AND active = true"):
        return str(staff.id)
    return ""


@hookimpl
def svcq_owner_moved_in(owner: OwnerView, unit_id: str, moved_in_on: date,
                        ctx: HookContext) -> None:
    """One row and one proactive ticket per step; a retry adds only what is missing."""
    assert ctx.core is not None
    steps = steps_of(ctx.settings)
    with ctx.core.transaction():
        existing = {s.step for s in WelcomeStep.select(WelcomeStep.step).where(
            (WelcomeStep.owner_id == owner.id) & (WelcomeStep.unit_id == unit_id)
            & (WelcomeStep.moved_in_on == moved_in_on))}
        for position, step in enumerate(steps):
            if step.key in existing:
                continue
            due_on = step.due_on(moved_in_on)
            receiver = receiver_in(ctx, step.department)
            ticket_id = ""
            if receiver:
                ticket = ctx.core.create_proactive_ticket(
                    staff_id=receiver, owner_id=owner.id, unit_id=unit_id,
                    department=step.department,
                    description=f"Welcome programme: {step.key}, due by {due_on.isoformat()}")
                ticket_id = ticket.id
            else:
                ctx.log.warning("welcome_step_without_ticket", step=step.key,
                                department=step.department)
            WelcomeStep.create(id=new_step_id(), community_id=ctx.community_id,
                               owner_id=owner.id, unit_id=unit_id, step=step.key,
                               position=position, moved_in_on=moved_in_on, due_on=due_on,
                               ticket_id=ticket_id, create_time=utc_now(ctx))


@hookimpl
def svcq_ticket_transitioned(ticket: TicketView, from_state: str, action: str,
                             ctx: HookContext) -> None:
    if ticket.state != DONE_TICKET_STATE:
        return
    assert ctx.core is not None
    with ctx.core.transaction():
        (WelcomeStep.update(complete_time=utc_now(ctx))
         .where((WelcomeStep.ticket_id == ticket.id) & WelcomeStep.complete_time.is_null())
         .execute())


def raise_overdue(ctx: HookContext) -> None:
    """Record and log the overdue event of each newly late step, once per step."""
    assert ctx.core is not None
    today = ctx.core.today()
    with ctx.core.transaction():
        late = list(WelcomeStep.select().where(
            (WelcomeStep.community_id == ctx.community_id) & (WelcomeStep.due_on < today)
            & WelcomeStep.complete_time.is_null() & WelcomeStep.overdue_time.is_null()))
        now = utc_now(ctx)
        for step in late:
            step.overdue_time = now
            step.save()
            ctx.log.warning("welcome_step_overdue", step_id=step.id, step=step.step,
                            owner_id=step.owner_id, due_on=step.due_on.isoformat())


def steps_of_owner(community_id: str, owner_id: str) -> list[WelcomeStep]:
    return list(WelcomeStep.select().where(
        (WelcomeStep.community_id == community_id) & (WelcomeStep.owner_id == owner_id))
        .order_by(WelcomeStep.moved_in_on, WelcomeStep.position))


@hookimpl
def svcq_owner_plugin_data(owner: OwnerView, ctx: HookContext) -> dict[str, Any] | None:
    """Progress at a glance on the owner; the RPC has the details."""
    assert ctx.core is not None
    steps = steps_of_owner(ctx.community_id, owner.id)
    if not steps:
        return None
    today = ctx.core.today()
    states = [(s, state_of(s.due_on, s.complete_time is not None, today)) for s in steps]
    pending = [s for s, st in states if st is not StepState.DONE]
    return {
        "done": len(steps) - len(pending),
        "total": len(steps),
        "overdue": [s.step for s, st in states if st is StepState.OVERDUE],
        "next_step": pending[0].step if pending else "",
        "next_due": pending[0].due_on.isoformat() if pending else "",
    }
