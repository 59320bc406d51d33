"""Which period a periodic job's run belongs to.

A job runs once per community per period; the period key names that period
in the community's own calendar (a weekly job in Shanghai rolls over at
Monday 00:00 Shanghai time, not UTC), and is what the host stores to
remember that the run happened.
"""

from __future__ import annotations

from datetime import date

from svcq.plugin import Period


def period_key(period: Period, day: date) -> str:
    """``2026-01-05`` (daily), ``2026-W02`` (ISO week), ``2026-01``, ``2026-Q1``, ``2026``."""
    if period is Period.DAILY:
        return day.isoformat()
    if period is Period.WEEKLY:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if period is Period.MONTHLY:
        return f"{day.year}-{day.month:02d}"
    if period is Period.QUARTERLY:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return str(day.year)
