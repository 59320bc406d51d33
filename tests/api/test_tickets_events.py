"""WatchEvents: a client that disconnects and resumes from its token sees each event once."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from svcq.domain.tickets.lifecycle import Action
from svcq.v1 import ticket_pb2 as pb
from tests.api.test_tickets import Desk
from tests.support import details


@pytest.fixture
def desk(server, factory) -> Desk:
    return Desk(server, factory)


def take(stream: Iterator[pb.WatchEventsResponse], n: int) -> list[pb.WatchEventsResponse]:
    return [next(stream) for _ in range(n)]


def test_disconnect_and_resume_sees_each_event_once_in_order(desk: Desk):
    ticket = desk.walk(desk.create(), [Action.DISPATCH, Action.START])
    only_mine = f'community_id = "{desk.community.id}"'
    # "ev0" is before the first event; tests use it to read their own community from the start.
    first = desk.stub.WatchEvents(pb.WatchEventsRequest(resume_token="ev0", filter=only_mine),
                                  timeout=20)
    seen = take(first, 2)
    first.cancel()  # the client goes away mid-stream
    ticket = desk.walk(desk.get(ticket.id), [Action.HOLD, Action.RESUME, Action.RESOLVE,
                                             Action.CALLBACK_SATISFIED])
    second = desk.stub.WatchEvents(pb.WatchEventsRequest(
        resume_token=seen[-1].resume_token, filter=only_mine), timeout=20)
    seen += take(second, 6)
    desk.act(ticket, Action.CLOSE)  # the next message is the close: nothing repeated between
    seen += take(second, 1)
    second.cancel()

    assert [(m.event.type, m.event.history_entry.action) for m in seen] == [
        ("ticket.created", pb.TICKET_ACTION_CREATE),
        ("ticket.transitioned", pb.TICKET_ACTION_DISPATCH),
        ("ticket.transitioned", pb.TICKET_ACTION_START),
        ("ticket.transitioned", pb.TICKET_ACTION_HOLD),
        ("ticket.transitioned", pb.TICKET_ACTION_RESUME),
        ("ticket.transitioned", pb.TICKET_ACTION_RESOLVE),
        ("ticket.callback_recorded", pb.TICKET_ACTION_UNSPECIFIED),
        ("ticket.transitioned", pb.TICKET_ACTION_CALLBACK_SATISFIED),
        ("ticket.transitioned", pb.TICKET_ACTION_CLOSE),
    ]
    ids = [int(m.event.id) for m in seen]
    assert ids == sorted(set(ids))
    assert [m.event.ticket.state for m in seen][-1] == pb.TICKET_STATE_CLOSED
    assert seen[3].event.ticket.state == pb.TICKET_STATE_ON_HOLD  # as it was after the event
    assert seen[3].event.ticket.hold_reason == "parts ordered"
    assert seen[6].event.callback.score == 5
    history = [e.id for e in desk.history(ticket.id)]
    assert [m.event.history_entry.id for m in seen if m.event.history_entry.id] == history


def test_filter_by_type_and_bad_tokens(desk: Desk):
    desk.walk(desk.create(), [Action.DISPATCH, Action.START, Action.RESOLVE,
                              Action.CALLBACK_UNSATISFIED])
    stream = desk.stub.WatchEvents(pb.WatchEventsRequest(
        resume_token="ev0",
        filter=f'community_id = "{desk.community.id}" AND type = "ticket.callback_recorded"'),
        timeout=20)
    got = next(stream)
    stream.cancel()
    assert got.event.callback.satisfied is False
    assert got.event.ticket.reopen_count == 1
    for request, field in ((pb.WatchEventsRequest(resume_token="yesterday"), "resume_token"),
                           (pb.WatchEventsRequest(resume_token="ev²"), "resume_token"),
                           (pb.WatchEventsRequest(filter="colour = red"), "filter")):
        with pytest.raises(grpc.RpcError) as caught:
            next(desk.stub.WatchEvents(request, timeout=5))
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert set(details(caught.value)[1]) == {field}


def test_a_type_filter_naming_no_ticket_event_is_refused(desk: Desk):
    """Like WatchEvaluationEvents: a typo would otherwise stream nothing forever."""
    stream = desk.stub.WatchEvents(pb.WatchEventsRequest(
        resume_token="ev0",
        filter=f'community_id = "{desk.community.id}" AND type = "ticket.reassigned"'),
        timeout=5)
    with pytest.raises(grpc.RpcError) as caught:
        next(stream)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(details(caught.value)[1]) == {"filter"}
