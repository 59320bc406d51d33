"""Pure rules of the five-step method: star points, rankings, holidays, due dates.

No database and no server here, so the arithmetic is tested by hand-computed
examples without starting anything.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from svcq.errors import FailedPrecondition
from svcq_fivestep.settings import FiveStepSettings


class StarEvent(enum.StrEnum):
    """What earns an owner star points (来小区的次数、投诉的次数、意见建议)."""

    VISIT = "VISIT"
    COMPLAINT = "COMPLAINT"
    SUGGESTION = "SUGGESTION"


def star_events(kind: str, channel: str, s: FiveStepSettings) -> list[StarEvent]:
    """The events one ticket stands for; a complaint made in person is a visit too.

    Proactive tickets are our own work, not the owner's doing, so they earn nothing.
    """
    if kind == "PROACTIVE":
        return []
    events = [StarEvent.VISIT] if channel in s.visit_channels else []
    if kind in (StarEvent.COMPLAINT, StarEvent.SUGGESTION):
        events.append(StarEvent(kind))
    return events


def points(counts: Mapping[str, int], s: FiveStepSettings) -> int:
    """Points of an owner from their event counts, with the weights in force now."""
    weights = {StarEvent.VISIT: s.points_per_visit, StarEvent.COMPLAINT: s.points_per_complaint,
               StarEvent.SUGGESTION: s.points_per_suggestion}
    return sum(weights[StarEvent(event)] * n for event, n in counts.items())


def stars(total: int, s: FiveStepSettings) -> int:
    """One star per full ``points_per_star`` points."""
    return max(total, 0) // s.points_per_star if s.points_per_star > 0 else 0


@dataclass(frozen=True)
class StarStanding:
    owner_id: str
    points: int
    stars: int
    rank: int


def ranked(counts_by_owner: Mapping[str, Mapping[str, int]], s: FiveStepSettings,
           min_stars: int = 0) -> list[StarStanding]:
    """Owners by points, highest first (ties by id, so the order is stable); equal points
    share a rank, as they share an invitation priority."""
    scored = sorted(((-points(c, s), owner) for owner, c in counts_by_owner.items()))
    result: list[StarStanding] = []
    for position, (negative, owner) in enumerate(scored, start=1):
        total = -negative
        rank = result[-1].rank if result and result[-1].points == total else position
        standing = StarStanding(owner, total, stars(total, s), rank)
        if standing.stars >= min_stars:
            result.append(standing)
    return result


def due(start: date, days: int) -> date:
    return start + timedelta(days=days)


def check_expiry(checked_at: datetime, valid_days: int) -> datetime | None:
    """When a knowledge check stops counting; None when checks never expire (0 or less).

    Owners move in, sell and change cars, so what a guard knew last year
    says little about today (定期考核): an old pass must be renewed.
    """
    return checked_at + timedelta(days=valid_days) if valid_days > 0 else None


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str


def _holiday(entry: str, index: int, year: int) -> Holiday | None:
    """One 'MM-DD name' or 'YYYY-MM-DD name' entry in ``year`` (None: another year)."""
    when, _, name = entry.strip().partition(" ")
    parts = when.split("-")
    try:
        if len(parts) == 3:
            day = date(int(parts[0]), int(parts[1]), int(parts[2]))
            return Holiday(day, name.strip()) if day.year == year and name.strip() else None
        if len(parts) == 2 and name.strip():
            return Holiday(date(year, int(parts[0]), int(parts[1])), name.strip())
    except ValueError:
        pass
    raise FailedPrecondition(f"setting holidays[{index}]: expected 'MM-DD name' or "
                             "'YYYY-MM-DD name'", reason="BAD_PLUGIN_SETTING")


def upcoming_holidays(entries: Iterable[str], today: date, lead_days: int) -> list[Holiday]:
    """Holidays from ``today`` to ``lead_days`` ahead, in date order (a window may cross
    New Year, so both years are looked at)."""
    last = today + timedelta(days=lead_days)
    found = set()
    for index, entry in enumerate(entries):
        for year in {today.year, last.year}:
            holiday = _holiday(entry, index, year)
            if holiday and today <= holiday.day <= last:
                found.add(holiday)
    return sorted(found, key=lambda h: (h.day, h.name))


def liaisons(building_ids: list[str], configured: Mapping[str, str],
             security_staff: list[str]) -> dict[str, str]:
    """Each building's security liaison: the configured one, else security staff in turn
    (安全班组长分别担任每栋的安全“一对一”服务助理). Buildings without anyone are left out."""
    result: dict[str, str] = {}
    turn = 0
    for building in sorted(building_ids):
        if building in configured:
            result[building] = configured[building]
        elif security_staff:
            result[building] = security_staff[turn % len(security_staff)]
            turn += 1
    return result


def help_month(today: date, every_months: int) -> bool:
    """Whether households needing help get their visit this month (months counted from
    year 0, so every third month is the same months each year)."""
    return every_months > 0 and (today.year * 12 + today.month - 1) % every_months == 0
