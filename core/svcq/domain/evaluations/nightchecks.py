"""Night checks (夜间查岗): random, at least N a month, and always after a storm alert.

Slots are random so guards cannot predict them, yet reproducible from a seed
so a plan can be regenerated and audited. A night belongs to the date it
starts on: a check at 01:30 on 1 June counts for the night of 31 May, and
so for May's quota.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from svcq.domain.evaluations.kinds import AlertKind, YearMonth
from svcq.domain.evaluations.settings import NightCheckSettings
from svcq.errors import InvalidArgument


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def window_minutes(settings: NightCheckSettings) -> int:
    """Length of the night window; it wraps past midnight when it ends before it starts."""
    length = _minutes(settings.window_end) - _minutes(settings.window_start)
    return length if length > 0 else length + 24 * 60


def night_of(local: datetime, settings: NightCheckSettings) -> date:
    """The date the night containing ``local`` (a community-local time) started on."""
    wraps = settings.window_end <= settings.window_start
    if wraps and local.time() < settings.window_end:
        return local.date() - timedelta(days=1)
    return local.date()


def propose_slots(
    month: YearMonth,
    tz: tzinfo,
    seed: int | str,
    settings: NightCheckSettings,
    *,
    count: int | None = None,
) -> list[datetime]:
    """``count`` (default the monthly minimum) random times on distinct nights of ``month``.

    Same seed, month, time zone and settings give the same slots; returned
    as community-local aware datetimes, in order.
    """
    count = settings.min_per_month if count is None else count
    nights = month.days()
    if not 1 <= count <= len(nights):
        raise InvalidArgument.one("count", f"between 1 and {len(nights)} night checks a month")
    rng = random.Random(f"{seed}/{month}")
    length = window_minutes(settings)
    return [
        datetime.combine(night, settings.window_start, tz)
        + timedelta(minutes=rng.randrange(length))
        for night in sorted(rng.sample(nights, count))
    ]


@dataclass(frozen=True)
class NightCheckMonth:
    month: YearMonth
    count: int
    required: int

    @property
    def below_minimum(self) -> bool:
        return self.count < self.required


#: A month below the minimum (the name the shortfall figure was first written with).
NightCheckShortfall = NightCheckMonth


def night_check_months(
    checked_at: Iterable[datetime],
    months: Iterable[YearMonth],
    tz: tzinfo,
    settings: NightCheckSettings,
) -> list[NightCheckMonth]:
    """One community's night checks in each of ``months`` against the minimum."""
    per_month: dict[YearMonth, int] = defaultdict(int)
    for at in checked_at:
        per_month[YearMonth.of(night_of(at.astimezone(tz), settings))] += 1
    return [
        NightCheckMonth(m, per_month[m], settings.min_per_month) for m in sorted(set(months))
    ]


def shortfalls(
    checked_at: Iterable[datetime],
    months: Iterable[YearMonth],
    tz: tzinfo,
    settings: NightCheckSettings,
) -> list[NightCheckMonth]:
    """The ``months`` in which one community had fewer night checks than required."""
    return [m for m in night_check_months(checked_at, months, tz, settings) if m.below_minimum]


@dataclass(frozen=True)
class WeatherAlert:
    id: str
    community_id: str
    kind: AlertKind
    issued_at: datetime


@dataclass(frozen=True)
class NightCheck:
    community_id: str
    checked_at: datetime


@dataclass(frozen=True)
class UncoveredAlert:
    alert: WeatherAlert
    due_by: datetime
    #: True once ``due_by`` has passed: a breach, not just a pending check.
    overdue: bool


def alerts_without_night_check(
    alerts: Iterable[WeatherAlert],
    checks: Iterable[NightCheck],
    now: datetime,
    settings: NightCheckSettings,
) -> list[UncoveredAlert]:
    """Alerts with no night check in the same community within the follow-up hours after."""
    by_community: dict[str, list[datetime]] = defaultdict(list)
    for c in checks:
        by_community[c.community_id].append(c.checked_at)
    window = timedelta(hours=settings.alert_followup_hours)
    out = []
    for a in sorted(alerts, key=lambda a: (a.issued_at, a.id)):
        due = a.issued_at + window
        if not any(a.issued_at <= t <= due for t in by_community[a.community_id]):
            out.append(UncoveredAlert(a, due, now > due))
    return out
