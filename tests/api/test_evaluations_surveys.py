"""Survey campaigns through a real server: sampling, responses, rates, deadlines, targets.

Every expected figure is worked out by hand in the comments.
"""

from __future__ import annotations

from datetime import timedelta

import grpc
import pytest
from google.protobuf import timestamp_pb2
from google.type import date_pb2

from svcq.testing import RunningServer
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import evaluation_pb2 as pb
from svcq.v1 import evaluation_pb2_grpc, ticket_pb2_grpc
from svcq.v1 import owner_pb2 as opb
from svcq.v1 import ticket_pb2 as tpb
from tests.support import Factory, details

JUNE = date_pb2.Date(year=2026, month=6, day=1)
#: Community id -> the staff member running its campaigns.
COORDINATORS: dict[str, str] = {}


def ts(when) -> timestamp_pb2.Timestamp:
    out = timestamp_pb2.Timestamp()
    out.FromDatetime(when)
    return out


@pytest.fixture
def api(server: RunningServer) -> evaluation_pb2_grpc.EvaluationServiceStub:
    return evaluation_pb2_grpc.EvaluationServiceStub(server.channel)


def households(factory: Factory, sizes: list[int], first_occupancy_year: int,
               empty_units: int = 0) -> tuple[str, dict[str, str]]:
    """A community whose buildings hold ``sizes`` households; returns (id, unit -> building).

    The community's quality inspector is the ``coordinator`` of its campaigns.

    ``empty_units`` more units without an owner are made in the first building: they are
    not households and are never drawn.
    """
    community = factory.community(first_occupancy_year=first_occupancy_year).id
    COORDINATORS[community] = factory.staff(community, department=dpb.DEPARTMENT_QUALITY,
                                            role=dpb.STAFF_ROLE_QUALITY_INSPECTOR).id
    unit_building = {}
    for n, size in enumerate(sizes):
        building = factory.building(community).id
        for _ in range(size):
            unit = factory.unit(building).id
            unit_building[unit] = building
            factory.owner(community, units=[opb.OwnerUnit(unit_id=unit,
                                                          role=opb.OWNER_ROLE_OWNER)])
        if n == 0:
            for _ in range(empty_units):
                factory.unit(building)
    return community, unit_building


def campaign(api, community: str, **fields) -> pb.SurveyCampaign:
    return api.CreateSurveyCampaign(pb.CreateSurveyCampaignRequest(campaign=pb.SurveyCampaign(
        community_id=community, period=JUNE, coordinator_id=COORDINATORS[community],
        **fields))).campaign


def draw(api, campaign_id: str, seed: str) -> pb.SurveyCampaign:
    return api.DrawSurveySample(pb.DrawSurveySampleRequest(id=campaign_id, seed=seed)).campaign


def test_sample_rate_even_spread_and_reproducible(api, factory):
    community, buildings = households(factory, [10, 20, 7], 2024, empty_units=2)
    drawn = draw(api, campaign(api, community).id, seed="june-2026")
    # 37 households (the 2 empty units do not count); 30%: ceil(11.1) = 12, split by
    # largest remainder over quotas 3.24 / 6.49 / 2.27 -> 3 / 7 / 2.
    assert drawn.household_count == 37
    assert drawn.sample_rate == pytest.approx(0.30)
    assert drawn.state == pb.SURVEY_CAMPAIGN_STATE_OPEN
    per_building = sorted(
        sum(buildings.get(u) == b for u in drawn.sampled_unit_ids) for b in set(buildings.values()))
    assert per_building == [2, 3, 7]
    assert set(drawn.sampled_unit_ids) <= set(buildings)

    # The same seed draws the same households (here: the third-party campaign of June).
    twin = draw(api, campaign(api, community, third_party=True).id, seed="june-2026")
    assert list(twin.sampled_unit_ids) == list(drawn.sampled_unit_ids)

    with pytest.raises(grpc.RpcError) as caught:
        draw(api, drawn.id, seed="again")
    assert details(caught.value)[0] == "SAMPLE_ALREADY_DRAWN"


def test_five_year_rule_lowers_the_rate(api, factory):
    community, _ = households(factory, [10, 10], 2015)
    drawn = draw(api, campaign(api, community).id, seed="s")
    # Occupied since 2015, more than five years before June 2026: 15% of 20 = 3
    # (quotas 1.5 / 1.5, the tie goes to the building that sorts first: 2 + 1).
    assert drawn.sample_rate == pytest.approx(0.15)
    assert len(drawn.sampled_unit_ids) == 3


