"""The stage of the month scenario: one server, two communities, a calendar that runs the jobs.

Everything the story does goes through the public gRPC API; time moves only
through the server's FakeClock, and only forward. Each simulated day has a
morning pass (08:00: plugin jobs, the overdue sweep, the ticket jobs) and an
evening pass (18:00: the same, after the 17:00 daily closure is due), exactly
what the schedulers would do, so the story's events all happen between 08:00
and 18:00 local time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from google.protobuf.timestamp_pb2 import Timestamp
from google.type import date_pb2

import svcq_eastchina.plugin
import svcq_fivestep.plugin
import svcq_vip_butler.plugin
import svcq_welcome.plugin
from svcq.clock import FakeClock
from svcq.storage.db import database
from svcq.testing import RunningServer, start_server
from svcq.v1 import admin_pb2, admin_pb2_grpc, evaluation_pb2_grpc, ticket_pb2_grpc
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import owner_pb2 as opb
from svcq.v1 import ticket_pb2 as tpb
from svcq_eastchina.v1 import eastchina_pb2_grpc
from svcq_fivestep.v1 import fivestep_pb2_grpc
from svcq_vip_butler.v1 import vip_butler_pb2_grpc
from svcq_welcome.v1 import welcome_pb2_grpc
from tests.plugins.support import toml
from tests.support import Factory

SHANGHAI = ZoneInfo("Asia/Shanghai")
YEAR, MONTH = 2026, 11
#: Monday 2 November 2026, 08:00 in Shanghai. November 2026 has no Chinese
#: public holiday and no make-up working day: Monday to Friday are the working days.
START = datetime(YEAR, MONTH, 2, 8, 0, tzinfo=SHANGHAI)
MORNING, EVENING = time(8, 0), time(18, 0)
#: The ticket scheduler thread is off: the story runs its passes itself.
BASE_CONFIG: dict[str, Any] = {"tickets": {"schedule": {"interval": "0"}}}

PLUGINS = [("fivestep", svcq_fivestep.plugin), ("welcome", svcq_welcome.plugin),
           ("vip_butler", svcq_vip_butler.plugin), ("eastchina", svcq_eastchina.plugin)]

KIND = {"REPAIR": tpb.TICKET_KIND_REPAIR, "COMPLAINT": tpb.TICKET_KIND_COMPLAINT,
        "SUGGESTION": tpb.TICKET_KIND_SUGGESTION, "INQUIRY": tpb.TICKET_KIND_INQUIRY}
CHANNEL = {"desk": tpb.TICKET_CHANNEL_FRONT_DESK, "hotline": tpb.TICKET_CHANNEL_PHONE_HOTLINE,
           "app": tpb.TICKET_CHANNEL_APP}


def nov(day: int, hhmm: str = "00:00") -> datetime:
    """An instant of November 2026, Shanghai wall clock."""
    hour, minute = map(int, hhmm.split(":"))
    return datetime(YEAR, MONTH, day, hour, minute, tzinfo=SHANGHAI)


def stamp(at: datetime) -> Timestamp:
    out = Timestamp()
    out.FromDatetime(at.astimezone(UTC))
    return out


def pb_date(d: date) -> date_pb2.Date:
    return date_pb2.Date(year=d.year, month=d.month, day=d.day)


@dataclass
class Place:
    """One community of the story: its building, households, staff and owners by name."""

    community: dpb.Community
    building: dpb.Building
    units: list[str]
    staff: dict[str, str] = field(default_factory=dict)
    owners: dict[str, opb.Owner] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.community.id


@dataclass
class Month:
    running: RunningServer
    config_file: Path
    factory: Factory
    tickets: ticket_pb2_grpc.TicketServiceStub
    evaluations: evaluation_pb2_grpc.EvaluationServiceStub
    fivestep: fivestep_pb2_grpc.FiveStepServiceStub
    welcome: welcome_pb2_grpc.WelcomeServiceStub
    butlers: vip_butler_pb2_grpc.ButlerServiceStub
    plan: eastchina_pb2_grpc.EastChinaServiceStub
    today: date = field(default_factory=START.date)
    #: Run right after each morning pass (routines such as the head's patrol).
    routines: list[Callable[[date], None]] = field(default_factory=list)
    #: Ticket ids by the story's names ("A1", "B2", ...).
    t: dict[str, str] = field(default_factory=dict)

    # -- configuration and time ------------------------------------------------------------

    def configure(self, plugins: Mapping[str, Any]) -> None:
        """Write the config file with these plugin sections and reload the running server."""
        self.config_file.write_text(toml({**BASE_CONFIG, "plugins": plugins}), encoding="utf-8")
        admin_pb2_grpc.AdminServiceStub(self.running.channel).ReloadConfig(
            admin_pb2.ReloadConfigRequest())

    @property
    def clock(self) -> FakeClock:
        return self.running.clock

    def now(self) -> datetime:
        return self.clock.now().astimezone(SHANGHAI)

    def _move(self, when: datetime) -> None:
        assert when >= self.clock.now(), f"time only moves forward: {when} is past"
        self.clock.set(when)

    def passes(self) -> None:
        """One pass of every scheduler, as the server's threads would make it."""
        self.running.run_jobs()
        app = self.running.app
        with database.connection_context():  # as the ticket scheduler's thread does
            app.tickets.sweep()
            app.tickets.run_due_jobs()

    def day(self, day: int) -> None:
        """Close the current day (evening pass) and every day up to ``day``, then its morning."""
        target = date(YEAR, MONTH, day)
        assert target > self.today
        while self.today < target:
            self.evening()
            self.today = date.fromordinal(self.today.toordinal() + 1)
            self.morning()

    def evening(self) -> None:
        """The end of the current day: the 18:00 pass (the daily closure is taken then)."""
        self._move(datetime.combine(self.today, EVENING, tzinfo=SHANGHAI))
        self.passes()

    def morning(self) -> None:
        self._move(datetime.combine(self.today, MORNING, tzinfo=SHANGHAI))
        self.passes()
        for routine in self.routines:
            routine(self.today)

    def at(self, hhmm: str) -> datetime:
        """Move to ``hhmm`` of the current day (between the morning and the evening pass)."""
        when = nov(self.today.day, hhmm)
        assert MORNING < when.timetz().replace(tzinfo=None) < EVENING
        self._move(when)
        return when

    # -- master data -----------------------------------------------------------------------

    def place(self, region_id: str, name: str, first_occupancy_year: int, units: int,
              staff: Mapping[str, tuple[int, int]]) -> Place:
        f = self.factory
        community = f.community(region_id, display_name=name,
                                first_occupancy_year=first_occupancy_year)
        building = f.building(community.id)
        place = Place(community, building, [f.unit(building.id).id for _ in range(units)])
        for who, (department, role) in staff.items():  # in order: "first active" matters
            place.staff[who] = f.staff(community.id, department=department, role=role).id
        return place

    def resident(self, place: Place, name: str, unit: int, *, moved_in: date | None = None,
                 tags: tuple[str, ...] = ()) -> opb.Owner:
        link = opb.OwnerUnit(unit_id=place.units[unit], role=opb.OWNER_ROLE_OWNER)
        if moved_in is not None:
            link.move_in_date.CopyFrom(pb_date(moved_in))
        owner = self.factory.owner(place.id, display_name=name, units=[link], tags=list(tags))
        place.owners[name] = owner
        return owner

    # -- tickets ---------------------------------------------------------------------------

    def receive(self, name: str, place: Place, owner: str, kind: str, channel: str,
                category: str = "", description: str = "") -> tpb.Ticket:
        """An owner's request, received by the community's clerk (首问责任人)."""
        who = place.owners[owner]
        ticket = self.tickets.CreateTicket(tpb.CreateTicketRequest(ticket=tpb.Ticket(
            community_id=place.id, kind=KIND[kind], channel=CHANNEL[channel],
            category=category, unit_id=who.units[0].unit_id, owner_id=who.id,
            description=description or f"{name}: {kind.lower()} of {owner}",
            first_receiver_staff_id=place.staff["clerk"]), request_id=f"scenario-{name}")).ticket
        self.t[name] = ticket.id
        return ticket

    def get(self, name_or_id: str) -> tpb.Ticket:
        ticket_id = self.t.get(name_or_id, name_or_id)
        return self.tickets.GetTicket(tpb.GetTicketRequest(id=ticket_id)).ticket

    def act(self, name_or_id: str, action: str, actor: str, **fields: Any) -> tpb.Ticket:
        """One state change by ``actor`` (``dispatch``, ``resolve``, ...) with a fresh etag."""
        t = self.get(name_or_id)
        rpc = {"dispatch": ("DispatchTicket", tpb.DispatchTicketRequest),
               "start": ("StartTicket", tpb.StartTicketRequest),
               "hold": ("HoldTicket", tpb.HoldTicketRequest),
               "resume": ("ResumeTicket", tpb.ResumeTicketRequest),
               "resolve": ("ResolveTicket", tpb.ResolveTicketRequest),
               "callback": ("RecordCallback", tpb.RecordCallbackRequest),
               "close": ("CloseTicket", tpb.CloseTicketRequest),
               "cancel": ("CancelTicket", tpb.CancelTicketRequest)}[action]
        method, request = rpc
        return getattr(self.tickets, method)(request(
            id=t.id, etag=t.etag, actor_staff_id=actor, **fields)).ticket

    def work(self, name_or_id: str, actor: str, *, score: int = 0, close: bool = False) -> None:
        """Start and resolve; with ``score``, the satisfied callback; with ``close``, close."""
        self.act(name_or_id, "start", actor)
        self.act(name_or_id, "resolve", actor)
        if score:
            self.act(name_or_id, "callback", actor, satisfied=True, score=score)
        if close:
            self.act(name_or_id, "close", actor)

    def community_tickets(self, place: Place) -> list[tpb.Ticket]:
        found: list[tpb.Ticket] = []
        token = ""
        while True:
            page = self.tickets.ListTickets(tpb.ListTicketsRequest(
                page_size=500, page_token=token, filter=f'community_id = "{place.id}"'))
            found += page.tickets
            token = page.next_page_token
            if not token:
                return found

    def proactive(self, place: Place, starts: str) -> list[tpb.Ticket]:
        """The community's proactive tickets whose description starts with ``starts``."""
        return [t for t in self.community_tickets(place)
                if t.kind == tpb.TICKET_KIND_PROACTIVE and t.description.startswith(starts)]


def open_month(tmp: Path) -> Month:
    config = tmp / "svcq.toml"
    config.write_text(toml(BASE_CONFIG), encoding="utf-8")
    running = start_server(f"sqlite:///{tmp / 'svcq.db'}", clock=FakeClock(START),
                           config_file=str(config), load_entrypoints=False, plugins=PLUGINS)
    stub = running.stub
    return Month(running, config, Factory(running.channel),
                 stub(ticket_pb2_grpc.TicketServiceStub),
                 stub(evaluation_pb2_grpc.EvaluationServiceStub),
                 stub(fivestep_pb2_grpc.FiveStepServiceStub),
                 stub(welcome_pb2_grpc.WelcomeServiceStub),
                 stub(vip_butler_pb2_grpc.ButlerServiceStub),
                 stub(eastchina_pb2_grpc.EastChinaServiceStub))
