"""TicketService: the one-stop service (一站式服务) of DOMAIN.md §2 on storage.

Every change follows one path (:meth:`TicketService._change`): lock the row,
check the etag before anything else (so a lost race answers ABORTED, not
"illegal transition" from the winner's new state), apply the state machine
of :mod:`.lifecycle`, let plugins veto, write the row, one history entry and
one outbox event in the same transaction, and queue the reaction hooks for
after the commit.

Deadlines: a ticket keeps the limits it was given (from ``[tickets.sla]``
or a plugin) and the start of its SLA cycle; respond_by and resolve_by are
that start plus the limits on the community's working calendar or the plain
clock, with every hold of the cycle cut out. They move only when a hold
ends, when the ticket reopens (a new cycle from the reopen), or when an
update changes the kind of promise (category, priority, emergency).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from peewee import IntegrityError, ModelSelect

from svcq.budget import check_budget
from svcq.config import ConfigError
from svcq.domain.calendar import TimeBasis, WorkingCalendar
from svcq.domain.common import ServiceContext, etag_of, keyset_page, version_from_etag
from svcq.domain.directory import Department, DirectoryService
from svcq.domain.events import EventFeed, StoredEvent
from svcq.domain.filtering import (
    EQ,
    ORDERED,
    Term,
    bool_value,
    compare,
    enum_value,
    parse_filter,
)
from svcq.domain.ids import new_id
from svcq.domain.tickets import categories as category_tree
from svcq.domain.tickets import closure as closure_rules
from svcq.domain.tickets import figures as figure_rules
from svcq.domain.tickets.deadlines import Deadlines, Limit, SlaSubject, deadline_met, overdue_by
from svcq.domain.tickets.escalation import (
    CorrectiveAction,
    EscalationLevel,
    require_corrective_action,
)
from svcq.domain.tickets.kinds import CallbackKind, Channel, Priority, TicketKind
from svcq.domain.tickets.lifecycle import (
    OPEN_STATES,
    Action,
    TicketState,
    next_state,
    require_reason,
    rule,
)
from svcq.domain.tickets.records import (
    CallbackRecord,
    EventRecord,
    HistoryRecord,
    TicketRecord,
    aware,
    callback_record,
    closed_pauses,
    corrective_json,
    corrective_of,
    history_record,
    limits_json,
    limits_of,
    naive,
    pauses_json,
    pauses_of,
)
from svcq.domain.tickets.sampling import quality_sample
from svcq.domain.tickets.settings import (
    CalendarDays,
    TicketSettings,
    parse_categories,
    parse_ticket_settings,
)
from svcq.domain.validation import (
    MAX_LIST,
    MAX_TEXT,
    check_enum,
    check_id,
    check_text,
    check_update_mask,
)
from svcq.errors import Aborted, FailedPrecondition, InvalidArgument, NotFound, Violations
from svcq.plugin import Deadlines as PluginDeadlines
from svcq.plugins.errors import PluginFailed
from svcq.security.audit import snapshot
from svcq.storage.db import is_sqlite, write_transaction
from svcq.storage.directory import Community, Unit
from svcq.storage.events import NewEvent, dump_row, load_row, write_events
from svcq.storage.owners import Owner
from svcq.storage.prepared import Prepared
from svcq.storage.system import Meta
from svcq.storage.tickets import (
    CALLBACK_FIELDS,
    HISTORY_FIELDS,
    TICKET_FIELDS,
    TICKET_RESOURCE,
    DailyClosure,
    Ticket,
    TicketCallback,
    TicketCategoryTree,
    TicketHistory,
    category_tree_of,
    column_values,
    insert_callback,
    insert_history,
    insert_ticket,
    ticket_by_id,
    ticket_by_id_locked,
    update_ticket,
)

_owner_community = Prepared(lambda ident: Owner.select(Owner.id, Owner.community)
                            .where(Owner.id == ident).limit(1))
_last_customer_callback = Prepared(lambda ticket: TicketCallback.select().where(
    (TicketCallback.ticket == ticket) & (TicketCallback.kind == CallbackKind.CUSTOMER))
    .order_by(TicketCallback.done_time.desc(), TicketCallback.id.desc()).limit(1))
_unit_community = Prepared(lambda ident: Unit.select(Unit.id, Unit.community)
                           .where(Unit.id == ident).limit(1))

#: Kinds whose work can leave a defect that comes back (维修后仍有缺陷).
DEFECT_KINDS = frozenset({TicketKind.REPAIR, TicketKind.PAID_SERVICE})

UPDATABLE = frozenset({
    "channel", "category", "priority", "emergency", "unit_id", "public_area", "description",
    "attachments", "reporter_back_staff_id", "compensation_involved", "against_project_head",
    "major", "corrective_action",
})
#: What UpdateTicket may still change once a ticket is finished.
UPDATABLE_WHEN_FINISHED = frozenset({"corrective_action"})
#: Changing these changes the promise, so the deadlines are recomputed.
_SUBJECT_FIELDS = frozenset({"category", "priority", "emergency"})

TICKET_FILTERS = {
    "community_id": EQ, "kind": EQ, "state": EQ, "department": EQ, "assignee_staff_id": EQ,
    "first_receiver_staff_id": EQ, "owner_id": EQ, "unit_id": EQ, "category": EQ,
    "priority": EQ, "emergency": EQ, "escalation_level": EQ, "overdue": EQ,
    "create_time": ORDERED,
}
MY_TICKET_FILTERS = {k: TICKET_FILTERS[k] for k in ("state", "kind", "overdue")}
HISTORY_FILTERS = {"action": EQ, "actor_staff_id": EQ}
CALLBACK_FILTERS = {"community_id": EQ, "ticket_id": EQ, "kind": EQ, "department": EQ,
                    "pending": EQ}
#: What WatchEvents streams: every event type TicketService writes (:meth:`TicketService._event`).
TICKET_EVENT_TYPES = frozenset({
    "ticket.created", "ticket.transitioned", "ticket.updated", "ticket.overdue",
    "ticket.escalated", "ticket.callback_recorded",
})


@dataclass(frozen=True)
class TicketInput:
    """What a caller may set on a ticket; enums arrive as bare names and are checked here."""

    community_id: str = ""
    kind: str = ""
    channel: str = ""
    category: str = ""
    priority: str = ""
    emergency: bool = False
    unit_id: str = ""
    public_area: str = ""
    owner_id: str = ""
    description: str = ""
    attachments: tuple[str, ...] = ()
    first_receiver_staff_id: str = ""
    reporter_back_staff_id: str = ""
    compensation_involved: bool = False
    against_project_head: bool = False
    major: bool = False
    corrective_action: CorrectiveAction | None = None


@dataclass(frozen=True)
class CallbackOutcome:
    satisfied: bool
    score: int
    comment: str = ""


@dataclass(frozen=True)
class SweepResult:
    """What one overdue sweep did: (ticket id, deadline) reported, (ticket id, level) reached."""

    overdue: tuple[tuple[str, str], ...] = ()
    escalated: tuple[tuple[str, EscalationLevel], ...] = ()


def calendar_of(community: Community, days: CalendarDays | None = None) -> WorkingCalendar:
    """The community's working calendar, with the days declared in ``[tickets.calendar]``;
    a working day ending at 24:00 ends at 23:59:59.999999."""
    def clock(minutes: int) -> time:
        return time.max if minutes >= 24 * 60 else time(minutes // 60, minutes % 60)

    days = days or CalendarDays()
    return WorkingCalendar(time_zone=community.time_zone,
                           day_start=clock(community.work_start_minute),
                           day_end=clock(community.work_end_minute),
                           extra_holidays=days.holidays, extra_workdays=days.workdays,
                           declared_years=days.years)


class TicketService:
    def __init__(self, ctx: ServiceContext, directory: DirectoryService,
                 settings: TicketSettings | None = None) -> None:
        self.ctx = ctx
        self.directory = directory
        self.settings = settings or TicketSettings()
        self._calendars: dict[tuple[str, int], WorkingCalendar] = {}
        #: (community id, tree version), or ("", 0) for the configured default -> nodes
        self._trees: dict[tuple[str, int], frozenset[str]] = {}
        self.events = EventFeed(ctx, TICKET_EVENT_TYPES, self.settings.events)

    # -- helpers -------------------------------------------------------------
    def calendar(self, community_id: str) -> WorkingCalendar:
        community = self.directory.find_community(community_id)
        if community is None:
            raise NotFound("community", community_id)
        return self._calendar_of(community)

    def _calendar_of(self, community: Community) -> WorkingCalendar:
        """Built once per community version: the row read is the freshness check, so
        a change of working hours on any replica is seen by the next request."""
        key = (community.id, community.version)
        calendar = self._calendars.get(key)
        if calendar is None:
            calendar = self._calendars[key] = calendar_of(community, self.settings.calendar)
        return calendar

    def _now(self) -> datetime:
        return self.ctx.clock.now().astimezone(UTC)

    def _row(self, ticket_id: str, *, lock: bool = False) -> Ticket:
        query = ticket_by_id_locked if lock and not is_sqlite() else ticket_by_id
        row = self.ctx.visible(query.first(ticket_id), "ticket", ticket_id)
        row.audited = snapshot(row)  # what the audit record of the next _save compares with
        return row

    def _deadlines(self, row: Ticket, now: datetime) -> Deadlines:
        """Deadlines of the current cycle, with the open hold (if any) counted up to ``now``."""
        respond, resolve = limits_of(row)
        if row.state != TicketState.ON_HOLD:
            return Deadlines(aware(row.respond_by), aware(row.resolve_by), respond, resolve)
        return self._compute(row, respond, resolve, now)

    def _compute(self, row: Ticket, respond: Limit, resolve: Limit, now: datetime,
                 calendar: WorkingCalendar | None = None) -> Deadlines:
        calendar = calendar or self.calendar(row.community_id)
        start = aware(row.sla_start)
        pauses = closed_pauses(pauses_of(row), now, since=start)
        return Deadlines(
            respond_by=calendar.timeline(respond.basis).add(start, respond.within, pauses),
            resolve_by=calendar.timeline(resolve.basis).add(start, resolve.within, pauses),
            respond=respond, resolve=resolve)

    def record(self, row: Ticket, now: datetime | None = None, *,
               last_callback: CallbackRecord | None = None) -> TicketRecord:
        """The record of ``row`` as seen at ``now`` (met flags and an ongoing hold depend on it).

        One write hands the ticket to several hooks; while the row and ``now``
        stay the same, they get the same record rather than one built (and its
        deadlines computed) again per hook.
        """
        now = now or self._now()
        state = (tuple(row.__data__.values()), now)
        memo = getattr(row, "_record_memo", None)
        if last_callback is None and memo is not None and memo[0] == state:
            return memo[1]
        record = self._build_record(row, now, last_callback)
        if last_callback is None:
            row._record_memo = (state, record)
        return record

    def _build_record(self, row: Ticket, now: datetime,
                      last_callback: CallbackRecord | None) -> TicketRecord:
        deadlines = self._deadlines(row, now)
        finished = row.state == TicketState.CANCELLED
        responded = row.responded_time or row.resolved_time
        paused = sum(((hi or now) - lo for lo, hi in pauses_of(row)), timedelta(0))
        return TicketRecord(
            id=row.id, community_id=row.community_id, kind=TicketKind(row.kind),
            channel=Channel(row.channel), category=row.category, priority=Priority(row.priority),
            emergency=bool(row.emergency), unit_id=row.unit_id or "",
            public_area=row.public_area, owner_id=row.owner_id or None,
            description=row.description, attachments=json.loads(row.attachments),
            state=TicketState(row.state), department=row.department,
            assignee_staff_id=row.assignee_id, first_receiver_staff_id=row.first_receiver_id,
            reporter_back_staff_id=row.reporter_back_id,
            respond_by=naive(deadlines.respond_by), resolve_by=naive(deadlines.resolve_by),
            responded_time=row.responded_time, resolved_time=row.resolved_time,
            close_time=row.close_time,
            response_met=None if finished and not responded else deadline_met(
                deadlines.respond_by, aware(responded) if responded else None, now),
            resolution_met=None if finished and not row.resolved_time else deadline_met(
                deadlines.resolve_by, aware(row.resolved_time) if row.resolved_time else None,
                now),
            paused=paused, hold_reason=row.hold_reason, reopen_count=row.reopen_count,
            escalation_level=EscalationLevel(row.escalation_level),
            compensation_involved=bool(row.compensation_involved),
            against_project_head=bool(row.against_project_head), major=bool(row.major),
            corrective_action=corrective_of(row), special_callback_by=row.special_callback_by,
            callback_count=row.callback_count, history_count=row.history_count,
            version=row.version, create_time=row.create_time, update_time=row.update_time,
            last_callback=last_callback,
        )

    def _publish(self, rows: Iterable[Ticket]) -> list[TicketRecord]:
        """Records for callers: with the last customer callback and plugin data."""
        rows = list(rows)
        with_callbacks = [r.id for r in rows if r.callback_count]
        last: dict[str, CallbackRecord] = {}
        if len(with_callbacks) == 1:  # a Get or a change: the hot path
            found = _last_customer_callback.first(with_callbacks[0])
            if found is not None:
                last[found.ticket_id] = callback_record(found)
        elif with_callbacks:
            for cb in (TicketCallback.select()
                       .where(TicketCallback.ticket.in_(with_callbacks)
                              & (TicketCallback.kind == CallbackKind.CUSTOMER))
                       .order_by(TicketCallback.done_time, TicketCallback.id)):
                last[cb.ticket_id] = callback_record(cb)
        now = self._now()
        records = [self.record(r, now, last_callback=last.get(r.id)) for r in rows]
        for record in records:
            record.plugin_data = self._plugin_data(record)
        return records

    def _plugin_data(self, record: TicketRecord) -> dict[str, dict[str, Any]]:
        hooks = self.ctx.hooks
        if hooks is None or not self.ctx.wants("svcq_ticket_plugin_data", record.community_id):
            return {}
        scope = self.ctx.scope(record.community_id)
        data, failures = hooks.collect("svcq_ticket_plugin_data", scope, ticket=record)
        for failure in failures:
            self.ctx.reaction_failed(failure, scope)
        return {plugin: value for plugin, value in data.items() if value is not None}

    def _decide(self, hook: str, row: Ticket, now: datetime, **kwargs: Any
                ) -> tuple[str, Any] | None:
        """Ask the plugins (first answer wins); the ticket record is built only if one listens."""
        if self.ctx.hooks is None or not self.ctx.wants(hook, row.community_id):
            return None
        decision = self.ctx.hooks.decide(hook, self.ctx.scope(row.community_id),
                                         ticket=self.record(row, now), **kwargs)
        return None if decision is None else (decision.plugin, decision.value)

    def _validate_hook(self, row: Ticket, action: str, now: datetime) -> None:
        if self.ctx.hooks is not None and self.ctx.wants("svcq_ticket_validate", row.community_id):
            self.ctx.hooks.check("svcq_ticket_validate", self.ctx.scope(row.community_id),
                                 ticket=self.record(row, now), action=action)

    def _cycle_deadlines(self, row: Ticket, subject: SlaSubject, start: datetime,
                         calendar: WorkingCalendar) -> Deadlines:
        """Deadlines of a new SLA cycle: the configured limits, unless a plugin decides them."""
        respond, resolve = self.settings.sla.limits_for(subject)
        row.limits = limits_json(respond, resolve)
        row.sla_start = naive(start)
        proposed = self._compute(row, respond, resolve, start, calendar)
        row.respond_by = naive(proposed.respond_by)
        row.resolve_by = naive(proposed.resolve_by)
        decided = self._decide(
            "svcq_ticket_deadlines", row, start,
            proposed=PluginDeadlines(proposed.respond_by, proposed.resolve_by))
        if decided is None:
            return proposed
        plugin, answer = decided
        if (not isinstance(answer, PluginDeadlines) or answer.respond_by.tzinfo is None
                or answer.complete_by.tzinfo is None or answer.respond_by < start
                or answer.complete_by < start):
            raise PluginFailed(plugin, "svcq_ticket_deadlines",
                               ValueError("expected aware Deadlines not before the start"))
        # A plugin's instants become plain-clock limits, so holds still push them out.
        respond = Limit(answer.respond_by - start, TimeBasis.CLOCK)
        resolve = Limit(answer.complete_by - start, TimeBasis.CLOCK)
        row.limits = limits_json(respond, resolve)
        return self._compute(row, respond, resolve, start, calendar)

    def _start_cycle(self, row: Ticket, start: datetime,
                     calendar: WorkingCalendar | None = None) -> None:
        subject = SlaSubject(TicketKind(row.kind), row.category, Priority(row.priority),
                             bool(row.emergency))
        deadlines = self._cycle_deadlines(row, subject, start,
                                          calendar or self.calendar(row.community_id))
        row.respond_by, row.resolve_by = naive(deadlines.respond_by), naive(deadlines.resolve_by)
        row.respond_overdue = row.resolve_overdue = False

    def _history(self, row: Ticket, action: str, from_state: str, actor: str, now: datetime,
                 *, reason: str = "", note: str = "", write: bool = True) -> TicketHistory:
        """The next history entry of ``row``; ``write=False`` leaves inserting it to the caller."""
        row.history_count += 1
        entry = TicketHistory(
            id=f"{row.id}.h{row.history_count:06d}", ticket=row.id, action=action,
            from_state=from_state, to_state=row.state, actor_id=actor, reason=reason, note=note,
            department=row.department if action in {Action.DISPATCH, Action.CALLBACK_UNSATISFIED,
                                                     Action.REOPEN_DEFECT} else "",
            assignee_id=row.assignee_id if action in {Action.DISPATCH,
                                                      Action.CALLBACK_UNSATISFIED,
                                                      Action.REOPEN_DEFECT} else "",
            escalation_level=row.escalation_level if action == "ESCALATE" else 0,
            event_time=naive(now))
        if write:
            insert_history.execute(*column_values(entry, HISTORY_FIELDS))
        return entry

    def _event(self, row: Ticket, kind: str, now: datetime, *, history: TicketHistory | None = None,
               callback: TicketCallback | None = None, deadline: str = "",
               write: bool = True) -> NewEvent:
        """An outbox event showing ``row`` as it is now; ``write=False`` returns it unwritten
        (for :func:`~svcq.storage.events.write_events`)."""
        payload = {"ticket": dump_row(row), "history": dump_row(history) if history else None,
                   "callback": dump_row(callback) if callback else None, "deadline": deadline}
        event = NewEvent(kind, TICKET_RESOURCE, row.id, row.community_id, naive(now),
                         json.dumps(payload, ensure_ascii=False))
        if write:
            write_events([event])
        return event

    def _save(self, row: Ticket, expected_version: int, now: datetime, *,
              bump: bool = True) -> None:
        """Write every column of ``row`` if nobody changed it since ``expected_version``.

        System-made changes (sweep, callbacks made on the side) do not bump
        the version: a caller's etag stays good for what the caller can change.
        """
        if bump:
            row.version = expected_version + 1
            row.update_time = naive(now)
        updated = update_ticket.execute(*column_values(row, TICKET_FIELDS), expected_version)
        if updated == 0:
            raise Aborted(f"ticket {row.id!r} changed since it was read (etag mismatch); "
                          "read it again", metadata={"resource_id": row.id})
        self._audit(row)

    def _audit(self, row: Ticket) -> None:
        """Audit the row's change since it was read; a row made here shows every field as new."""
        after = snapshot(row)
        self.ctx.audit("ticket", row.id, row.community_id, getattr(row, "audited", {}), after)
        row.audited = after

    def _react(self, hook: str, row: Ticket, now: datetime, **kwargs: Any) -> None:
        if self.ctx.wants(hook, row.community_id):
            self.ctx.react(hook, row.community_id, ticket=self.record(row, now), **kwargs)

    def _escalate_to(self, row: Ticket, level: EscalationLevel, now: datetime, *,
                     write: bool = True) -> tuple[TicketHistory, NewEvent] | None:
        """Raise the ticket's level (never lower it); when it rises, the history entry and
        event (written unless ``write=False``)."""
        if level <= row.escalation_level:
            return None
        row.escalation_level = int(level)
        entry = self._history(row, "ESCALATE", row.state, "", now,
                              note=f"escalated to {level.name}", write=write)
        return entry, self._event(row, "ticket.escalated", now, history=entry, write=write)

    def _flag_level(self, row: Ticket) -> EscalationLevel:
        return self.settings.escalation.level(
            kind=TicketKind(row.kind), overdue=None,
            compensation_involved=bool(row.compensation_involved),
            against_project_head=bool(row.against_project_head))

    # -- validation ----------------------------------------------------------
    def _check_fields(self, v: Violations, data: TicketInput, community_id: str,
                      fields: frozenset[str] | None = None) -> dict[str, Any]:
        """Check the settable fields (all, or those in ``fields``); the column values."""
        p = "ticket"

        def wanted(name: str) -> bool:
            return fields is None or name in fields

        values: dict[str, Any] = {}
        if wanted("channel"):
            values["channel"] = check_enum(v, f"{p}.channel", Channel, data.channel)
        if wanted("priority"):
            values["priority"] = (check_enum(v, f"{p}.priority", Priority, data.priority,
                                             required=False) or Priority.NORMAL)
        if wanted("category"):
            category = category_tree.normalize(data.category)
            # uncategorised is always allowed: no need to read the tree
            if category and category not in self._category_nodes(community_id):
                v.add(f"{p}.category", f"{category!r} is not in the community's category tree")
            values["category"] = category
        if wanted("emergency"):
            values["emergency"] = data.emergency
        if wanted("unit_id") or wanted("public_area"):
            if data.unit_id and data.public_area.strip():
                v.add(f"{p}.public_area", "give a unit or a public area, not both")
            if data.unit_id:
                unit = _unit_community.first(data.unit_id)
                if unit is None or unit.community_id != community_id:
                    v.add(f"{p}.unit_id", f"unknown unit {data.unit_id!r} in this community")
            values["unit_id"] = data.unit_id or None
            values["public_area"] = check_text(v, f"{p}.public_area", data.public_area.strip(),
                                               limit=200)
        if wanted("description"):
            description = data.description.strip()
            if not description:
                v.add(f"{p}.description", "required")
            values["description"] = check_text(v, f"{p}.description", description)
        if wanted("attachments"):
            if len(data.attachments) > MAX_LIST:
                v.add(f"{p}.attachments", f"at most {MAX_LIST} entries")
            for i, ref in enumerate(data.attachments):
                if not ref.strip() or len(ref) > 1000:
                    v.add(f"{p}.attachments[{i}]", "a reference of 1 to 1000 characters")
            values["attachments"] = json.dumps(list(data.attachments), ensure_ascii=False)
        if wanted("reporter_back_staff_id") and data.reporter_back_staff_id:
            self._staff(v, data.reporter_back_staff_id, community_id,
                        f"{p}.reporter_back_staff_id")
            values["reporter_back_id"] = data.reporter_back_staff_id
        for flag in ("compensation_involved", "against_project_head", "major"):
            if wanted(flag):
                values[flag] = getattr(data, flag)
        if wanted("corrective_action"):
            report = data.corrective_action
            if report is not None:
                for name in ("cause", "action_taken", "prevention"):
                    check_text(v, f"{p}.corrective_action.{name}", getattr(report, name))
            values["corrective_action"] = corrective_json(report)
        return values

    def _staff(self, v: Violations, staff_id: str, community_id: str, path: str) -> None:
        try:
            self.directory.staff_in_community(staff_id, community_id, path)
        except InvalidArgument as exc:
            v.items.extend(exc.violations)

    # -- create --------------------------------------------------------------
    def create(self, data: TicketInput) -> TicketRecord:
        """Receive a request (state NEW); a routing plugin may dispatch it at once."""
        v = Violations()
        kind = check_enum(v, "ticket.kind", TicketKind, data.kind)
        if check_id(v, "ticket.community_id", data.community_id):
            community = self.directory.community(data.community_id, "ticket.community_id")
        else:
            v.raise_if_any()
        community_id = data.community_id
        values = self._check_fields(v, data, community_id)
        if check_id(v, "ticket.first_receiver_staff_id", data.first_receiver_staff_id):
            self._staff(v, data.first_receiver_staff_id, community_id,
                        "ticket.first_receiver_staff_id")
        if data.owner_id:
            owner = _owner_community.first(data.owner_id)
            if owner is None or owner.community_id != community_id:
                v.add("ticket.owner_id", f"unknown owner {data.owner_id!r} in this community")
        v.raise_if_any()
        now = self._now()
        receiver = data.first_receiver_staff_id
        row = Ticket(id=new_id("tk"), community=community_id, kind=kind, owner_id=data.owner_id
                     or None, state=TicketState.NEW, first_receiver_id=receiver,
                     reporter_back_id=receiver, create_time=naive(now), update_time=naive(now),
                     version=1, history_count=0, pauses="[]", reopen_count=0,
                     escalation_level=0, callback_count=0, department="", assignee_id="",
                     hold_reason="", responded_time=None, resolved_time=None, close_time=None,
                     special_callback_by=None)
        for name, value in values.items():
            setattr(row, name, value)
        with write_transaction():
            self._start_cycle(row, now, self._calendar_of(community))
            self._validate_hook(row, "create", now)
            # History and events are built first, each event showing the ticket as it was
            # then, so that the ticket row is inserted once, already final.
            entries = [self._history(row, "CREATE", "", receiver, now, write=False)]
            events = [self._event(row, "ticket.created", now, history=entries[0], write=False)]
            escalated = self._escalate_to(row, self._flag_level(row), now, write=False)
            if escalated is not None:
                entries.append(escalated[0])
                events.append(escalated[1])
            insert_ticket.execute(*column_values(row, TICKET_FIELDS))
            self._audit(row)
            for entry in entries:
                insert_history.execute(*column_values(entry, HISTORY_FIELDS))
            write_events(events)
            self._react("svcq_ticket_created", row, now)
            routed = self._decide("svcq_ticket_route", row, now)
            if routed is not None:
                plugin, routing = routed
                department = check_enum(Violations(), "", Department,
                                        str(getattr(routing, "department", "")))
                if not department:
                    raise PluginFailed(plugin, "svcq_ticket_route",
                                       ValueError("routing names no known department"))
                self._apply(row, Action.DISPATCH, receiver, now,
                            note=f"routed by {plugin}: {getattr(routing, 'reason', '')}".strip(),
                            department=department,
                            assignee=getattr(routing, "assignee_id", None) or "")
        return self._publish([row])[0]

    def create_proactive(
        self, community_id: str, staff_id: str, description: str, *, category: str = "",
        channel: Channel = Channel.PATROL, priority: Priority = Priority.NORMAL,
        unit_id: str = "", public_area: str = "", owner_id: str = "",
        department: str = "", assignee_staff_id: str = "",
    ) -> TicketRecord:
        """Open work a practice creates itself (a welcome visit, a special-care call).

        For plugins (from a reaction hook or a periodic job): ``staff_id`` is
        the first receiver and answers for it; with ``department`` the ticket
        is dispatched at once, in the same transaction.
        """
        data = TicketInput(community_id=community_id, kind=TicketKind.PROACTIVE,
                           channel=channel, category=category, priority=priority,
                           unit_id=unit_id, public_area=public_area, owner_id=owner_id,
                           description=description, first_receiver_staff_id=staff_id)
        with write_transaction():
            record = self.create(data)
            if department and record.state is TicketState.NEW:
                record = self.dispatch(record.id, etag_of(record.version), staff_id,
                                       department, assignee_staff_id)
        return record

    # -- reads ---------------------------------------------------------------
    def get(self, ticket_id: str) -> TicketRecord:
        return self._publish([self._row(ticket_id)])[0]

    def list(self, page_size: int, token: str, filter_text: str) -> tuple[list[TicketRecord], str]:
        terms = parse_filter(filter_text, TICKET_FILTERS)
        query = self._filtered(self.ctx.scoped(Ticket.select(), Ticket.community), terms)
        rows, next_token = keyset_page(query, Ticket.id, self.ctx.page_tokens,
                                       requested_size=page_size, token=token,
                                       query_key=f"tickets:{filter_text}")
        return self._publish(rows), next_token

    def list_first_contact(self, staff_id: str, page_size: int, token: str, filter_text: str
                           ) -> tuple[list[TicketRecord], str]:
        """Tickets ``staff_id`` received first (首问负责制); open ones unless a state is asked."""
        v = Violations()
        check_id(v, "staff_id", staff_id)
        v.raise_if_any()
        terms = parse_filter(filter_text, MY_TICKET_FILTERS)
        query = self.ctx.scoped(Ticket.select(), Ticket.community).where(
            Ticket.first_receiver_id == staff_id)
        if not any(t.field == "state" for t in terms):
            query = query.where(Ticket.state.in_(sorted(OPEN_STATES)))
        rows, next_token = keyset_page(self._filtered(query, terms), Ticket.id,
                                       self.ctx.page_tokens, requested_size=page_size,
                                       token=token,
                                       query_key=f"first-contact:{staff_id}:{filter_text}")
        return self._publish(rows), next_token

    def _filtered(self, query: ModelSelect, terms: list[Term]) -> ModelSelect:
        columns = {"community_id": Ticket.community, "assignee_staff_id": Ticket.assignee_id,
                   "first_receiver_staff_id": Ticket.first_receiver_id,
                   "owner_id": Ticket.owner_id, "unit_id": Ticket.unit_id}
        enums = {"kind": (TicketKind, "TICKET_KIND_"), "state": (TicketState, "TICKET_STATE_"),
                 "department": (Department, "DEPARTMENT_"),
                 "priority": (Priority, "TICKET_PRIORITY_")}
        for t in terms:
            if t.field in columns:
                query = query.where(columns[t.field] == t.value)
            elif t.field in enums:
                query = query.where(getattr(Ticket, t.field) == enum_value(t, *enums[t.field]))
            elif t.field == "category":
                category = category_tree.normalize(t.value)
                query = query.where((Ticket.category == category)
                                    | Ticket.category.startswith(f"{category}/"))
            elif t.field == "emergency":
                query = query.where(Ticket.emergency == bool_value(t))
            elif t.field == "escalation_level":
                level = EscalationLevel[t.value.removeprefix("ESCALATION_LEVEL_")] \
                    if t.value.removeprefix("ESCALATION_LEVEL_") in EscalationLevel.__members__ \
                    else None
                if level is None:
                    raise InvalidArgument.one("filter", "escalation_level takes SUPERVISOR, "
                                              "PROJECT_HEAD or COMPANY", reason="INVALID_FILTER")
                query = query.where(Ticket.escalation_level == int(level))
            elif t.field == "overdue":
                now = naive(self._now())
                late = (Ticket.state.in_(sorted(OPEN_STATES - {TicketState.ON_HOLD}))
                        & (((Ticket.respond_by < now) & Ticket.responded_time.is_null()
                            & Ticket.resolved_time.is_null())
                           | ((Ticket.resolve_by < now) & Ticket.resolved_time.is_null())))
                query = query.where(late if bool_value(t) else ~late)
            elif t.field == "create_time":
                try:
                    when = naive(datetime.fromisoformat(t.value.replace("Z", "+00:00")))
                except ValueError:
                    raise InvalidArgument.one("filter", "create_time takes an RFC 3339 time",
                                              reason="INVALID_FILTER") from None
                query = query.where(compare(Ticket.create_time, t.op, when))
        return query

    def history(self, ticket_id: str, page_size: int, token: str, filter_text: str
                ) -> tuple[list[HistoryRecord], str]:
        terms = parse_filter(filter_text, HISTORY_FILTERS)
        self._row(ticket_id)
        query = TicketHistory.select().where(TicketHistory.ticket == ticket_id)
        for t in terms:
            if t.field == "actor_staff_id":
                query = query.where(TicketHistory.actor_id == t.value)
            else:
                action = t.value.removeprefix("TICKET_ACTION_")
                query = query.where(TicketHistory.action == action)
        return keyset_page(query, TicketHistory.id, self.ctx.page_tokens,
                           requested_size=page_size, token=token,
                           query_key=f"history:{ticket_id}:{filter_text}",
                           convert=history_record)

    # -- transitions ---------------------------------------------------------
    def _change(self, ticket_id: str, etag: str, actor: str, action: Action, *,
                note: str = "", reason: str = "", **details: Any) -> TicketRecord:
        """Load, check the etag first, then apply ``action`` (see module docstring)."""
        v = Violations()
        check_id(v, "actor_staff_id", actor)
        check_text(v, "note", note)
        check_text(v, "reason", reason, limit=400)
        if not etag:
            v.add("etag", "required: send the etag of the ticket as last read")
        v.raise_if_any()
        require_reason(action, reason)
        expected = version_from_etag(etag)
        with write_transaction():
            row = self._row(ticket_id, lock=True)
            if row.version != expected:
                raise Aborted(f"ticket {ticket_id!r} changed since it was read (etag mismatch); "
                              "read it again", metadata={"resource_id": ticket_id})
            self.directory.staff_in_community(actor, row.community_id, "actor_staff_id")
            self._apply(row, action, actor, self._now(), note=note, reason=reason, **details)
        return self._publish([row])[0]

    def _apply(self, row: Ticket, action: Action, actor: str, now: datetime, *,
               note: str = "", reason: str = "", department: str = "", assignee: str = "",
               callback: CallbackOutcome | None = None,
               report: CorrectiveAction | None = None) -> None:
        """Apply one action to a locked row inside the caller's transaction."""
        from_state = TicketState(row.state)
        to_state = next_state(from_state, action)
        expected = row.version
        effects = rule(action)
        if action is Action.REOPEN_DEFECT and TicketKind(row.kind) not in DEFECT_KINDS:
            raise FailedPrecondition(
                f"only {', '.join(sorted(DEFECT_KINDS))} tickets can report a recurring defect",
                reason="NOT_A_REPAIR", metadata={"kind": row.kind})
        if action is Action.CLOSE:
            report = report if report is not None and any(
                (report.cause, report.action_taken, report.prevention)) else corrective_of(row)
            require_corrective_action(kind=TicketKind(row.kind), major=bool(row.major),
                                      report=report)
            row.corrective_action = corrective_json(report)
            row.close_time = naive(now)
        if action is Action.DISPATCH:
            v = Violations()
            row.department = check_enum(v, "department", Department, department,
                                        prefix="DEPARTMENT_")
            if assignee:
                self._staff(v, assignee, row.community_id, "assignee_staff_id")
            v.raise_if_any()
            row.assignee_id = assignee
        pauses = pauses_of(row)
        if from_state is TicketState.ON_HOLD and to_state is not TicketState.ON_HOLD:
            pauses[-1] = (pauses[-1][0], now)
            row.pauses, row.hold_reason = pauses_json(pauses), ""
            respond, resolve = limits_of(row)
            deadlines = self._compute(row, respond, resolve, now)
            row.respond_by = naive(deadlines.respond_by)
            row.resolve_by = naive(deadlines.resolve_by)
        if action is Action.HOLD:
            row.pauses = pauses_json([*pauses, (now, None)])
            row.hold_reason = reason.strip()
        if to_state in {TicketState.IN_PROGRESS, TicketState.RESOLVED} \
                and row.responded_time is None:
            row.responded_time = naive(now)
        if action is Action.RESOLVE:
            row.resolved_time = naive(now)
        row.state = to_state
        if effects.reopens:
            row.reopen_count += 1
            row.responded_time = row.resolved_time = None
            self._start_cycle(row, now)
        if effects.special_callback:
            calendar = self.calendar(row.community_id)
            due = self.settings.sla.special_callback_by(now, calendar)
            row.special_callback_by = naive(due)
            TicketCallback.insert(id=new_id("cb"), ticket=row.id, community=row.community_id,
                                  kind=CallbackKind.SPECIAL, department=Department.FRONT_DESK,
                                  due_time=naive(due), create_time=naive(now)).execute()
        recorded: TicketCallback | None = None
        if callback is not None:
            row.callback_count += 1
            recorded = TicketCallback(
                id=new_id("cb"), ticket=row.id, community=row.community_id,
                kind=CallbackKind.CUSTOMER, department=Department.FRONT_DESK, due_time=None,
                done_time=naive(now), satisfied=callback.satisfied, score=callback.score,
                comment=callback.comment, actor_id=actor, create_time=naive(now),
                sample_week=None)
            insert_callback.execute(*column_values(recorded, CALLBACK_FIELDS))
        self._validate_hook(row, action.lower(), now)
        entry = self._history(row, action, from_state, actor, now, reason=reason.strip(),
                              note=note)
        self._save(row, expected, now)
        if recorded is not None:
            self._event(row, "ticket.callback_recorded", now, callback=recorded)
        self._event(row, "ticket.transitioned", now, history=entry)
        self._react("svcq_ticket_transitioned", row, now, from_state=str(from_state),
                    action=action.lower())

    def dispatch(self, ticket_id: str, etag: str, actor: str, department: str,
                 assignee_staff_id: str = "", note: str = "") -> TicketRecord:
        """Route to a department (and assignee); the first receiver stays answerable."""
        if not department:
            raise InvalidArgument.one("department", "required")
        return self._change(ticket_id, etag, actor, Action.DISPATCH, note=note,
                            department=department, assignee=assignee_staff_id)

    def start(self, ticket_id: str, etag: str, actor: str, note: str = "") -> TicketRecord:
        return self._change(ticket_id, etag, actor, Action.START, note=note)

    def hold(self, ticket_id: str, etag: str, actor: str, reason: str,
             note: str = "") -> TicketRecord:
        return self._change(ticket_id, etag, actor, Action.HOLD, note=note, reason=reason)

    def resume(self, ticket_id: str, etag: str, actor: str, note: str = "") -> TicketRecord:
        return self._change(ticket_id, etag, actor, Action.RESUME, note=note)

    def resolve(self, ticket_id: str, etag: str, actor: str, note: str = "") -> TicketRecord:
        return self._change(ticket_id, etag, actor, Action.RESOLVE, note=note)

    def record_callback(self, ticket_id: str, etag: str, actor: str, outcome: CallbackOutcome,
                        note: str = "") -> TicketRecord:
        """The customer's confirmation: satisfied moves on to closure, unsatisfied reopens."""
        _check_outcome(outcome)
        return self._change(ticket_id, etag, actor, Action.callback(satisfied=outcome.satisfied),
                            note=note, callback=outcome)

    def close(self, ticket_id: str, etag: str, actor: str, note: str = "",
              report: CorrectiveAction | None = None) -> TicketRecord:
        return self._change(ticket_id, etag, actor, Action.CLOSE, note=note, report=report)

    def cancel(self, ticket_id: str, etag: str, actor: str, reason: str,
               note: str = "") -> TicketRecord:
        return self._change(ticket_id, etag, actor, Action.CANCEL, note=note, reason=reason)

    def report_defect(self, ticket_id: str, etag: str, actor: str, note: str = "") -> TicketRecord:
        """The defect came back: re-dispatch at once and owe a special callback."""
        return self._change(ticket_id, etag, actor, Action.REOPEN_DEFECT, note=note)

    def update(self, ticket_id: str, etag: str, actor: str, data: TicketInput,
               fields: set[str]) -> TicketRecord:
        check_update_mask(fields, UPDATABLE)
        v = Violations()
        check_id(v, "actor_staff_id", actor)
        if not etag:
            v.add("ticket.etag", "required: send the etag of the ticket as last read")
        v.raise_if_any()
        expected = version_from_etag(etag, "ticket.etag")
        with write_transaction():
            row = self._row(ticket_id, lock=True)
            if row.version != expected:
                raise Aborted(f"ticket {ticket_id!r} changed since it was read (etag mismatch); "
                              "read it again", metadata={"resource_id": ticket_id})
            if row.state not in OPEN_STATES and fields - UPDATABLE_WHEN_FINISHED:
                raise FailedPrecondition(
                    f"ticket is {row.state}; only corrective_action may still change",
                    reason="TICKET_FINISHED", metadata={"state": row.state})
            self.directory.staff_in_community(actor, row.community_id, "actor_staff_id")
            check = set(fields)
            if "unit_id" in check or "public_area" in check:
                check |= {"unit_id", "public_area"}
            merged = TicketInput(**{
                **{name: getattr(data, name) for name in TicketInput.__dataclass_fields__},
                **({} if "unit_id" in fields else {"unit_id": row.unit_id or ""}),
                **({} if "public_area" in fields else {"public_area": row.public_area}),
            })
            values = self._check_fields(v, merged, row.community_id, frozenset(check))
            v.raise_if_any()
            now = self._now()
            for name, value in values.items():
                setattr(row, name, value)
            if fields & _SUBJECT_FIELDS and row.state in OPEN_STATES:
                respond, resolve = self.settings.sla.limits_for(SlaSubject(
                    TicketKind(row.kind), row.category, Priority(row.priority),
                    bool(row.emergency)))
                row.limits = limits_json(respond, resolve)
                deadlines = self._compute(row, respond, resolve, now)
                row.respond_by = naive(deadlines.respond_by)
                row.resolve_by = naive(deadlines.resolve_by)
            self._validate_hook(row, "update", now)
            entry = self._history(row, "UPDATE", row.state, actor, now,
                                  note=", ".join(sorted(fields)))
            self._escalate_to(row, self._flag_level(row), now)
            self._save(row, expected, now)
            self._event(row, "ticket.updated", now, history=entry)
        return self._publish([row])[0]

    # -- callbacks -----------------------------------------------------------
    def list_callbacks(self, page_size: int, token: str, filter_text: str
                       ) -> tuple[list[CallbackRecord], str]:
        query = self.ctx.scoped(TicketCallback.select(), TicketCallback.community)
        for t in parse_filter(filter_text, CALLBACK_FILTERS):
            if t.field == "community_id":
                query = query.where(TicketCallback.community == t.value)
            elif t.field == "ticket_id":
                query = query.where(TicketCallback.ticket == t.value)
            elif t.field == "kind":
                kind = enum_value(t, CallbackKind, "TICKET_CALLBACK_KIND_")
                query = query.where(TicketCallback.kind == kind)
            elif t.field == "department":
                department = enum_value(t, Department, "DEPARTMENT_")
                query = query.where(TicketCallback.department == department)
            else:
                pending = TicketCallback.done_time.is_null()
                query = query.where(pending if bool_value(t) else ~pending)
        return keyset_page(query, TicketCallback.id, self.ctx.page_tokens,
                           requested_size=page_size, token=token,
                           query_key=f"callbacks:{filter_text}", convert=callback_record)

    def complete_callback(self, callback_id: str, actor: str,
                          outcome: CallbackOutcome) -> CallbackRecord:
        """Record a quality-department or special callback; the ticket's state does not change."""
        v = Violations()
        check_id(v, "actor_staff_id", actor)
        check_text(v, "comment", outcome.comment)
        v.raise_if_any()
        _check_outcome(outcome)
        with write_transaction():
            callback = self.ctx.visible(
                TicketCallback.get_or_none(TicketCallback.id == callback_id), "ticket callback",
                callback_id)
            before = TicketCallback.get_by_id(callback_id)
            if callback.done_time is not None:
                raise FailedPrecondition(f"callback {callback_id!r} was already made",
                                         reason="CALLBACK_DONE")
            self.directory.staff_in_community(actor, callback.community_id, "actor_staff_id")
            now = self._now()
            callback.done_time, callback.actor_id = naive(now), actor
            callback.satisfied, callback.score = outcome.satisfied, outcome.score
            callback.comment = outcome.comment
            callback.save()
            self.ctx.audit_row("ticket_callback", before, callback)
            row = self._row(callback.ticket_id, lock=True)
            row.callback_count += 1
            self._save(row, row.version, now, bump=False)
            self._event(row, "ticket.callback_recorded", now, callback=callback)
        return callback_record(callback)

    def sample_quality_callbacks(self, week: date | None = None) -> list[CallbackRecord]:
        """Draw the quality department's callbacks of ``week`` (a Monday; default last week).

        Once per week: a marker in ``meta`` makes a second run return what the
        first drew, even when the week had nothing to call back.
        """
        now = self._now()
        communities = list(Community.select())
        if week is None:
            today = min((self._calendar_of(c).local_date(now) for c in communities),
                        default=now.date())
            week = today - timedelta(days=today.weekday() + 7)
        if week.weekday() != 0:
            raise InvalidArgument.one("week", "must be a Monday")
        marker = f"tickets.quality_sample:{week.isoformat()}"
        policy = self.settings.callbacks
        with write_transaction():
            if Meta.get_or_none(Meta.key == marker) is None:
                closed: dict[str, list[str]] = {}
                for community in communities:
                    calendar = self._calendar_of(community)
                    lo = calendar.day_bounds(week)[0]
                    hi = calendar.day_bounds(week + timedelta(days=6))[1]
                    closed[community.id] = [r.id for r in Ticket.select(Ticket.id).where(
                        (Ticket.community == community.id) & (Ticket.kind == TicketKind.REPAIR)
                        & (Ticket.state == TicketState.CLOSED)
                        & (Ticket.close_time >= naive(lo)) & (Ticket.close_time < naive(hi)))]
                sample = quality_sample(closed, policy.quality_share, seed=policy.quality_seed,
                                        week=week)
                for community in communities:
                    calendar = self._calendar_of(community)
                    limit = policy.quality_within
                    due = calendar.timeline(limit.basis).add(now, limit.within)
                    for ticket_id in sample.get(community.id, []):
                        TicketCallback.insert(
                            id=new_id("cb"), ticket=ticket_id, community=community.id,
                            kind=CallbackKind.QUALITY, department=Department.QUALITY,
                            due_time=naive(due), sample_week=week,
                            create_time=naive(now)).execute()
                Meta.insert(key=marker, value=now.isoformat()).execute()
            rows = (TicketCallback.select()
                    .where((TicketCallback.kind == CallbackKind.QUALITY)
                           & (TicketCallback.sample_week == week))
                    .order_by(TicketCallback.community, TicketCallback.ticket))
            return [callback_record(r) for r in rows]

    # -- overdue sweep -------------------------------------------------------
    def sweep(self) -> SweepResult:
        """Report deadlines passed since the last sweep and raise escalation levels.

        One transaction per ticket, so one bad row never blocks the others;
        a ticket changed by a caller meanwhile is simply taken next time.
        """
        now = self._now()
        late = naive(now)
        candidates = [r.id for r in Ticket.select(Ticket.id).where(
            Ticket.state.in_(sorted(OPEN_STATES))
            & (((Ticket.respond_by < late) & Ticket.responded_time.is_null()
                & Ticket.resolved_time.is_null())
               | ((Ticket.resolve_by < late) & Ticket.resolved_time.is_null())))]
        overdue: list[tuple[str, str]] = []
        escalated: list[tuple[str, EscalationLevel]] = []
        for ticket_id in candidates:
            try:
                with write_transaction():
                    o, e = self._sweep_one(self._row(ticket_id, lock=True), now)
            except Aborted:
                continue
            overdue += o
            escalated += e
        return SweepResult(tuple(overdue), tuple(escalated))

    def _sweep_one(self, row: Ticket, now: datetime
                   ) -> tuple[list[tuple[str, str]], list[tuple[str, EscalationLevel]]]:
        if row.state not in OPEN_STATES:
            return [], []
        deadlines = self._deadlines(row, now)
        responded = row.responded_time or row.resolved_time
        found: list[tuple[str, str]] = []
        for name, flag, due, done in (
                ("respond", "respond_overdue", deadlines.respond_by, responded),
                ("complete", "resolve_overdue", deadlines.resolve_by, row.resolved_time)):
            if done is None and now > due and not getattr(row, flag):
                setattr(row, flag, True)
                found.append((row.id, name))
        calendar = self.calendar(row.community_id)
        late = overdue_by(deadlines, responded=aware(responded) if responded else None,
                          resolved=aware(row.resolved_time) if row.resolved_time else None,
                          now=now, calendar=calendar,
                          pauses=closed_pauses(pauses_of(row), now, since=aware(row.sla_start)))
        level = self.settings.escalation.level(
            kind=TicketKind(row.kind), overdue=late,
            compensation_involved=bool(row.compensation_involved),
            against_project_head=bool(row.against_project_head))
        raised = self._escalate_to(row, level, now)
        if not found and not raised:
            return [], []
        for _, deadline in found:
            self._event(row, "ticket.overdue", now, deadline=deadline)
        self._save(row, row.version, now, bump=False)
        for _, deadline in found:
            self._react("svcq_ticket_overdue", row, now, deadline=deadline)
        return found, [(row.id, level)] if raised else []

    # -- daily closure -------------------------------------------------------
    def daily_closure(self, community_id: str, day: date | None = None
                      ) -> tuple[closure_rules.DailyClosureReport, bool]:
        """(report, stored) for the community's local ``day`` (today when None)."""
        self.directory.community(community_id, "community_id")
        calendar = self.calendar(community_id)
        now = self._now()
        today = calendar.local_date(now)
        day = day or today
        if day > today:
            raise InvalidArgument.one("date", f"{day} is in the future for this community")
        stored = DailyClosure.get_or_none((DailyClosure.community == community_id)
                                          & (DailyClosure.day == day))
        if stored is not None:
            return _closure_from_json(stored.report), True
        start = calendar.day_bounds(day)[0]
        cutoff = datetime.combine(day, self.settings.schedule.closure_time,
                                  tzinfo=calendar.zone).astimezone(UTC)
        as_of = min(now, cutoff)
        rows = list(Ticket.select().where(
            (Ticket.community == community_id) & (Ticket.create_time <= naive(as_of))
            & (Ticket.state.in_(sorted(OPEN_STATES)) | (Ticket.update_time >= naive(start)))))
        entries: dict[str, list[closure_rules.HistoryFact]] = {r.id: [] for r in rows}
        if rows:
            for h in (TicketHistory.select()
                      .where(TicketHistory.ticket.in_(list(entries))
                             & (TicketHistory.event_time <= naive(as_of)))
                      .order_by(TicketHistory.id)):
                entries[h.ticket_id].append(closure_rules.HistoryFact(
                    action=h.action, to_state=TicketState(h.to_state), actor_staff_id=h.actor_id,
                    event_time=aware(h.event_time), reason=h.reason,
                    assignee_staff_id=h.assignee_id))
        report = closure_rules.daily_closure(community_id, day, start, as_of, [
            closure_rules.ClosureTicket(
                id=r.id, create_time=aware(r.create_time),
                first_receiver_staff_id=r.first_receiver_id,
                reporter_back_staff_id=r.reporter_back_id, major=bool(r.major),
                emergency=bool(r.emergency), resolve_by=aware(r.resolve_by),
                history=entries[r.id]) for r in rows])
        if now < cutoff:
            return report, False
        try:
            with write_transaction():
                ident = DailyClosure.insert(community=community_id, day=day,
                                            as_of=naive(as_of), report=_closure_json(report),
                                            create_time=naive(now)).execute()
                # The counts, not the report: it names staff and quotes hold reasons.
                self.ctx.audit("daily_closure", str(ident), community_id, {}, {
                    "day": day.isoformat(), "as_of": naive(as_of).isoformat(),
                    "received": len(report.received), "closed": len(report.closed),
                    "carried_over": len(report.carried_over)})
        except IntegrityError:
            stored = DailyClosure.get((DailyClosure.community == community_id)
                                      & (DailyClosure.day == day))
            return _closure_from_json(stored.report), True
        return report, True

    def run_due_jobs(self) -> None:
        """Take each community's closure once its closure time has passed, and the
        weekly quality sample once its time has passed everywhere."""
        now = self._now()
        schedule = self.settings.schedule
        sample_due: list[datetime] = []
        for community in Community.select():
            calendar = self._calendar_of(community)
            today = calendar.local_date(now)
            cutoff = datetime.combine(today, schedule.closure_time, tzinfo=calendar.zone)
            if now >= cutoff and not DailyClosure.select().where(
                    (DailyClosure.community == community.id)
                    & (DailyClosure.day == today)).exists():
                self.daily_closure(community.id, today)
            monday = today - timedelta(days=today.weekday())
            sample_day = monday + timedelta(days=schedule.sample_weekday - 1)
            sample_due.append(datetime.combine(sample_day, schedule.sample_time,
                                               tzinfo=calendar.zone))
        if sample_due and now >= max(sample_due):
            self.sample_quality_callbacks()

    # -- figures -------------------------------------------------------------
    def figures(self, community_id: str, region_id: str, start: date, end: date, *,
                department: str = "", kind: str = "",
                grouping: figure_rules.Grouping = figure_rules.Grouping.NONE,
                ) -> tuple[figure_rules.Figures, dict[str, figure_rules.Figures]]:
        """Figures of tickets received from ``start`` to ``end`` (local dates, inclusive)."""
        v = Violations()
        if not community_id and not region_id:
            v.add("community_id", "give a community_id or a region_id")
        if end < start:
            v.add("end_date", "must not be before start_date")
        if department:
            department = check_enum(v, "department", Department, department)
        if kind:
            kind = check_enum(v, "kind", TicketKind, kind)
        v.raise_if_any()
        if community_id:
            communities = [self.directory.community(community_id, "community_id")]
        else:
            self.directory.get_region(region_id)
            communities = list(Community.select().where(Community.region == region_id))
        facts: list[figure_rules.TicketFacts] = []
        now = self._now()
        for community in communities:
            check_budget("computing the figures")  # a region's year can take a while
            calendar = self._calendar_of(community)
            lo, hi = calendar.day_bounds(start)[0], calendar.day_bounds(end)[1]
            query = Ticket.select().where((Ticket.community == community.id)
                                          & (Ticket.create_time >= naive(lo))
                                          & (Ticket.create_time < naive(hi)))
            if department:
                query = query.where(Ticket.department == department)
            if kind:
                query = query.where(Ticket.kind == kind)
            rows = list(query)
            done: dict[str, list[figure_rules.CallbackFact]] = {r.id: [] for r in rows}
            if rows:
                for cb in TicketCallback.select().where(
                        TicketCallback.ticket.in_(list(done))
                        & TicketCallback.done_time.is_null(False)):
                    done[cb.ticket_id].append(figure_rules.CallbackFact(
                        bool(cb.satisfied), cb.score, cb.kind == CallbackKind.CUSTOMER))
            for row in rows:
                record = self.record(row, now)
                facts.append(figure_rules.TicketFacts(
                    community_id=community.id, region_id=community.region_id,
                    department=row.department, kind=row.kind,
                    created_on=calendar.local_date(aware(row.create_time)),
                    cancelled=row.state == TicketState.CANCELLED,
                    response_met=record.response_met, resolution_met=record.resolution_met,
                    closed_on=calendar.local_date(aware(row.close_time))
                    if row.state == TicketState.CLOSED and row.close_time else None,
                    reopen_count=row.reopen_count,
                    # A reopen follows a resolution, so a reopened ticket was resolved once.
                    resolved=row.resolved_time is not None or row.close_time is not None
                    or row.reopen_count > 0,
                    callbacks=tuple(done[row.id])))
        groups = {} if grouping is figure_rules.Grouping.NONE else figure_rules.grouped(
            facts, grouping)
        return figure_rules.figures(facts), groups

    # -- categories ----------------------------------------------------------
    def get_categories(self, community_id: str) -> tuple[tuple[str, ...], bool, int]:
        v = Violations()
        check_id(v, "community_id", community_id)
        v.raise_if_any()
        self.directory.community(community_id, "community_id")
        return self.categories(community_id)

    def _category_nodes(self, community_id: str) -> frozenset[str]:
        """Every node of the community's tree, worked out once per tree version (a tree
        may hold 500 paths); reading the row checks the version, so an update made
        through any replica counts at once."""
        tree, customized, version = self.categories(community_id)
        key = (community_id, version) if customized else ("", 0)
        nodes = self._trees.get(key)
        if nodes is None:
            nodes = self._trees[key] = category_tree.nodes(tree)
        return nodes

    def categories(self, community_id: str) -> tuple[tuple[str, ...], bool, int]:
        """(paths, customized, version): the community's tree or the configured default."""
        row = category_tree_of.first(community_id)
        if row is None:
            return self.settings.categories, False, 0
        return tuple(json.loads(row.categories)), True, row.version

    def update_categories(self, community_id: str, paths: list[str], etag: str
                          ) -> tuple[tuple[str, ...], bool, int]:
        """Replace the tree; existing tickets keep their category even if it leaves the tree."""
        v = Violations()
        tree = parse_categories(list(paths), "categories.categories", v)
        check_id(v, "categories.community_id", community_id)
        v.raise_if_any()
        self.directory.community(community_id, "categories.community_id")
        now = naive(self._now())
        with write_transaction():
            current = TicketCategoryTree.get_or_none(TicketCategoryTree.community == community_id)
            self.ctx.audit("ticket_categories", community_id, community_id,
                           {"categories": json.loads(current.categories) if current else None},
                           {"categories": tree})
            version = current.version if current is not None else 0
            if etag and version_from_etag(etag, "categories.etag") != version:
                raise Aborted("the category tree changed since it was read; read it again",
                              metadata={"resource_id": community_id})
            if current is None:
                TicketCategoryTree.insert(community=community_id, categories=json.dumps(tree),
                                          version=1, update_time=now).execute()
            else:
                (TicketCategoryTree.update(categories=json.dumps(tree),
                                           version=TicketCategoryTree.version + 1,
                                           update_time=now)
                 .where(TicketCategoryTree.community == community_id).execute())
        return self.categories(community_id)

    # -- events --------------------------------------------------------------
    def watch(self, token: str, filter_text: str, is_active: Callable[[], bool],
              wait: Callable[[float], object]) -> Iterator[EventRecord]:
        """Ticket events after ``token`` (from now when empty) until ``is_active`` says stop."""
        return self.events.follow(token, filter_text, is_active, wait, self._event_record)

    def _event_record(self, event: StoredEvent) -> EventRecord:
        """The event as :meth:`_event` stored it: the ticket as it was then, read as a Get would."""
        payload = event.payload
        return EventRecord(
            seq=event.seq, type=event.type, ticket_id=event.resource_id,
            community_id=event.community_id, event_time=event.event_time,
            ticket=self.record(load_row(Ticket, payload["ticket"]), event.event_time),
            history=history_record(load_row(TicketHistory, payload["history"]))
            if payload["history"] else None,
            callback=callback_record(load_row(TicketCallback, payload["callback"]))
            if payload["callback"] else None,
            deadline=payload["deadline"])


