"""A caller's deadline bounds the work done for it, not only its wait.

grpc stops waiting for the caller at its deadline but lets the handler run
on. A write whose caller has given up must then roll back, not commit behind
the caller's back (its retry would find the first attempt done, or an etag
that moved). A plugin's slow validation stands in for any slow step.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import grpc
import pytest

from svcq.plugin import hookimpl
from svcq.testing import RunningServer, start_server
from svcq.v1 import ticket_pb2 as tpb
from svcq.v1 import ticket_pb2_grpc
from tests.conftest import fresh_database
from tests.support import Factory

SLOW_SECONDS = 0.6


class Slow:
    """Validation that takes SLOW_SECONDS while ``slow`` is set (inside the write transaction)."""

    def __init__(self) -> None:
        self.slow = threading.Event()
        self.done = threading.Event()

    @hookimpl
    def svcq_ticket_validate(self, ticket, action, ctx):
        if self.slow.is_set():
            time.sleep(SLOW_SECONDS)
            self.done.set()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def slow_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[tuple[RunningServer, Slow]]:
    url, pg = fresh_database(request.param, tmp_path_factory)
    plugin = Slow()
    running = start_server(url, plugins=[("slow", plugin)], load_entrypoints=False,
                           config={"plugins": {"slow": {"enabled": True}}})
    try:
        yield running, plugin
    finally:
        running.stop()
        if pg is not None:
            pg.drop()


def _request(community_id: str, staff_id: str, request_id: str) -> tpb.CreateTicketRequest:
    return tpb.CreateTicketRequest(request_id=request_id, ticket=tpb.Ticket(
        community_id=community_id, kind=tpb.TICKET_KIND_REPAIR,
        channel=tpb.TICKET_CHANNEL_FRONT_DESK, public_area="lobby",
        description="door will not close", first_receiver_staff_id=staff_id))


def test_a_create_whose_caller_gave_up_is_not_committed(slow_server):
    running, plugin = slow_server
    factory = Factory(running.channel)
    community = factory.community()
    staff = factory.staff(community.id)
    tickets = ticket_pb2_grpc.TicketServiceStub(running.channel)
    request = _request(community.id, staff.id, "deadline-1")

    plugin.slow.set()
    with pytest.raises(grpc.RpcError) as caught:
        tickets.CreateTicket(request, timeout=SLOW_SECONDS / 3)
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert plugin.done.wait(10)
    time.sleep(0.2)  # the handler rolls back right after the hook returns
    listed = tickets.ListTickets(tpb.ListTicketsRequest(filter=f'community_id = "{community.id}"'))
    assert list(listed.tickets) == []

    # The retry with the same request id is a first attempt, and succeeds once.
    plugin.slow.clear()
    created = tickets.CreateTicket(request, timeout=10).ticket
    again = tickets.CreateTicket(request, timeout=10).ticket
    assert again.id == created.id
    listed = tickets.ListTickets(tpb.ListTicketsRequest(filter=f'community_id = "{community.id}"'))
    assert [t.id for t in listed.tickets] == [created.id]

