"""Big customer service through a real server: first receivers, one SLA, no tiers, the conflict."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import grpc
import pytest

import svcq_big_customer_service.plugin
from svcq.plugin import Deadlines, HookContext, Routing, TicketView, hookimpl
from svcq.testing import Factory, FakeClock, RunningServer, details, start_server, toml
from svcq.v1 import admin_pb2, admin_pb2_grpc, ticket_pb2, ticket_pb2_grpc
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import owner_pb2 as opb

#: Monday 2026-03-02, 09:00 in Shanghai: working hours.
START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
#: The single standard's defaults: 30 minutes to respond, 24 hours to complete.
SINGLE = (timedelta(minutes=30), timedelta(hours=24))
#: The core's own limits of a normal repair at 09:00 on a Monday (2h working, 24h clock).
CORE_REPAIR = (timedelta(hours=2), timedelta(hours=24))
#: What the stand-in tiers give a VIP: half the core's times.
HALVED = (timedelta(hours=1), timedelta(hours=12))


class Tiers:
    """A stand-in for the tiered practice this one conflicts with, loaded under its name.

    A VIP's request goes to their butler with half the time: enough to see
    whether tiers take effect, without depending on another package.
    """

    def __init__(self) -> None:
        self.butler_of: dict[str, str] = {}  # VIP owner id -> butler staff id

    @hookimpl
    def svcq_ticket_route(self, ticket: TicketView, ctx: HookContext) -> Routing | None:
        butler = self.butler_of.get(ticket.owner_id or "")
        return Routing(department="BUTLER", assignee_id=butler, reason="VIP") if butler else None

    @hookimpl
    def svcq_ticket_deadlines(self, ticket: TicketView, proposed: Deadlines, ctx: HookContext
                              ) -> Deadlines | None:
        if (ticket.owner_id or "") not in self.butler_of:
            return None
        now = ctx.now()
        return Deadlines(respond_by=now + (proposed.respond_by - now) / 2,
                         complete_by=now + (proposed.complete_by - now) / 2)


@dataclass
class Household:
    """A unit with a clerk, a butler, a VIP (once made one) and an ordinary owner."""

    community: dpb.Community
    unit: dpb.Unit
    clerk: dpb.Staff
    butler: dpb.Staff
    vip: opb.Owner
    ordinary: opb.Owner


@dataclass
class World:
    running: RunningServer
    factory: Factory
    tiers: Tiers
    admin: admin_pb2_grpc.AdminServiceStub
    tickets: ticket_pb2_grpc.TicketServiceStub

    def configure(self, config: dict[str, Any]) -> None:
        self.running.reload(config)

    def households(self, community: dpb.Community, *, tiered: bool = False) -> Household:
        f, cid = self.factory, community.id
        unit = f.unit(f.building(cid).id)
        link = [opb.OwnerUnit(unit_id=unit.id, role=opb.OWNER_ROLE_OWNER)]
        house = Household(community, unit, f.staff(cid),
                          f.staff(cid, department=dpb.DEPARTMENT_BUTLER),
                          f.owner(cid, units=link, tags=["vip"]), f.owner(cid, units=link))
        if tiered:
            self.tiers.butler_of[house.vip.id] = house.butler.id
        return house

    def request(self, house: Household, owner: opb.Owner, **fields: Any) -> ticket_pb2.Ticket:
        values: dict[str, Any] = {
            "community_id": house.community.id, "kind": ticket_pb2.TICKET_KIND_REPAIR,
            "channel": ticket_pb2.TICKET_CHANNEL_PHONE_HOTLINE, "category": "plumbing/leak",
            "description": "the kitchen tap drips", "unit_id": house.unit.id,
            "owner_id": owner.id, "first_receiver_staff_id": house.clerk.id, **fields}
        return self.tickets.CreateTicket(ticket_pb2.CreateTicketRequest(
            ticket=ticket_pb2.Ticket(**values))).ticket

    def open_tickets(self, community_id: str) -> list[ticket_pb2.Ticket]:
        return list(self.tickets.ListTickets(ticket_pb2.ListTicketsRequest(
            page_size=100, filter=f'community_id = "{community_id}"')).tickets)


def limits(ticket: ticket_pb2.Ticket) -> tuple[timedelta, timedelta]:
    """(respond_by, resolve_by) as durations from the ticket's creation."""
    created = ticket.create_time.ToDatetime()
    return ticket.respond_by.ToDatetime() - created, ticket.resolve_by.ToDatetime() - created


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    config = tmp_path / "svcq.toml"
    config.write_text("", encoding="utf-8")
    tiers = Tiers()
    running = start_server(f"sqlite:///{tmp_path / 'svcq.db'}", clock=FakeClock(START),
                           config_file=str(config), load_entrypoints=False,
                           plugins=[("vip_butler", tiers),
                                    ("big_customer_service", svcq_big_customer_service.plugin)])
    try:
        yield World(running, Factory(running.channel), tiers,
                    running.stub(admin_pb2_grpc.AdminServiceStub),
                    running.stub(ticket_pb2_grpc.TicketServiceStub))
    finally:
        running.stop()


