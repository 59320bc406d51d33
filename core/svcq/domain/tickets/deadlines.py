"""Response and completion limits (处理时限), and the deadlines they give a ticket.

Each limit is a duration plus the time it is measured in: working time on the
community calendar, or the plain clock. Both exist because the documents mix
them: a response within office hours is a working-time promise, while
"customer needs met within 24 hours" (服务一线通) is a promise by the clock.

Rules are matched most specific first (kind+category+priority >
kind+category > kind+priority > kind > default), and each limit is taken from
the most specific rule that sets it, so a rule may tighten the response time
alone. A category is a path ("plumbing/leak"): a rule for "plumbing" covers
its sub-categories, and the longer path wins between two rules of one tier.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from svcq.domain.calendar import Interval, TimeBasis, WorkingCalendar
from svcq.domain.tickets.kinds import Priority, TicketKind


@dataclass(frozen=True)
class Limit:
    within: timedelta
    basis: TimeBasis = TimeBasis.WORKING

    def __post_init__(self) -> None:
        if self.within < timedelta(0):
            raise ValueError(f"negative limit {self.within}")


def _category_path(category: str) -> tuple[str, ...]:
    return tuple(part for part in category.strip().split("/") if part)


@dataclass(frozen=True)
class SlaRule:
    """Limits for tickets of one kind, optionally narrowed by category and priority."""

    kind: TicketKind
    category: str = ""
    priority: Priority | None = None
    #: None leaves the response limit to a less specific rule.
    respond: Limit | None = None
    #: None leaves the completion limit to a less specific rule.
    resolve: Limit | None = None

    @property
    def key(self) -> tuple[TicketKind, tuple[str, ...], Priority | None]:
        return self.kind, _category_path(self.category), self.priority

    def matches(self, kind: TicketKind, category: str, priority: Priority) -> bool:
        path = _category_path(self.category)
        return (
            self.kind is kind
            and _category_path(category)[: len(path)] == path
            and self.priority in (None, priority)
        )

    @property
    def specificity(self) -> tuple[int, int]:
        """(tier, category depth): the tiers of the module docstring, 1 (kind) to 4."""
        path = _category_path(self.category)
        tier = 1 + (2 if path else 0) + (1 if self.priority is not None else 0)
        return tier, len(path)


@dataclass(frozen=True)
class SlaSubject:
    """What of a ticket its limits depend on."""

    kind: TicketKind
    category: str = ""
    priority: Priority = Priority.NORMAL
    emergency: bool = False


@dataclass(frozen=True)
class Deadlines:
    respond_by: datetime
    resolve_by: datetime
    #: The limits used, so lateness is measured on the same basis.
    respond: Limit
    resolve: Limit


@dataclass(frozen=True)
class SlaPolicy:
    """Limits from configuration; defaults marked "(ours)" are not in the documents."""

    #: Response when no rule sets one (ours: two working hours).
    default_respond: Limit = Limit(timedelta(hours=2))
    #: Completion when no rule sets one (服务一线通: needs met within 24 hours, by the clock).
    default_resolve: Limit = Limit(timedelta(hours=24), TimeBasis.CLOCK)
    #: Kind/category/priority rules; order does not matter, specificity does.
    rules: tuple[SlaRule, ...] = ()
    #: Longest response for an emergency, whatever the rules say (ours: 30 minutes).
    emergency_respond: timedelta = timedelta(minutes=30)
    #: Emergencies run on the plain clock (a burst pipe at night does not wait for 08:30).
    emergency_on_clock: bool = True
    #: Special callback after a defect recurs (维修后仍有缺陷: 24 小时内专项回访).
    defect_callback: Limit = Limit(timedelta(hours=24), TimeBasis.CLOCK)
    _sorted: tuple[SlaRule, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = [rule.key for rule in self.rules]
        if len(set(keys)) != len(keys):
            raise ValueError("two SLA rules have the same kind, category and priority")
        ranked = sorted(self.rules, key=lambda rule: rule.specificity, reverse=True)
        object.__setattr__(self, "_sorted", tuple(ranked))

    def limits_for(self, subject: SlaSubject) -> tuple[Limit, Limit]:
        """(response, completion) limits for a ticket."""
        matching = [
            rule
            for rule in self._sorted
            if rule.matches(subject.kind, subject.category, subject.priority)
        ]
        respond = next((r.respond for r in matching if r.respond is not None), self.default_respond)
        resolve = next((r.resolve for r in matching if r.resolve is not None), self.default_resolve)
        if subject.emergency:
            respond = replace(respond, within=min(respond.within, self.emergency_respond))
            if self.emergency_on_clock:
                respond = replace(respond, basis=TimeBasis.CLOCK)
                resolve = replace(resolve, basis=TimeBasis.CLOCK)
        return respond, resolve

    def deadlines(
        self,
        subject: SlaSubject,
        created: datetime,
        calendar: WorkingCalendar,
        pauses: Iterable[Interval] = (),
    ) -> Deadlines:
        """respond_by / resolve_by; recompute with the pauses so far after every hold."""
        pauses = list(pauses)
        respond, resolve = self.limits_for(subject)
        return Deadlines(
            respond_by=calendar.timeline(respond.basis).add(created, respond.within, pauses),
            resolve_by=calendar.timeline(resolve.basis).add(created, resolve.within, pauses),
            respond=respond,
            resolve=resolve,
        )

    def special_callback_by(self, reopened: datetime, calendar: WorkingCalendar) -> datetime:
        """When the special callback after a recurring defect is due."""
        limit = self.defect_callback
        return calendar.timeline(limit.basis).add(reopened, limit.within)


def deadline_met(due: datetime, done: datetime | None, now: datetime) -> bool | None:
    """True when done in time, False when done late or now past due, None while pending."""
    if done is not None:
        return done <= due
    return False if now > due else None


def overdue_by(
    deadlines: Deadlines,
    *,
    responded: datetime | None,
    resolved: datetime | None,
    now: datetime,
    calendar: WorkingCalendar,
    pauses: Iterable[Interval] = (),
) -> timedelta | None:
    """How late the worst unmet deadline is, on its own basis; None when nothing is late.

    A deadline passed outside working hours is late by zero working time,
    which still counts as late: the supervisor hears of it at once.
    Resolving also answers the response deadline.
    """
    pauses = list(pauses)
    responded = responded or resolved
    late = [
        calendar.timeline(limit.basis).between(due, now, pauses)
        for due, done, limit in (
            (deadlines.respond_by, responded, deadlines.respond),
            (deadlines.resolve_by, resolved, deadlines.resolve),
        )
        if done is None and now > due
    ]
    return max(late, default=None)
