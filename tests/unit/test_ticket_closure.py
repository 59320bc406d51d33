"""The daily closure rebuilt from history: what the day received, closed and carries over."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from svcq.domain.tickets.closure import ClosureTicket, HistoryFact, daily_closure
from svcq.domain.tickets.lifecycle import TicketState as S

SH = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 3, 2)
START, CUTOFF = datetime(2026, 3, 2, tzinfo=SH), datetime(2026, 3, 2, 17, tzinfo=SH)


def at(hour: int, day: int = 2) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=SH)


def ticket(tid: str, created: datetime, *steps: tuple[str, S, int], major: bool = False,
           resolve_by: datetime | None = None, **extra: str) -> ClosureTicket:
    history = [HistoryFact("CREATE", S.NEW, "clerk", created)]
    for action, state, hour in steps:
        history.append(HistoryFact(action, state, extra.get("actor", "eng"), at(hour),
                                   reason=extra.get("reason", "") if state is S.ON_HOLD else "",
                                   assignee_staff_id="eng" if action == "DISPATCH" else ""))
    return ClosureTicket(tid, created, "clerk", "clerk", major, False,
                         resolve_by or at(9, 3), history)


def test_received_closed_and_carried_over():
    tickets = [
        ticket("old-closed", at(20, 1), ("DISPATCH", S.DISPATCHED, 9), ("START", S.IN_PROGRESS, 9),
               ("RESOLVE", S.RESOLVED, 10), ("CALLBACK_SATISFIED", S.CALLBACK_DONE, 10),
               ("CLOSE", S.CLOSED, 11)),
        ticket("same-day", at(9), ("RESOLVE", S.RESOLVED, 9),
               ("CALLBACK_SATISFIED", S.CALLBACK_DONE, 9), ("CLOSE", S.CLOSED, 9)),
        ticket("held", at(10), ("DISPATCH", S.DISPATCHED, 10), ("HOLD", S.ON_HOLD, 11),
               reason="parts ordered"),
        ticket("late-old", at(9, 1), resolve_by=at(9)),
        ticket("tomorrow-work", at(12), ("DISPATCH", S.DISPATCHED, 18)),
        ticket("after-cutoff", at(18)),
        ticket("cancelled", at(8), ("CANCEL", S.CANCELLED, 8)),
    ]
    report = daily_closure("c1", DAY, START, CUTOFF, tickets)
    assert report.received == ("cancelled", "same-day", "held", "tomorrow-work")
    assert report.closed == ("old-closed", "same-day")
    assert report.closed_same_day == ("same-day",)
    items = {i.ticket_id: i for i in report.carried_over}
    assert list(items) == ["late-old", "held", "tomorrow-work"]
    assert (items["held"].reason, items["held"].responsible_staff_id) == ("parts ordered", "eng")
    assert items["tomorrow-work"].state is S.NEW  # its 18:00 dispatch is after the cutoff
    assert items["tomorrow-work"].responsible_staff_id == "clerk"
    late = items["late-old"]
    assert late.report_to_project_head and not late.owner_replied  # nobody touched it today
    assert [i.ticket_id for i in report.for_project_head] == ["late-old"]


def test_same_history_same_report():
    tickets = [ticket("t", at(10), ("DISPATCH", S.DISPATCHED, 11))]
    assert daily_closure("c1", DAY, START, CUTOFF, tickets) == daily_closure(
        "c1", DAY, START, CUTOFF, list(reversed(tickets)))
