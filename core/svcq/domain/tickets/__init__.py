"""The pure rules of tickets (DOMAIN.md §2): states, limits, escalation, settings.

Nothing here touches storage or the network; the ticket service composes
these with a clock, a community's :class:`~svcq.domain.calendar.WorkingCalendar`
and the ``[tickets]`` settings.
"""

from __future__ import annotations

from svcq.domain.tickets.deadlines import (
    Deadlines,
    Limit,
    SlaPolicy,
    SlaRule,
    SlaSubject,
    deadline_met,
    overdue_by,
)
from svcq.domain.tickets.escalation import (
    CorrectiveAction,
    EscalationLevel,
    EscalationPolicy,
    require_corrective_action,
)
from svcq.domain.tickets.kinds import Priority, TicketKind
from svcq.domain.tickets.lifecycle import Action, ActionRule, TicketState, next_state
from svcq.domain.tickets.settings import TicketSettings, parse_duration, parse_ticket_settings

__all__ = [
    "Action",
    "ActionRule",
    "CorrectiveAction",
    "Deadlines",
    "EscalationLevel",
    "EscalationPolicy",
    "Limit",
    "Priority",
    "SlaPolicy",
    "SlaRule",
    "SlaSubject",
    "TicketKind",
    "TicketSettings",
    "TicketState",
    "deadline_met",
    "next_state",
    "overdue_by",
    "parse_duration",
    "parse_ticket_settings",
    "require_corrective_action",
]
