"""WatchEvaluationEvents and WatchEvents stream only what the caller's scope covers,
like every List."""

from __future__ import annotations

from datetime import timedelta

import pytest
from google.protobuf import timestamp_pb2

from svcq.v1 import evaluation_pb2 as pb
from svcq.v1 import evaluation_pb2_grpc, ticket_pb2_grpc
from svcq.v1 import ticket_pb2 as tpb
from tests.security.conftest import World


@pytest.mark.parametrize(("scope", "visible"), [
    ("community", {"A"}), ("region", {"A", "B"}), ("company", {"A", "B", "C"})])
def test_a_watcher_sees_the_events_of_its_scope_only(world: World, scope, visible):
    admin = evaluation_pb2_grpc.EvaluationServiceStub(world.admin)
    issued = timestamp_pb2.Timestamp()
    issued.FromDatetime(world.server.clock.now() - timedelta(hours=1))
    alerts = {}
    for key in ("C", "B", "A"):  # A's last: every scope sees it, so it ends the reading
        alerts[key] = admin.RecordWeatherAlert(pb.RecordWeatherAlertRequest(
            alert=pb.WeatherAlert(community_id=world.places[key].id,
                                  kind=pb.WEATHER_ALERT_KIND_TYPHOON, issue_time=issued))).alert

    watcher = evaluation_pb2_grpc.EvaluationServiceStub(world.channel("PROJECT_HEAD", scope))
    stream = watcher.WatchEvaluationEvents(pb.WatchEvaluationEventsRequest(resume_token="ev0"),
                                           timeout=20)
    seen = []
    for message in stream:
        seen.append(message.event)
        if message.event.resource_id == alerts["A"].id:
            break
    stream.cancel()
    ours = {a.id: key for key, a in alerts.items()}
    assert {ours[e.resource_id] for e in seen if e.resource_id in ours} == visible
    places = {world.places[k].id for k in visible}
    assert {e.community_id for e in seen} <= places  # nothing else from outside the scope


@pytest.mark.parametrize(("scope", "visible"), [
    ("community", {"A"}), ("region", {"A", "B"}), ("company", {"A", "B", "C"})])
def test_a_ticket_watcher_sees_the_events_of_its_scope_only(world: World, scope, visible):
    admin = ticket_pb2_grpc.TicketServiceStub(world.admin)
    created = {}
    for key in ("C", "B", "A"):  # A's last: every scope sees it, so it ends the reading
        place = world.places[key]
        created[key] = admin.CreateTicket(tpb.CreateTicketRequest(ticket=tpb.Ticket(
            community_id=place.id, kind=tpb.TICKET_KIND_REPAIR,
            channel=tpb.TICKET_CHANNEL_FRONT_DESK, category="plumbing/leak",
            description="the tap drips", unit_id=place.unit,
            first_receiver_staff_id=place.staff))).ticket

    watcher = ticket_pb2_grpc.TicketServiceStub(world.channel("PROJECT_HEAD", scope))
    stream = watcher.WatchEvents(tpb.WatchEventsRequest(resume_token="ev0"), timeout=20)
    seen = []
    for message in stream:
        seen.append(message.event)
        if message.event.ticket_id == created["A"].id:
            break
    stream.cancel()
    ours = {t.id: key for key, t in created.items()}
    assert {ours[e.ticket_id] for e in seen if e.ticket_id in ours} == visible
    places = {world.places[k].id for k in visible}
    assert {e.community_id for e in seen} <= places  # nothing else from outside the scope
    assert {e.ticket.community_id for e in seen} <= places
