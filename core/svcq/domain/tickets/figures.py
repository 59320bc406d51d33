"""Ticket figures of DOMAIN.md §5, computed from one fact row per ticket.

Every rate is a count over a count, and both counts are kept, so a reader
of a report (or a test) can check a rate by hand. Denominators leave out what
the rate cannot judge:

* cancelled tickets count in ``ticket_count`` only;
* response and resolution compliance count tickets whose outcome is decided
  (done, or already past due); a ticket still within its limit is pending;
* same-day closure and reopen rate count every ticket not cancelled;
* callback coverage counts tickets that were resolved at least once;
* satisfaction and the average score count every callback recorded
  (customer, quality department, special).
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import date


@dataclass(frozen=True)
class CallbackFact:
    satisfied: bool
    score: int
    #: The customer's confirmation, as opposed to a quality or special callback.
    customer: bool = True


@dataclass(frozen=True)
class TicketFacts:
    community_id: str
    region_id: str
    department: str
    kind: str
    #: Local date of the community the ticket was received on.
    created_on: date
    cancelled: bool = False
    response_met: bool | None = None
    resolution_met: bool | None = None
    #: Local date it was (last) closed; None while not closed.
    closed_on: date | None = None
    reopen_count: int = 0
    resolved: bool = False
    callbacks: tuple[CallbackFact, ...] = ()


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class Figures:
    ticket_count: int = 0
    counted: int = 0
    response_decided: int = 0
    response_met: int = 0
    resolution_decided: int = 0
    resolution_met: int = 0
    closed_same_day: int = 0
    reopened: int = 0
    resolved: int = 0
    called_back: int = 0
    callback_count: int = 0
    satisfied_count: int = 0
    score_sum: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(**{f.name: getattr(self, f.name) + getattr(other, f.name)
                          for f in fields(self)})

    @property
    def response_met_rate(self) -> float:
        return _rate(self.response_met, self.response_decided)

    @property
    def resolution_met_rate(self) -> float:
        return _rate(self.resolution_met, self.resolution_decided)

    @property
    def same_day_closure_rate(self) -> float:
        return _rate(self.closed_same_day, self.counted)

    @property
    def reopen_rate(self) -> float:
        return _rate(self.reopened, self.counted)

    @property
    def callback_coverage(self) -> float:
        return _rate(self.called_back, self.resolved)

    @property
    def callback_satisfaction(self) -> float:
        return _rate(self.satisfied_count, self.callback_count)

    @property
    def average_callback_score(self) -> float:
        return _rate(self.score_sum, self.callback_count)


def _one(t: TicketFacts) -> Figures:
    if t.cancelled:
        return Figures(ticket_count=1)
    return Figures(
        ticket_count=1,
        counted=1,
        response_decided=int(t.response_met is not None),
        response_met=int(t.response_met is True),
        resolution_decided=int(t.resolution_met is not None),
        resolution_met=int(t.resolution_met is True),
        closed_same_day=int(t.closed_on == t.created_on),
        reopened=int(t.reopen_count > 0),
        resolved=int(t.resolved),
        called_back=int(t.resolved and any(c.customer for c in t.callbacks)),
        callback_count=len(t.callbacks),
        satisfied_count=sum(c.satisfied for c in t.callbacks),
        score_sum=sum(c.score for c in t.callbacks),
    )


class Grouping(enum.StrEnum):
    NONE = "NONE"
    COMMUNITY = "COMMUNITY"
    REGION = "REGION"
    DEPARTMENT = "DEPARTMENT"
    KIND = "KIND"
    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"


_KEYS: dict[Grouping, Callable[[TicketFacts], str]] = {
    Grouping.NONE: lambda t: "",
    Grouping.COMMUNITY: lambda t: t.community_id,
    Grouping.REGION: lambda t: t.region_id,
    Grouping.DEPARTMENT: lambda t: t.department,
    Grouping.KIND: lambda t: t.kind,
    Grouping.DAY: lambda t: t.created_on.isoformat(),
    Grouping.WEEK: lambda t: "{}-W{:02d}".format(*t.created_on.isocalendar()[:2]),
    Grouping.MONTH: lambda t: t.created_on.strftime("%Y-%m"),
}


def figures(facts: Iterable[TicketFacts]) -> Figures:
    return sum((_one(t) for t in facts), Figures())


def grouped(facts: Iterable[TicketFacts], grouping: Grouping) -> dict[str, Figures]:
    """Figures per group key (community id, department, ``2026-W02``, ...), in key order."""
    key = _KEYS[grouping]
    groups: dict[str, Figures] = defaultdict(Figures)
    for t in facts:
        groups[key(t)] += _one(t)
    return dict(sorted(groups.items()))
