"""The last free service of a year, asked for by many at once: exactly one gets it.

On SQLite and on PostgreSQL (``SVCQ_TEST_POSTGRES_URL``, a fresh database per
test): counting the year's free services and then inserting one let two
simultaneous requests both pass on PostgreSQL; the allowance is now taken
with a conditional UPDATE of one counter row per household and year.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import grpc
import pytest

import svcq_eastchina.plugin
from svcq.plugin import HookContext, Routing, TicketView, hookimpl
from svcq.testing import Factory, FakeClock, FreshPostgres, RunningServer, details, start_server
from svcq.v1 import ticket_pb2 as tpb
from svcq.v1 import ticket_pb2_grpc
from svcq_eastchina.models import MODELS
from svcq_eastchina.v1 import eastchina_pb2 as pb
from svcq_eastchina.v1 import eastchina_pb2_grpc

POSTGRES_URL = os.environ.get("SVCQ_TEST_POSTGRES_URL",
                              "postgresql://postgres@127.0.0.1:5432/test")
#: Tuesday 2026-03-03, 10:00 in Shanghai.
START = datetime(2026, 3, 3, 2, 0, tzinfo=UTC)
#: Requests racing for the last free service; as many server workers, so none queues.
RACERS = 8
CATEGORY = "other"  # in the default category tree


class SlowRouting:
    """Another practice whose routing takes a while (it asks another system), inside the
    ticket's transaction: it widens the window in which a check and a take could interleave,
    so a check-then-write allowance fails this test reliably instead of now and then."""

    @hookimpl
    def svcq_ticket_route(self, ticket: TicketView, ctx: HookContext) -> Routing | None:
        time.sleep(0.05)
        return None


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'svcq.db'}"
        return
    try:
        fresh = FreshPostgres(POSTGRES_URL)
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {POSTGRES_URL} is required in CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: {exc}")
    try:
        yield fresh.url
    finally:
        fresh.drop()


@pytest.fixture
def running(database_url: str) -> Iterator[RunningServer]:
    server = start_server(
        database_url, clock=FakeClock(START), load_entrypoints=False,
        plugins=[("eastchina", svcq_eastchina.plugin), ("slow_routing", SlowRouting())],
        config={"server": {"workers": RACERS},
                "plugins": {"eastchina": {"enabled": True, "free_services_per_year": 2,
                                          "free_service_category": CATEGORY},
                            "slow_routing": {"enabled": True}}})
    try:
        yield server
    finally:
        server.stop()


def race(calls: list[Callable[[], object]]) -> list[object]:
    """Run the calls at the same instant, one thread each; each result or its RpcError."""
    start = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(n: int) -> None:
        start.wait()
        try:
            results[n] = calls[n]()
        except grpc.RpcError as exc:
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def outcomes(results: list[object]) -> Counter[str]:
    return Counter("OK" if not isinstance(r, grpc.RpcError) else details(r)[0]
                   for r in results)


def household_tickets(running: RunningServer, community_id: str, unit_id: str) -> int:
    listed = running.stub(ticket_pb2_grpc.TicketServiceStub).ListTickets(
        tpb.ListTicketsRequest(page_size=100, filter=f'community_id = "{community_id}"'))
    return sum(t.unit_id == unit_id for t in listed.tickets)


def test_the_last_free_service_goes_to_exactly_one_of_simultaneous_requests(running):
    f = Factory(running.channel)
    community = f.community()
    unit = f.unit(f.building(community.id).id).id
    clerk = f.staff(community.id)
    plan = running.stub(eastchina_pb2_grpc.EastChinaServiceStub)

    def ask(service: str = "home_cleaning") -> pb.RequestFreeServiceResponse:
        return plan.RequestFreeService(pb.RequestFreeServiceRequest(
            community_id=community.id, unit_id=unit, service=service, staff_id=clerk.id))

    first = ask("plant_care")  # one of the two this year; one left
    results = race([ask] * RACERS)

    assert outcomes(results) == {"OK": 1, "FREE_SERVICE_ALREADY_USED": RACERS - 1}
    (winner,) = [r for r in results if isinstance(r, pb.RequestFreeServiceResponse)]
    refused = [r for r in results if isinstance(r, grpc.RpcError)]
    assert all(r.code() == grpc.StatusCode.FAILED_PRECONDITION for r in refused)
    assert all(winner.ticket_id in r.details() for r in refused)  # names the last one taken
    assert household_tickets(running, community.id, unit) == 2  # the losers' were rolled back
    for taken in (first, winner):
        ticket = running.stub(ticket_pb2_grpc.TicketServiceStub).GetTicket(
            tpb.GetTicketRequest(id=taken.ticket_id)).ticket
        assert ticket.plugin_data["eastchina"]["year"] == 2026


def test_free_service_tickets_filed_at_once_another_way_obey_the_same_allowance(running):
    f = Factory(running.channel)
    community = f.community()
    unit = f.unit(f.building(community.id).id).id
    clerk = f.staff(community.id)
    tickets = running.stub(ticket_pb2_grpc.TicketServiceStub)
    plan = running.stub(eastchina_pb2_grpc.EastChinaServiceStub)

    def file() -> tpb.Ticket:
        return tickets.CreateTicket(tpb.CreateTicketRequest(ticket=tpb.Ticket(
            community_id=community.id, kind=tpb.TICKET_KIND_PAID_SERVICE,
            channel=tpb.TICKET_CHANNEL_FRONT_DESK, category=CATEGORY, unit_id=unit,
            description="free cleaning", first_receiver_staff_id=clerk.id))).ticket

    plan.RequestFreeService(pb.RequestFreeServiceRequest(
        community_id=community.id, unit_id=unit, service="home_cleaning", staff_id=clerk.id))
    results = race([file] * RACERS)

    assert outcomes(results) == {"OK": 1, "PLUGIN_VETO": RACERS - 1}
    assert household_tickets(running, community.id, unit) == 2
    with pytest.raises(grpc.RpcError) as used_up:
        plan.RequestFreeService(pb.RequestFreeServiceRequest(
            community_id=community.id, unit_id=unit, service="plant_care", staff_id=clerk.id))
    assert details(used_up.value)[0] == "FREE_SERVICE_ALREADY_USED"


def test_the_plugins_migrations_give_exactly_its_models_schema(running):
    assert running.schema_drift(MODELS) == ""