def test_responses_rates_deadlines_and_targets(api, factory, server):
    community, buildings = households(factory, [5, 5], 2024)
    created = campaign(api, community, dimensions=["cleaning", "security"])
    assert created.state == pb.SURVEY_CAMPAIGN_STATE_DRAFT
    drawn = draw(api, created.id, seed="r")
    sampled = list(drawn.sampled_unit_ids)
    outside = next(u for u in buildings if u not in sampled)
    assert len(sampled) == 3  # ceil(30% of 10)

    def answer(unit: str, **fields) -> pb.SurveyResponse:
        return api.RecordSurveyResponse(pb.RecordSurveyResponseRequest(
            response=pb.SurveyResponse(campaign_id=drawn.id, unit_id=unit, **fields))).response

    unhappy = answer(sampled[0], scores={"cleaning": 5, "security": 3}, tags=["parking"])
    happy = answer(sampled[1], scores={"cleaning": 4, "security": 4})
    assert unhappy.callback_id and not happy.callback_id  # only an opinion is called back
    tickets = ticket_pb2_grpc.TicketServiceStub(server.channel)
    callback = tickets.GetTicket(tpb.GetTicketRequest(id=unhappy.callback_id)).ticket
    assert callback.kind == tpb.TICKET_KIND_PROACTIVE
    assert (callback.unit_id, callback.first_receiver_staff_id) == (
        sampled[0], COORDINATORS[community])

    for unit, reason in [(outside, "HOUSEHOLD_NOT_SAMPLED"),
                         (sampled[0], "SURVEY_ALREADY_ANSWERED")]:
        with pytest.raises(grpc.RpcError) as caught:
            answer(unit, scores={"cleaning": 5})
        assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert details(caught.value)[0] == reason
        assert list(details(caught.value)[1]) == ["response.unit_id"]
    with pytest.raises(grpc.RpcError) as caught:
        answer(sampled[2], scores={"cleaning": 6, "noise": 3})
    assert set(details(caught.value)[1]) == {"response.scores[cleaning]",
                                             "response.scores[noise]"}

    scope = pb.FiguresScope(community_id=community, start_date=JUNE,
                            end_date=date_pb2.Date(year=2026, month=6, day=30))
    figures = api.GetSurveyFigures(pb.GetSurveyFiguresRequest(scope=scope))
    # Nothing refused was stored: 2 answers of 3 distributed, 3 of 10 households.
    assert (figures.households, figures.distribution_rate.numerator,
            figures.distribution_rate.denominator) == (10, 3, 10)
    assert (figures.return_rate.numerator, figures.return_rate.denominator) == (2, 3)
    # Answers >= 4: cleaning 5, 4; security 4 -> 3 of 4 answers = 75%.
    assert (figures.satisfaction.numerator, figures.satisfaction.denominator,
            figures.satisfaction.value) == (3, 4, 0.75)
    dims = {d.dimension: (d.satisfaction.value, d.concentrated) for d in figures.dimensions}
    # security: 1 of 2 unsatisfied = 50% >= the 20% concentrated share.
    assert dims == {"cleaning": (1.0, False), "security": (0.5, True)}
    assert list(figures.concentrated_tags) == ["parking"]  # 1 of 2 responses
    gaps = {g.name: (g.target, g.actual, g.gap) for g in figures.targets}
    assert gaps["OWNER_SATISFACTION"] == pytest.approx((0.9, 0.75, -0.15))
    assert not api.GetSurveyFigures(pb.GetSurveyFiguresRequest(scope=scope)).targets[
        1].HasField("actual")  # no third-party campaign: no figure, no gap

    now = server.clock.now()

    def step(kind: int, when) -> pb.SurveyCampaign:
        return api.RecordSurveyMilestone(pb.RecordSurveyMilestoneRequest(
            id=drawn.id, step=kind, time=ts(when))).campaign

    with pytest.raises(grpc.RpcError) as caught:
        step(pb.SURVEY_STEP_TALLY, now)
    assert details(caught.value)[0] == "MILESTONE_OUT_OF_ORDER"
    step(pb.SURVEY_STEP_RECEIVE, now - timedelta(days=5))
    step(pb.SURVEY_STEP_ISSUE, now - timedelta(days=1))  # 4 days after receipt: 1 day late
    got = step(pb.SURVEY_STEP_COLLECT, now)
    states = {d.name: d.state for d in got.deadlines}
    assert states == {"ISSUE": pb.DEADLINE_STATE_MISSED, "COLLECT": pb.DEADLINE_STATE_MET,
                      "TALLY": pb.DEADLINE_STATE_PENDING,
                      "OPEN_LETTER": pb.DEADLINE_STATE_PENDING,  # concentrated issues found
                      "REPORT": pb.DEADLINE_STATE_PENDING}
    assert any(b.startswith("ISSUE due") for b in got.breaches)
    assert "RETURN_RATE 66.7% below 75%" in got.breaches

    server.clock.advance(days=4)  # tally was due 3 days after collection
    late = api.GetSurveyCampaign(pb.GetSurveyCampaignRequest(id=drawn.id)).campaign
    assert {d.name: d.state for d in late.deadlines}["TALLY"] == pb.DEADLINE_STATE_OVERDUE

    closed = api.CloseSurveyCampaign(pb.CloseSurveyCampaignRequest(id=drawn.id)).campaign
    assert closed.state == pb.SURVEY_CAMPAIGN_STATE_CLOSED
    with pytest.raises(grpc.RpcError) as caught:
        answer(sampled[2], scores={"cleaning": 5})
    assert details(caught.value)[0] == "SURVEY_CAMPAIGN_CLOSED"


def test_response_before_the_draw_is_refused(api, factory):
    community, buildings = households(factory, [2], 2024)
    created = campaign(api, community)
    with pytest.raises(grpc.RpcError) as caught:
        api.RecordSurveyResponse(pb.RecordSurveyResponseRequest(response=pb.SurveyResponse(
            campaign_id=created.id, unit_id=next(iter(buildings)), scores={"CLEANING": 5})))
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert details(caught.value)[0] == "SAMPLE_NOT_DRAWN"
    with pytest.raises(grpc.RpcError) as caught:
        campaign(api, community)
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS
    with pytest.raises(grpc.RpcError) as caught:
        api.CreateSurveyCampaign(pb.CreateSurveyCampaignRequest(campaign=pb.SurveyCampaign(
            community_id=community, dimensions=["a", "a"])))
    assert set(details(caught.value)[1]) == {"campaign.period", "campaign.coordinator_id",
                                             "campaign.dimensions[1]"}
