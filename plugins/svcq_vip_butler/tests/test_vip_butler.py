"""VIP stewardship through a real server: routing, deadlines, visits, loyalty, forums."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import grpc
import pytest
from google.protobuf import json_format
from google.type import date_pb2

import svcq_vip_butler.plugin
from svcq.testing import Factory, details, make_token, start_server, token_channel
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import directory_pb2_grpc, owner_pb2_grpc, ticket_pb2
from svcq.v1 import owner_pb2 as opb
from svcq_vip_butler.rules import is_vip, quarters_without_forum, tighter
from svcq_vip_butler.settings import ButlerSettings
from svcq_vip_butler.tests.world import World, limits, serve
from svcq_vip_butler.v1 import vip_butler_pb2 as pb
from svcq_vip_butler.v1 import vip_butler_pb2_grpc

#: The core's default limits of a normal repair at 09:00 on a Monday (2h working, 24h clock).
CORE = (timedelta(hours=2), timedelta(hours=24))


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    yield from serve(tmp_path)


@pytest.fixture
def enabled(world: World) -> tuple[dpb.Community, dpb.Community]:
    """(stewarded, plain): vip_butler runs only in the first."""
    region = world.factory.region()
    stewarded, plain = world.factory.community(region.id), world.factory.community(region.id)
    world.configure({"plugins": {"vip_butler": {"enabled_communities": [stewarded.id]}}})
    return stewarded, plain


def test_a_vip_request_goes_to_the_butler_with_half_the_time(world, enabled):
    house = world.households(enabled[0])

    vip = world.request(house, house.vip)
    ordinary = world.request(house, house.ordinary)

    assert (vip.state, vip.department, vip.assignee_staff_id) == (
        ticket_pb2.TICKET_STATE_DISPATCHED, dpb.DEPARTMENT_BUTLER, house.butler.id)
    assert limits(vip) == (timedelta(hours=1), timedelta(hours=12))
    assert (ordinary.state, ordinary.assignee_staff_id) == (ticket_pb2.TICKET_STATE_NEW, "")
    assert limits(ordinary) == CORE


def test_nothing_changes_where_the_plugin_does_not_run(world, enabled):
    _, plain = enabled
    house = world.households(plain, zone=False)

    vip = world.request(house, house.vip)

    assert (vip.state, vip.assignee_staff_id) == (ticket_pb2.TICKET_STATE_NEW, "")
    assert limits(vip) == CORE
    with pytest.raises(grpc.RpcError) as error:
        world.butlers.ListZones(pb.ListZonesRequest(community_id=plain.id))
    assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert details(error.value)[0] == "PLUGIN_NOT_ENABLED"


def test_a_buildings_own_butler_wins_over_its_zones(world, enabled):
    house = world.households(enabled[0])
    own = world.factory.staff(house.community.id, department=dpb.DEPARTMENT_BUTLER)
    world.assign(house.community.id, own.id, building_id=house.building.id)

    assert world.request(house, house.vip).assignee_staff_id == own.id
    listed = world.butlers.ListButlerAssignments(pb.ListButlerAssignmentsRequest(
        community_id=house.community.id)).assignments
    assert [(a.zone_id, a.building_id, a.butler_staff_id) for a in listed] == [
        (house.zone.id, "", house.butler.id), ("", house.building.id, own.id)]


def test_zones_and_butlers_are_checked(world, enabled):
    house = world.households(enabled[0])
    clerk_id = house.clerk.id
    with pytest.raises(grpc.RpcError) as error:
        world.zone(house.community.id, [house.building.id])
    assert details(error.value)[1] == {"zone.building_ids[0]": "already in another zone"}
    with pytest.raises(grpc.RpcError) as error:
        world.assign(house.community.id, clerk_id, zone_id=house.zone.id)
    assert details(error.value)[1] == {
        "assignment.butler_staff_id": "not an active butler (department BUTLER) here"}
    with pytest.raises(grpc.RpcError) as error:
        world.assign(house.community.id, house.butler.id, zone_id=house.zone.id,
                     building_id=house.building.id)
    assert details(error.value)[1] == {
        "assignment.zone_id": "set exactly one of zone_id and building_id"}


def butler_data(world: World, owner_id: str) -> dict | None:
    owner = world.factory.owners.GetOwner(opb.GetOwnerRequest(id=owner_id)).owner
    if "vip_butler" not in owner.plugin_data:
        return None
    return json_format.MessageToDict(owner.plugin_data["vip_butler"])


def contacts(world: World, community_id: str, owner_id: str) -> list[tuple]:
    answer = world.butlers.GetButlerContacts(pb.GetButlerContactsRequest(
        community_id=community_id, owner_id=owner_id))
    return [(c.unit_id, c.building_id, c.butler_staff_id, c.display_name, c.phone, c.active)
            for c in answer.contacts]


def test_every_owner_learns_their_households_butler_and_how_to_reach_them(world, enabled):
    stewarded, plain = enabled
    house = world.households(stewarded)  # the building's zone is looked after by house.butler
    f, cid = world.factory, stewarded.id
    tower_unit = f.unit(house.building.id)
    lonely_unit = f.unit(f.building(cid).id)  # a building nobody looks after
    owner = f.owner(cid, units=[opb.OwnerUnit(unit_id=u.id, role=opb.OWNER_ROLE_OWNER)
                                for u in (lonely_unit, tower_unit)])
    lone = f.owner(cid, units=[opb.OwnerUnit(unit_id=lonely_unit.id,
                                             role=opb.OWNER_ROLE_TENANT)])

    def entry(unit_id: str, butler: dpb.Staff, active: bool = True) -> dict:
        return {"unit_id": unit_id, "butler_staff_id": butler.id,
                "display_name": butler.display_name, "phone": butler.phone, "active": active}

    assert butler_data(world, owner.id) == {"butlers": [entry(tower_unit.id, house.butler)]}
    assert butler_data(world, house.ordinary.id) == {"butlers": [  # not a VIP: a customer too
        entry(house.unit.id, house.butler)]}
    assert butler_data(world, lone.id) is None  # nobody looks after the household

    wang = f.directory.CreateStaff(dpb.CreateStaffRequest(staff=dpb.Staff(
        community_id=cid, display_name="王管家", phone="13912345678",
        department=dpb.DEPARTMENT_BUTLER, role=dpb.STAFF_ROLE_OPERATOR))).staff
    world.assign(cid, wang.id, building_id=house.building.id)  # the building's own wins

    assert butler_data(world, owner.id) == {"butlers": [entry(tower_unit.id, wang)]}
    assert wang.phone == "13912345678"
    assert contacts(world, cid, owner.id) == [
        (tower_unit.id, house.building.id, wang.id, "王管家", "13912345678", True)]
    assert contacts(world, cid, lone.id) == []

    f.directory.UpdateStaff(dpb.UpdateStaffRequest(
        staff=dpb.Staff(id=wang.id, active=False, etag=wang.etag),
        update_mask={"paths": ["active"]}))
    assert contacts(world, cid, owner.id)[0][-1] is False  # left: the gap shows
    assert butler_data(world, owner.id) == {"butlers": [entry(tower_unit.id, wang, False)]}

    with pytest.raises(grpc.RpcError) as missing:
        contacts(world, cid, "")
    assert details(missing.value)[1] == {"owner_id": "required"}
    elsewhere = world.households(plain, zone=False)
    assert butler_data(world, elsewhere.vip.id) is None
    with pytest.raises(grpc.RpcError) as refused:
        contacts(world, plain.id, elsewhere.vip.id)
    assert details(refused.value)[0] == "PLUGIN_NOT_ENABLED"
    with pytest.raises(grpc.RpcError) as foreign:
        contacts(world, cid, elsewhere.vip.id)  # another community's owner
    assert foreign.value.code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.parametrize(("role", "phone"), [("QUALITY_INSPECTOR", "139****5678"),
                                             ("REGION_MANAGER", "139****5678"),
                                             ("STAFF", "13912345678"),
                                             ("SERVICE_ACCOUNT", "13912345678")])
def test_the_butlers_phone_is_masked_like_every_phone_for_roles_that_see_phones_masked(
        tmp_path, role, phone):
    running = start_server(f"sqlite:///{tmp_path / 'svcq.db'}", auth=True,
                           config={"plugins": {"vip_butler": {"enabled": True}}},
                           plugins=[("vip_butler", svcq_vip_butler.plugin)],
                           load_entrypoints=False)
    admin = token_channel(running, make_token(running, "ADMIN"))
    try:
        f = Factory(admin)
        community = f.community()
        building = f.building(community.id)
        unit = f.unit(building.id)
        butler = f.directory.CreateStaff(dpb.CreateStaffRequest(staff=dpb.Staff(
            community_id=community.id, display_name="王管家", phone="13912345678",
            department=dpb.DEPARTMENT_BUTLER, role=dpb.STAFF_ROLE_OPERATOR))).staff
        vip_butler_pb2_grpc.ButlerServiceStub(admin).AssignButler(pb.AssignButlerRequest(
            assignment=pb.ButlerAssignment(community_id=community.id,
                                           butler_staff_id=butler.id, building_id=building.id)))
        owner = f.owner(community.id, units=[opb.OwnerUnit(unit_id=unit.id,
                                                           role=opb.OWNER_ROLE_OWNER)])
        scope = (f"region:{community.region_id}" if role == "REGION_MANAGER"
                 else f"community:{community.id}")
        caller = token_channel(running, make_token(running, role, scope))
        try:
            answer = vip_butler_pb2_grpc.ButlerServiceStub(caller).GetButlerContacts(
                pb.GetButlerContactsRequest(community_id=community.id, owner_id=owner.id))
            on_owner = owner_pb2_grpc.OwnerServiceStub(caller).GetOwner(
                opb.GetOwnerRequest(id=owner.id)).owner.plugin_data["vip_butler"]
            directory = directory_pb2_grpc.DirectoryServiceStub(caller).GetStaff(
                dpb.GetStaffRequest(id=butler.id)).staff
        finally:
            caller.close()
        assert [(c.display_name, c.phone) for c in answer.contacts] == [("王管家", phone)]
        [published] = json_format.MessageToDict(on_owner)["butlers"]
        assert (published["display_name"], published["phone"]) == ("王管家", phone)
        assert directory.phone == phone  # the same rule as the staff directory's
    finally:
        admin.close()
        running.stop()


def visits(world: World, community_id: str, week: str = "") -> pb.GetStewardshipFiguresResponse:
    return world.butlers.GetStewardshipFigures(pb.GetStewardshipFiguresRequest(
        community_id=community_id, week=week))


def test_weekly_visits_and_their_compliance(world, enabled):
    stewarded, plain = enabled
    house = world.households(stewarded)  # butler A: the zone's building, two owners
    f, cid = world.factory, stewarded.id
    for _ in range(2):  # two more households in A's building: four in all
        f.owner(cid, units=[dict(unit_id=f.unit(house.building.id).id, role=1)])
    second = f.building(cid)
    butler_b = f.staff(cid, department=dpb.DEPARTMENT_BUTLER)
    world.assign(cid, butler_b.id, building_id=second.id)  # B: an empty building

    outcomes = world.running.run_jobs()

    assert [(o.plugin, o.community_id, o.period_key) for o in outcomes] == [
        ("vip_butler", cid, "2026-W10")]
    work = [t for t in world.open_tickets(cid) if t.kind == ticket_pb2.TICKET_KIND_PROACTIVE]
    by_butler = {b: [t for t in work if t.assignee_staff_id == b]
                 for b in (house.butler.id, butler_b.id)}
    assert [len(v) for v in by_butler.values()] == [3, 3]
    assert all(t.department == dpb.DEPARTMENT_BUTLER for t in work)
    assert len({t.owner_id for t in by_butler[house.butler.id]}) == 3
    assert [t.owner_id for t in by_butler[butler_b.id]] == ["", "", ""]  # nobody lives there
    assert world.open_tickets(plain.id) == []

    for t in by_butler[house.butler.id]:
        world.finish(t.id)
    world.finish(by_butler[butler_b.id][0].id)
    # A: 3 of 3 = 100 %, B: 1 of 3 = 33.33 %, together 4 of 6 = 66.67 %.
    now = visits(world, cid)
    assert now.week == "2026-W10"
    assert [(b.butler_staff_id, b.quota, b.visits_done, b.compliance_percent)
            for b in now.butlers] == sorted([(house.butler.id, 3, 3, 100.0),
                                             (butler_b.id, 3, 1, 33.33)])
    assert (now.visits_done, now.visits_quota, now.compliance_percent) == (4, 6, 66.67)

    world.clock.advance(days=7)
    world.running.run_jobs()  # settles W10, opens W11
    world.finish(by_butler[butler_b.id][1].id)  # too late for W10

    settled = visits(world, cid, "2026-W10")
    assert (settled.visits_done, settled.compliance_percent) == (4, 66.67)
    current = visits(world, cid)
    assert (current.week, current.visits_done, current.visits_quota) == ("2026-W11", 0, 6)
    w10_a = {t.owner_id for t in by_butler[house.butler.id]}
    w11_a = [t for t in world.open_tickets(cid) if t.assignee_staff_id == house.butler.id
             and t.state == ticket_pb2.TICKET_STATE_DISPATCHED]
    assert w11_a[0].owner_id not in w10_a  # the household not visited yet comes first


def test_managers_below_the_loyal_customer_minimum(world, enabled):
    cid = enabled[0].id
    f = world.factory
    supervisor = f.staff(cid, role=dpb.STAFF_ROLE_SUPERVISOR)
    head = f.staff(cid, role=dpb.STAFF_ROLE_PROJECT_HEAD)
    f.staff(cid)  # an operator is no manager
    owners = [f.owner(cid) for _ in range(10)]
    for manager, loyal in ((supervisor, owners), (head, owners[:1])):
        for owner in loyal:
            world.butlers.AddLoyalCustomer(pb.AddLoyalCustomerRequest(
                loyal_customer=pb.LoyalCustomer(community_id=cid, manager_staff_id=manager.id,
                                                owner_id=owner.id)))
    world.butlers.RemoveLoyalCustomer(pb.RemoveLoyalCustomerRequest(
        community_id=cid, manager_staff_id=supervisor.id, owner_id=owners[9].id))

    figures = visits(world, cid)

    assert figures.loyal_customer_minimum == 10
    assert sorted((m.staff_id, m.loyal_customers, m.below_minimum) for m in figures.managers) == (
        sorted([(supervisor.id, 9, True), (head.id, 1, True)]))
    assert figures.managers_below_minimum == 2
    world.configure({"plugins": {"vip_butler": {"enabled_communities": [cid],
                                                "loyal_customers_per_manager": 5}}})
    assert visits(world, cid).managers_below_minimum == 1


def test_quarters_without_a_forum(world, enabled):
    cid = enabled[0].id

    def forum(day: date) -> pb.Forum:
        return world.butlers.RecordForum(pb.RecordForumRequest(forum=pb.Forum(
            community_id=cid, held_on=date_pb2.Date(year=day.year, month=day.month, day=day.day),
            topic="parking", attendee_count=12))).forum

    forum(date(2026, 2, 10))
    with pytest.raises(grpc.RpcError) as error:
        forum(date(2026, 3, 3))
    assert details(error.value)[1] == {"forum.held_on": "not in the future"}
    assert list(visits(world, cid).quarters_without_forum) == []  # Q1 still running

    world.clock.advance(days=126)  # Monday 2026-07-06: Q1 and Q2 ended
    assert list(visits(world, cid).quarters_without_forum) == ["2026-Q2"]
    assert [f.held_on.month for f in world.butlers.ListForums(
        pb.ListForumsRequest(community_id=cid)).forums] == [2]


def test_vip_rules_by_hand():
    s = ButlerSettings()
    assert is_vip(["committee", "vip"], {}, s)
    assert not is_vip([], {"fivestep": {"stars": 4}}, s)
    assert is_vip([], {"fivestep": {"stars": 5}}, s)
    assert not is_vip([], {"fivestep": {"stars": 9}}, ButlerSettings(vip_min_stars=0))
    now = datetime(2026, 3, 2, 9, 0)
    assert tighter(now, now + timedelta(hours=3), 0.5) == now + timedelta(minutes=90)
    assert tighter(now, now + timedelta(hours=3), 2.0) == now + timedelta(hours=3)
    assert quarters_without_forum(2026, date(2027, 1, 1), [date(2026, 5, 1)] * 2, 2) == [
        "2026-Q1", "2026-Q3", "2026-Q4"]
