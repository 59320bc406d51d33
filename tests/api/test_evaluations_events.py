"""WatchEvaluationEvents: every evaluation change is published with the resource as it was,
in order, exactly once across reconnects, and only when the change commits."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import grpc
import pytest

from svcq.plugin import Routing, hookimpl
from svcq.testing import RunningServer, start_server
from svcq.v1 import evaluation_pb2 as pb
from svcq.v1 import evaluation_pb2_grpc, ticket_pb2_grpc
from svcq.v1 import ticket_pb2 as tpb
from tests.api.test_evaluations import SH, daily_with_findings, day, make_place, record, ts
from tests.api.test_evaluations_surveys import COORDINATORS, campaign, draw, households
from tests.conftest import fresh_database
from tests.support import Factory, details

Stream = Iterator[pb.WatchEvaluationEventsResponse]


@pytest.fixture
def api(server: RunningServer) -> evaluation_pb2_grpc.EvaluationServiceStub:
    return evaluation_pb2_grpc.EvaluationServiceStub(server.channel)


def watch(api, community: str, token: str = "ev0", **terms: str) -> Stream:
    """The community's events after ``token`` ("ev0": from the first event of the server)."""
    text = " AND ".join([f'community_id = "{community}"',
                         *(f'{k} = "{v}"' for k, v in terms.items())])
    return api.WatchEvaluationEvents(pb.WatchEvaluationEventsRequest(
        resume_token=token, filter=text), timeout=20)


def take(stream: Stream, n: int) -> list[pb.WatchEvaluationEventsResponse]:
    return [next(stream) for _ in range(n)]


def assert_in_order(messages: list[pb.WatchEvaluationEventsResponse]) -> None:
    ids = [int(m.event.id) for m in messages]
    assert ids == sorted(set(ids))
    assert [m.resume_token for m in messages] == [f"ev{i}" for i in ids]


def test_inspections_defects_alerts_and_results_publish_what_they_changed(api, factory, server):
    place = make_place(factory)
    s, community = place["staff"], place["community"]
    found = record(api, daily_with_findings(place, server, "lift light out", "pump leaking"))
    light, pump = found.defects
    server.clock.advance(minutes=5)
    rectified = api.RectifyDefect(pb.RectifyDefectRequest(
        id=light.id, etag=light.etag, evidence_note="bulb replaced", actor_id=s["engineering"]
    )).defect
    server.clock.advance(minutes=5)
    later = record(api, daily_with_findings(place, server, inspector="inspector"))
    verified = api.VerifyDefect(pb.VerifyDefectRequest(
        id=light.id, etag=rectified.etag, inspection_id=later.inspection.id)).defect
    api.RectifyDefect(pb.RectifyDefectRequest(id=pump.id, evidence_note="gasket tightened",
                                              actor_id=s["engineering"]))
    server.clock.advance(minutes=5)
    again = record(api, daily_with_findings(place, server, inspector="inspector2"))
    reopened = api.ReopenDefect(pb.ReopenDefectRequest(
        id=pump.id, inspection_id=again.inspection.id, reason="still dripping")).defect
    escalated = api.EscalateDefect(pb.EscalateDefectRequest(
        id=pump.id, transfer_note="needs the supplier", actor_id=s["head"])).defect
    now = server.clock.now()
    alert = api.RecordWeatherAlert(pb.RecordWeatherAlertRequest(alert=pb.WeatherAlert(
        community_id=community, kind=pb.WEATHER_ALERT_KIND_RAINSTORM,
        issue_time=ts(now - timedelta(hours=2))))).alert
    night = record(api, pb.Inspection(
        community_id=community, kind=pb.INSPECTION_KIND_NIGHT, inspector_id=s["head"],
        inspect_time=ts(now - timedelta(hours=1)), countersigned_by=s["security"]))
    result = api.RecordExternalResult(pb.RecordExternalResultRequest(result=pb.ExternalResult(
        community_id=community, kind=pb.EXTERNAL_RESULT_KIND_AWARD, issuer="city bureau",
        receive_date=day(now.astimezone(SH).date()), outcome="model project", score=92.5))).result

    stream = watch(api, community)
    seen = take(stream, 13)
    stream.cancel()
    assert_in_order(seen)
    events = [m.event for m in seen]
    assert [e.type for e in events] == [
        "inspection.recorded", "defect.opened", "defect.opened",
        "defect.rectified", "inspection.recorded", "defect.verified",
        "defect.rectified", "inspection.recorded", "defect.reopened", "defect.escalated",
        "weather_alert.recorded", "inspection.recorded", "external_result.recorded"]
    # Each carries its resource exactly as the call that made the change answered it, even
    # where the resource has changed since (the light is verified by now).
    assert events[0].inspection == found.inspection
    assert [events[1].defect, events[2].defect] == [light, pump]
    assert events[3].defect == rectified
    assert events[3].defect.state == pb.DEFECT_STATE_RECTIFIED
    assert events[4].inspection == later.inspection
    assert events[5].defect == verified
    assert events[7].inspection == again.inspection
    assert (events[8].defect, events[9].defect) == (reopened, escalated)
    assert events[10].weather_alert == alert
    assert events[11].inspection == night.inspection
    assert events[11].inspection.kind == pb.INSPECTION_KIND_NIGHT
    assert events[12].external_result == result
    assert [(e.resource_id, e.community_id) for e in events[:3]] == [
        (found.inspection.id, community), (light.id, community), (pump.id, community)]
    assert all(e.event_time.ToDatetime() for e in events)


