"""A real server with the stewardship plugin, and households to serve."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import svcq_vip_butler.plugin
from svcq.testing import Factory, FakeClock, RunningServer, start_server
from svcq.v1 import admin_pb2_grpc, ticket_pb2, ticket_pb2_grpc
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import owner_pb2 as opb
from svcq_vip_butler.v1 import vip_butler_pb2 as pb
from svcq_vip_butler.v1 import vip_butler_pb2_grpc

#: Monday 2026-03-02, 09:00 in Shanghai (ISO week 2026-W10): working hours.
START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@dataclass
class Household:
    """A stewarded community: a zone of one building, its butler, a VIP and an ordinary owner."""

    community: dpb.Community
    building: dpb.Building
    unit: dpb.Unit
    clerk: dpb.Staff
    butler: dpb.Staff
    vip: opb.Owner
    ordinary: opb.Owner
    zone: pb.Zone | None = field(default=None)


@dataclass
class World:
    running: RunningServer
    factory: Factory
    admin: admin_pb2_grpc.AdminServiceStub
    tickets: ticket_pb2_grpc.TicketServiceStub
    butlers: vip_butler_pb2_grpc.ButlerServiceStub

    @property
    def clock(self) -> FakeClock:
        return self.running.clock

    def configure(self, config: Mapping[str, Any]) -> None:
        self.running.reload(config)

    def households(self, community: dpb.Community, *, zone: bool = True) -> Household:
        """Master data first (the plugin must already run there for the zone and butler)."""
        f, cid = self.factory, community.id
        building = f.building(cid)
        unit = f.unit(building.id)
        link = [opb.OwnerUnit(unit_id=unit.id, role=opb.OWNER_ROLE_OWNER)]
        house = Household(community, building, unit, f.staff(cid),
                          f.staff(cid, department=dpb.DEPARTMENT_BUTLER),
                          f.owner(cid, units=link, tags=["vip"]), f.owner(cid, units=link))
        if zone:
            house.zone = self.zone(cid, [building.id])
            self.assign(cid, house.butler.id, zone_id=house.zone.id)
        return house

    def zone(self, community_id: str, building_ids: list[str]) -> pb.Zone:
        return self.butlers.CreateZone(pb.CreateZoneRequest(zone=pb.Zone(
            community_id=community_id, display_name=f"zone of {building_ids[0]}",
            building_ids=building_ids))).zone

    def assign(self, community_id: str, butler_id: str, **where: str) -> pb.ButlerAssignment:
        return self.butlers.AssignButler(pb.AssignButlerRequest(assignment=pb.ButlerAssignment(
            community_id=community_id, butler_staff_id=butler_id, **where))).assignment

    def request(self, house: Household, owner: opb.Owner, **fields: Any) -> ticket_pb2.Ticket:
        values: dict[str, Any] = {
            "community_id": house.community.id, "kind": ticket_pb2.TICKET_KIND_REPAIR,
            "channel": ticket_pb2.TICKET_CHANNEL_PHONE_HOTLINE, "category": "plumbing/leak",
            "description": "the kitchen tap drips", "unit_id": house.unit.id,
            "owner_id": owner.id, "first_receiver_staff_id": house.clerk.id, **fields}
        return self.tickets.CreateTicket(ticket_pb2.CreateTicketRequest(
            ticket=ticket_pb2.Ticket(**values))).ticket

    def finish(self, ticket_id: str) -> ticket_pb2.Ticket:
        """The assignee starts and resolves the work (a visit made)."""
        t = self.tickets.GetTicket(ticket_pb2.GetTicketRequest(id=ticket_id)).ticket
        actor = t.assignee_staff_id
        t = self.tickets.StartTicket(ticket_pb2.StartTicketRequest(
            id=t.id, etag=t.etag, actor_staff_id=actor)).ticket
        return self.tickets.ResolveTicket(ticket_pb2.ResolveTicketRequest(
            id=t.id, etag=t.etag, actor_staff_id=actor, note="visited")).ticket

    def open_tickets(self, community_id: str) -> list[ticket_pb2.Ticket]:
        return list(self.tickets.ListTickets(ticket_pb2.ListTicketsRequest(
            page_size=100, filter=f'community_id = "{community_id}"')).tickets)


def limits(ticket: ticket_pb2.Ticket) -> tuple[timedelta, timedelta]:
    """(respond_by, resolve_by) as durations from the ticket's creation."""
    created = ticket.create_time.ToDatetime()
    return ticket.respond_by.ToDatetime() - created, ticket.resolve_by.ToDatetime() - created


def serve(tmp_path: Path) -> Iterator[World]:
    config = tmp_path / "svcq.toml"
    config.write_text("", encoding="utf-8")
    running = start_server(f"sqlite:///{tmp_path / 'svcq.db'}", clock=FakeClock(START),
                           config_file=str(config), load_entrypoints=False,
                           plugins=[("vip_butler", svcq_vip_butler.plugin)])
    try:
        yield World(running, Factory(running.channel),
                    running.stub(admin_pb2_grpc.AdminServiceStub),
                    running.stub(ticket_pb2_grpc.TicketServiceStub),
                    running.stub(vip_butler_pb2_grpc.ButlerServiceStub))
    finally:
        running.stop()
