"""Working time on the community calendar, checked against hand-counted dates.

2026 facts (chinese_calendar 1.11): Mid-autumn Fri 25 - Sun 27 Sep off,
Sunday 20 Sep worked; National Day Thu 1 - Wed 7 Oct off, Saturday 10 Oct
worked; 1 Jan 2026 is a Thursday. 1.11 is the newest release on 2026-11-22 and
has no 2027 data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from structlog.testing import capture_logs

from svcq.domain import calendar
from svcq.domain.calendar import PLAIN_CLOCK, TimeBasis, WorkingCalendar, package_gap

SH = ZoneInfo("Asia/Shanghai")
CAL = WorkingCalendar()
H = timedelta(hours=1)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


def test_results_are_utc():
    due = CAL.add(local(2026, 1, 12, 9, 0), H)
    assert due.tzinfo is UTC
    assert due == datetime(2026, 1, 12, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        # Friday afternoon runs into Monday morning.
        (local(2026, 1, 9, 16, 30), 2 * H, local(2026, 1, 12, 9, 30)),
        # Filling the day exactly ends at closing time, not the next morning.
        (local(2026, 1, 12, 16, 30), H, local(2026, 1, 12, 17, 30)),
        # Before opening: the clock starts at 08:30.
        (local(2026, 1, 12, 7, 0), H, local(2026, 1, 12, 9, 30)),
        # After closing: the clock starts the next working morning.
        (local(2026, 1, 12, 20, 0), H, local(2026, 1, 13, 9, 30)),
        # Two full working days and one hour.
        (local(2026, 1, 12, 8, 30), 19 * H, local(2026, 1, 14, 9, 30)),
        # National Day: 30 Sep afternoon to Thursday 8 Oct.
        (local(2026, 9, 30, 16, 30), 2 * H, local(2026, 10, 8, 9, 30)),
        # Submitted during the holiday: waits for 8 Oct.
        (local(2026, 10, 3, 11, 0), H, local(2026, 10, 8, 9, 30)),
        # Make-up Saturday 10 Oct is worked.
        (local(2026, 10, 9, 17, 0), H, local(2026, 10, 10, 9, 0)),
        # ... and Sunday 11 Oct is not.
        (local(2026, 10, 10, 17, 0), H, local(2026, 10, 12, 9, 0)),
        # Make-up Sunday 20 Sep is worked.
        (local(2026, 9, 19, 10, 0), H, local(2026, 9, 20, 9, 30)),
        # Mid-autumn Friday-Sunday off.
        (local(2026, 9, 24, 17, 0), H, local(2026, 9, 28, 9, 0)),
        # Zero duration is the start itself.
        (local(2026, 10, 3, 11, 0), timedelta(0), local(2026, 10, 3, 11, 0)),
    ],
)
def test_add_working_time(start, duration, expected):
    assert CAL.add(start, duration) == expected


def test_between_across_national_day():
    # 30 Sep + 8, 9 and 10 Oct are the only working days: 4 x 9 h.
    assert CAL.between(local(2026, 9, 30, 8, 30), local(2026, 10, 10, 17, 30)) == 36 * H


def test_between_is_signed():
    a, b = local(2026, 1, 12, 9, 0), local(2026, 1, 12, 11, 15)
    assert CAL.between(a, b) == timedelta(hours=2, minutes=15)
    assert CAL.between(b, a) == -timedelta(hours=2, minutes=15)
    assert CAL.between(a, a) == timedelta(0)


def test_between_outside_hours_is_zero():
    assert CAL.between(local(2026, 1, 12, 18, 0), local(2026, 1, 13, 8, 0)) == timedelta(0)
    assert CAL.between(local(2026, 10, 1, 0, 0), local(2026, 10, 8, 0, 0)) == timedelta(0)


class TestPauses:
    def test_pause_inside_the_day_is_added_on(self):
        pauses = [(local(2026, 1, 12, 9, 30), local(2026, 1, 12, 10, 30))]
        assert CAL.add(local(2026, 1, 12, 9, 0), 2 * H, pauses) == local(2026, 1, 12, 12, 0)

    def test_overlapping_pauses_count_once(self):
        pauses = [
            (local(2026, 1, 12, 9, 45), local(2026, 1, 12, 10, 30)),
            (local(2026, 1, 12, 9, 30), local(2026, 1, 12, 10, 0)),
        ]
        assert CAL.add(local(2026, 1, 12, 9, 0), 2 * H, pauses) == local(2026, 1, 12, 12, 0)

    def test_pause_over_night(self):
        # 16:00-17:00 counts (1 h); Tuesday counts only from 09:00.
        pauses = [(local(2026, 1, 12, 17, 0), local(2026, 1, 13, 9, 0))]
        assert CAL.add(local(2026, 1, 12, 16, 0), 2 * H, pauses) == local(2026, 1, 13, 10, 0)

    def test_pause_over_a_holiday_changes_nothing_extra(self):
        pauses = [(local(2026, 10, 1, 0, 0), local(2026, 10, 8, 0, 0))]
        assert CAL.add(local(2026, 9, 30, 16, 30), 2 * H, pauses) == local(2026, 10, 8, 9, 30)

    def test_pause_before_start_is_ignored(self):
        pauses = [(local(2026, 1, 12, 8, 30), local(2026, 1, 12, 12, 0))]
        assert CAL.add(local(2026, 1, 12, 13, 0), H, pauses) == local(2026, 1, 12, 14, 0)

    def test_several_pauses_across_days(self):
        pauses = [
            (local(2026, 1, 12, 10, 0), local(2026, 1, 12, 11, 0)),  # -1 h Monday
            (local(2026, 1, 13, 8, 0), local(2026, 1, 13, 12, 30)),  # -4 h Tuesday
        ]
        # Monday 09:00-17:30 = 8.5 h - 1 h = 7.5 h; 2.5 h more from Tuesday 12:30.
        assert CAL.add(local(2026, 1, 12, 9, 0), 10 * H, pauses) == local(2026, 1, 13, 15, 0)
        assert CAL.between(local(2026, 1, 12, 9, 0), local(2026, 1, 13, 15, 0), pauses) == 10 * H

    def test_empty_and_reversed_pauses_are_ignored(self):
        at = local(2026, 1, 12, 9, 0)
        pauses = [(at, at), (local(2026, 1, 12, 11, 0), local(2026, 1, 12, 10, 0))]
        assert CAL.add(at, H, pauses) == local(2026, 1, 12, 10, 0)


class TestPlainClock:
    def test_add_runs_through_nights_and_holidays(self):
        start = local(2026, 10, 3, 3, 0)
        assert PLAIN_CLOCK.add(start, timedelta(minutes=30)) == local(2026, 10, 3, 3, 30)
        assert PLAIN_CLOCK.add(start, 24 * H) == local(2026, 10, 4, 3, 0)

    def test_pauses_are_excluded(self):
        start = local(2026, 10, 3, 3, 0)
        pauses = [(local(2026, 10, 3, 3, 10), local(2026, 10, 3, 4, 10))]
        assert PLAIN_CLOCK.add(start, timedelta(minutes=30), pauses) == local(2026, 10, 3, 4, 30)
        assert PLAIN_CLOCK.between(start, local(2026, 10, 3, 5, 0), pauses) == H

    def test_calendar_picks_its_timeline(self):
        assert CAL.timeline(TimeBasis.WORKING) is CAL
        assert CAL.timeline(TimeBasis.CLOCK) is PLAIN_CLOCK is CAL.plain_clock


class TestWorkingDays:
    @pytest.mark.parametrize(
        ("day", "working"),
        [
            (date(2026, 10, 1), False),
            (date(2026, 10, 7), False),
            (date(2026, 10, 8), True),
            (date(2026, 10, 10), True),  # make-up Saturday
            (date(2026, 10, 11), False),
            (date(2026, 9, 20), True),  # make-up Sunday
            (date(2026, 9, 25), False),  # Mid-autumn Friday
            (date(2026, 1, 12), True),
            (date(2026, 1, 10), False),
        ],
    )
    def test_chinese_holidays(self, day, working):
        assert CAL.is_working_day(day) is working

    def test_2027_keeps_the_holidays_fixed_by_law(self):
        # True with chinese_calendar 1.11 (no 2027 data, Monday-Friday fallback) and with
        # any release that has 2027: the regulation fixes these dates on the calendar.
        assert CAL.is_working_day(date(2027, 1, 1)) is False  # a Friday, 元旦
        assert [CAL.is_working_day(date(2027, 10, d)) for d in (1, 2, 3)] == [False] * 3
        assert CAL.is_working_day(date(2027, 1, 2)) is False  # Saturday
        new_year_eve = datetime(2026, 12, 31, 17, 0, tzinfo=SH)
        assert CAL.add(new_year_eve, H) == datetime(2027, 1, 4, 9, 0, tzinfo=SH)

    def test_a_year_the_package_does_not_know_falls_back_and_says_so_once(self, monkeypatch):
        year = next(y for y in range(2026, 2200) if package_gap(y))
        monkeypatch.setattr(calendar, "_warned_years", set())
        monday = next(date(year, 3, d) for d in range(1, 8) if date(year, 3, d).weekday() == 0)
        with capture_logs() as logs:
            assert CAL.is_working_day(monday) is True
            assert CAL.is_working_day(monday + timedelta(days=5)) is False  # Saturday
            assert CAL.is_working_day(date(year, 5, 2)) is False
            CAL.add(local(year, 3, monday.day, 9, 0), 40 * H)
            WorkingCalendar(time_zone="Asia/Urumqi").is_working_day(monday)
        warnings = [e for e in logs if e["event"] == "calendar_year_not_covered"]
        assert len(warnings) == 1
        assert warnings[0]["log_level"] == "warning"
        assert warnings[0]["year"] == year
        assert str(year) in warnings[0]["detail"]  # the package's own words, with its range

    def test_a_declared_year_says_nothing(self, monkeypatch):
        year = next(y for y in range(2026, 2200) if package_gap(y))
        monkeypatch.setattr(calendar, "_warned_years", set())
        with capture_logs() as logs:
            WorkingCalendar(declared_years=frozenset({year})).is_working_day(date(year, 3, 3))
        assert logs == []

    def test_a_covered_year_says_nothing(self, monkeypatch):
        monkeypatch.setattr(calendar, "_warned_years", set())
        with capture_logs() as logs:
            CAL.add(local(2026, 9, 30, 9, 0), 40 * H)
        assert logs == []
        assert package_gap(2026) is None

    def test_extra_days_still_win_in_an_unknown_year(self):
        year = next(y for y in range(2026, 2200) if package_gap(y))
        cal = WorkingCalendar(extra_holidays=frozenset({date(year, 3, 3)}),
                              extra_workdays=frozenset({date(year, 1, 1)}))
        assert cal.is_working_day(date(year, 1, 1)) is True
        assert cal.is_working_day(date(year, 3, 3)) is False

    def test_without_chinese_holidays_national_day_is_worked(self):
        cal = WorkingCalendar(chinese_holidays=False)
        assert cal.is_working_day(date(2026, 10, 1)) is True
        assert cal.is_working_day(date(2026, 10, 10)) is False

    def test_extra_days_win(self):
        cal = WorkingCalendar(
            extra_holidays=frozenset({date(2026, 1, 12)}),
            extra_workdays=frozenset({date(2026, 10, 2)}),
        )
        assert cal.is_working_day(date(2026, 1, 12)) is False
        assert cal.is_working_day(date(2026, 10, 2)) is True
        assert cal.add(local(2026, 1, 9, 17, 0), H) == local(2026, 1, 13, 9, 0)

    def test_working_time(self):
        assert CAL.is_working_time(local(2026, 1, 12, 8, 30))
        assert not CAL.is_working_time(local(2026, 1, 12, 17, 30))
        assert not CAL.is_working_time(local(2026, 10, 2, 10, 0))


class TestLocalDays:
    def test_local_date_is_the_communitys(self):
        # 17:00 UTC on 5 Jan is 01:00 on 6 Jan in Shanghai.
        assert CAL.local_date(datetime(2026, 1, 5, 17, 0, tzinfo=UTC)) == date(2026, 1, 6)
        assert CAL.local_date(datetime(2026, 1, 5, 15, 59, tzinfo=UTC)) == date(2026, 1, 5)

    def test_day_bounds(self):
        assert CAL.day_bounds(date(2026, 1, 6)) == (
            datetime(2026, 1, 5, 16, 0, tzinfo=UTC),
            datetime(2026, 1, 6, 16, 0, tzinfo=UTC),
        )

    def test_other_zone_and_hours(self):
        cal = WorkingCalendar(
            time_zone="Europe/Berlin", day_start=time(9), day_end=time(17), chinese_holidays=False
        )
        berlin = ZoneInfo("Europe/Berlin")
        # Summer time starts Sunday 29 Mar 2026; Friday 16:00 + 2 h -> Monday 10:00 CEST.
        start = datetime(2026, 3, 27, 16, 0, tzinfo=berlin)
        assert cal.add(start, 2 * H) == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)


class TestRefusals:
    def test_naive_datetimes(self):
        with pytest.raises(ValueError, match="naive"):
            CAL.add(datetime(2026, 1, 12, 9), H)
        with pytest.raises(ValueError, match="naive"):
            CAL.between(local(2026, 1, 12, 9), datetime(2026, 1, 12, 10))

    def test_negative_duration(self):
        with pytest.raises(ValueError, match="negative"):
            CAL.add(local(2026, 1, 12, 9), -H)

    def test_bad_settings(self):
        with pytest.raises(ValueError, match="before"):
            WorkingCalendar(day_start=time(18), day_end=time(9))
        with pytest.raises(ValueError, match="both"):
            WorkingCalendar(
                extra_holidays=frozenset({date(2026, 1, 1)}),
                extra_workdays=frozenset({date(2026, 1, 1)}),
            )
        with pytest.raises(ValueError, match="time zone"):
            WorkingCalendar(time_zone="Mars/Olympus_Mons")


instants = st.datetimes(
    min_value=datetime(2025, 12, 1), max_value=datetime(2027, 2, 1), timezones=st.just(UTC)
)
durations = st.integers(min_value=0, max_value=200 * 60).map(lambda m: timedelta(minutes=m))


@settings(max_examples=150, deadline=None)
@given(start=instants, duration=durations, pause_at=instants, pause_minutes=st.integers(0, 5000))
def test_between_undoes_add(start, duration, pause_at, pause_minutes):
    pauses = [(pause_at, pause_at + timedelta(minutes=pause_minutes))]
    for timeline in (CAL, PLAIN_CLOCK):
        due = timeline.add(start, duration, pauses)
        assert due >= start
        assert timeline.between(start, due, pauses) == duration
