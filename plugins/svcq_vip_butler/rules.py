"""The stewardship's pure rules: who is a VIP, tighter deadlines, weeks, quarters, rates.

No tables and no core calls here, so each rule is checked by hand in unit
tests and the hooks and the service only gather inputs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from svcq.errors import InvalidArgument
from svcq_vip_butler.settings import ButlerSettings

#: Ticket states in which a visit counts as made.
DONE_STATES = frozenset({"RESOLVED", "CALLBACK_DONE", "CLOSED"})

_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def is_vip(tags: Iterable[str], plugin_data: Mapping[str, Mapping[str, Any]],
           s: ButlerSettings) -> bool:
    """A flag the company sets (a tag) or a star level another practice earned.

    Stars come from the star plugin's data on the owner when that plugin runs
    here; without it only tags count, so the two plugins stay independent.
    """
    if set(tags) & set(s.vip_tags):
        return True
    stars = plugin_data.get(s.star_plugin, {}).get("stars")
    return s.vip_min_stars > 0 and isinstance(stars, int) and stars >= s.vip_min_stars


def tighter(now: datetime, deadline: datetime, factor: float) -> datetime:
    """``deadline`` brought closer to ``now`` by ``factor``; never later than it was."""
    if deadline <= now:
        return deadline
    return min(deadline, now + (deadline - now) * factor)


def week_of(day: date) -> str:
    """ISO week key ``2026-W02``, the same key the host gives a weekly job's run."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: str, field: str = "week") -> date:
    """Monday of an ISO week key; InvalidArgument names ``field`` otherwise."""
    match = _WEEK.fullmatch(text)
    try:
        if match is None:
            raise ValueError(text)
        return date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise InvalidArgument.one(field, "an ISO week such as 2026-W02") from None


def percent(part: int, whole: int) -> float:
    """part / whole in percent with two decimals; 0 when nothing was due."""
    return round(100 * part / whole, 2) if whole else 0.0


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarters_without_forum(year: int, today: date, forum_days: Iterable[date],
                           per_quarter: int) -> list[str]:
    """Quarters of ``year`` that ended before ``today`` with fewer forums than due.

    A quarter still running is not missed yet, so it is never listed.
    """
    held: dict[str, int] = {}
    for day in forum_days:
        held[quarter_of(day)] = held.get(quarter_of(day), 0) + 1
    missed = []
    for q in range(4):
        first_of_next = date(year + (q == 3), 1 if q == 3 else 3 * q + 4, 1)
        key = f"{year}-Q{q + 1}"
        if first_of_next <= today and held.get(key, 0) < per_quarter:
            missed.append(key)
    return missed
