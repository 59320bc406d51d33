"""Failure isolation through TicketService: decisions fail cleanly, reactions never undo."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from svcq.domain.tickets.lifecycle import TicketState
from svcq.plugin import Veto, hookimpl
from svcq.v1 import admin_pb2 as apb
from svcq.v1 import ticket_pb2 as tpb
from tests.api.test_tickets import Desk, error_info
from tests.plugins.support import Host


class Ticketeer:
    """Vetoes, crashes in a decision, or crashes in a reaction, as told."""

    def __init__(self) -> None:
        self.crash_decision = False
        self.crash_reaction = False
        self.veto = ""
        self.created: list[object] = []

    @hookimpl
    def svcq_ticket_validate(self, ticket, action, ctx):
        if self.crash_decision:
            raise KeyError("resident 13800138000")
        return Veto(self.veto) if self.veto and action == "create" else None

    @hookimpl
    def svcq_ticket_created(self, ticket, ctx):
        if self.crash_reaction:
            raise ConnectionError("crm unreachable")
        self.created.append(ticket)


@pytest.fixture
def setup(tmp_path) -> Iterator[tuple[Host, Ticketeer, Desk]]:
    ticketeer = Ticketeer()
    host = Host(tmp_path, {"ticketeer": ticketeer}, {})
    try:
        desk = Desk(host.running, host.factory)
        host.reload({"plugins": {"ticketeer": {"enabled_communities": [desk.community.id]}}})
        yield host, ticketeer, desk
    finally:
        host.stop()


def tickets_of(desk: Desk) -> list[tpb.Ticket]:
    return list(desk.stub.ListTickets(tpb.ListTicketsRequest(
        filter=f'community_id = "{desk.community.id}"')).tickets)


def test_a_crashing_decision_hook_fails_create_ticket_naming_the_plugin_nothing_written(setup):
    _host, ticketeer, desk = setup
    ticketeer.crash_decision = True

    with pytest.raises(grpc.RpcError) as error:
        desk.create()

    assert error.value.code() == grpc.StatusCode.INTERNAL
    assert error.value.details() == "plugin 'ticketeer' failed in svcq_ticket_validate: KeyError"
    assert error_info(error.value) == ("PLUGIN_FAILED", {
        "plugin": "ticketeer", "hook": "svcq_ticket_validate", "error_type": "KeyError"})
    assert tickets_of(desk) == []


def test_a_veto_refuses_create_ticket_with_its_reason(setup):
    _host, ticketeer, desk = setup
    ticketeer.veto = "no repairs during the festival"

    with pytest.raises(grpc.RpcError) as error:
        desk.create()

    assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    reason, metadata = error_info(error.value)
    assert (reason, metadata["plugin"], metadata["veto_reason"]) == (
        "PLUGIN_VETO", "ticketeer", "no repairs during the festival")
    assert tickets_of(desk) == []


def test_a_crashing_reaction_keeps_the_ticket_and_is_retried(setup):
    host, ticketeer, desk = setup
    ticketeer.crash_reaction = True

    ticket = desk.create()

    assert [t.id for t in tickets_of(desk)] == [ticket.id]
    assert host.plugins_listed()["ticketeer"].pending_hook_failures == 1
    ticketeer.crash_reaction = False
    outcome = host.admin.RetryHookFailures(apb.RetryHookFailuresRequest())
    assert outcome == apb.RetryHookFailuresResponse(succeeded=1)
    assert [(t.id, t.community_id) for t in ticketeer.created] == [
        (ticket.id, desk.community.id)]
    assert ticketeer.created[0].state is TicketState.NEW  # rebuilt with its own types


def test_plugins_not_enabled_in_the_community_are_not_called(setup):
    host, ticketeer, _desk = setup
    other = Desk(host.running, host.factory)
    ticketeer.crash_decision = True

    assert other.create().community_id == other.community.id