def _check_outcome(outcome: CallbackOutcome) -> None:
    v = Violations()
    if not 1 <= outcome.score <= 5:
        v.add("score", "required, 1 to 5")
    check_text(v, "comment", outcome.comment, limit=MAX_TEXT)
    v.raise_if_any()


def _closure_json(report: closure_rules.DailyClosureReport) -> str:
    return json.dumps({
        "community_id": report.community_id, "day": report.day.isoformat(),
        "as_of": report.as_of.isoformat(), "received": list(report.received),
        "closed": list(report.closed),
        "carried_over": [{**item.__dict__, "state": str(item.state)}
                         for item in report.carried_over],
    }, ensure_ascii=False)


def _closure_from_json(text: str) -> closure_rules.DailyClosureReport:
    data = json.loads(text)
    return closure_rules.DailyClosureReport(
        community_id=data["community_id"], day=date.fromisoformat(data["day"]),
        as_of=datetime.fromisoformat(data["as_of"]), received=tuple(data["received"]),
        closed=tuple(data["closed"]),
        carried_over=tuple(
            closure_rules.ClosureItem(**{**item, "state": TicketState(item["state"])})
            for item in data["carried_over"]))


def start_tickets(ctx: ServiceContext, directory: DirectoryService,
                  raw: Mapping[str, Any]) -> TicketService:
    """The ticket service on the ``[tickets]`` section; a bad section stops the start-up."""
    try:
        settings = parse_ticket_settings(raw)
    except InvalidArgument as exc:
        raise ConfigError.of(exc.violations) from None
    return TicketService(ctx, directory, settings)
