"""[tickets.calendar]: holidays and make-up days declared for a year the chinese-calendar
package does not know count for deadlines at once, on SQLite and PostgreSQL.

The 2027 days below are made up for the test (Spring Festival week 5-11 Feb off,
Saturday 13 Feb worked), not the official schedule. Office hours 08:30-17:30;
respond within 2 working hours by default.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from structlog.testing import capture_logs

from svcq.clock import FakeClock
from svcq.domain import calendar
from svcq.testing import RunningServer, start_server
from tests.api.test_tickets import Desk
from tests.conftest import fresh_database
from tests.support import Factory

SH = ZoneInfo("Asia/Shanghai")
DAYS = {"2027": {"holidays": ["2027-02-05..2027-02-11"], "workdays": ["2027-02-13"]}}


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


@pytest.fixture(scope="module")
def declared(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    url, pg = fresh_database(backend, tmp_path_factory)
    running = start_server(url, clock=FakeClock(local(2027, 2, 4, 16, 30)),
                           config={"tickets": {"calendar": DAYS}})
    try:
        yield running
    finally:
        running.stop()
        if pg is not None:
            pg.drop()


def respond_by(server: RunningServer, at: datetime) -> datetime:
    server.clock.set(at)
    ticket = Desk(server, Factory(server.channel)).create()
    return ticket.respond_by.ToDatetime().replace(tzinfo=ZoneInfo("UTC")).astimezone(SH)


def test_declared_days_move_deadlines(declared: RunningServer, monkeypatch):
    monkeypatch.setattr(calendar, "_warned_years", set())
    with capture_logs() as logs:
        # Thursday 16:30: one hour that day, then the declared week off; Friday 12 Feb works.
        assert respond_by(declared, local(2027, 2, 4, 16, 30)) == local(2027, 2, 12, 9, 30)
        # Friday 16:30: the declared make-up Saturday is worked.
        assert respond_by(declared, local(2027, 2, 12, 16, 30)) == local(2027, 2, 13, 9, 30)
    # 2027 is declared, so the package's silence about it is not reported.
    assert not [e for e in logs if e["event"] == "calendar_year_not_covered"]
