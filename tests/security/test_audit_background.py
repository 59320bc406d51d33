"""Work nobody called is audited too: kept reaction failures and their retries, plugin job runs,
stored daily closures. As the caller whose write caused it, else as the system."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from google.protobuf import json_format

from svcq.plugin import Period, PeriodicJob, hookimpl
from svcq.storage.db import database
from svcq.testing import RunningServer, start_server
from svcq.v1 import admin_pb2 as apb
from svcq.v1 import admin_pb2_grpc
from svcq.v1 import ticket_pb2 as tpb
from tests.api.test_tickets import Desk
from tests.conftest import fresh_database
from tests.support import Factory


class Crasher:
    """A reaction to new tickets that fails while ``broken``."""

    def __init__(self) -> None:
        self.broken = True

    @hookimpl
    def svcq_ticket_created(self, ticket, ctx):
        if self.broken:
            raise ConnectionError("crm unreachable for 13912345678")


class Nightly:
    """A daily job that fails while ``broken``."""

    def __init__(self) -> None:
        self.broken = True

    @hookimpl
    def svcq_register_jobs(self, register):
        register(PeriodicJob("tally", Period.DAILY, self.tally))

    def tally(self, ctx):
        if self.broken:
            raise RuntimeError("tally service down")


@dataclass
class Background:
    server: RunningServer
    crasher: Crasher
    nightly: Nightly
    desk: Desk

    def records(self, **terms: str) -> list[apb.AuditRecord]:
        query = " AND ".join(f'{k} = "{v}"' for k, v in terms.items())
        stub = admin_pb2_grpc.AdminServiceStub(self.server.channel)
        return list(stub.ListAuditRecords(apb.ListAuditRecordsRequest(
            filter=query, page_size=500)).audit_records)


@pytest.fixture(scope="module")
def background(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Background]:
    url, pg = fresh_database(backend, tmp_path_factory)
    crasher, nightly = Crasher(), Nightly()
    everywhere = {"enabled": True}
    running = start_server(url, plugins=[("crasher", crasher), ("nightly", nightly)],
                           load_entrypoints=False, config={
                               "plugins": {"crasher": everywhere, "nightly": everywhere},
                               # the tests run the background work themselves
                               "server": {"job_interval_seconds": 3600},
                               "tickets": {"schedule": {"interval": "0"}}})
    try:
        desk = Desk(running, Factory(running.channel))
        yield Background(running, crasher, nightly, desk)
    finally:
        running.stop()
        if pg is not None:
            pg.drop()


def _changes(record: apb.AuditRecord) -> dict[str, list]:
    return {c.field: [json_format.MessageToDict(c.old_value),
                      json_format.MessageToDict(c.new_value)] for c in record.changes}


def test_a_kept_reaction_failure_and_its_retries_are_audited(background: Background):
    background.crasher.broken = True
    community = background.desk.community.id
    earlier = {r.id for r in background.records(resource_type="hook_failure",
                                                community_id=community)}
    background.desk.create()
    (kept,) = [r for r in background.records(resource_type="hook_failure",
                                             community_id=community) if r.id not in earlier]
    # Kept in the reaction of the caller's CreateTicket: recorded as that caller and call.
    assert (kept.principal, kept.method) == ("demo", "/svcq.v1.TicketService/CreateTicket")
    changes = _changes(kept)
    assert {k: changes[k] for k in ("plugin", "hook", "state", "attempts")} == {
        "plugin": [None, "crasher"], "hook": [None, "svcq_ticket_created"],
        "state": [None, "PENDING"], "attempts": [None, 1]}
    # Neither the hook's arguments (a copy of the ticket) nor the plugin's error text.
    assert not {"arguments", "error"} & set(changes)

    admin = admin_pb2_grpc.AdminServiceStub(background.server.channel)
    admin.RetryHookFailures(apb.RetryHookFailuresRequest())  # still broken
    background.crasher.broken = False
    admin.RetryHookFailures(apb.RetryHookFailuresRequest())
    first, again, done = background.records(resource_id=kept.resource_id)
    assert first.id == kept.id
    assert (again.method, done.method) == ("/svcq.v1.AdminService/RetryHookFailures",) * 2
    assert _changes(again)["attempts"] == [1, 2] and "state" not in _changes(again)
    assert _changes(done)["state"] == ["PENDING", "DONE"]
    assert _changes(done)["attempts"] == [2, 3]


def test_plugin_job_runs_are_audited_as_the_system(background: Background):
    community = background.desk.community.id
    background.nightly.broken = True
    assert background.records(resource_type="job_run", community_id=community) == []
    assert [o.error != "" for o in background.server.run_jobs()
            if o.community_id == community] == [True]
    background.nightly.broken = False
    assert [o.error for o in background.server.run_jobs()
            if o.community_id == community] == [""]
    background.server.run_jobs()  # done this period: nothing runs, nothing recorded
    records = background.records(resource_type="job_run", community_id=community)
    assert {(r.principal, r.method) for r in records} == {("system", "")}
    states = [_changes(r)["state"] for r in records]
    assert states == [[None, "RUNNING"], ["RUNNING", "FAILED"], ["FAILED", "RUNNING"],
                      ["RUNNING", "DONE"]]
    assert _changes(records[2])["attempts"] == [1, 2]
    assert not any({"error", "version", "update_time"} & set(_changes(r)) for r in records)


def _closure_taken(background: Background) -> tpb.DailyClosure:
    """Today's closure of the desk's community, stored by the scheduler's pass."""
    clock = background.server.clock
    # Past the community's closure time (17:00 in Asia/Shanghai, UTC+8), never backwards.
    local = clock.now().astimezone(dt.timezone(dt.timedelta(hours=8)))
    if local.time() < dt.time(17, 30):
        clock.set(local.replace(hour=17, minute=30).astimezone(dt.UTC))
    with database.connection_context():
        background.server.app.tickets.run_due_jobs()
    return background.desk.stub.GetDailyClosure(tpb.GetDailyClosureRequest(
        community_id=background.desk.community.id)).closure


def test_the_scheduler_stores_the_daily_closure(background: Background):
    """The control of the next test: the closure it looks for is really stored."""
    assert _closure_taken(background).stored


def test_a_stored_daily_closure_is_audited(background: Background):
    closure = _closure_taken(background)
    (record,) = background.records(resource_type="daily_closure",
                                   community_id=background.desk.community.id)
    assert (record.principal, record.method) == ("system", "")
    assert _changes(record)["received"] == [None, len(closure.received_ticket_ids)]
