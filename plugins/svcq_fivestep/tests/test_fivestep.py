"""The five-step method through the API: present where enabled, absent where not.

One server per module (SQLite), loading the plugin from its module; each test
makes its own communities and enables the plugin there by reloading the
config file, like an admin would.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import grpc
import pytest
from google.type import date_pb2

import svcq_fivestep.plugin
from svcq.testing import Factory, RunningServer, details, start_server
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import owner_pb2 as opb
from svcq.v1 import ticket_pb2 as tpb
from svcq.v1 import ticket_pb2_grpc
from svcq_fivestep import cli
from svcq_fivestep.v1 import fivestep_pb2 as pb
from svcq_fivestep.v1 import fivestep_pb2_grpc


@dataclass
class Host:
    """One server for the module, with the plugin loaded and a config file to rewrite."""

    running: RunningServer
    factory: Factory

    def reload(self, config: dict[str, Any]) -> None:
        self.running.reload(config)


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Host]:
    folder = tmp_path_factory.mktemp("fivestep")
    (folder / "svcq.toml").write_text("", encoding="utf-8")
    running = start_server(f"sqlite:///{folder / 'svcq.db'}", config_file=str(folder / "svcq.toml"),
                           plugins=[("fivestep", svcq_fivestep.plugin)], load_entrypoints=False)
    try:
        yield Host(running, Factory(running.channel))
    finally:
        running.stop()


class Place:
    """A community with a building, a unit, a front-desk clerk and a security shift leader."""

    def __init__(self, host: Host) -> None:
        self.host = host
        f = host.factory
        self.community = f.community()
        self.building = f.building(self.community.id)
        self.unit = f.unit(self.building.id)
        self.clerk = f.staff(self.community.id)
        self.guard = f.staff(self.community.id, department=dpb.DEPARTMENT_SECURITY,
                             role=dpb.STAFF_ROLE_SHIFT_LEADER)
        self.tickets = ticket_pb2_grpc.TicketServiceStub(host.running.channel)
        self.fivestep = fivestep_pb2_grpc.FiveStepServiceStub(host.running.channel)

    @property
    def id(self) -> str:
        return self.community.id

    def move_in(self, on: dt.date, unit_id: str = "", **fields: Any) -> opb.Owner:
        link = opb.OwnerUnit(unit_id=unit_id or self.unit.id, role=opb.OWNER_ROLE_OWNER,
                             move_in_date=date_pb2.Date(year=on.year, month=on.month,
                                                        day=on.day))
        return self.host.factory.owner(self.id, units=[link], **fields)

    def ticket(self, owner_id: str, kind: int, channel: int) -> tpb.Ticket:
        return self.tickets.CreateTicket(tpb.CreateTicketRequest(ticket=tpb.Ticket(
            community_id=self.id, kind=kind, channel=channel, description="about the lift",
            owner_id=owner_id, first_receiver_staff_id=self.clerk.id))).ticket

    def work(self, owner_id: str) -> dict[str, pb.WorkItem]:
        answer = self.fivestep.GetWelcomePack(pb.GetWelcomePackRequest(
            community_id=self.id, owner_id=owner_id))
        return {pb.WorkPurpose.Name(w.purpose).removeprefix("WORK_PURPOSE_"): w
                for w in answer.work_items}


def enable(host: Host, *places: Place, everywhere: dict[str, Any] | None = None,
           per_community: dict[str, dict[str, Any]] | None = None) -> None:
    section: dict[str, Any] = {"enabled_communities": [p.id for p in places],
                               **(everywhere or {})}
    if per_community:
        section["communities"] = per_community
    host.reload({"plugins": {"fivestep": section}})


def today(host: Host) -> dt.date:
    """The fake clock's date in Shanghai, where the factory's communities are."""
    return (host.running.clock.now() + dt.timedelta(hours=8)).date()


def as_date(value: date_pb2.Date) -> dt.date:
    return dt.date(value.year, value.month, value.day)


# -- know and touch: move-in work ------------------------------------------------


def test_move_in_opens_the_welcome_pack_visit_and_load_check_only_where_enabled(host):
    on, off = Place(host), Place(host)
    enable(host, on, per_community={on.id: {"welcome_visit_days": 3}})
    moved = today(host) - dt.timedelta(days=1)

    owner = on.move_in(moved)
    elsewhere = off.move_in(moved)

    answer = on.fivestep.GetWelcomePack(pb.GetWelcomePackRequest(community_id=on.id,
                                                                 owner_id=owner.id))
    [pack] = answer.packs
    assert (pack.unit_id, as_date(pack.moved_in_on)) == (on.unit.id, moved)
    assert list(pack.items) == ["welcome card", "service assistant's card",
                                "home-safety handbook"]
    work = on.work(owner.id)
    assert set(work) == {"WELCOME_VISIT", "LOAD_CHECK"}  # housewarming is off by default
    assert as_date(work["WELCOME_VISIT"].due_date) == moved + dt.timedelta(days=3)
    assert as_date(work["LOAD_CHECK"].due_date) == moved + dt.timedelta(days=7)
    visit = on.tickets.GetTicket(tpb.GetTicketRequest(id=work["WELCOME_VISIT"].ticket_id)).ticket
    load = on.tickets.GetTicket(tpb.GetTicketRequest(id=work["LOAD_CHECK"].ticket_id)).ticket
    assert visit.kind == tpb.TICKET_KIND_PROACTIVE
    assert visit.description.startswith("Welcome visit")
    assert (visit.owner_id, visit.unit_id, visit.first_receiver_staff_id) == (
        owner.id, on.unit.id, on.clerk.id)
    assert load.description.startswith("Appliance load check")
    assert load.department == dpb.DEPARTMENT_ENGINEERING

    assert "fivestep" in owner.plugin_data
    assert "fivestep" not in elsewhere.plugin_data
    proactive = off.tickets.ListTickets(tpb.ListTicketsRequest(
        filter=f'community_id = "{off.id}" AND kind = "TICKET_KIND_PROACTIVE"'))
    assert list(proactive.tickets) == []
    with pytest.raises(grpc.RpcError) as error:
        off.fivestep.GetWelcomePack(pb.GetWelcomePackRequest(community_id=off.id,
                                                             owner_id=elsewhere.id))
    assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert details(error.value)[0] == "PLUGIN_NOT_ENABLED"


def test_load_check_is_due_seven_days_after_move_in_by_the_fake_clock(host):
    place = Place(host)
    enable(host, place)
    host.running.clock.advance(days=3)
    moved = today(host)

    owner = place.move_in(moved)

    assert as_date(place.work(owner.id)["LOAD_CHECK"].due_date) == moved + dt.timedelta(days=7)


def test_housewarming_visits_only_in_communities_that_switch_them_on(host):
    plain, grand = Place(host), Place(host)
    enable(host, plain, grand, per_community={grand.id: {"housewarming_visits": True}})
    moved = today(host)

    in_plain = plain.move_in(moved)
    in_grand = grand.move_in(moved)

    assert "HOUSEWARMING" not in plain.work(in_plain.id)
    assert as_date(grand.work(in_grand.id)["HOUSEWARMING"].due_date) == (
        moved + dt.timedelta(days=30))


def test_expectant_mothers_are_cared_for_only_when_they_opted_in(host):
    place = Place(host)
    enable(host, place)
    flags = [opb.CARE_FLAG_EXPECTANT_MOTHER]

    opted = place.move_in(today(host), care_flags=flags, tags=["opt-in:expectant-care"])
    silent = place.move_in(today(host), place.host.factory.unit(place.building.id).id,
                           care_flags=flags)

    assert "EXPECTANT_CARE" in place.work(opted.id)
    assert "EXPECTANT_CARE" not in place.work(silent.id)


def test_households_needing_help_get_help_visits_on_move_in_and_each_month(host):
    place = Place(host)
    enable(host, place)
    needy = place.move_in(today(host), care_flags=[opb.CARE_FLAG_NEEDS_HELP])
    assert "HELP_VISIT" in place.work(needy.id)

    host.running.clock.advance(days=32)  # the next month: the care job runs again
    host.running.run_jobs()

    answer = place.fivestep.GetWelcomePack(pb.GetWelcomePackRequest(community_id=place.id,
                                                                    owner_id=needy.id))
    helps = [w for w in answer.work_items if w.purpose == pb.WORK_PURPOSE_HELP_VISIT]
    assert len(helps) == 2
    assert len({w.ticket_id for w in helps}) == 2


def test_a_transfer_is_welcomed_again_but_a_replayed_move_in_is_not(host):
    place = Place(host)
    enable(host, place)
    moved = today(host)
    owner = place.move_in(moved)
    first = place.work(owner.id)["WELCOME_VISIT"].ticket_id

    unchanged = place.host.factory.owners.UpdateOwner(opb.UpdateOwnerRequest(
        owner=opb.Owner(id=owner.id, etag=owner.etag, notes="likes tea"),
        update_mask={"paths": ["notes"]})).owner

    assert place.work(unchanged.id)["WELCOME_VISIT"].ticket_id == first


# -- knowledge checks ---------------------------------------------------------------


def test_staff_work_alone_only_after_a_passed_latest_check(host):
    place = Place(host)
    other = Place(host)
    enable(host, place)
    stub = place.fivestep

    def clearance() -> pb.GetWorkAloneClearanceResponse:
        return stub.GetWorkAloneClearance(pb.GetWorkAloneClearanceRequest(
            community_id=place.id, staff_id=place.guard.id))

    def record(passed: bool, request_id: str) -> pb.KnowledgeCheck:
        return stub.RecordKnowledgeCheck(pb.RecordKnowledgeCheckRequest(
            check=pb.KnowledgeCheck(community_id=place.id, staff_id=place.guard.id,
                                    examiner_staff_id=place.clerk.id, passed=passed,
                                    score=55 if not passed else 95),
            request_id=request_id)).check

    missing = clearance()
    failed = record(False, "kc-1")
    after_fail = clearance()
    passed = record(True, "kc-2")
    replay = record(True, "kc-2")
    after_pass = clearance()

    assert (missing.cleared, missing.reason) == (False, pb.CLEARANCE_REASON_NO_CHECK)
    assert (after_fail.cleared, after_fail.reason) == (False, pb.CLEARANCE_REASON_FAILED)
    assert after_fail.latest_check.id == failed.id
    assert (after_pass.cleared, after_pass.reason) == (True, pb.CLEARANCE_REASON_PASSED)
    assert replay.id == passed.id
    assert after_pass.latest_check.score == 95

    with pytest.raises(grpc.RpcError) as unknown:
        stub.RecordKnowledgeCheck(pb.RecordKnowledgeCheckRequest(check=pb.KnowledgeCheck(
            community_id=place.id, staff_id=other.guard.id, passed=True)))
    assert unknown.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(details(unknown.value)[1]) == {"check.staff_id"}
    with pytest.raises(grpc.RpcError) as disabled:
        stub.GetWorkAloneClearance(pb.GetWorkAloneClearanceRequest(
            community_id=other.id, staff_id=other.guard.id))
    assert details(disabled.value)[0] == "PLUGIN_NOT_ENABLED"


def test_a_knowledge_check_expires_after_the_valid_days_and_then_counts_as_missing(host):
    quarterly, monthly, forever = Place(host), Place(host), Place(host)
    enable(host, quarterly, monthly, forever, per_community={
        monthly.id: {"knowledge_check_valid_days": 30},
        forever.id: {"knowledge_check_valid_days": 0}})

    def record(place: Place, passed: bool = True) -> pb.KnowledgeCheck:
        return place.fivestep.RecordKnowledgeCheck(pb.RecordKnowledgeCheckRequest(
            check=pb.KnowledgeCheck(community_id=place.id, staff_id=place.guard.id,
                                    passed=passed))).check

    def clearance(place: Place) -> pb.GetWorkAloneClearanceResponse:
        return place.fivestep.GetWorkAloneClearance(pb.GetWorkAloneClearanceRequest(
            community_id=place.id, staff_id=place.guard.id))

    checks = {p.id: record(p) for p in (quarterly, monthly, forever)}
    checked_at = checks[quarterly.id].check_time.ToDatetime()
    fresh = clearance(quarterly)
    assert (fresh.cleared, fresh.reason) == (True, pb.CLEARANCE_REASON_PASSED)
    assert fresh.expire_time.ToDatetime() - checked_at == dt.timedelta(days=90)  # the default
    assert not clearance(forever).HasField("expire_time")

    host.running.clock.advance(days=30)  # the monthly community's check lapses exactly now
    lapsed = clearance(monthly)
    assert (lapsed.cleared, lapsed.reason) == (False, pb.CLEARANCE_REASON_EXPIRED)
    assert lapsed.latest_check.id == checks[monthly.id].id
    assert clearance(quarterly).cleared

    host.running.clock.advance(days=59, hours=23)  # a minute under 90 days: still valid
    assert clearance(quarterly).reason == pb.CLEARANCE_REASON_PASSED
    host.running.clock.advance(hours=1)
    expired = clearance(quarterly)
    assert (expired.cleared, expired.reason) == (False, pb.CLEARANCE_REASON_EXPIRED)
    assert clearance(forever).reason == pb.CLEARANCE_REASON_PASSED  # 0: never expires

    record(quarterly, passed=False)  # a fresh failure is a failure, not an expiry
    assert clearance(quarterly).reason == pb.CLEARANCE_REASON_FAILED
    retest = record(quarterly)
    renewed = clearance(quarterly)
    assert (renewed.cleared, renewed.latest_check.id) == (True, retest.id)


# -- star customers ---------------------------------------------------------------------


def test_star_points_stars_follow_up_and_ranking_by_hand(host, capsys):
    place, off = Place(host), Place(host)
    # visit 2, complaint 5, suggestion 3 points; a star per 10; follow-up from 2 stars.
    enable(host, place, everywhere={"points_per_visit": 2, "points_per_complaint": 5,
                                    "points_per_suggestion": 3, "follow_up_min_stars": 2})
    f = host.factory
    alice, bob, carol = (f.owner(place.id) for _ in range(3))
    desk, phone = tpb.TICKET_CHANNEL_FRONT_DESK, tpb.TICKET_CHANNEL_PHONE_HOTLINE
    complaint, suggestion, repair = (tpb.TICKET_KIND_COMPLAINT, tpb.TICKET_KIND_SUGGESTION,
                                     tpb.TICKET_KIND_REPAIR)
    # alice: 3 complaints at the desk = 3 x (2 + 5) = 21 -> 2 stars
    for _ in range(3):
        place.ticket(alice.id, complaint, desk)
    # bob: a suggestion by phone (3) + a repair at the desk (2) + a complaint by phone (5) = 10
    place.ticket(bob.id, suggestion, phone)
    place.ticket(bob.id, repair, desk)
    last = place.ticket(bob.id, complaint, phone)
    # carol: a repair by phone earns nothing
    place.ticket(carol.id, repair, phone)
    # the same ticket seen again through a transition adds nothing
    place.tickets.CancelTicket(tpb.CancelTicketRequest(
        id=last.id, etag=last.etag, actor_staff_id=place.clerk.id, reason="duplicate"))

    def data(owner_id: str) -> dict[str, Any]:
        got = f.owners.GetOwner(opb.GetOwnerRequest(id=owner_id)).owner
        return dict(got.plugin_data["fivestep"])

    assert data(alice.id) == {"stars": 2, "points": 21}
    assert data(bob.id) == {"stars": 1, "points": 10}
    assert data(carol.id) == {"stars": 0, "points": 0}

    flagged = place.ticket(alice.id, tpb.TICKET_KIND_INQUIRY, phone)
    plain = place.ticket(bob.id, tpb.TICKET_KIND_INQUIRY, phone)
    assert dict(flagged.plugin_data["fivestep"]) == {"follow_up": True, "stars": 2}
    assert dict(plain.plugin_data["fivestep"]) == {"follow_up": False, "stars": 1}

    ranked = place.fivestep.ListStarCustomers(pb.ListStarCustomersRequest(community_id=place.id))
    assert [(c.owner_id, c.points, c.stars, c.rank) for c in ranked.customers] == [
        (alice.id, 21, 2, 1), (bob.id, 10, 1, 2)]
    starred = place.fivestep.ListStarCustomers(pb.ListStarCustomersRequest(
        community_id=place.id, min_stars=2))
    assert [c.owner_id for c in starred.customers] == [alice.id]

    cli_args = argparse.Namespace(community=place.id, min_stars=0, limit=1,
                                  address=host.running.address)
    assert cli.run(cli_args) == 0
    header, row = capsys.readouterr().out.splitlines()[-2:]
    assert (header.split(), row.split()) == (["rank", "stars", "points", "owner"],
                                             ["1", "2", "21", alice.id])

    stranger = f.owner(off.id)
    off_ticket = off.ticket(stranger.id, complaint, desk)
    assert "fivestep" not in off_ticket.plugin_data
    assert "fivestep" not in f.owners.GetOwner(opb.GetOwnerRequest(id=stranger.id)
                                               ).owner.plugin_data


def test_monthly_return_visits_go_to_each_buildings_liaison(host):
    place = Place(host)
    second = host.factory.building(place.id)
    second_unit = host.factory.unit(second.id)
    named_liaison = host.factory.staff(place.id, department=dpb.DEPARTMENT_SECURITY)
    enable(host, place, everywhere={"return_visits_per_building": 1,
                                    "points_per_complaint": 10},
           per_community={place.id: {"security_liaisons": {second.id: named_liaison.id}}})
    moved = today(host) - dt.timedelta(days=400)  # old residents
    top = place.move_in(moved)
    runner_up = place.move_in(moved, host.factory.unit(place.building.id).id)
    across = place.move_in(moved, second_unit.id)
    complaint, desk = tpb.TICKET_KIND_COMPLAINT, tpb.TICKET_CHANNEL_PHONE_HOTLINE
    for owner, n in ((top, 3), (runner_up, 1), (across, 2)):
        for _ in range(n):
            place.ticket(owner.id, complaint, desk)

    host.running.clock.advance(days=31)
    host.running.run_jobs()

    visits = {owner.id: place.work(owner.id).get("RETURN_VISIT")
              for owner in (top, runner_up, across)}
    assert visits[runner_up.id] is None  # one key customer per building
    assert visits[top.id].staff_id == place.guard.id  # found among security shift leaders
    assert visits[across.id].staff_id == named_liaison.id  # configured for that building
    ticket = place.tickets.GetTicket(tpb.GetTicketRequest(id=visits[top.id].ticket_id)).ticket
    assert (ticket.department, ticket.assignee_staff_id) == (dpb.DEPARTMENT_SECURITY,
                                                             place.guard.id)


# -- holidays -----------------------------------------------------------------------------


def test_holiday_greetings_list_the_owners_for_holidays_within_the_lead_days(host):
    place = Place(host)
    enable(host, place, everywhere={"holidays": ["12-31 Year's Eve", "01-02 Day Two",
                                                 "2027-02-06 Spring Festival Eve"],
                                    "greeting_lead_days": 3})
    owners = sorted(host.factory.owner(place.id).id for _ in range(2))

    def greetings(on: dt.date) -> list[tuple[dt.date, str, list[str]]]:
        answer = place.fivestep.ListHolidayGreetings(pb.ListHolidayGreetingsRequest(
            community_id=place.id, date=date_pb2.Date(year=on.year, month=on.month,
                                                      day=on.day)))
        return [(as_date(g.date), g.name, list(g.owner_ids)) for g in answer.greetings]

    assert greetings(dt.date(2026, 12, 30)) == [
        (dt.date(2026, 12, 31), "Year's Eve", owners), (dt.date(2027, 1, 2), "Day Two", owners)]
    assert greetings(dt.date(2027, 2, 3)) == [
        (dt.date(2027, 2, 6), "Spring Festival Eve", owners)]
    assert greetings(dt.date(2026, 6, 1)) == []