@pytest.fixture
def region(world: World) -> dpb.Region:
    return world.factory.region()


def both(community_id: str, **conflicts: object) -> dict[str, object]:
    config: dict[str, object] = {"plugins": {
        "vip_butler": {"enabled_communities": [community_id]},
        "big_customer_service": {"enabled_communities": [community_id]}}}
    if conflicts:
        config["conflicts"] = conflicts
    return config


def test_any_staff_member_receives_a_request_and_is_recorded(world, region):
    community = world.factory.community(region.id)
    world.configure({"plugins": {"big_customer_service": {"enabled_communities": [community.id]}}})
    house = world.households(community)
    guard = world.factory.staff(community.id, department=dpb.DEPARTMENT_SECURITY)

    ticket = world.request(house, house.ordinary, first_receiver_staff_id=guard.id)

    assert ticket.first_receiver_staff_id == guard.id
    # The core refuses a request nobody received, so no plugin veto is needed.
    with pytest.raises(grpc.RpcError) as error:
        world.request(house, house.ordinary, first_receiver_staff_id="")
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert details(error.value)[1] == {"ticket.first_receiver_staff_id": "required"}


def test_one_sla_for_every_request_where_it_runs(world, region):
    simple, plain = world.factory.community(region.id), world.factory.community(region.id)
    world.configure({"plugins": {"big_customer_service": {"enabled_communities": [simple.id]}}})
    here, there = world.households(simple), world.households(plain)
    complaint = {"kind": ticket_pb2.TICKET_KIND_COMPLAINT, "category": "service-attitude"}

    assert limits(world.request(here, here.ordinary)) == SINGLE
    assert limits(world.request(here, here.ordinary, **complaint)) == SINGLE
    emergency = world.request(here, here.ordinary, emergency=True)
    assert limits(emergency) == limits(world.request(there, there.ordinary, emergency=True))
    assert limits(world.request(there, there.ordinary)) == CORE_REPAIR

    world.configure({"plugins": {"big_customer_service": {
        "enabled_communities": [simple.id], "respond_minutes": 15, "complete_hours": 8}}})
    assert limits(world.request(here, here.ordinary)) == (timedelta(minutes=15),
                                                          timedelta(hours=8))
    world.configure({"plugins": {"big_customer_service": {
        "enabled_communities": [simple.id], "single_sla": False}}})
    assert limits(world.request(here, here.ordinary)) == CORE_REPAIR


def test_both_in_one_community_without_a_winner_is_refused(world, region):
    community = world.factory.community(region.id)
    ambiguous = both(community.id)

    checked = world.admin.ValidateConfig(admin_pb2.ValidateConfigRequest(
        config_toml=toml(ambiguous)))
    with pytest.raises(grpc.RpcError) as error:
        world.configure(ambiguous)

    assert not checked.valid
    assert [p.field for p in checked.problems] == ["conflicts"]
    assert "'big_customer_service' and 'vip_butler' conflict" in checked.problems[0].description
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert world.admin.ValidateConfig(admin_pb2.ValidateConfigRequest(config_toml=toml(
        both(community.id, winners=["big_customer_service"])))).valid


def test_where_one_standard_wins_tiers_change_nothing(world, region):
    community = world.factory.community(region.id)
    house = world.households(community, tiered=True)  # tiers could apply
    world.configure(both(community.id, regions={region.id: {
        "winners": ["big_customer_service"]}}))

    ordinary = world.request(house, house.ordinary)
    vip = world.request(house, house.vip)

    assert [(t.state, t.department, t.assignee_staff_id) for t in (ordinary, vip)] == [
        (ticket_pb2.TICKET_STATE_NEW, dpb.DEPARTMENT_UNSPECIFIED, "")] * 2
    assert (vip.respond_by, vip.resolve_by) == (ordinary.respond_by, ordinary.resolve_by)
    assert limits(vip) == SINGLE
    assert [t.id for t in world.open_tickets(community.id)] == [ordinary.id, vip.id]


def test_where_vip_stewardship_wins_the_vip_goes_to_the_butler_sooner(world, region):
    community = world.factory.community(region.id)
    house = world.households(community, tiered=True)
    world.configure(both(community.id, communities={community.id: {"winners": ["vip_butler"]}}))

    ordinary = world.request(house, house.ordinary)
    vip = world.request(house, house.vip)

    assert (vip.department, vip.assignee_staff_id) == (dpb.DEPARTMENT_BUTLER, house.butler.id)
    assert limits(vip) == HALVED
    assert (ordinary.assignee_staff_id, limits(ordinary)) == ("", CORE_REPAIR)
