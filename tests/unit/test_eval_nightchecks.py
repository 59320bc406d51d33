from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from svcq.domain.evaluations.kinds import AlertKind, YearMonth
from svcq.domain.evaluations.nightchecks import (
    NightCheck,
    WeatherAlert,
    alerts_without_night_check,
    night_of,
    propose_slots,
    shortfalls,
    window_minutes,
)
from svcq.domain.evaluations.settings import NightCheckSettings
from svcq.errors import InvalidArgument

SH = ZoneInfo("Asia/Shanghai")
S = NightCheckSettings()
JUNE = YearMonth(2026, 6)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


def in_window(t: datetime) -> bool:
    return t.time() >= S.window_start or t.time() < S.window_end


def test_window_wraps_midnight():
    assert window_minutes(S) == 7 * 60
    assert window_minutes(NightCheckSettings(window_start=time(1), window_end=time(4))) == 180


def test_slots_are_random_in_window_on_distinct_nights_and_reproducible():
    slots = propose_slots(JUNE, SH, seed=42, settings=S)
    assert len(slots) == 4
    assert slots == sorted(slots)
    assert all(in_window(t) and t.tzinfo is SH for t in slots)
    nights = [night_of(t, S) for t in slots]
    assert len(set(nights)) == 4 and all(YearMonth.of(n) == JUNE for n in nights)
    assert propose_slots(JUNE, SH, seed=42, settings=S) == slots
    assert propose_slots(JUNE, SH, seed=43, settings=S) != slots
    assert propose_slots(YearMonth(2026, 7), SH, seed=42, settings=S) != slots


def test_slot_count_configurable_and_bounded():
    assert len(propose_slots(JUNE, SH, 1, NightCheckSettings(min_per_month=6))) == 6
    assert len(propose_slots(JUNE, SH, 1, S, count=30)) == 30
    with pytest.raises(InvalidArgument):
        propose_slots(JUNE, SH, 1, S, count=31)


def test_early_morning_check_counts_for_the_previous_night():
    assert night_of(local(2026, 6, 1, 1, 30), S).isoformat() == "2026-05-31"
    assert night_of(local(2026, 6, 1, 22, 30), S).isoformat() == "2026-06-01"
    assert night_of(local(2026, 6, 1, 5, 0), S).isoformat() == "2026-06-01"


def test_months_below_minimum():
    may = [local(2026, 5, d, 23) for d in (3, 10, 17)] + [local(2026, 6, 1, 2)]  # 4 in May
    june = [local(2026, 6, d, 23) for d in (2, 9, 16)]  # 3 in June
    checks_utc = [t.astimezone(UTC) for t in may + june]
    result = shortfalls(checks_utc, [JUNE, YearMonth(2026, 5), YearMonth(2026, 7)], SH, S)
    assert [(s.month, s.count, s.required) for s in result] == [
        (JUNE, 3, 4),
        (YearMonth(2026, 7), 0, 4),
    ]
    assert shortfalls(checks_utc, [JUNE], SH, NightCheckSettings(min_per_month=3)) == []


def test_storm_alerts_without_a_night_check_within_hours():
    issued = datetime(2026, 7, 10, 12, tzinfo=UTC)
    alerts = [
        WeatherAlert("a1", "c1", AlertKind.TYPHOON, issued),
        WeatherAlert("a2", "c2", AlertKind.RAINSTORM, issued),
        WeatherAlert("a3", "c1", AlertKind.RAINSTORM, issued + timedelta(days=3)),
    ]
    checks = [
        NightCheck("c1", issued + timedelta(hours=24)),  # exactly at the limit: covers a1
        NightCheck("c2", issued - timedelta(hours=1)),  # before the alert: does not count
        NightCheck("c3", issued + timedelta(hours=2)),  # other community
    ]
    now = issued + timedelta(days=3, hours=1)
    out = alerts_without_night_check(alerts, checks, now, S)
    assert [(u.alert.id, u.overdue) for u in out] == [("a2", True), ("a3", False)]
    assert out[0].due_by == issued + timedelta(hours=24)
    short = NightCheckSettings(alert_followup_hours=12)
    assert [u.alert.id for u in alerts_without_night_check(alerts, checks, now, short)] == [
        "a1",
        "a2",
        "a3",
    ]
