"""Test helpers: read error details off an RpcError, and make master data through the API."""

from __future__ import annotations

import itertools

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import directory_pb2_grpc, owner_pb2_grpc
from svcq.v1 import owner_pb2 as opb

_counter = itertools.count(1)


def details(error: grpc.RpcError) -> tuple[str, dict[str, str]]:
    """(ErrorInfo.reason, {field: description}) of a failed call."""
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    assert status is not None, "the error carries no google.rpc.Status details"
    reason, fields = "", {}
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            reason = info.reason
        elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields = {v.field: v.description for v in bad.field_violations}
    return reason, fields


def unique(prefix: str) -> str:
    return f"{prefix} {next(_counter)}"


class Factory:
    """Makes the master data a test needs, through the public API."""

    def __init__(self, channel: grpc.Channel) -> None:
        self.directory = directory_pb2_grpc.DirectoryServiceStub(channel)
        self.owners = owner_pb2_grpc.OwnerServiceStub(channel)

    def region(self) -> dpb.Region:
        return self.directory.CreateRegion(dpb.CreateRegionRequest(
            region=dpb.Region(display_name=unique("region")))).region

    def community(self, region_id: str = "", **fields: object) -> dpb.Community:
        region_id = region_id or self.region().id
        values: dict[str, object] = {"display_name": unique("community"),
                                      "time_zone": "Asia/Shanghai", "first_occupancy_year": 2015}
        msg = dpb.Community(region_id=region_id, **{**values, **fields})
        return self.directory.CreateCommunity(dpb.CreateCommunityRequest(community=msg)).community

    def building(self, community_id: str) -> dpb.Building:
        return self.directory.CreateBuilding(dpb.CreateBuildingRequest(building=dpb.Building(
            community_id=community_id, display_name=unique("building")))).building

    def unit(self, building_id: str) -> dpb.Unit:
        return self.directory.CreateUnit(dpb.CreateUnitRequest(unit=dpb.Unit(
            building_id=building_id, display_name=unique("unit")))).unit

    def staff(self, community_id: str, department: int = dpb.DEPARTMENT_FRONT_DESK,
              role: int = dpb.STAFF_ROLE_OPERATOR) -> dpb.Staff:
        return self.directory.CreateStaff(dpb.CreateStaffRequest(staff=dpb.Staff(
            community_id=community_id, display_name=unique("staff"), department=department,
            role=role))).staff

    def owner(self, community_id: str, **fields: object) -> opb.Owner:
        values: dict[str, object] = {"display_name": unique("owner"), **fields}
        msg = opb.Owner(community_id=community_id, **values)
        return self.owners.CreateOwner(opb.CreateOwnerRequest(owner=msg)).owner