def test_a_filter_by_type_and_bad_requests(api, factory, server):
    place = make_place(factory)
    found = record(api, daily_with_findings(place, server, "bin overflowing", "gate broken"))
    stream = watch(api, place["community"], type="defect.opened")
    got = take(stream, 2)
    stream.cancel()
    assert [m.event.defect.id for m in got] == [d.id for d in found.defects]

    for request, field in (
            (pb.WatchEvaluationEventsRequest(resume_token="yesterday"), "resume_token"),
            (pb.WatchEvaluationEventsRequest(filter="colour = red"), "filter"),
            # a ticket event type is not an evaluation event: refused, not silently empty
            (pb.WatchEvaluationEventsRequest(filter='type = "ticket.created"'), "filter")):
        with pytest.raises(grpc.RpcError) as caught:
            next(api.WatchEvaluationEvents(request, timeout=5))
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert set(details(caught.value)[1]) == {field}


def test_surveys_publish_each_step_and_ticket_watchers_see_only_tickets(api, factory, server):
    community, _ = households(factory, [4], 2015)
    created = campaign(api, community)
    drawn = draw(api, created.id, seed="events")
    unit = drawn.sampled_unit_ids[0]
    received = api.RecordSurveyMilestone(pb.RecordSurveyMilestoneRequest(
        id=drawn.id, step=pb.SURVEY_STEP_RECEIVE)).campaign
    answer = api.RecordSurveyResponse(pb.RecordSurveyResponseRequest(response=pb.SurveyResponse(
        campaign_id=drawn.id, unit_id=unit, scores={"CLEANING": 2},
        comment="the lift is slow"))).response
    assert answer.callback_id  # an opinion: the coordinator calls back (a ticket)
    closed = api.CloseSurveyCampaign(pb.CloseSurveyCampaignRequest(id=drawn.id)).campaign

    stream = watch(api, community)
    seen = take(stream, 5)
    stream.cancel()
    assert_in_order(seen)
    events = [m.event for m in seen]
    assert [e.type for e in events] == [
        "survey_campaign.created", "survey_campaign.sample_drawn",
        "survey_campaign.milestone_recorded", "survey_response.recorded",
        "survey_campaign.closed"]
    states = [e.survey_campaign.state for e in events if e.HasField("survey_campaign")]
    assert states == [pb.SURVEY_CAMPAIGN_STATE_DRAFT, pb.SURVEY_CAMPAIGN_STATE_OPEN,
                      pb.SURVEY_CAMPAIGN_STATE_OPEN, pb.SURVEY_CAMPAIGN_STATE_CLOSED]
    assert events[1].survey_campaign.sampled_unit_ids == drawn.sampled_unit_ids
    assert events[2].survey_step == pb.SURVEY_STEP_RECEIVE
    assert events[2].survey_campaign.milestones == received.milestones
    assert events[2].survey_campaign.etag == received.etag
    # deadlines depend on when they are read: an event leaves them to GetSurveyCampaign
    assert not events[2].survey_campaign.deadlines and received.deadlines
    assert events[3].survey_response == answer
    assert (events[3].resource_id, events[3].community_id) == (answer.id, community)
    assert events[4].survey_campaign.etag == closed.etag

    # The callback ticket was opened in the response's transaction: its event comes just
    # before the response's. A ticket watcher sees it, and none of the survey's events.
    tickets = ticket_pb2_grpc.TicketServiceStub(server.channel)
    ticket_stream = tickets.WatchEvents(tpb.WatchEventsRequest(
        resume_token="ev0", filter=f'community_id = "{community}"'), timeout=20)
    opened = next(ticket_stream)
    assert (opened.event.type, opened.event.ticket_id) == ("ticket.created", answer.callback_id)
    assert int(events[2].id) < int(opened.event.id) < int(events[3].id)
    ticket = tickets.GetTicket(tpb.GetTicketRequest(id=answer.callback_id)).ticket
    tickets.CancelTicket(tpb.CancelTicketRequest(
        id=ticket.id, etag=ticket.etag, actor_staff_id=COORDINATORS[community],
        reason="household moved away"))
    cancelled = next(ticket_stream)  # the survey's later events were not in between
    ticket_stream.cancel()
    assert cancelled.event.history_entry.action == tpb.TICKET_ACTION_CANCEL


