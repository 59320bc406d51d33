"""The monthly bulletin (月检通报): nonconformances by discipline, community and person.

Pure aggregation over plain records, so storage can feed it from any query
and the numbers are testable by hand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from svcq.domain.evaluations.kinds import Discipline, YearMonth


@dataclass(frozen=True)
class NonconformanceRecord:
    community_id: str
    discipline: Discipline
    responsible_staff_id: str
    #: Local date of the inspection that found it.
    found_on: date


@dataclass(frozen=True)
class TrendLine:
    key: str
    count: int
    previous: int

    @property
    def change(self) -> int:
        """Positive when things got worse than last month."""
        return self.count - self.previous


@dataclass(frozen=True)
class MonthlyBulletin:
    month: YearMonth
    total: TrendLine
    by_discipline: tuple[TrendLine, ...]
    by_community: tuple[TrendLine, ...]
    by_person: tuple[TrendLine, ...]


def monthly_bulletin(records: Iterable[NonconformanceRecord], month: YearMonth) -> MonthlyBulletin:
    """Counts for ``month`` against the month before; lines sorted worst first, then by key."""
    prev = month.previous()
    now: list[NonconformanceRecord] = []
    before: list[NonconformanceRecord] = []
    for r in records:
        m = YearMonth.of(r.found_on)
        if m == month:
            now.append(r)
        elif m == prev:
            before.append(r)

    return MonthlyBulletin(
        month,
        TrendLine("total", len(now), len(before)),
        trend_lines(now, before, "discipline"),
        trend_lines(now, before, "community_id"),
        trend_lines(now, before, "responsible_staff_id"),
    )


def trend_lines(
    now: Iterable[NonconformanceRecord], before: Iterable[NonconformanceRecord], key: str
) -> tuple[TrendLine, ...]:
    """Counts by ``key`` in one period against the period before, worst first, then by key."""
    c = Counter(str(getattr(r, key)) for r in now)
    p = Counter(str(getattr(r, key)) for r in before)
    out = [TrendLine(k, c[k], p[k]) for k in set(c) | set(p)]
    return tuple(sorted(out, key=lambda t: (-t.count, t.key)))
