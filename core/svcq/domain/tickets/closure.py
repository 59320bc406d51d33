"""The daily closure (信息一日清) of one community, rebuilt from ticket history.

DOMAIN.md §2: every day the service centre reviews the day's customer
information; what cannot close that day gets a reason and a reply to the
owner, stays with a named person, becomes input of the next day, and major or
unfinished items go to the project head before the day ends.

The report is computed from the history entries up to ``as_of`` (the
configured closure time, or now for today before it), never from the
tickets' current state, so taking it twice for one day gives the same report
even after the next day's work. The service stores the first report taken
after the closure time and serves that copy from then on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from svcq.domain.tickets.lifecycle import Action, TicketState, is_open

#: What an open ticket waits for, by state, when nobody gave a reason.
WAITING_FOR: dict[TicketState, str] = {
    TicketState.NEW: "not yet dispatched",
    TicketState.DISPATCHED: "dispatched, work not started",
    TicketState.IN_PROGRESS: "work in progress",
    TicketState.ON_HOLD: "on hold",
    TicketState.RESOLVED: "waiting for the customer's confirmation",
    TicketState.CALLBACK_DONE: "confirmed, waiting to close",
}


@dataclass(frozen=True)
class HistoryFact:
    action: str
    to_state: TicketState
    actor_staff_id: str
    event_time: datetime
    reason: str = ""
    assignee_staff_id: str = ""


@dataclass(frozen=True)
class ClosureTicket:
    id: str
    create_time: datetime
    first_receiver_staff_id: str
    reporter_back_staff_id: str
    major: bool
    emergency: bool
    resolve_by: datetime
    #: Oldest first; the CREATE entry included.
    history: Sequence[HistoryFact]


@dataclass(frozen=True)
class ClosureItem:
    ticket_id: str
    state: TicketState
    reason: str
    responsible_staff_id: str
    owner_replied: bool
    report_to_project_head: bool


@dataclass(frozen=True)
class DailyClosureReport:
    community_id: str
    day: date
    as_of: datetime
    received: tuple[str, ...] = ()
    closed: tuple[str, ...] = ()
    carried_over: tuple[ClosureItem, ...] = field(default_factory=tuple)

    @property
    def closed_same_day(self) -> tuple[str, ...]:
        received = set(self.received)
        return tuple(t for t in self.closed if t in received)

    @property
    def for_project_head(self) -> tuple[ClosureItem, ...]:
        return tuple(item for item in self.carried_over if item.report_to_project_head)


def _carried(ticket: ClosureTicket, seen: list[HistoryFact], start: datetime,
             as_of: datetime) -> ClosureItem:
    state = seen[-1].to_state
    reason = WAITING_FOR[state]
    if state is TicketState.ON_HOLD:
        reason = next((h.reason for h in reversed(seen) if h.reason), reason)
    assignee = next((h.assignee_staff_id for h in reversed(seen)
                     if h.action == Action.DISPATCH and h.assignee_staff_id), "")
    repliers = {ticket.first_receiver_staff_id, ticket.reporter_back_staff_id}
    replied = start <= ticket.create_time or any(
        h.event_time >= start and h.actor_staff_id in repliers for h in seen)
    return ClosureItem(
        ticket_id=ticket.id,
        state=state,
        reason=reason,
        responsible_staff_id=assignee or ticket.first_receiver_staff_id,
        owner_replied=replied,
        report_to_project_head=ticket.major or ticket.emergency or ticket.resolve_by <= as_of,
    )


def daily_closure(community_id: str, day: date, start: datetime, as_of: datetime,
                  tickets: Iterable[ClosureTicket]) -> DailyClosureReport:
    """The report of ``day`` (local) whose span starts at ``start``, as it stood at ``as_of``.

    ``tickets`` may hold more than the day's (anything touched since
    ``start``); those finished before the day began are left out here.
    """
    received: list[str] = []
    closed: list[str] = []
    carried: list[ClosureItem] = []
    for ticket in sorted(tickets, key=lambda t: (t.create_time, t.id)):
        seen = [h for h in ticket.history if h.event_time <= as_of]
        if ticket.create_time > as_of or not seen:
            continue
        if ticket.create_time >= start:
            received.append(ticket.id)
        state = seen[-1].to_state
        if is_open(state):
            carried.append(_carried(ticket, seen, start, as_of))
        elif state is TicketState.CLOSED and any(
                h.action == Action.CLOSE and h.event_time >= start for h in seen):
            closed.append(ticket.id)
    return DailyClosureReport(community_id, day, as_of, tuple(received), tuple(closed),
                              tuple(carried))
