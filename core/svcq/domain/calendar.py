"""Working time of a community: when the clock of a deadline runs.

A ticket's limits are promises made by a service centre that keeps office
hours on Chinese working days, so "2 hours" on Friday at 17:00 ends on Monday
morning, and the National Day week does not count while its make-up Saturday
does. Emergencies and round-the-clock promises run on the plain clock
instead. Both are a :class:`Timeline`: a sequence of open windows from which
on-hold intervals (pauses) are cut, so one algorithm adds durations and
measures elapsed time for both, and walks a day at a time rather than a
minute at a time, cheap enough to run on every request.

All instants in and out are aware datetimes; results are UTC.
"""

from __future__ import annotations

import enum
import functools
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import chinese_calendar
import structlog

log = structlog.get_logger("svcq.calendar")

#: A half-open span of time ``[start, end)``, both aware.
Interval = tuple[datetime, datetime]

_END_OF_TIME = datetime.max.replace(tzinfo=UTC)

#: (month, day) of the public holidays the national regulation fixes on the
#: Gregorian calendar (全国年节及纪念日放假办法, as in force since 2025: 元旦 1 Jan,
#: 劳动节 1-2 May, 国庆节 1-3 Oct). They hold in every year, published or not; the
#: lunar ones (春节, 清明, 端午, 中秋) and the make-up days do not, so a year the
#: package does not know keeps only these.
FIXED_HOLIDAYS: frozenset[tuple[int, int]] = frozenset(
    {(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)}
)

_warned_years: set[int] = set()
_warned_lock = threading.Lock()


@functools.cache
def package_gap(year: int) -> str | None:
    """Why ``chinese_calendar`` cannot answer for ``year`` (its own words), or None if it can."""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError as exc:
        return str(exc)
    return None


def _warn_uncovered(year: int, gap: str) -> None:
    """Say once per year and process that deadlines in ``year`` use the fallback.

    An admin reading the log should learn it before a customer notices that a
    ticket was due on a holiday; once is enough, every deadline would repeat it.
    """
    with _warned_lock:
        if year in _warned_years:
            return
        _warned_years.add(year)
    log.warning(
        "calendar_year_not_covered",
        year=year,
        package=f"chinese_calendar {getattr(chinese_calendar, '__version__', '?')}",
        detail=gap,
        fallback="Monday-Friday, without 1 Jan, 1-2 May and 1-3 Oct; extra days still apply",
        remedy="upgrade chinese_calendar once a release covers the year",
    )


class TimeBasis(enum.StrEnum):
    """Which time a limit is measured in."""

    #: Working hours on the community's working days.
    WORKING = "working"
    #: The plain clock, 24 hours a day, every day.
    CLOCK = "clock"


