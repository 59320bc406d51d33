"""Period keys: the community-local calendar period a job run belongs to."""

from __future__ import annotations

from datetime import date

import pytest

from svcq.plugin import Period
from svcq.plugins.jobs import period_key


@pytest.mark.parametrize(("period", "day", "key"), [
    (Period.DAILY, date(2026, 1, 5), "2026-01-05"),
    (Period.WEEKLY, date(2026, 1, 5), "2026-W02"),     # Monday of ISO week 2
    (Period.WEEKLY, date(2026, 1, 4), "2026-W01"),     # the Sunday before
    (Period.WEEKLY, date(2027, 1, 1), "2026-W53"),     # ISO year differs from calendar year
    (Period.MONTHLY, date(2026, 12, 31), "2026-12"),
    (Period.QUARTERLY, date(2026, 3, 31), "2026-Q1"),
    (Period.QUARTERLY, date(2026, 4, 1), "2026-Q2"),
    (Period.QUARTERLY, date(2026, 12, 1), "2026-Q4"),
    (Period.YEARLY, date(2026, 7, 1), "2026"),
])
def test_period_key(period, day, key):
    assert period_key(period, day) == key
