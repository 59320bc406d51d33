"""Hooks of the ``big_customer_service`` plugin: no tiers, one simple standard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from svcq.plugin import Conflict, Deadlines, HookContext, Setting, TicketView, hookimpl
from svcq_big_customer_service.settings import OneStandardSettings, declared

#: The plugin whose customer tiers this practice refuses.
TIERED_PRACTICE = "vip_butler"
#: Work staff open themselves keeps its own due dates; the standard is for requests.
PROACTIVE = "PROACTIVE"


@hookimpl
def svcq_register_settings(register: Callable[[Setting], None]) -> None:
    for setting in declared():
        register(setting)


@hookimpl
def svcq_declare_conflicts(register: Callable[[Conflict], None]) -> None:
    register(Conflict(TIERED_PRACTICE,
                      "VIP tiers versus one standard for everyone (大客服 同一思维)"))


@hookimpl
def svcq_ticket_deadlines(ticket: TicketView, proposed: Deadlines, ctx: HookContext
                          ) -> Deadlines | None:
    """Every request gets the same limits, whoever asks and whatever it is about.

    Emergencies keep the core's (faster) limits: the urgency is the
    situation's, not a tier of the customer. Proactive work is not a request.
    """
    s = OneStandardSettings.of(ctx.settings)
    if not s.single_sla or ticket.emergency or ticket.kind == PROACTIVE:
        return None
    now = ctx.now()
    return Deadlines(respond_by=now + timedelta(minutes=s.respond_minutes),
                     complete_by=now + timedelta(hours=s.complete_hours))
