"""TicketService through a real server and client, on SQLite and PostgreSQL: the lifecycle.

Every (state, action) pair is tried: the legal ones move the ticket and
leave one history entry, the illegal ones answer FAILED_PRECONDITION naming
the state and what is allowed. The helpers here (``Desk``) are shared by the
other test_tickets_* modules.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import pytest
from google.protobuf import field_mask_pb2
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from svcq.domain.tickets.lifecycle import TRANSITIONS, Action, TicketState, allowed_actions
from svcq.testing import RunningServer
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import ticket_pb2 as pb
from svcq.v1 import ticket_pb2_grpc
from tests.support import Factory, details

#: The shortest way from NEW to each state.
PATHS: dict[TicketState, list[Action]] = {
    TicketState.NEW: [],
    TicketState.DISPATCHED: [Action.DISPATCH],
    TicketState.IN_PROGRESS: [Action.DISPATCH, Action.START],
    TicketState.ON_HOLD: [Action.DISPATCH, Action.START, Action.HOLD],
    TicketState.RESOLVED: [Action.DISPATCH, Action.START, Action.RESOLVE],
    TicketState.CALLBACK_DONE: [Action.DISPATCH, Action.START, Action.RESOLVE,
                                Action.CALLBACK_SATISFIED],
    TicketState.CLOSED: [Action.DISPATCH, Action.START, Action.RESOLVE,
                         Action.CALLBACK_SATISFIED, Action.CLOSE],
    TicketState.CANCELLED: [Action.CANCEL],
}


def error_info(error: grpc.RpcError) -> tuple[str, dict[str, str]]:
    """(ErrorInfo.reason, ErrorInfo.metadata) of a failed call."""
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    assert status is not None
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            return info.reason, dict(info.metadata)
    raise AssertionError("no ErrorInfo")


def state_name(state: int) -> str:
    return pb.TicketState.Name(state).removeprefix("TICKET_STATE_")


class Desk:
    """One community with a front-desk clerk, an engineer, a unit and an owner."""

    def __init__(self, server: RunningServer, factory: Factory, **community: Any) -> None:
        self.server = server
        self.stub = ticket_pb2_grpc.TicketServiceStub(server.channel)
        self.community = factory.community(**community)
        cid = self.community.id
        self.unit = factory.unit(factory.building(cid).id)
        self.clerk = factory.staff(cid)
        self.engineer = factory.staff(cid, department=dpb.DEPARTMENT_ENGINEERING)
        self.head = factory.staff(cid, role=dpb.STAFF_ROLE_PROJECT_HEAD)
        self.owner = factory.owner(cid)

    def create(self, **fields: Any) -> pb.Ticket:
        msg = pb.Ticket(community_id=self.community.id, kind=pb.TICKET_KIND_REPAIR,
                        channel=pb.TICKET_CHANNEL_FRONT_DESK, category="plumbing/leak",
                        description="the kitchen tap drips", unit_id=self.unit.id,
                        owner_id=self.owner.id, first_receiver_staff_id=self.clerk.id)
        for key, value in fields.items():
            if isinstance(value, list):
                getattr(msg, key).extend(value)
            elif key == "corrective_action":
                msg.corrective_action.CopyFrom(value)
            else:
                setattr(msg, key, value)
        return self.stub.CreateTicket(pb.CreateTicketRequest(ticket=msg)).ticket

    def act(self, ticket: pb.Ticket, action: Action, **extra: Any) -> pb.Ticket:
        """Apply ``action`` with plausible arguments; ``extra`` overrides them."""
        common = {"id": ticket.id, "etag": ticket.etag,
                  "actor_staff_id": self.engineer.id, **extra}
        s = self.stub
        if action is Action.DISPATCH:
            args = {"department": dpb.DEPARTMENT_ENGINEERING,
                    "assignee_staff_id": self.engineer.id, "actor_staff_id": self.clerk.id}
            return s.DispatchTicket(pb.DispatchTicketRequest(**{**common, **args, **extra})).ticket
        if action is Action.START:
            return s.StartTicket(pb.StartTicketRequest(**common)).ticket
        if action is Action.HOLD:
            return s.HoldTicket(pb.HoldTicketRequest(
                **{"reason": "parts ordered", **common})).ticket
        if action is Action.RESUME:
            return s.ResumeTicket(pb.ResumeTicketRequest(**common)).ticket
        if action is Action.RESOLVE:
            return s.ResolveTicket(pb.ResolveTicketRequest(**common)).ticket
        if action in (Action.CALLBACK_SATISFIED, Action.CALLBACK_UNSATISFIED):
            satisfied = action is Action.CALLBACK_SATISFIED
            return s.RecordCallback(pb.RecordCallbackRequest(**{
                "satisfied": satisfied, "score": 5 if satisfied else 2,
                "comment": "fine" if satisfied else "still drips",
                **common, "actor_staff_id": self.clerk.id, **extra})).ticket
        if action is Action.CLOSE:
            return s.CloseTicket(pb.CloseTicketRequest(
                **{**common, "actor_staff_id": self.clerk.id, **extra})).ticket
        if action is Action.CANCEL:
            return s.CancelTicket(pb.CancelTicketRequest(**{"reason": "duplicate", **common})
                                  ).ticket
        return s.ReportDefectRecurrence(pb.ReportDefectRecurrenceRequest(
            **{**common, "actor_staff_id": self.clerk.id, **extra})).ticket

    def walk(self, ticket: pb.Ticket, actions: list[Action]) -> pb.Ticket:
        for action in actions:
            ticket = self.act(ticket, action)
        return ticket

    def at(self, state: TicketState, **fields: Any) -> pb.Ticket:
        return self.walk(self.create(**fields), PATHS[state])

    def history(self, ticket_id: str) -> list[pb.TicketHistoryEntry]:
        return list(self.stub.ListTicketHistory(pb.ListTicketHistoryRequest(
            ticket_id=ticket_id, page_size=500)).entries)

    def get(self, ticket_id: str) -> pb.Ticket:
        return self.stub.GetTicket(pb.GetTicketRequest(id=ticket_id)).ticket


@pytest.fixture
def desk(server: RunningServer, factory: Factory) -> Desk:
    return Desk(server, factory)


# -- the state machine ---------------------------------------------------------

LEGAL = sorted(TRANSITIONS.items())
ILLEGAL = [(s, a) for s in TicketState for a in Action if (s, a) not in TRANSITIONS]


@pytest.mark.parametrize(("pair", "target"), LEGAL, ids=[f"{s}-{a}" for (s, a), _ in LEGAL])
def test_every_legal_transition_moves_and_records_one_entry(desk: Desk, pair, target):
    state, action = pair
    ticket = desk.at(state)
    before = len(desk.history(ticket.id))
    moved = desk.act(ticket, action)
    assert state_name(moved.state) == target
    assert moved.etag != ticket.etag
    entries = desk.history(ticket.id)
    assert len(entries) == before + 1 == len(PATHS[state]) + 2  # CREATE + path + this one
    last = entries[-1]
    assert pb.TicketAction.Name(last.action) == f"TICKET_ACTION_{action}"
    assert (state_name(last.from_state), state_name(last.to_state)) == (state, target)
    assert last.event_time.ToDatetime() == desk.server.clock.now().replace(tzinfo=None)
    assert desk.get(ticket.id) == moved


@pytest.mark.parametrize("state", list(TicketState))
def test_every_illegal_transition_names_state_and_allowed_actions(desk: Desk, state):
    ticket = desk.at(state)
    illegal = [a for s, a in ILLEGAL if s is state]
    assert illegal
    for action in illegal:
        with pytest.raises(grpc.RpcError) as caught:
            desk.act(ticket, action)
        assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION, action
        reason, meta = error_info(caught.value)
        assert reason == "ILLEGAL_TRANSITION"
        assert meta["state"] == state
        assert meta["allowed_actions"] == ",".join(allowed_actions(state))
        assert f"that is {state}" in caught.value.details()
    assert desk.get(ticket.id) == ticket
    assert len(desk.history(ticket.id)) == len(PATHS[state]) + 1


def test_full_life_records_who_when_from_to_and_note(desk: Desk):
    ticket = desk.create()
    assert ticket.state == pb.TICKET_STATE_NEW
    assert ticket.first_receiver_staff_id == ticket.reporter_back_staff_id == desk.clerk.id
    ticket = desk.act(ticket, Action.DISPATCH, note="to the plumber")
    assert ticket.department == dpb.DEPARTMENT_ENGINEERING
    assert ticket.assignee_staff_id == desk.engineer.id
    ticket = desk.walk(ticket, [Action.START, Action.RESOLVE, Action.CALLBACK_SATISFIED,
                                Action.CLOSE])
    assert ticket.state == pb.TICKET_STATE_CLOSED
    assert ticket.callback_count == 1
    assert ticket.last_callback.satisfied and ticket.last_callback.score == 5
    assert ticket.close_time.ToDatetime() == desk.server.clock.now().replace(tzinfo=None)
    entries = desk.history(ticket.id)
    assert [pb.TicketAction.Name(e.action).removeprefix("TICKET_ACTION_") for e in entries] == [
        "CREATE", "DISPATCH", "START", "RESOLVE", "CALLBACK_SATISFIED", "CLOSE"]
    assert entries[0].actor_staff_id == desk.clerk.id
    assert entries[1].note == "to the plumber"
    assert entries[1].department == dpb.DEPARTMENT_ENGINEERING
    assert entries[1].assignee_staff_id == desk.engineer.id
    assert entries[2].actor_staff_id == desk.engineer.id
    assert [e.id for e in entries] == sorted(e.id for e in entries)


def test_hold_and_cancel_need_a_reason(desk: Desk):
    ticket = desk.at(TicketState.IN_PROGRESS)
    for action in (Action.HOLD, Action.CANCEL):
        with pytest.raises(grpc.RpcError) as caught:
            desk.act(ticket, action, reason="  ")
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert set(details(caught.value)[1]) == {"reason"}
    held = desk.act(ticket, Action.HOLD, reason="owner away until Friday")
    assert held.hold_reason == "owner away until Friday"
    assert desk.history(ticket.id)[-1].reason == "owner away until Friday"
    assert desk.act(held, Action.RESUME).hold_reason == ""


def test_unsatisfied_callback_reopens_and_redispatches(desk: Desk):
    ticket = desk.at(TicketState.RESOLVED)
    reopened = desk.act(ticket, Action.CALLBACK_UNSATISFIED)
    assert reopened.state == pb.TICKET_STATE_DISPATCHED
    assert reopened.reopen_count == 1
    assert reopened.assignee_staff_id == desk.engineer.id
    assert not reopened.HasField("resolved_time")
    assert reopened.last_callback.satisfied is False and reopened.last_callback.score == 2
    assert desk.history(ticket.id)[-1].assignee_staff_id == desk.engineer.id
    again = desk.walk(reopened, [Action.START, Action.RESOLVE, Action.CALLBACK_UNSATISFIED])
    assert again.reopen_count == 2 and again.callback_count == 2


def test_callback_score_must_be_one_to_five(desk: Desk):
    ticket = desk.at(TicketState.RESOLVED)
    with pytest.raises(grpc.RpcError) as caught:
        desk.act(ticket, Action.CALLBACK_SATISFIED, score=0)
    assert set(details(caught.value)[1]) == {"score"}


def test_defect_recurrence_redispatches_and_owes_a_special_callback(desk: Desk):
    closed = desk.at(TicketState.CLOSED)
    now = desk.server.clock.now()
    again = desk.act(closed, Action.REOPEN_DEFECT, note="tap drips again")
    assert again.state == pb.TICKET_STATE_DISPATCHED
    assert again.reopen_count == 1
    assert again.special_callback_by.ToDatetime() == (now + timedelta(hours=24)).replace(
        tzinfo=None)
    pending = desk.stub.ListTicketCallbacks(pb.ListTicketCallbacksRequest(
        filter=f'ticket_id = "{closed.id}" AND pending = true')).callbacks
    assert [c.kind for c in pending] == [pb.TICKET_CALLBACK_KIND_SPECIAL]
    done = desk.stub.CompleteTicketCallback(pb.CompleteTicketCallbackRequest(
        id=pending[0].id, actor_staff_id=desk.clerk.id, satisfied=True, score=4,
        comment="plumber came at once")).callback
    assert done.satisfied and done.done_time.ToDatetime() == now.replace(tzinfo=None)
    assert desk.get(closed.id).callback_count == 2
    with pytest.raises(grpc.RpcError) as caught:
        desk.stub.CompleteTicketCallback(pb.CompleteTicketCallbackRequest(
            id=pending[0].id, actor_staff_id=desk.clerk.id, satisfied=True, score=4))
    assert error_info(caught.value)[0] == "CALLBACK_DONE"


def test_only_repairs_can_have_a_recurring_defect(desk: Desk):
    inquiry = desk.create(kind=pb.TICKET_KIND_INQUIRY)
    inquiry = desk.walk(inquiry, [Action.RESOLVE])
    with pytest.raises(grpc.RpcError) as caught:
        desk.act(inquiry, Action.REOPEN_DEFECT)
    assert error_info(caught.value)[0] == "NOT_A_REPAIR"


def test_major_complaint_cannot_close_without_corrective_action(desk: Desk):
    ticket = desk.at(TicketState.CALLBACK_DONE, kind=pb.TICKET_KIND_COMPLAINT, major=True,
                     category="service-attitude")
    with pytest.raises(grpc.RpcError) as caught:
        desk.act(ticket, Action.CLOSE, corrective_action=pb.CorrectiveAction(cause="rude"))
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    reason, meta = error_info(caught.value)
    assert reason == "CORRECTIVE_ACTION_REQUIRED"
    assert meta["missing"] == "corrective_action.action_taken,corrective_action.prevention"
    report = pb.CorrectiveAction(cause="rude guard", action_taken="apologised in person",
                                 prevention="courtesy training for the shift")
    closed = desk.act(ticket, Action.CLOSE, corrective_action=report)
    assert closed.state == pb.TICKET_STATE_CLOSED
    assert closed.corrective_action == report


def test_compensation_or_project_head_complaints_go_to_the_company(desk: Desk):
    plain = desk.create(kind=pb.TICKET_KIND_COMPLAINT, category="noise")
    assert plain.escalation_level == pb.ESCALATION_LEVEL_UNSPECIFIED
    for flag in ("compensation_involved", "against_project_head"):
        ticket = desk.create(kind=pb.TICKET_KIND_COMPLAINT, category="noise", **{flag: True})
        assert ticket.escalation_level == pb.ESCALATION_LEVEL_COMPANY
        entries = desk.history(ticket.id)
        assert [pb.TicketAction.Name(e.action) for e in entries] == [
            "TICKET_ACTION_CREATE", "TICKET_ACTION_ESCALATE"]
        assert entries[1].escalation_level == pb.ESCALATION_LEVEL_COMPANY
    updated = desk.stub.UpdateTicket(pb.UpdateTicketRequest(
        ticket=pb.Ticket(id=plain.id, etag=plain.etag, compensation_involved=True),
        update_mask=field_mask_pb2.FieldMask(paths=["compensation_involved"]),
        actor_staff_id=desk.clerk.id)).ticket
    assert updated.escalation_level == pb.ESCALATION_LEVEL_COMPANY


# -- first-contact responsibility --------------------------------------------


def test_first_receiver_stays_answerable_through_redispatch(desk: Desk, factory: Factory):
    guard = factory.staff(desk.community.id, department=dpb.DEPARTMENT_SECURITY)
    told = desk.create(first_receiver_staff_id=guard.id, channel=pb.TICKET_CHANNEL_STAFF_ON_BEHALF)
    assert told.first_receiver_staff_id == guard.id
    cleaner = factory.staff(desk.community.id, department=dpb.DEPARTMENT_CLEANING)
    moved = desk.act(told, Action.DISPATCH)
    moved = desk.act(moved, Action.DISPATCH, department=dpb.DEPARTMENT_CLEANING,
                     assignee_staff_id=cleaner.id)
    assert moved.first_receiver_staff_id == guard.id
    assert moved.assignee_staff_id == cleaner.id
    other = desk.create(first_receiver_staff_id=guard.id)
    desk.act(other, Action.CANCEL)

    def mine(**kw: Any) -> list[str]:
        return [t.id for t in desk.stub.ListMyFirstContactTickets(
            pb.ListMyFirstContactTicketsRequest(staff_id=guard.id, **kw)).tickets]

    assert mine() == [told.id]
    assert mine(filter='state = "CANCELLED"') == [other.id]
    assert desk.walk(moved, PATHS[TicketState.CLOSED][1:]).state == pb.TICKET_STATE_CLOSED
    assert mine() == []


def test_reporter_back_can_be_someone_else(desk: Desk):
    ticket = desk.create(reporter_back_staff_id=desk.head.id)
    assert ticket.reporter_back_staff_id == desk.head.id


def test_staff_of_another_community_may_not_receive(desk: Desk, factory: Factory):
    stranger = factory.staff(factory.community().id)
    with pytest.raises(grpc.RpcError) as caught:
        desk.create(first_receiver_staff_id=stranger.id)
    assert set(details(caught.value)[1]) == {"ticket.first_receiver_staff_id"}


# -- validation, reads, updates -------------------------------------------------


def test_create_validation_names_every_bad_field(desk: Desk):
    with pytest.raises(grpc.RpcError) as caught:
        desk.create(kind=pb.TICKET_KIND_UNSPECIFIED, channel=pb.TICKET_CHANNEL_UNSPECIFIED,
                    category="fireworks", description=" ", unit_id="un_nothere",
                    owner_id="ow_nothere", first_receiver_staff_id="",
                    attachments=["", "photo-1.jpg"])
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(details(caught.value)[1]) == {
        "ticket.kind", "ticket.channel", "ticket.category", "ticket.description",
        "ticket.unit_id", "ticket.owner_id", "ticket.first_receiver_staff_id",
        "ticket.attachments[0]"}


def test_create_returns_every_field_and_is_idempotent(desk: Desk):
    msg = pb.Ticket(community_id=desk.community.id, kind=pb.TICKET_KIND_PAID_SERVICE,
                    channel=pb.TICKET_CHANNEL_APP, category="electrical",
                    priority=pb.TICKET_PRIORITY_HIGH, public_area="building 3 lift lobby",
                    description="install a socket", attachments=["oss://a/1.jpg"],
                    first_receiver_staff_id=desk.clerk.id)
    first = desk.stub.CreateTicket(pb.CreateTicketRequest(ticket=msg, request_id="r-1")).ticket
    again = desk.stub.CreateTicket(pb.CreateTicketRequest(ticket=msg, request_id="r-1")).ticket
    assert first == again
    got = desk.get(first.id)
    assert got == first
    assert got.public_area == "building 3 lift lobby" and got.WhichOneof("location") == (
        "public_area")
    assert got.priority == pb.TICKET_PRIORITY_HIGH and list(got.attachments) == ["oss://a/1.jpg"]
    assert got.owner_id == "" and got.etag == 'W/"1"'
    assert not got.HasField("response_met") and not got.HasField("resolution_met")


def test_list_filters(desk: Desk):
    repair = desk.create()
    inquiry = desk.create(kind=pb.TICKET_KIND_INQUIRY, category="fees")
    cid = desk.community.id

    def ids(text: str) -> list[str]:
        return [t.id for t in desk.stub.ListTickets(pb.ListTicketsRequest(
            filter=f'community_id = "{cid}" AND {text}')).tickets]

    assert ids("kind = INQUIRY") == [inquiry.id]
    assert ids('category = "plumbing"') == [repair.id]
    assert ids("state = NEW") == [repair.id, inquiry.id]
    with pytest.raises(grpc.RpcError) as caught:
        ids("kind = LEAK")
    assert details(caught.value)[0] == "INVALID_FILTER"


def test_update_changes_fields_and_recomputes_deadlines_on_priority(desk: Desk):
    ticket = desk.create()
    updated = desk.stub.UpdateTicket(pb.UpdateTicketRequest(
        ticket=pb.Ticket(id=ticket.id, etag=ticket.etag, description="the tap pours",
                         emergency=True),
        update_mask=field_mask_pb2.FieldMask(paths=["description", "emergency"]),
        actor_staff_id=desk.clerk.id)).ticket
    assert updated.description == "the tap pours" and updated.emergency
    now = desk.server.clock.now().replace(tzinfo=None)
    assert updated.respond_by.ToDatetime() == now + timedelta(minutes=30)
    assert desk.history(ticket.id)[-1].note == "description, emergency"
    with pytest.raises(grpc.RpcError) as caught:
        desk.stub.UpdateTicket(pb.UpdateTicketRequest(
            ticket=pb.Ticket(id=ticket.id, etag=ticket.etag, description="stale"),
            update_mask=field_mask_pb2.FieldMask(paths=["description"]),
            actor_staff_id=desk.clerk.id))
    assert caught.value.code() == grpc.StatusCode.ABORTED


def test_category_tree_is_per_community(desk: Desk, factory: Factory):
    default = desk.stub.GetTicketCategories(pb.GetTicketCategoriesRequest(
        community_id=desk.community.id)).categories
    assert not default.customized and "plumbing/leak" in default.categories
    mine = desk.stub.UpdateTicketCategories(pb.UpdateTicketCategoriesRequest(
        categories=pb.TicketCategories(community_id=desk.community.id,
                                       categories=["pool/filter", " pool/ tiles ", "gym"]))
    ).categories
    assert list(mine.categories) == ["pool/filter", "pool/tiles", "gym"] and mine.customized
    assert desk.create(category="pool").category == "pool"
    with pytest.raises(grpc.RpcError) as caught:
        desk.create(category="plumbing/leak")
    assert set(details(caught.value)[1]) == {"ticket.category"}
    with pytest.raises(grpc.RpcError) as caught:
        desk.stub.UpdateTicketCategories(pb.UpdateTicketCategoriesRequest(
            categories=pb.TicketCategories(community_id=desk.community.id, categories=["x"],
                                           etag='W/"7"')))
    assert caught.value.code() == grpc.StatusCode.ABORTED
    other = factory.community()
    assert not desk.stub.GetTicketCategories(pb.GetTicketCategoriesRequest(
        community_id=other.id)).categories.customized


# -- concurrency ------------------------------------------------------------------


def test_concurrent_transitions_with_one_etag_one_wins(desk: Desk):
    ticket = desk.at(TicketState.DISPATCHED)
    barrier = threading.Barrier(6)
    outcomes: list[str] = []

    def start() -> None:
        barrier.wait()
        try:
            desk.act(ticket, Action.START)
            outcomes.append("OK")
        except grpc.RpcError as error:
            outcomes.append(error.code().name)

    threads = [threading.Thread(target=start) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ABORTED"] * 5 + ["OK"]
    starts = [e for e in desk.history(ticket.id) if e.action == pb.TICKET_ACTION_START]
    assert len(starts) == 1


def test_missing_ticket_and_stale_etag(desk: Desk):
    with pytest.raises(grpc.RpcError) as caught:
        desk.get("tk_nothere")
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    ticket = desk.create()
    desk.act(ticket, Action.DISPATCH)
    with pytest.raises(grpc.RpcError) as caught:
        desk.act(ticket, Action.CANCEL)  # an old etag: ABORTED, whatever the state allows
    assert caught.value.code() == grpc.StatusCode.ABORTED


def test_server_time_is_utc(desk: Desk):
    ticket = desk.create()
    assert ticket.create_time.ToDatetime(tzinfo=UTC) == desk.server.clock.now()
    assert isinstance(ticket.create_time.ToDatetime(), datetime)
