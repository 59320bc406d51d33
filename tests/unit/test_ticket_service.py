"""TicketService on a real SQLite file without the network: the invariants under random
sequences of actions (hypothesis), and every ticket hook a plugin can implement.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from svcq.clock import FakeClock
from svcq.domain.common import ServiceContext, etag_of
from svcq.domain.directory import CommunityInput, DirectoryService, StaffInput
from svcq.domain.paging import PageTokens
from svcq.domain.tickets.lifecycle import TRANSITIONS, Action, TicketState
from svcq.domain.tickets.lifecycle import rule as action_rule
from svcq.domain.tickets.records import TicketRecord
from svcq.domain.tickets.service import CallbackOutcome, TicketInput, TicketService
from svcq.errors import FailedPrecondition
from svcq.plugin import Deadlines, Routing, Veto, hookimpl
from svcq.plugins import HookRunner, PluginVeto, build_plugin_manager, load_plugin_settings
from svcq.storage.db import database
from svcq.storage.migrate import migrate
from svcq.storage.tickets import TicketCallback, TicketHistory
from svcq.testing import bound_database


@dataclass
class World:
    service: TicketService
    clock: FakeClock
    community_id: str
    clerk: str
    engineer: str

    def new_ticket(self, **kw: Any) -> TicketRecord:
        fields = {"community_id": self.community_id, "kind": "REPAIR", "channel": "FRONT_DESK",
                  "category": "plumbing/leak", "description": "tap drips",
                  "first_receiver_staff_id": self.clerk, **kw}
        return self.service.create(TicketInput(**fields))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with bound_database(f"sqlite:///{tmp_path_factory.mktemp('tickets') / 'svcq.db'}") as opened:
        migrate(opened)
        with database.connection_context():
            yield


def make_world(hooks: HookRunner | None = None, clock: FakeClock | None = None) -> World:
    clock = clock or FakeClock()
    ctx = ServiceContext(page_tokens=PageTokens(b"secret"), clock=clock, hooks=hooks)
    directory = DirectoryService(ctx)
    region = directory.create_region("East")
    community = directory.create_community(CommunityInput(
        region.id, "Garden", "Asia/Shanghai", 8 * 60 + 30, 17 * 60 + 30, 2015))

    def staff(department: str) -> str:
        return directory.create_staff(StaffInput(community.id, "", "someone", "", department,
                                                 "OPERATOR")).id

    return World(TicketService(ctx, directory), clock, community.id, staff("FRONT_DESK"),
                 staff("ENGINEERING"))


# -- the state machine under random actions --------------------------------------


def apply(world: World, ticket: TicketRecord, action: Action) -> TicketRecord:
    s, etag, eng, clerk = world.service, etag_of(ticket.version), world.engineer, world.clerk
    calls = {
        Action.DISPATCH: lambda: s.dispatch(ticket.id, etag, clerk, "ENGINEERING", eng),
        Action.START: lambda: s.start(ticket.id, etag, eng),
        Action.HOLD: lambda: s.hold(ticket.id, etag, eng, "parts ordered"),
        Action.RESUME: lambda: s.resume(ticket.id, etag, eng),
        Action.RESOLVE: lambda: s.resolve(ticket.id, etag, eng),
        Action.CALLBACK_SATISFIED: lambda: s.record_callback(
            ticket.id, etag, clerk, CallbackOutcome(True, 5)),
        Action.CALLBACK_UNSATISFIED: lambda: s.record_callback(
            ticket.id, etag, clerk, CallbackOutcome(False, 2, "still drips")),
        Action.CLOSE: lambda: s.close(ticket.id, etag, clerk),
        Action.CANCEL: lambda: s.cancel(ticket.id, etag, clerk, "duplicate"),
        Action.REOPEN_DEFECT: lambda: s.report_defect(ticket.id, etag, clerk),
    }
    return calls[action]()


class TicketMachine(RuleBasedStateMachine):
    world: World

    @initialize()
    def receive(self) -> None:
        self.ticket = self.world.new_ticket()
        self.done = 0
        self.reopens = 0
        self.callbacks = 0

    @rule(minutes=st.integers(min_value=1, max_value=3 * 24 * 60))
    def time_passes(self, minutes: int) -> None:
        self.world.clock.advance(minutes=minutes)

    @rule(action=st.sampled_from(list(Action)))
    def act(self, action: Action) -> None:
        before = self.ticket
        legal = (before.state, action) in TRANSITIONS
        try:
            after = apply(self.world, before, action)
        except FailedPrecondition as refused:
            assert not legal, f"{action} from {before.state} refused: {refused}"
            assert refused.reason == "ILLEGAL_TRANSITION"
            assert self.world.service.get(before.id).version == before.version
            return
        assert legal, f"{action} from {before.state} accepted"
        assert after.state is TRANSITIONS[(before.state, action)]
        self.done += 1
        self.reopens += action_rule(action).reopens
        self.callbacks += action in (Action.CALLBACK_SATISFIED, Action.CALLBACK_UNSATISFIED)
        moved = (action is Action.HOLD or before.state is TicketState.ON_HOLD
                 or action_rule(action).reopens)
        if not moved:
            assert (after.respond_by, after.resolve_by) == (before.respond_by, before.resolve_by)
        self.ticket = after

    @invariant()
    def history_counts_the_successful_transitions(self) -> None:
        entries = TicketHistory.select().where(TicketHistory.ticket == self.ticket.id).count()
        assert entries == self.ticket.history_count == 1 + self.done

    @invariant()
    def counters_are_consistent(self) -> None:
        current = self.world.service.get(self.ticket.id)
        assert current.reopen_count == self.reopens
        customer = TicketCallback.select().where((TicketCallback.ticket == current.id)
                                                 & (TicketCallback.kind == "CUSTOMER")).count()
        assert customer == self.callbacks
        special = TicketCallback.select().where((TicketCallback.ticket == current.id)
                                                & (TicketCallback.kind == "SPECIAL")).count()
        assert current.callback_count == self.callbacks and special <= current.reopen_count
        assert current.paused >= timedelta(0)

    @invariant()
    def a_closed_ticket_has_a_satisfied_callback(self) -> None:
        current = self.world.service.get(self.ticket.id)
        if current.state is TicketState.CLOSED:
            assert current.last_callback is not None and current.last_callback.satisfied
            assert current.close_time is not None


def test_random_action_sequences_keep_the_invariants(db: None) -> None:
    TicketMachine.world = make_world()
    run = settings(max_examples=25, stateful_step_count=12, deadline=None,
                   suppress_health_check=list(HealthCheck))(TicketMachine)
    run.TestCase().runTest()


# -- hooks ------------------------------------------------------------------------


class Probe:
    """A plugin implementing every ticket hook, recording what it saw."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.service: TicketService | None = None

    @hookimpl
    def svcq_ticket_route(self, ticket, ctx):
        return Routing("CLEANING", reason="cleaning line") if ticket.category == "cleaning" \
            else None

    @hookimpl
    def svcq_ticket_deadlines(self, ticket, proposed, ctx):
        if ticket.priority == "URGENT":
            start = ctx.now()
            return Deadlines(start + timedelta(minutes=10), start + timedelta(hours=2))
        return None

    @hookimpl
    def svcq_ticket_validate(self, ticket, action, ctx):
        self.calls.append(("validate", action, ticket.state))
        return Veto("no resolving before the inspector sees it") if (
            action == "resolve" and "inspect" in ticket.category) else None

    @hookimpl
    def svcq_ticket_created(self, ticket, ctx):
        self.calls.append(("created", ticket.id, ticket.state))

    @hookimpl
    def svcq_ticket_transitioned(self, ticket, from_state, action, ctx):
        self.calls.append(("transitioned", action, f"{from_state}->{ticket.state}"))
        if action == "close" and ticket.kind == "REPAIR" and self.service is not None:
            self.service.create_proactive(ticket.community_id, ticket.first_receiver_staff_id,
                                          "follow-up visit after the repair",
                                          category="plumbing", department="BUTLER")

    @hookimpl
    def svcq_ticket_overdue(self, ticket, deadline, ctx):
        self.calls.append(("overdue", ticket.id, deadline))

    @hookimpl
    def svcq_ticket_plugin_data(self, ticket, ctx):
        return {"seen_state": str(ticket.state)}