def _utc(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError(f"naive datetime {instant!r}: working time needs aware instants")
    return instant.astimezone(UTC)


def _merge(pauses: Iterable[Interval]) -> list[Interval]:
    """Sort and fuse pauses so that cutting them from windows is one forward pass."""
    spans = sorted((_utc(lo), _utc(hi)) for lo, hi in pauses)
    merged: list[Interval] = []
    for lo, hi in spans:
        if hi <= lo:
            continue
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _cut(windows: Iterable[Interval], pauses: list[Interval]) -> Iterator[Interval]:
    """Yield the parts of ascending, disjoint ``windows`` not covered by ``pauses``."""
    first = 0
    for lo, hi in windows:
        while first < len(pauses) and pauses[first][1] <= lo:
            first += 1
        index = first
        while lo < hi:
            if index < len(pauses) and pauses[index][0] < hi:
                pause_lo, pause_hi = pauses[index]
                if pause_lo > lo:
                    yield lo, pause_lo
                lo = max(lo, pause_hi)
                index += 1
            else:
                yield lo, hi
                break


class Timeline(ABC):
    """Time that counts towards a limit; pauses (on-hold intervals) never count.

    A pause still open (the ticket is on hold now) is passed closed at "now" by
    the caller, so a deadline shown while on hold moves on as the hold goes on.
    """

    @abstractmethod
    def _windows(self, start: datetime) -> Iterator[Interval]:
        """Ascending, disjoint windows of counting time from ``start`` (UTC) on, forever."""

    def add(
        self, start: datetime, duration: timedelta, pauses: Iterable[Interval] = ()
    ) -> datetime:
        """The instant (UTC) at which ``duration`` of counting time after ``start`` is used up.

        A duration ending exactly at the close of a working day ends there, not
        the next morning: a promise kept at 17:30 was kept that day.
        """
        start = _utc(start)
        if duration < timedelta(0):
            raise ValueError(f"negative duration {duration}")
        if not duration:
            return start
        remaining = duration
        for lo, hi in _cut(self._windows(start), _merge(pauses)):
            if hi - lo >= remaining:
                return lo + remaining
            remaining -= hi - lo
        raise AssertionError("a timeline never runs out of windows")  # pragma: no cover

    def between(self, start: datetime, end: datetime, pauses: Iterable[Interval] = ()) -> timedelta:
        """Counting time from ``start`` to ``end``; negative when ``end`` comes first.

        The sign lets one call say both "how much is left" and "how late".
        """
        start, end = _utc(start), _utc(end)
        if end < start:
            return -self.between(end, start, pauses)
        total = timedelta(0)
        for lo, hi in _cut(self._windows(start), _merge(pauses)):
            if lo >= end:
                break
            total += min(hi, end) - lo
        return total


class PlainClock(Timeline):
    """Round-the-clock time, for emergencies and 24-hour promises."""

    def _windows(self, start: datetime) -> Iterator[Interval]:
        yield start, _END_OF_TIME

    def __repr__(self) -> str:
        return "PlainClock()"


#: The one plain clock; it has no settings.
PLAIN_CLOCK = PlainClock()


@dataclass(frozen=True)
class WorkingCalendar(Timeline):
    """A community's office hours on Chinese working days.

    Working days follow the ``chinese_calendar`` package: public holidays are
    off and the official make-up days (调休, e.g. a Saturday) are worked.
    Outside the years that package knows (version 1.11, the newest release on
    2026-11-22, covers 2004-2026) the calendar falls back to Monday-Friday
    without the :data:`FIXED_HOLIDAYS`, so a deadline in a year whose schedule
    is not yet published is still computed, and says so once in the log
    (``calendar_year_not_covered``). Spring Festival week and the make-up days
    of such a year are wrong until the package is upgraded or the days are
    listed in ``extra_holidays``/``extra_workdays`` (``[tickets.calendar]``).
    The extra days also carry local closures (a typhoon day) and always win.
    """

    #: IANA time zone of the community; "today" is its local date.
    time_zone: str = "Asia/Shanghai"
    #: Local start of the working day.
    day_start: time = time(8, 30)
    #: Local end of the working day (same day; must be after ``day_start``).
    day_end: time = time(17, 30)
    #: Follow Chinese public holidays and make-up days; off means Monday-Friday.
    chinese_holidays: bool = True
    #: Local dates that are never working days, whatever the rules say.
    extra_holidays: frozenset[date] = field(default_factory=frozenset)
    #: Local dates that are always working days, whatever the rules say.
    extra_workdays: frozenset[date] = field(default_factory=frozenset)
    #: Years whose holidays and make-up days the extra days give in full
    #: (``[tickets.calendar]``): the package's silence about them is not reported.
    declared_years: frozenset[int] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.day_start >= self.day_end:
            raise ValueError(f"day_start {self.day_start} must come before day_end {self.day_end}")
        if self.day_start.tzinfo is not None or self.day_end.tzinfo is not None:
            raise ValueError("day_start and day_end are local times without tzinfo")
        if self.extra_holidays & self.extra_workdays:
            raise ValueError("a date cannot be both an extra holiday and an extra workday")
        try:
            self.zone  # noqa: B018 -- fail at construction, not at the first deadline
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.time_zone!r}") from exc

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def plain_clock(self) -> PlainClock:
        return PLAIN_CLOCK

    def timeline(self, basis: TimeBasis) -> Timeline:
        """This calendar for working time, or the plain clock."""
        return self if basis is TimeBasis.WORKING else PLAIN_CLOCK

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_holidays:
            return False
        if day in self.extra_workdays:
            return True
        if self.chinese_holidays:
            gap = package_gap(day.year)
            if gap is None:
                return chinese_calendar.is_workday(day)
            if day.year not in _warned_years and day.year not in self.declared_years:
                _warn_uncovered(day.year, gap)
            if (day.month, day.day) in FIXED_HOLIDAYS:
                return False
        return day.weekday() < 5

    def is_working_time(self, instant: datetime) -> bool:
        local = _utc(instant).astimezone(self.zone)
        return self.is_working_day(local.date()) and self.day_start <= local.time() < self.day_end

    def local_date(self, instant: datetime) -> date:
        """The community's calendar date at ``instant`` ("today" when it is now)."""
        return _utc(instant).astimezone(self.zone).date()

    def day_bounds(self, day: date) -> Interval:
        """The UTC span of one local calendar day, e.g. for the daily closure."""
        return self._at(day, time(0)), self._at(day + timedelta(days=1), time(0))

    def _at(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, tzinfo=self.zone).astimezone(UTC)

    def _windows(self, start: datetime) -> Iterator[Interval]:
        # Terminates: Monday-Friday fallback and finite extra holidays leave working days ahead.
        day = self.local_date(start)
        while True:
            if self.is_working_day(day):
                lo, hi = self._at(day, self.day_start), self._at(day, self.day_end)
                if hi > start:
                    yield max(lo, start), hi
            day += timedelta(days=1)
