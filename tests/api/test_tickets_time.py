"""Time-driven ticket rules through the API: deadlines, the overdue sweep, the daily closure,
the quality sample and the figures, with the server's fake clock and hand-computed values.

The clock is shared by the session and only moves forward, so the tests here
run on fixed 2026 dates in calendar order (Asia/Shanghai, office hours
08:30-17:30; defaults: respond within 2 working hours, resolve within 24
clock hours). 2026: Spring Festival 15-23 Feb off, Saturdays 14 and 28 Feb
worked.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import grpc
import pytest
from google.type import date_pb2

from svcq.domain.tickets.lifecycle import Action
from svcq.domain.tickets.sampling import quality_sample
from svcq.storage.db import database
from svcq.testing import RunningServer
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import ticket_pb2 as pb
from tests.api.test_tickets import Desk
from tests.support import Factory, details

SH = ZoneInfo("Asia/Shanghai")
UTC_NAIVE = ZoneInfo("UTC")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


def naive(when: datetime) -> datetime:
    return when.astimezone(UTC_NAIVE).replace(tzinfo=None)


def move_to(server: RunningServer, when: datetime) -> None:
    now = server.clock.now()
    if when < now:
        pytest.fail(f"the shared clock is already at {now}, past {when}: keep dates in order")
    server.clock.set(when)


@pytest.fixture
def desk(server: RunningServer, factory: Factory) -> Desk:
    return Desk(server, factory)


def pb_date(day: date) -> date_pb2.Date:
    return date_pb2.Date(year=day.year, month=day.month, day=day.day)


# -- deadlines --------------------------------------------------------------------


def test_response_deadline_skips_the_weekend(server, desk):
    move_to(server, local(2026, 1, 9, 16, 30))  # Friday
    ticket = desk.create()
    assert ticket.respond_by.ToDatetime() == naive(local(2026, 1, 12, 9, 30))  # Monday
    assert ticket.resolve_by.ToDatetime() == naive(local(2026, 1, 10, 16, 30))  # by the clock


def test_make_up_saturday_is_worked(server, desk):
    move_to(server, local(2026, 2, 13, 16, 30))  # Friday; Saturday 14 Feb is a working day
    ticket = desk.create()
    assert ticket.respond_by.ToDatetime() == naive(local(2026, 2, 14, 9, 30))


def test_spring_festival_is_skipped(server, desk):
    move_to(server, local(2026, 2, 14, 16, 30))  # the make-up Saturday; 15-23 Feb off
    ticket = desk.create()
    assert ticket.respond_by.ToDatetime() == naive(local(2026, 2, 24, 9, 30))


def test_emergency_runs_on_the_clock_even_on_a_holiday(server, desk):
    move_to(server, local(2026, 2, 21, 3, 0))
    ticket = desk.create(emergency=True)
    assert ticket.respond_by.ToDatetime() == naive(local(2026, 2, 21, 3, 30))
    assert ticket.resolve_by.ToDatetime() == naive(local(2026, 2, 22, 3, 0))


def test_a_hold_pauses_both_deadlines(server, desk):
    move_to(server, local(2026, 2, 24, 9, 0))  # Tuesday
    ticket = desk.act(desk.create(), Action.DISPATCH)
    assert ticket.respond_by.ToDatetime() == naive(local(2026, 2, 24, 11, 0))
    assert ticket.resolve_by.ToDatetime() == naive(local(2026, 2, 25, 9, 0))
    move_to(server, local(2026, 2, 24, 10, 0))
    held = desk.act(ticket, Action.HOLD, reason="owner not at home")
    move_to(server, local(2026, 2, 24, 12, 0))
    shown = desk.get(ticket.id)  # while held, deadlines move on with the hold
    assert shown.respond_by.ToDatetime() == naive(local(2026, 2, 24, 13, 0))
    assert shown.resolve_by.ToDatetime() == naive(local(2026, 2, 25, 11, 0))
    assert shown.paused_duration.ToTimedelta() == timedelta(hours=2)
    assert not shown.HasField("response_met")
    move_to(server, local(2026, 2, 25, 10, 0))
    resumed = desk.act(held, Action.RESUME)
    # 1 working hour was used before the hold; the hold took 24 clock hours.
    assert resumed.respond_by.ToDatetime() == naive(local(2026, 2, 25, 11, 0))
    assert resumed.resolve_by.ToDatetime() == naive(local(2026, 2, 26, 9, 0))
    assert resumed.paused_duration.ToTimedelta() == timedelta(hours=24)
    assert resumed.response_met is True  # resuming puts the work in progress: a response
    assert not resumed.HasField("resolution_met")
    move_to(server, local(2026, 2, 25, 10, 30))
    done = desk.act(resumed, Action.RESOLVE)
    assert done.resolution_met is True
    assert (done.respond_by, done.resolve_by) == (resumed.respond_by, resumed.resolve_by)


# -- overdue sweep and escalation -------------------------------------------------


def sweep_for(server: RunningServer, ticket_id: str):
    with database.connection_context():
        result = server.app.tickets.sweep()
    return ([d for t, d in result.overdue if t == ticket_id],
            [level.name for t, level in result.escalated if t == ticket_id])


def test_overdue_sweep_reports_once_and_escalates_by_lateness(server, desk):
    move_to(server, local(2026, 2, 26, 9, 0))  # Thursday: respond by 11:00, resolve by Fri 9:00
    ticket = desk.act(desk.create(), Action.DISPATCH)
    assert sweep_for(server, ticket.id) == ([], [])
    move_to(server, local(2026, 2, 26, 11, 1))
    assert sweep_for(server, ticket.id) == (["respond"], ["SUPERVISOR"])
    assert sweep_for(server, ticket.id) == ([], [])
    move_to(server, local(2026, 2, 26, 15, 30))  # 4h30 working late: over 4h
    assert sweep_for(server, ticket.id) == ([], ["PROJECT_HEAD"])
    move_to(server, local(2026, 2, 28, 9, 1))  # completion 24h01 late by the clock
    assert sweep_for(server, ticket.id) == (["complete"], ["COMPANY"])
    shown = desk.get(ticket.id)
    assert shown.escalation_level == pb.ESCALATION_LEVEL_COMPANY
    assert shown.etag == ticket.etag  # the sweep's changes leave the caller's etag valid
    assert shown.response_met is False and shown.resolution_met is False
    escalations = [e for e in desk.history(ticket.id) if e.action == pb.TICKET_ACTION_ESCALATE]
    assert [e.escalation_level for e in escalations] == [
        pb.ESCALATION_LEVEL_SUPERVISOR, pb.ESCALATION_LEVEL_PROJECT_HEAD,
        pb.ESCALATION_LEVEL_COMPANY]
    overdue = desk.stub.ListTickets(pb.ListTicketsRequest(
        filter=f'community_id = "{desk.community.id}" AND overdue = true')).tickets
    assert [t.id for t in overdue] == [ticket.id]


# -- daily closure ----------------------------------------------------------------


def test_daily_closure_lists_the_day_and_is_stored_once(server, desk):
    move_to(server, local(2026, 3, 1, 20, 0))  # Sunday evening: received, carried into Monday
    t0 = desk.create()
    move_to(server, local(2026, 3, 2, 9, 0))
    t1 = desk.walk(desk.create(), [Action.DISPATCH, Action.START, Action.RESOLVE,
                                   Action.CALLBACK_SATISFIED, Action.CLOSE])
    move_to(server, local(2026, 3, 2, 9, 30))
    t2 = desk.act(desk.create(), Action.DISPATCH)
    move_to(server, local(2026, 3, 2, 10, 0))
    t3 = desk.create(kind=pb.TICKET_KIND_COMPLAINT, category="service-attitude", major=True)
    move_to(server, local(2026, 3, 2, 11, 0))
    t2 = desk.act(t2, Action.HOLD, reason="parts ordered")
    move_to(server, local(2026, 3, 2, 12, 0))
    desk.walk(t0, [Action.DISPATCH, Action.START, Action.RESOLVE, Action.CALLBACK_SATISFIED,
                   Action.CLOSE])

    def closure(day: date | None = None) -> pb.DailyClosure:
        return desk.stub.GetDailyClosure(pb.GetDailyClosureRequest(
            community_id=desk.community.id, date=pb_date(day) if day else None)).closure

    move_to(server, local(2026, 3, 2, 16, 0))
    early = closure()
    assert not early.stored and early.as_of_time.ToDatetime() == naive(local(2026, 3, 2, 16, 0))

    move_to(server, local(2026, 3, 2, 17, 1))
    with database.connection_context():
        server.app.tickets.run_due_jobs()  # what the scheduler thread does each interval
    report = closure(date(2026, 3, 2))
    assert report.stored
    assert report.as_of_time.ToDatetime() == naive(local(2026, 3, 2, 17, 0))
    assert list(report.received_ticket_ids) == [t1.id, t2.id, t3.id]
    assert list(report.closed_ticket_ids) == [t0.id, t1.id]
    assert (report.received_count, report.closed_same_day_count) == (3, 1)
    assert [(i.ticket_id, i.state, i.reason, i.responsible_staff_id, i.owner_replied,
             i.report_to_project_head) for i in report.carried_over] == [
        (t2.id, pb.TICKET_STATE_ON_HOLD, "parts ordered", desk.engineer.id, True, False),
        (t3.id, pb.TICKET_STATE_NEW, "not yet dispatched", desk.clerk.id, True, True),
    ]

    move_to(server, local(2026, 3, 3, 9, 0))  # the next day's work does not change Monday
    desk.walk(t2, [Action.RESUME, Action.RESOLVE])
    assert closure(date(2026, 3, 2)) == report
    today = closure()
    assert not today.stored and list(today.received_ticket_ids) == []
    assert [i.ticket_id for i in today.carried_over] == [t2.id, t3.id]
    assert today.carried_over[0].state == pb.TICKET_STATE_RESOLVED


# -- quality-department sample ------------------------------------------------------


def test_quality_callbacks_sample_last_weeks_closed_repairs(server, factory):
    region = factory.region()
    a = Desk(server, factory, region_id=region.id)
    b = Desk(server, factory, region_id=region.id)
    move_to(server, local(2026, 3, 10, 9, 0))
    done = [Action.DISPATCH, Action.START, Action.RESOLVE, Action.CALLBACK_SATISFIED,
            Action.CLOSE]
    closed = {a.community.id: [a.walk(a.create(), done).id for _ in range(6)],
              b.community.id: [b.walk(b.create(), done).id for _ in range(4)]}
    a.walk(a.create(kind=pb.TICKET_KIND_INQUIRY, category="fees"),
           [Action.RESOLVE, Action.CALLBACK_SATISFIED, Action.CLOSE])  # not a repair
    a.act(a.create(), Action.DISPATCH)  # not closed
    move_to(server, local(2026, 3, 16, 9, 1))
    with database.connection_context():
        drawn = server.app.tickets.sample_quality_callbacks(date(2026, 3, 9))
        again = server.app.tickets.sample_quality_callbacks(date(2026, 3, 9))
    assert again == drawn
    # 20% of 10 is 2: 1.2 -> 1 for A, 0.8 -> 1 for B (largest remainder).
    expected = quality_sample(closed, 0.2, seed=0, week=date(2026, 3, 9))
    assert {c: len(ids) for c, ids in expected.items()} == {a.community.id: 1, b.community.id: 1}
    listed = a.stub.ListTicketCallbacks(pb.ListTicketCallbacksRequest(
        filter='kind = QUALITY AND department = QUALITY AND pending = true')).callbacks
    mine = sorted((c.community_id, c.ticket_id) for c in listed
                  if c.community_id in closed)
    assert mine == sorted((c, t) for c, ids in expected.items() for t in ids)
    for callback in listed:
        if callback.community_id in closed:
            assert callback.sample_week == pb_date(date(2026, 3, 9))
            # 18 working hours from Mon 09:01: 8h29 Mon + 9h Tue + 31m Wed.
            assert callback.due_time.ToDatetime() == naive(local(2026, 3, 18, 9, 1))


# -- figures ---------------------------------------------------------------------------


def test_figures_on_a_hand_computed_day(server, factory):
    region = factory.region()
    desk = Desk(server, factory, region_id=region.id)
    move_to(server, local(2026, 3, 18, 9, 0))  # Wednesday: respond by 11:00, resolve Thu 9:00
    f1 = desk.act(desk.create(), Action.DISPATCH)
    f2 = desk.act(desk.create(), Action.DISPATCH)
    f3 = desk.walk(desk.create(kind=pb.TICKET_KIND_INQUIRY, category="fees"), [Action.RESOLVE])
    desk.act(desk.create(kind=pb.TICKET_KIND_COMPLAINT, category="noise"), Action.CANCEL)
    f5 = desk.act(desk.create(), Action.DISPATCH)
    move_to(server, local(2026, 3, 18, 9, 30))
    f1 = desk.walk(f1, [Action.START, Action.RESOLVE, Action.CALLBACK_SATISFIED, Action.CLOSE])
    f5 = desk.walk(f5, [Action.START, Action.RESOLVE])
    move_to(server, local(2026, 3, 18, 10, 30))
    f5 = desk.act(f5, Action.CALLBACK_UNSATISFIED, score=2)  # reopens: new cycle from 10:30
    move_to(server, local(2026, 3, 18, 12, 0))
    f2 = desk.act(f2, Action.START)  # late response
    move_to(server, local(2026, 3, 19, 10, 0))
    f2 = desk.act(f2, Action.RESOLVE)  # late completion
    f2 = desk.act(f2, Action.CALLBACK_SATISFIED, score=3)
    desk.act(f2, Action.CLOSE)
    assert f3.state == pb.TICKET_STATE_RESOLVED

    def figures(**kw) -> pb.GetTicketFiguresResponse:
        return desk.stub.GetTicketFigures(pb.GetTicketFiguresRequest(
            start_date=pb_date(date(2026, 3, 18)), end_date=pb_date(date(2026, 3, 18)), **kw))

    got = figures(community_id=desk.community.id).figures
    # 5 received, 4 not cancelled. Response: f1, f3 in time; f2 late; f5's new cycle
    # (respond by 12:30 Wed) passed unanswered -> 2 of 4. Completion: f1, f3 in time,
    # f2 late, f5 pending -> 2 of 3. Same day: f1. Reopened: f5. Resolved once: f1, f2,
    # f3, f5; called back: f1, f2, f5. Callbacks: 5 (yes), 3 (yes), 2 (no).
    assert (got.ticket_count, got.counted_count) == (5, 4)
    assert (got.response_decided_count, got.response_met_rate) == (4, 0.5)
    assert (got.resolution_decided_count, got.resolution_met_rate) == (3, pytest.approx(2 / 3))
    assert got.same_day_closure_rate == 0.25
    assert got.reopen_rate == 0.25
    assert (got.resolved_count, got.callback_coverage) == (4, 0.75)
    assert got.callback_count == 3
    assert got.callback_satisfaction == pytest.approx(2 / 3)
    assert got.average_callback_score == pytest.approx(10 / 3)

    assert figures(region_id=region.id).figures == got
    by_kind = {g.key: g.figures for g in figures(
        community_id=desk.community.id, group_by=pb.TICKET_FIGURES_GROUPING_KIND).groups}
    assert sorted(by_kind) == ["COMPLAINT", "INQUIRY", "REPAIR"]
    assert by_kind["REPAIR"].ticket_count == 3
    assert by_kind["REPAIR"].response_met_rate == pytest.approx(1 / 3)
    assert by_kind["COMPLAINT"].counted_count == 0
    by_department = {g.key: g.figures.ticket_count for g in figures(
        community_id=desk.community.id, group_by=pb.TICKET_FIGURES_GROUPING_DEPARTMENT).groups}
    assert by_department == {"": 2, "ENGINEERING": 3}
    engineering = figures(community_id=desk.community.id,
                          department=dpb.DEPARTMENT_ENGINEERING).figures
    assert engineering.ticket_count == 3
    by_day = [g.key for g in figures(region_id=region.id,
                                     group_by=pb.TICKET_FIGURES_GROUPING_WEEK).groups]
    assert by_day == ["2026-W12"]


def test_figures_need_a_place_and_a_period(desk):
    with pytest.raises(grpc.RpcError) as caught:
        desk.stub.GetTicketFigures(pb.GetTicketFiguresRequest())
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(details(caught.value)[1]) == {"start_date", "end_date"}
