"""What the ticket service hands out: records built from rows, and rows kept as JSON.

Records carry naive UTC datetimes like every stored time. The outbox keeps
the ticket row as it was after each event (svcq.storage.events.dump_row), so
a watcher sees that version even if the ticket has changed since; the
record builders here read it back the same way they read a stored row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from svcq.domain.calendar import Interval, TimeBasis
from svcq.domain.tickets.deadlines import Limit
from svcq.domain.tickets.escalation import CorrectiveAction, EscalationLevel
from svcq.domain.tickets.kinds import CallbackKind, Channel, Priority, TicketKind
from svcq.domain.tickets.lifecycle import TicketState
from svcq.storage.tickets import Ticket, TicketCallback, TicketHistory


def aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC)


def naive(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


@dataclass
class CallbackRecord:
    id: str
    ticket_id: str
    community_id: str
    kind: CallbackKind
    department: str
    due_time: datetime | None
    done_time: datetime | None
    satisfied: bool | None
    score: int
    comment: str
    actor_staff_id: str
    create_time: datetime
    sample_week: date | None


@dataclass
class HistoryRecord:
    id: str
    ticket_id: str
    action: str
    from_state: str
    to_state: str
    actor_staff_id: str
    reason: str
    note: str
    department: str
    assignee_staff_id: str
    escalation_level: EscalationLevel
    event_time: datetime


@dataclass
class TicketRecord:
    """A ticket as callers and plugins see it (it satisfies ``svcq.plugin.TicketView``)."""

    id: str
    community_id: str
    kind: TicketKind
    channel: Channel
    category: str
    priority: Priority
    emergency: bool
    unit_id: str
    public_area: str
    owner_id: str | None
    description: str
    attachments: list[str]
    state: TicketState
    department: str
    assignee_staff_id: str
    first_receiver_staff_id: str
    reporter_back_staff_id: str
    respond_by: datetime
    resolve_by: datetime
    responded_time: datetime | None
    resolved_time: datetime | None
    close_time: datetime | None
    response_met: bool | None
    resolution_met: bool | None
    paused: timedelta
    hold_reason: str
    reopen_count: int
    escalation_level: EscalationLevel
    compensation_involved: bool
    against_project_head: bool
    major: bool
    corrective_action: CorrectiveAction | None
    special_callback_by: datetime | None
    callback_count: int
    history_count: int
    version: int
    create_time: datetime
    update_time: datetime
    last_callback: CallbackRecord | None = None
    plugin_data: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class EventRecord:
    seq: int
    type: str
    ticket_id: str
    community_id: str
    event_time: datetime
    ticket: TicketRecord
    history: HistoryRecord | None = None
    callback: CallbackRecord | None = None
    deadline: str = ""


# -- row columns kept as JSON -------------------------------------------------


def limits_json(respond: Limit, resolve: Limit) -> str:
    return json.dumps({name: [int(limit.within.total_seconds()), str(limit.basis)]
                       for name, limit in (("respond", respond), ("resolve", resolve))})


def limits_of(row: Ticket) -> tuple[Limit, Limit]:
    data = json.loads(row.limits)
    respond, resolve = (Limit(timedelta(seconds=data[k][0]), TimeBasis(data[k][1]))
                        for k in ("respond", "resolve"))
    return respond, resolve


def pauses_of(row: Ticket) -> list[tuple[datetime, datetime | None]]:
    """Every hold of the ticket as aware UTC instants; the open one ends with None."""
    return [(datetime.fromisoformat(lo), datetime.fromisoformat(hi) if hi else None)
            for lo, hi in json.loads(row.pauses)]


def pauses_json(pauses: list[tuple[datetime, datetime | None]]) -> str:
    return json.dumps([[lo.isoformat(), hi.isoformat() if hi else None] for lo, hi in pauses])


def closed_pauses(pauses: list[tuple[datetime, datetime | None]], now: datetime,
                  since: datetime | None = None) -> list[Interval]:
    """Pauses as intervals, the open one closed at ``now``; only those from ``since`` on."""
    return [(lo, hi or now) for lo, hi in pauses if since is None or lo >= since]


def corrective_of(row: Ticket) -> CorrectiveAction | None:
    return CorrectiveAction(**json.loads(row.corrective_action)) if row.corrective_action else None


def corrective_json(report: CorrectiveAction | None) -> str:
    if report is None:
        return ""
    return json.dumps({"cause": report.cause, "action_taken": report.action_taken,
                       "prevention": report.prevention}, ensure_ascii=False)


# -- rows <-> records -----------------------------------------------------------


def callback_record(row: TicketCallback) -> CallbackRecord:
    return CallbackRecord(
        id=row.id, ticket_id=row.ticket_id, community_id=row.community_id,
        kind=CallbackKind(row.kind), department=row.department, due_time=row.due_time,
        done_time=row.done_time, satisfied=row.satisfied, score=row.score, comment=row.comment,
        actor_staff_id=row.actor_id, create_time=row.create_time, sample_week=row.sample_week)


def history_record(row: TicketHistory) -> HistoryRecord:
    return HistoryRecord(
        id=row.id, ticket_id=row.ticket_id, action=row.action, from_state=row.from_state,
        to_state=row.to_state, actor_staff_id=row.actor_id, reason=row.reason, note=row.note,
        department=row.department, assignee_staff_id=row.assignee_id,
        escalation_level=EscalationLevel(row.escalation_level), event_time=row.event_time)
