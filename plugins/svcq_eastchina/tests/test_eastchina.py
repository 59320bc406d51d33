"""The East China plan through a real server: free service, etiquette, patrol, bulletin, targets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from google.type import date_pb2

import svcq_eastchina.plugin
from svcq.testing import Factory, FakeClock, RunningServer, details, start_server
from svcq.v1 import admin_pb2, admin_pb2_grpc, evaluation_pb2, evaluation_pb2_grpc, ticket_pb2_grpc
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import owner_pb2 as opb
from svcq.v1 import ticket_pb2 as tpb
from svcq_eastchina.v1 import eastchina_pb2 as pb
from svcq_eastchina.v1 import eastchina_pb2_grpc

#: Tuesday 2026-03-03, 10:00 in Shanghai.
START = datetime(2026, 3, 3, 2, 0, tzinfo=UTC)


@dataclass
class World:
    running: RunningServer
    config: Path
    factory: Factory
    plan: eastchina_pb2_grpc.EastChinaServiceStub
    tickets: ticket_pb2_grpc.TicketServiceStub
    enabled: dpb.Community
    other: dpb.Community
    clerk: dpb.Staff

    def configure(self, **settings: object) -> None:
        lines = [f'enabled_communities = ["{self.enabled.id}"]']
        for key, value in settings.items():
            if isinstance(value, list):
                shown = "[" + ", ".join(f'"{v}"' for v in value) + "]"
            else:
                shown = f'"{value}"' if isinstance(value, str) else str(value)
            lines.append(f"{key} = {shown}")
        self.config.write_text("[plugins.eastchina]\n" + "\n".join(lines) + "\n",
                               encoding="utf-8")
        admin_pb2_grpc.AdminServiceStub(self.running.channel).ReloadConfig(
            admin_pb2.ReloadConfigRequest())

    def unit(self) -> str:
        return self.factory.unit(self.factory.building(self.enabled.id).id).id

    def free(self, unit_id: str, community: dpb.Community | None = None,
             service: str = "home_cleaning") -> pb.RequestFreeServiceResponse:
        return self.plan.RequestFreeService(pb.RequestFreeServiceRequest(
            community_id=(community or self.enabled).id, unit_id=unit_id, service=service,
            staff_id=self.clerk.id))


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    config = tmp_path / "svcq.toml"
    config.write_text("", encoding="utf-8")
    running = start_server(f"sqlite:///{tmp_path / 'svcq.db'}", clock=FakeClock(START),
                           config_file=str(config), load_entrypoints=False,
                           plugins=[("eastchina", svcq_eastchina.plugin)])
    try:
        factory = Factory(running.channel)
        region = factory.region()
        enabled, other = factory.community(region.id), factory.community(region.id)
        world = World(running, config, factory,
                      running.stub(eastchina_pb2_grpc.EastChinaServiceStub),
                      running.stub(ticket_pb2_grpc.TicketServiceStub), enabled, other,
                      factory.staff(enabled.id))
        world.configure()
        yield world
    finally:
        running.stop()


def day(d: date) -> date_pb2.Date:
    return date_pb2.Date(year=d.year, month=d.month, day=d.day)


def stamp(at: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(at)
    return ts


# -- one free service a year -------------------------------------------------------------------


def test_second_free_service_in_a_year_is_refused_naming_the_first(world: World) -> None:
    unit, neighbour = world.unit(), world.unit()

    first = world.free(unit)
    with pytest.raises(grpc.RpcError) as refused:
        world.free(unit, service="plant_care")
    other_household = world.free(neighbour)

    ticket = world.tickets.GetTicket(tpb.GetTicketRequest(id=first.ticket_id)).ticket
    assert (ticket.kind, ticket.unit_id) == (tpb.TICKET_KIND_PROACTIVE, unit)
    assert dict(ticket.plugin_data["eastchina"]) == {"free_service": "home_cleaning",
                                                     "year": 2026}
    assert first.year == 2026
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    reason, fields = details(refused.value)
    assert reason == "FREE_SERVICE_ALREADY_USED"
    assert first.ticket_id in refused.value.details()
    assert first.ticket_id in fields["unit_id"]
    assert other_household.ticket_id != first.ticket_id

    world.running.clock.set(datetime(2026, 12, 31, 16, 0, tzinfo=UTC))  # 2027-01-01 Shanghai
    assert world.free(unit).year == 2027


def test_free_service_outside_the_catalogue_is_invalid(world: World) -> None:
    with pytest.raises(grpc.RpcError) as bad:
        world.free(world.unit(), service="car_wash")
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "service" in details(bad.value)[1]


def test_a_free_service_ticket_filed_another_way_counts_and_is_vetoed(world: World) -> None:
    world.configure(free_service_category="other")
    unit, fresh = world.unit(), world.unit()
    first = world.free(unit)

    def create(unit_id: str) -> tpb.Ticket:
        return world.tickets.CreateTicket(tpb.CreateTicketRequest(ticket=tpb.Ticket(
            community_id=world.enabled.id, kind=tpb.TICKET_KIND_PAID_SERVICE,
            channel=tpb.TICKET_CHANNEL_FRONT_DESK, category="other", unit_id=unit_id,
            description="free cleaning", first_receiver_staff_id=world.clerk.id))).ticket

    with pytest.raises(grpc.RpcError) as vetoed:
        create(unit)
    filed = create(fresh)
    with pytest.raises(grpc.RpcError) as after_filed:
        world.free(fresh)

    assert details(vetoed.value)[0] == "PLUGIN_VETO"
    assert "FREE_SERVICE_ALREADY_USED" in vetoed.value.details()
    assert first.ticket_id in vetoed.value.details()
    assert details(after_filed.value)[0] == "FREE_SERVICE_ALREADY_USED"
    assert filed.id in after_filed.value.details()


def test_absent_where_the_plugin_does_not_run(world: World) -> None:
    unit = world.factory.unit(world.factory.building(world.other.id).id).id
    world.factory.staff(world.other.id, role=dpb.STAFF_ROLE_PROJECT_HEAD)

    with pytest.raises(grpc.RpcError) as refused:
        world.free(unit, community=world.other)
    world.running.run_jobs()

    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert details(refused.value)[0] == "PLUGIN_NOT_ENABLED"
    listed = world.tickets.ListTickets(tpb.ListTicketsRequest(
        filter=f'community_id = "{world.other.id}"')).tickets
    assert list(listed) == []  # no patrol work item where the plan does not run


# -- etiquette checks --------------------------------------------------------------------------


def test_etiquette_minimum_per_supervisor_and_shift(world: World) -> None:
    world.configure(shifts=["08:00", "20:00"])
    a = world.factory.staff(world.enabled.id, role=dpb.STAFF_ROLE_SUPERVISOR)
    b = world.factory.staff(world.enabled.id, role=dpb.STAFF_ROLE_SUPERVISOR)

    def check(staff: dpb.Staff, at_utc: datetime) -> pb.RecordEtiquetteCheckResponse:
        return world.plan.RecordEtiquetteCheck(pb.RecordEtiquetteCheckRequest(
            community_id=world.enabled.id, supervisor_staff_id=staff.id,
            inspect_time=stamp(at_utc)))

    # Shanghai is UTC+8. A: 09:00 and 10:00 (day shift), 23:00 (night shift) on 03-02.
    check(a, datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
    check(a, datetime(2026, 3, 2, 2, 0, tzinfo=UTC))
    check(a, datetime(2026, 3, 2, 15, 0, tzinfo=UTC))
    # B: 07:00 on 03-03, still the night shift that started on 03-02 at 20:00.
    late = check(b, datetime(2026, 3, 2, 23, 0, tzinfo=UTC))
    # A check on 03-03 falls outside the period asked for.
    check(b, datetime(2026, 3, 3, 1, 0, tzinfo=UTC))

    figures = world.plan.GetEtiquetteFigures(pb.GetEtiquetteFiguresRequest(
        community_id=world.enabled.id, start_date=day(date(2026, 3, 2)),
        end_date=day(date(2026, 3, 2))))

    assert (late.shift_date, late.shift_start) == (day(date(2026, 3, 2)), "20:00")
    # 2 supervisors x 1 day x 2 shifts = 4 shifts; A's day shift (2 checks) meets the minimum
    # of 2; A's night (1), B's day (0) and B's night (1) fall below it.
    assert (figures.minimum_per_shift, figures.shift_count, figures.below_minimum_count) == (
        2, 4, 3)
    by_staff = {s.staff_id: (s.shift_count, s.below_minimum_count, s.check_count)
                for s in figures.supervisors}
    assert by_staff == {a.id: (2, 1, 3), b.id: (2, 2, 1)}
    inspection = world.running.stub(evaluation_pb2_grpc.EvaluationServiceStub).GetInspection(
        evaluation_pb2.GetInspectionRequest(id=late.inspection_id)).inspection
    assert (inspection.kind, inspection.level, inspection.inspector_id) == (
        evaluation_pb2.INSPECTION_KIND_DAILY, evaluation_pb2.DAILY_LEVEL_SUPERVISOR, b.id)


def test_only_supervisors_record_etiquette_checks(world: World) -> None:
    with pytest.raises(grpc.RpcError) as bad:
        world.plan.RecordEtiquetteCheck(pb.RecordEtiquetteCheckRequest(
            community_id=world.enabled.id, supervisor_staff_id=world.clerk.id,
            inspect_time=stamp(START)))
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "supervisor_staff_id" in details(bad.value)[1]


# -- the project head's daily patrol -----------------------------------------------------------


def test_daily_patrol_work_item_and_days_without_patrol(world: World) -> None:
    head = world.factory.staff(world.enabled.id, role=dpb.STAFF_ROLE_PROJECT_HEAD)
    world.running.run_jobs()  # Tuesday 03-03: the day's patrol work item
    world.running.stub(evaluation_pb2_grpc.EvaluationServiceStub).RecordInspection(
        evaluation_pb2.RecordInspectionRequest(inspection=evaluation_pb2.Inspection(
            community_id=world.enabled.id, kind=evaluation_pb2.INSPECTION_KIND_DAILY,
            level=evaluation_pb2.DAILY_LEVEL_PROJECT_HEAD, inspector_id=head.id,
            inspect_time=stamp(START))))
    world.running.clock.advance(days=1)
    world.running.run_jobs()  # Wednesday 03-04: a work item, no patrol recorded
    world.running.clock.set(datetime(2026, 3, 10, 2, 0, tzinfo=UTC))  # Tuesday 03-10

    figures = world.plan.GetPatrolFigures(pb.GetPatrolFiguresRequest(
        community_id=world.enabled.id, start_date=day(date(2026, 3, 3)),
        end_date=day(date(2026, 3, 31))))

    items = [t for t in world.tickets.ListTickets(tpb.ListTicketsRequest(
        filter=f'community_id = "{world.enabled.id}"')).tickets]
    assert sorted((t.kind, t.assignee_staff_id) for t in items) == [
        (tpb.TICKET_KIND_PROACTIVE, head.id)] * 2
    # Owed: working days 03-03 .. 03-09 (today, 03-10, is not over): 03-03, 04, 05, 06, 09.
    assert (figures.day_count, figures.days_without_patrol) == (5, 4)
    assert [(d.month, d.day) for d in figures.missed_dates] == [(3, 4), (3, 5), (3, 6), (3, 9)]


# -- bulletin and targets ----------------------------------------------------------------------


def close(world: World, category: str, kind: int = tpb.TICKET_KIND_REPAIR) -> str:
    t = world.tickets
    actor = world.clerk.id
    ticket = t.CreateTicket(tpb.CreateTicketRequest(ticket=tpb.Ticket(
        community_id=world.enabled.id, kind=kind, channel=tpb.TICKET_CHANNEL_FRONT_DESK,
        category=category, public_area="lobby", description="work",
        first_receiver_staff_id=actor))).ticket
    ticket = t.ResolveTicket(tpb.ResolveTicketRequest(id=ticket.id, etag=ticket.etag,
                                                      actor_staff_id=actor)).ticket
    ticket = t.RecordCallback(tpb.RecordCallbackRequest(
        id=ticket.id, etag=ticket.etag, actor_staff_id=actor, satisfied=True, score=5)).ticket
    t.CloseTicket(tpb.CloseTicketRequest(id=ticket.id, etag=ticket.etag, actor_staff_id=actor))
    return ticket.id


def test_monthly_bulletin_counts_closed_work_by_kind_and_category(world: World) -> None:
    world.configure(bulletin_examples=1)
    for category in ("plumbing/leak", "plumbing/leak", "lift"):
        close(world, category)
    close(world, "fees", tpb.TICKET_KIND_INQUIRY)
    world.free(world.unit())  # open: not in the bulletin

    march = world.plan.GetServiceBulletin(pb.GetServiceBulletinRequest(
        community_id=world.enabled.id, year=2026, month=3))
    april = world.plan.GetServiceBulletin(pb.GetServiceBulletinRequest(
        community_id=world.enabled.id, year=2026, month=4))

    assert march.closed_count == 4
    assert [(k.kind, k.count, [(e.category, e.count) for e in k.examples])
            for k in march.kinds] == [("REPAIR", 3, [("plumbing/leak", 2)]),
                                      ("INQUIRY", 1, [("fees", 1)])]
    assert list(march.lines) == ["2026-03: we completed 4 pieces of service work for you.",
                                 "REPAIR: 3 (plumbing/leak 2)", "INQUIRY: 1 (fees 1)"]
    assert april.closed_count == 0


def inspect(world: World, inspector: dpb.Staff, engineer: dpb.Staff, *findings: str
            ) -> evaluation_pb2.RecordInspectionResponse:
    return world.running.stub(evaluation_pb2_grpc.EvaluationServiceStub).RecordInspection(
        evaluation_pb2.RecordInspectionRequest(inspection=evaluation_pb2.Inspection(
            community_id=world.enabled.id, kind=evaluation_pb2.INSPECTION_KIND_DAILY,
            level=evaluation_pb2.DAILY_LEVEL_PROJECT_HEAD, inspector_id=inspector.id,
            inspect_time=stamp(world.running.clock.now()),
            findings=[evaluation_pb2.Finding(description=f,
                                             discipline=evaluation_pb2.DISCIPLINE_ENGINEERING,
                                             responsible_staff_id=engineer.id)
                      for f in findings])))


def test_target_gap_from_the_communitys_own_figures(world: World) -> None:
    f, cid = world.factory, world.enabled.id
    evaluations = world.running.stub(evaluation_pb2_grpc.EvaluationServiceStub)
    inspector = f.staff(cid, department=dpb.DEPARTMENT_QUALITY,
                        role=dpb.STAFF_ROLE_QUALITY_INSPECTOR)
    engineer = f.staff(cid, department=dpb.DEPARTMENT_ENGINEERING)
    building = f.building(cid).id
    for _ in range(4):
        f.owner(cid, units=[opb.OwnerUnit(unit_id=f.unit(building).id,
                                          role=opb.OWNER_ROLE_OWNER)])
    # March's survey: occupied since 2015, so 15% of 4 households -> 1 drawn; its answers
    # 5, 4, 2 (satisfied from 4) -> owner satisfaction 2/3 against the target 90%.
    survey = evaluations.CreateSurveyCampaign(evaluation_pb2.CreateSurveyCampaignRequest(
        campaign=evaluation_pb2.SurveyCampaign(
            community_id=cid, period=day(date(2026, 3, 1)), coordinator_id=inspector.id,
            dimensions=["cleaning", "security", "service"]))).campaign
    survey = evaluations.DrawSurveySample(evaluation_pb2.DrawSurveySampleRequest(
        id=survey.id, seed="march")).campaign
    evaluations.RecordSurveyResponse(evaluation_pb2.RecordSurveyResponseRequest(
        response=evaluation_pb2.SurveyResponse(
            campaign_id=survey.id, unit_id=survey.sampled_unit_ids[0],
            scores={"cleaning": 5, "security": 4, "service": 2})))
    # Two defects raised on 3 March, one rectified and verified on the 4th -> 1/2.
    defects = inspect(world, inspector, engineer, "lobby tiles cracked", "gate squeaks").defects
    evaluations.RectifyDefect(evaluation_pb2.RectifyDefectRequest(
        id=defects[0].id, evidence_note="tiles replaced", actor_id=engineer.id))
    world.running.clock.advance(days=1)
    evaluations.VerifyDefect(evaluation_pb2.VerifyDefectRequest(
        id=defects[0].id, inspection_id=inspect(world, inspector, engineer).inspection.id))

    def gap(**period: date) -> pb.GetTargetGapResponse:
        return world.plan.GetTargetGap(pb.GetTargetGapRequest(
            community_id=cid, **{k: day(v) for k, v in period.items()}))

    march = gap(start_date=date(2026, 3, 1), end_date=date(2026, 3, 31))
    assert [(g.figure, g.target, round(g.actual, 6), round(g.gap, 6), g.met)
            for g in march.gaps] == [
        ("owner_satisfaction", 0.9, round(2 / 3, 6), round(0.9 - 2 / 3, 6), False),
        ("rectification_rate", 1.0, 0.5, 0.5, False)]
    assert list(march.unmeasured) == ["third_party_satisfaction"]  # no such survey
    core = evaluations.GetSurveyFigures(evaluation_pb2.GetSurveyFiguresRequest(
        scope=evaluation_pb2.FiguresScope(community_id=cid, start_date=day(date(2026, 3, 1)),
                                          end_date=day(date(2026, 3, 31)))))
    assert march.gaps[0].actual == pytest.approx(core.satisfaction.value)  # the same figure

    year_so_far = gap()  # default: 1 January to today (4 March) in the community
    assert (year_so_far.start_date, year_so_far.end_date) == (day(date(2026, 1, 1)),
                                                               day(date(2026, 3, 4)))
    assert [g.actual for g in year_so_far.gaps] == [g.actual for g in march.gaps]
    february = gap(start_date=date(2026, 2, 1), end_date=date(2026, 2, 28))
    assert (list(february.gaps), list(february.unmeasured)) == (
        [], ["owner_satisfaction", "third_party_satisfaction", "rectification_rate"])

    world.configure(owner_satisfaction_target=0.6)  # a region with a lower bar
    lowered = gap().gaps[0]
    assert (lowered.figure, lowered.target, lowered.met, lowered.gap) == (
        "owner_satisfaction", 0.6, True, 0.0)
    with pytest.raises(grpc.RpcError) as half:
        world.plan.GetTargetGap(pb.GetTargetGapRequest(community_id=cid,
                                                       start_date=day(date(2026, 3, 1))))
    assert half.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(details(half.value)[1]) == {"end_date"}
    with pytest.raises(grpc.RpcError) as backwards:
        gap(start_date=date(2026, 3, 31), end_date=date(2026, 3, 1))
    assert set(details(backwards.value)[1]) == {"end_date"}
    with pytest.raises(grpc.RpcError) as beyond:  # the period before it would reach year 0
        gap(start_date=date(1, 1, 1), end_date=date(2026, 3, 1))
    assert beyond.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(details(beyond.value)[1]) == {"start_date", "end_date"}
