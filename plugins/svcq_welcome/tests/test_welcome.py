"""The welcome programme through a real server: where it runs, due dates, progress, lateness."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import grpc
import pytest
from google.type import date_pb2

import svcq_welcome.plugin
from svcq.testing import Factory, FakeClock, RunningServer, details, start_server
from svcq.v1 import admin_pb2, admin_pb2_grpc, ticket_pb2, ticket_pb2_grpc
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import owner_pb2 as opb
from svcq_welcome.v1 import welcome_pb2 as pb
from svcq_welcome.v1 import welcome_pb2_grpc

#: Monday 2026-03-02, 09:00 in Shanghai.
START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@dataclass
class World:
    running: RunningServer
    factory: Factory
    welcome: welcome_pb2_grpc.WelcomeServiceStub
    tickets: ticket_pb2_grpc.TicketServiceStub
    enabled: dpb.Community
    other: dpb.Community

    def move_in(self, community: dpb.Community, day: date) -> tuple[opb.Owner, str]:
        unit = self.factory.unit(self.factory.building(community.id).id)
        owner = self.factory.owner(community.id, units=[opb.OwnerUnit(
            unit_id=unit.id, role=opb.OWNER_ROLE_OWNER,
            move_in_date=date_pb2.Date(year=day.year, month=day.month, day=day.day))])
        return owner, unit.id

    def progress(self, owner_id: str) -> pb.GetWelcomeProgressResponse:
        return self.welcome.GetWelcomeProgress(pb.GetWelcomeProgressRequest(
            community_id=self.enabled.id, owner_id=owner_id))


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    config = tmp_path / "svcq.toml"
    config.write_text("", encoding="utf-8")
    running = start_server(f"sqlite:///{tmp_path / 'svcq.db'}", clock=FakeClock(START),
                           config_file=str(config), load_entrypoints=False,
                           plugins=[("welcome", svcq_welcome.plugin)])
    try:
        factory = Factory(running.channel)
        region = factory.region()
        enabled, other = factory.community(region.id), factory.community(region.id)
        for community in (enabled, other):  # somebody to receive the step tickets
            factory.staff(community.id, department=dpb.DEPARTMENT_FRONT_DESK)
            factory.staff(community.id, department=dpb.DEPARTMENT_ENGINEERING)
        config.write_text(f'[plugins.welcome]\nenabled_communities = ["{enabled.id}"]\n',
                          encoding="utf-8")
        admin_pb2_grpc.AdminServiceStub(running.channel).ReloadConfig(
            admin_pb2.ReloadConfigRequest())
        yield World(running, factory, running.stub(welcome_pb2_grpc.WelcomeServiceStub),
                    running.stub(ticket_pb2_grpc.TicketServiceStub), enabled, other)
    finally:
        running.stop()


def iso(d: date_pb2.Date) -> str:
    return date(d.year, d.month, d.day).isoformat()


def close(world: World, ticket_id: str) -> None:
    t = world.tickets
    ticket = t.GetTicket(ticket_pb2.GetTicketRequest(id=ticket_id)).ticket
    actor = ticket.assignee_staff_id or ticket.first_receiver_staff_id
    if ticket.state == ticket_pb2.TICKET_STATE_DISPATCHED:
        ticket = t.StartTicket(ticket_pb2.StartTicketRequest(
            id=ticket_id, etag=ticket.etag, actor_staff_id=actor)).ticket
    ticket = t.ResolveTicket(ticket_pb2.ResolveTicketRequest(
        id=ticket_id, etag=ticket.etag, actor_staff_id=actor)).ticket
    ticket = t.RecordCallback(ticket_pb2.RecordCallbackRequest(
        id=ticket_id, etag=ticket.etag, actor_staff_id=actor, satisfied=True, score=5)).ticket
    t.CloseTicket(ticket_pb2.CloseTicketRequest(id=ticket_id, etag=ticket.etag,
                                                actor_staff_id=actor))


def test_move_in_starts_the_programme_with_due_dates_and_tickets(world: World) -> None:
    owner, unit_id = world.move_in(world.enabled, date(2026, 3, 1))

    progress = world.progress(owner.id)

    assert [(s.step, iso(s.due_date), s.state) for s in progress.steps] == [
        ("welcome_card", "2026-03-01", pb.STEP_STATE_OVERDUE),  # due yesterday
        ("visit", "2026-03-04", pb.STEP_STATE_PENDING),
        ("load_check", "2026-03-08", pb.STEP_STATE_PENDING),
        ("housewarming", "2026-03-31", pb.STEP_STATE_PENDING),
    ]
    assert (progress.done_count, progress.total_count) == (0, 4)
    tickets = {s.step: world.tickets.GetTicket(ticket_pb2.GetTicketRequest(id=s.ticket_id)).ticket
               for s in progress.steps}
    assert {t.kind for t in tickets.values()} == {ticket_pb2.TICKET_KIND_PROACTIVE}
    assert {t.unit_id for t in tickets.values()} == {unit_id}
    assert tickets["load_check"].department == dpb.DEPARTMENT_ENGINEERING
    assert tickets["visit"].department == dpb.DEPARTMENT_FRONT_DESK
    shown = world.factory.owners.GetOwner(opb.GetOwnerRequest(id=owner.id)).owner
    assert dict(shown.plugin_data["welcome"]) == {
        "done": 0, "total": 4, "overdue": ["welcome_card"], "next_step": "welcome_card",
        "next_due": "2026-03-01"}


def test_absent_where_the_plugin_does_not_run(world: World) -> None:
    owner, _ = world.move_in(world.other, date(2026, 3, 1))

    shown = world.factory.owners.GetOwner(opb.GetOwnerRequest(id=owner.id)).owner
    assert "welcome" not in shown.plugin_data
    listed = world.tickets.ListTickets(ticket_pb2.ListTicketsRequest(
        filter=f'community_id = "{world.other.id}"')).tickets
    assert list(listed) == []
    with pytest.raises(grpc.RpcError) as refused:
        world.welcome.GetWelcomeProgress(pb.GetWelcomeProgressRequest(
            community_id=world.other.id, owner_id=owner.id))
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert details(refused.value)[0] == "PLUGIN_NOT_ENABLED"


def test_a_step_is_done_when_its_ticket_closes_or_by_hand(world: World) -> None:
    owner, _ = world.move_in(world.enabled, date(2026, 3, 2))
    steps = {s.step: s for s in world.progress(owner.id).steps}

    close(world, steps["visit"].ticket_id)
    done = world.welcome.CompleteStep(pb.CompleteStepRequest(
        community_id=world.enabled.id, step_id=steps["welcome_card"].id)).step
    again = world.welcome.CompleteStep(pb.CompleteStepRequest(
        community_id=world.enabled.id, step_id=steps["welcome_card"].id)).step

    after = {s.step: s.state for s in world.progress(owner.id).steps}
    assert after == {"welcome_card": pb.STEP_STATE_DONE, "visit": pb.STEP_STATE_DONE,
                     "load_check": pb.STEP_STATE_PENDING, "housewarming": pb.STEP_STATE_PENDING}
    assert done.complete_time == again.complete_time  # completing twice changes nothing
    assert world.progress(owner.id).done_count == 2


def test_daily_job_raises_each_overdue_step_once(world: World) -> None:
    owner, _ = world.move_in(world.enabled, date(2026, 3, 2))  # visit due 03-05
    first = world.progress(owner.id).steps
    world.welcome.CompleteStep(pb.CompleteStepRequest(
        community_id=world.enabled.id, step_id=first[0].id))

    world.running.clock.advance(days=3)  # Thursday 03-05: the visit is due today, not late
    world.running.run_jobs()
    on_due_day = world.welcome.ListOverdueSteps(pb.ListOverdueStepsRequest(
        community_id=world.enabled.id)).steps
    world.running.clock.advance(days=1)  # Friday 03-06
    world.running.run_jobs()
    late = world.welcome.ListOverdueSteps(pb.ListOverdueStepsRequest(
        community_id=world.enabled.id)).steps
    world.running.clock.advance(days=1)
    world.running.run_jobs()
    later = world.welcome.ListOverdueSteps(pb.ListOverdueStepsRequest(
        community_id=world.enabled.id)).steps

    assert list(on_due_day) == []
    assert [(s.step, iso(s.due_date), s.state) for s in late] == [
        ("visit", "2026-03-05", pb.STEP_STATE_OVERDUE)]
    assert late[0].overdue_time.ToDatetime() == datetime(2026, 3, 6, 1, 0)
    assert later[0].overdue_time == late[0].overdue_time  # raised once, not every day


def test_configured_steps_replace_the_defaults(world: World, tmp_path: Path) -> None:
    (tmp_path / "svcq.toml").write_text(
        f'[plugins.welcome]\nenabled_communities = ["{world.enabled.id}"]\n'
        '[plugins.welcome.steps]\nwelcome_pack = 0\nload_check = 5\n', encoding="utf-8")
    admin_pb2_grpc.AdminServiceStub(world.running.channel).ReloadConfig(
        admin_pb2.ReloadConfigRequest())

    owner, _ = world.move_in(world.enabled, date(2026, 3, 2))

    assert [(s.step, iso(s.due_date)) for s in world.progress(owner.id).steps] == [
        ("welcome_pack", "2026-03-02"), ("load_check", "2026-03-07")]


def test_unknown_step_is_not_found(world: World) -> None:
    with pytest.raises(grpc.RpcError) as missing:
        world.welcome.CompleteStep(pb.CompleteStepRequest(community_id=world.enabled.id,
                                                          step_id="ws_nope"))
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