def test_disconnect_and_resume_sees_each_event_once_in_order(api, factory, server):
    place = make_place(factory)
    community = place["community"]
    first = record(api, daily_with_findings(place, server, "crack in the wall"))
    stream = watch(api, community)
    seen = take(stream, 1)
    stream.cancel()  # the client goes away mid-stream, between the inspection and its defect
    defect = first.defects[0]
    api.RectifyDefect(pb.RectifyDefectRequest(id=defect.id, evidence_note="filled",
                                              actor_id=place["staff"]["engineering"]))
    server.clock.advance(minutes=5)
    record(api, daily_with_findings(place, server, "door stuck", inspector="inspector"))
    resumed = watch(api, community, token=seen[-1].resume_token)
    seen += take(resumed, 4)
    escalated = api.EscalateDefect(pb.EscalateDefectRequest(
        id=seen[-1].event.defect.id, transfer_note="needs a carpenter",
        actor_id=place["staff"]["head"])).defect
    seen += take(resumed, 1)  # the next message is the escalation: nothing repeated
    resumed.cancel()

    assert_in_order(seen)
    assert [m.event.type for m in seen] == [
        "inspection.recorded", "defect.opened", "defect.rectified", "inspection.recorded",
        "defect.opened", "defect.escalated"]
    assert seen[-1].event.defect == escalated
    everything = watch(api, community)
    assert [m.event.id for m in take(everything, 6)] == [m.event.id for m in seen]
    everything.cancel()


def test_concurrent_changes_reach_a_watcher_once_each_in_order(api, factory, server):
    community = factory.community().id
    stream = watch(api, community)
    issued = ts(server.clock.now() - timedelta(minutes=30))
    recorded: list[str] = []

    def alerts() -> None:
        for _ in range(5):
            recorded.append(api.RecordWeatherAlert(pb.RecordWeatherAlertRequest(
                alert=pb.WeatherAlert(community_id=community, kind=pb.WEATHER_ALERT_KIND_TYPHOON,
                                      issue_time=issued))).alert.id)

    writers = [threading.Thread(target=alerts) for _ in range(4)]
    for w in writers:
        w.start()
    seen = take(stream, 20)  # read while the writers commit
    for w in writers:
        w.join()
    stream.cancel()
    assert_in_order(seen)
    assert sorted(m.event.resource_id for m in seen) == sorted(recorded)


