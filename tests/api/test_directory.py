"""DirectoryService (master data) through a real server, on SQLite and PostgreSQL."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import field_mask_pb2
from google.type import timeofday_pb2

from svcq.v1 import directory_pb2 as pb
from tests.support import Factory, details


def test_community_keeps_time_zone_hours_and_first_occupancy(factory: Factory):
    community = factory.community(
        time_zone="Asia/Urumqi",
        working_hours_start=timeofday_pb2.TimeOfDay(hours=9),
        working_hours_end=timeofday_pb2.TimeOfDay(hours=18, minutes=30),
        first_occupancy_year=2009)
    got = factory.directory.GetCommunity(pb.GetCommunityRequest(id=community.id)).community
    assert got == community
    assert (got.time_zone, got.working_hours_start.hours, got.working_hours_end.minutes,
            got.first_occupancy_year) == ("Asia/Urumqi", 9, 30, 2009)


def test_community_defaults_to_office_hours(factory: Factory):
    got = factory.community()
    assert (got.working_hours_start.hours, got.working_hours_start.minutes) == (8, 30)
    assert (got.working_hours_end.hours, got.working_hours_end.minutes) == (17, 30)


def test_bad_community_names_each_field(factory: Factory):
    region = factory.region()
    with pytest.raises(grpc.RpcError) as caught:
        factory.directory.CreateCommunity(pb.CreateCommunityRequest(community=pb.Community(
            region_id=region.id, time_zone="Mars/Olympus",
            working_hours_start=timeofday_pb2.TimeOfDay(hours=18),
            working_hours_end=timeofday_pb2.TimeOfDay(hours=9), first_occupancy_year=1800)))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(details(caught.value)[1]) == {
        "community.display_name", "community.time_zone", "community.working_hours_end",
        "community.first_occupancy_year"}


def test_unknown_region_is_refused(factory: Factory):
    with pytest.raises(grpc.RpcError) as caught:
        factory.community(region_id="rg_nothere")
    assert "community.region_id" in details(caught.value)[1]


def test_communities_filter_by_region_and_page(factory: Factory):
    region = factory.region()
    made = [factory.community(region.id).id for _ in range(3)]
    factory.community()  # another region
    seen, token = [], ""
    while True:
        page = factory.directory.ListCommunities(pb.ListCommunitiesRequest(
            filter=f'region_id = "{region.id}"', page_size=2, page_token=token))
        seen += [c.id for c in page.communities]
        token = page.next_page_token
        if not token:
            break
    assert seen == made


def test_buildings_and_units_belong_to_their_parents(factory: Factory):
    community = factory.community()
    building = factory.building(community.id)
    unit = factory.unit(building.id)
    assert unit.community_id == community.id
    units = factory.directory.ListUnits(pb.ListUnitsRequest(
        filter=f'building_id = "{building.id}"')).units
    assert [u.id for u in units] == [unit.id]
    with pytest.raises(grpc.RpcError) as caught:
        factory.directory.CreateUnit(pb.CreateUnitRequest(unit=pb.Unit(
            building_id=building.id, display_name=unit.display_name)))
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS


def test_staff_of_every_department_and_filters(factory: Factory):
    community = factory.community()
    departments = [d for d in pb.Department.values() if d]
    for department in departments:
        factory.staff(community.id, department=department)
    listed = factory.directory.ListStaff(pb.ListStaffRequest(
        filter=f'community_id = "{community.id}"')).staff
    assert sorted(s.department for s in listed) == sorted(departments)
    guards = factory.directory.ListStaff(pb.ListStaffRequest(
        filter=f'community_id = "{community.id}" AND department = DEPARTMENT_SECURITY')).staff
    assert [s.department for s in guards] == [pb.DEPARTMENT_SECURITY]
    assert all(s.region_id == community.region_id for s in listed)


def test_staff_needs_department_and_role(factory: Factory):
    community = factory.community()
    with pytest.raises(grpc.RpcError) as caught:
        factory.directory.CreateStaff(pb.CreateStaffRequest(staff=pb.Staff(
            community_id=community.id, display_name="Li", phone="not-a-phone",
            department=99)))
    assert set(details(caught.value)[1]) == {"staff.phone[0]", "staff.department", "staff.role"}


def test_staff_leaves_with_update_and_etag(factory: Factory):
    staff = factory.staff(factory.community().id)
    mask = field_mask_pb2.FieldMask(paths=["active"])
    left = factory.directory.UpdateStaff(pb.UpdateStaffRequest(
        staff=pb.Staff(id=staff.id, etag=staff.etag, active=False), update_mask=mask)).staff
    assert left.active is False
    with pytest.raises(grpc.RpcError) as caught:
        factory.directory.UpdateStaff(pb.UpdateStaffRequest(
            staff=pb.Staff(id=staff.id, etag=staff.etag, active=True), update_mask=mask))
    assert caught.value.code() == grpc.StatusCode.ABORTED


def test_update_region_and_community_with_masks(factory: Factory):
    region = factory.region()
    renamed = factory.directory.UpdateRegion(pb.UpdateRegionRequest(
        region=pb.Region(id=region.id, etag=region.etag, display_name="华东区域"),
        update_mask=field_mask_pb2.FieldMask(paths=["display_name"]))).region
    assert renamed.display_name == "华东区域"
    community = factory.community(region.id)
    moved = factory.directory.UpdateCommunity(pb.UpdateCommunityRequest(
        community=pb.Community(id=community.id, etag=community.etag, time_zone="Asia/Harbin"),
        update_mask=field_mask_pb2.FieldMask(paths=["time_zone"]))).community
    assert (moved.time_zone, moved.display_name) == ("Asia/Harbin", community.display_name)
    with pytest.raises(grpc.RpcError) as caught:
        factory.directory.UpdateCommunity(pb.UpdateCommunityRequest(
            community=pb.Community(id=community.id, region_id="rg_x"),
            update_mask=field_mask_pb2.FieldMask(paths=["region_id"])))
    assert details(caught.value)[0] == "INVALID_UPDATE_MASK"


def test_create_region_is_idempotent(factory: Factory):
    request = pb.CreateRegionRequest(region=pb.Region(display_name="华南区域"),
                                     request_id="region-once")
    first = factory.directory.CreateRegion(request)
    again = factory.directory.CreateRegion(request)
    assert first == again


@pytest.mark.parametrize("call, message", [
    ("GetRegion", pb.GetRegionRequest(id="rg_nope")),
    ("GetCommunity", pb.GetCommunityRequest(id="cm_nope")),
    ("GetBuilding", pb.GetBuildingRequest(id="bd_nope")),
    ("GetUnit", pb.GetUnitRequest(id="un_nope")),
    ("GetStaff", pb.GetStaffRequest(id="st_nope")),
])
def test_get_missing_is_not_found(factory: Factory, call: str, message):
    with pytest.raises(grpc.RpcError) as caught:
        getattr(factory.directory, call)(message)
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