@pytest.fixture
def probed(db: None) -> tuple[World, Probe]:
    probe = Probe()
    clock = FakeClock(datetime(2026, 3, 2, 1, 0).astimezone())
    pm = build_plugin_manager(load_entrypoints=False, extra_plugins=[("probe", probe)])
    runner = HookRunner(pm, load_plugin_settings({"plugins": {"probe": {"enabled": True}}},
                                                 pm.catalog), clock)
    world = make_world(runner, clock)
    probe.service = world.service
    return world, probe


def test_routing_plugin_dispatches_at_creation(probed):
    world, probe = probed
    routed = world.new_ticket(category="cleaning")
    assert routed.state is TicketState.DISPATCHED and routed.department == "CLEANING"
    assert routed.plugin_data == {"probe": {"seen_state": "DISPATCHED"}}
    note = TicketHistory.select().where(TicketHistory.ticket == routed.id).order_by(
        TicketHistory.id)[1].note
    assert note == "routed by probe: cleaning line"
    assert ("created", routed.id, "NEW") in probe.calls
    assert ("transitioned", "dispatch", "NEW->DISPATCHED") in probe.calls
    assert world.new_ticket().state is TicketState.NEW


def test_deadline_plugin_sets_clock_limits_that_holds_still_push(probed):
    world, _ = probed
    now = world.clock.now()
    urgent = world.new_ticket(priority="URGENT")
    assert urgent.respond_by == (now + timedelta(minutes=10)).replace(tzinfo=None)
    assert urgent.resolve_by == (now + timedelta(hours=2)).replace(tzinfo=None)


def test_veto_fails_the_action_and_writes_nothing(probed):
    world, probe = probed
    ticket = world.new_ticket(category="plumbing")
    world.service.update_categories(world.community_id, ["plumbing/inspect"], "")
    ticket = world.new_ticket(category="plumbing/inspect")
    ticket = apply(world, apply(world, ticket, Action.DISPATCH), Action.START)
    with pytest.raises(PluginVeto) as caught:
        apply(world, ticket, Action.RESOLVE)
    assert caught.value.veto_reason == "no resolving before the inspector sees it"
    assert world.service.get(ticket.id).state is TicketState.IN_PROGRESS
    assert ("validate", "resolve", "RESOLVED") in probe.calls  # it saw the ticket as after


def test_overdue_reaction_and_proactive_follow_up(probed):
    world, probe = probed
    ticket = world.new_ticket()
    world.clock.advance(hours=3)
    world.service.sweep()
    assert ("overdue", ticket.id, "respond") in probe.calls
    closed = ticket
    for action in (Action.DISPATCH, Action.START, Action.RESOLVE, Action.CALLBACK_SATISFIED,
                   Action.CLOSE):
        closed = apply(world, closed, action)
    follow_up = [t for t in world.service.list(50, "", f'community_id = "{world.community_id}"'
                                               ' AND kind = PROACTIVE')[0]]
    assert len(follow_up) == 1
    assert follow_up[0].state is TicketState.DISPATCHED and follow_up[0].department == "BUTLER"
    assert follow_up[0].first_receiver_staff_id == world.clerk