# -- a change that fails after its transaction wrote to the outbox -------------------------


class FailingRouter:
    """Routes every new ticket to a department that does not exist: the ticket's create
    fails after its event is in the outbox, and takes the whole transaction with it."""

    @hookimpl
    def svcq_ticket_route(self, ticket, ctx):
        return Routing(department="NOWHERE")


@pytest.fixture(scope="module")
def failing(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    url, pg = fresh_database(backend, tmp_path_factory)
    running = start_server(url, plugins=[("router", FailingRouter())], load_entrypoints=False,
                           config={"plugins": {"router": {"enabled": True}}})
    try:
        yield running
    finally:
        running.stop()
        if pg is not None:
            pg.drop()


def test_a_rolled_back_change_publishes_nothing(failing: RunningServer):
    api = evaluation_pb2_grpc.EvaluationServiceStub(failing.channel)
    community, _ = households(Factory(failing.channel), [10], 2024)
    drawn = draw(api, campaign(api, community).id, seed="rollback")
    first, second = drawn.sampled_unit_ids[:2]

    def answer(unit: str, **fields: object) -> pb.SurveyResponse:
        return api.RecordSurveyResponse(pb.RecordSurveyResponseRequest(
            response=pb.SurveyResponse(campaign_id=drawn.id, unit_id=unit, **fields))).response

    # An opinion opens a callback ticket in the same transaction; its routing fails after
    # the ticket's event was written, so the answer, the ticket and both events go.
    with pytest.raises(grpc.RpcError) as caught:
        answer(first, scores={"CLEANING": 1}, comment="noisy at night")
    assert details(caught.value)[0] == "PLUGIN_FAILED"
    kept = answer(second, scores={"CLEANING": 5})  # no opinion: no ticket, no routing

    stream = watch(api, community)
    got = take(stream, 3)
    stream.cancel()
    assert [m.event.type for m in got] == [
        "survey_campaign.created", "survey_campaign.sample_drawn", "survey_response.recorded"]
    assert got[-1].event.survey_response == kept
    tickets = ticket_pb2_grpc.TicketServiceStub(failing.channel)
    with pytest.raises(grpc.RpcError) as caught:  # the rolled-back ticket.created is gone too
        next(tickets.WatchEvents(tpb.WatchEventsRequest(
            resume_token="ev0", filter=f'community_id = "{community}"'), timeout=1.5))
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    again = api.RecordSurveyResponse(pb.RecordSurveyResponseRequest(response=pb.SurveyResponse(
        campaign_id=drawn.id, unit_id=first, scores={"CLEANING": 4}))).response
    assert again.unit_id == first  # the failed answer left nothing behind


def test_an_old_resume_token_still_works_after_events_of_other_services(api, factory, server):
    """Tokens share one sequence: a ticket watcher's token resumes an evaluation watch."""
    place = make_place(factory)
    found = record(api, daily_with_findings(place, server, "graffiti"))
    stream = watch(api, place["community"])
    first = take(stream, 1)[0]
    stream.cancel()
    tickets = ticket_pb2_grpc.TicketServiceStub(server.channel)
    tickets_stream = tickets.WatchEvents(tpb.WatchEventsRequest(
        resume_token=first.resume_token, filter=f'community_id = "{place["community"]}"'),
        timeout=1)
    with pytest.raises(grpc.RpcError) as caught:  # the token is good, just no ticket events
        next(tickets_stream)
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    resumed = watch(api, place["community"], token=first.resume_token)
    assert next(resumed).event.defect == found.defects[0]
    resumed.cancel()

