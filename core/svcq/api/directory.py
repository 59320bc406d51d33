"""svcq.v1.DirectoryService: protobuf in, domain call, protobuf out."""

from __future__ import annotations

import grpc

from svcq.api.convert import enum_name, enum_number, minutes_of, time_of_day, timestamp
from svcq.api.idempotency import create_once
from svcq.domain.common import etag_of
from svcq.domain.directory import CommunityInput, DirectoryService, StaffInput
from svcq.errors import Violations
from svcq.storage.directory import Building, Community, Region, Staff, Unit
from svcq.v1 import directory_pb2 as pb
from svcq.v1 import directory_pb2_grpc

_DEPARTMENT = pb.Department.DESCRIPTOR
_ROLE = pb.StaffRole.DESCRIPTOR
DEFAULT_WORK_START = 8 * 60 + 30
DEFAULT_WORK_END = 17 * 60 + 30


def region_pb(r: Region) -> pb.Region:
    return pb.Region(id=r.id, display_name=r.display_name, create_time=timestamp(r.create_time),
                     update_time=timestamp(r.update_time), etag=etag_of(r.version))


def community_pb(c: Community) -> pb.Community:
    return pb.Community(
        id=c.id, region_id=c.region_id, display_name=c.display_name, time_zone=c.time_zone,
        working_hours_start=time_of_day(c.work_start_minute),
        working_hours_end=time_of_day(c.work_end_minute),
        first_occupancy_year=c.first_occupancy_year or 0,
        create_time=timestamp(c.create_time), update_time=timestamp(c.update_time),
        etag=etag_of(c.version))


def building_pb(b: Building) -> pb.Building:
    return pb.Building(id=b.id, community_id=b.community_id, display_name=b.display_name,
                       create_time=timestamp(b.create_time))


def unit_pb(u: Unit) -> pb.Unit:
    return pb.Unit(id=u.id, building_id=u.building_id, community_id=u.community_id,
                   display_name=u.display_name, create_time=timestamp(u.create_time))


def staff_pb(s: Staff) -> pb.Staff:
    return pb.Staff(
        id=s.id, community_id=s.community_id or "", region_id=s.region_id or "",
        display_name=s.display_name, phone=s.phone,
        department=enum_number(_DEPARTMENT, s.department), role=enum_number(_ROLE, s.role),
        active=s.active, create_time=timestamp(s.create_time),
        update_time=timestamp(s.update_time), etag=etag_of(s.version))


def _community_input(msg: pb.Community) -> CommunityInput:
    v = Violations()
    data = CommunityInput(
        region_id=msg.region_id, display_name=msg.display_name, time_zone=msg.time_zone,
        work_start_minute=minutes_of(v, "community.working_hours_start", msg.working_hours_start,
                                     DEFAULT_WORK_START),
        work_end_minute=minutes_of(v, "community.working_hours_end", msg.working_hours_end,
                                   DEFAULT_WORK_END),
        first_occupancy_year=msg.first_occupancy_year or None)
    v.raise_if_any()
    return data


def _staff_input(msg: pb.Staff, active_default: bool = True) -> StaffInput:
    return StaffInput(
        community_id=msg.community_id, region_id=msg.region_id, display_name=msg.display_name,
        phone=msg.phone, department=enum_name(_DEPARTMENT, msg.department),
        role=enum_name(_ROLE, msg.role), active=msg.active or active_default)


class DirectoryServicer(directory_pb2_grpc.DirectoryServiceServicer):
    def __init__(self, service: DirectoryService) -> None:
        self.service = service

    def CreateRegion(self, request: pb.CreateRegionRequest, context: grpc.ServicerContext
                     ) -> pb.CreateRegionResponse:
        return create_once(self.service.ctx, "CreateRegion", request, pb.CreateRegionResponse,
                           lambda: pb.CreateRegionResponse(region=region_pb(
                               self.service.create_region(request.region.display_name))))

    def GetRegion(self, request: pb.GetRegionRequest, context: grpc.ServicerContext
                  ) -> pb.GetRegionResponse:
        return pb.GetRegionResponse(region=region_pb(self.service.get_region(request.id)))

    def ListRegions(self, request: pb.ListRegionsRequest, context: grpc.ServicerContext
                    ) -> pb.ListRegionsResponse:
        rows, token = self.service.list_regions(request.page_size, request.page_token)
        return pb.ListRegionsResponse(regions=[region_pb(r) for r in rows], next_page_token=token)

    def UpdateRegion(self, request: pb.UpdateRegionRequest, context: grpc.ServicerContext
                     ) -> pb.UpdateRegionResponse:
        changes = {p: getattr(request.region, p, None) for p in request.update_mask.paths}
        row = self.service.update_region(request.region.id, request.region.etag, changes)
        return pb.UpdateRegionResponse(region=region_pb(row))

    def CreateCommunity(self, request: pb.CreateCommunityRequest,
                        context: grpc.ServicerContext) -> pb.CreateCommunityResponse:
        return create_once(
            self.service.ctx, "CreateCommunity", request, pb.CreateCommunityResponse,
            lambda: pb.CreateCommunityResponse(community=community_pb(
                self.service.create_community(_community_input(request.community)))))

    def GetCommunity(self, request: pb.GetCommunityRequest, context: grpc.ServicerContext
                     ) -> pb.GetCommunityResponse:
        return pb.GetCommunityResponse(
            community=community_pb(self.service.get_community(request.id)))

    def ListCommunities(self, request: pb.ListCommunitiesRequest,
                        context: grpc.ServicerContext) -> pb.ListCommunitiesResponse:
        rows, token = self.service.list_communities(request.page_size, request.page_token,
                                                    request.filter)
        return pb.ListCommunitiesResponse(communities=[community_pb(c) for c in rows],
                                          next_page_token=token)

    def UpdateCommunity(self, request: pb.UpdateCommunityRequest,
                        context: grpc.ServicerContext) -> pb.UpdateCommunityResponse:
        row = self.service.update_community(
            request.community.id, request.community.etag, _community_input(request.community),
            set(request.update_mask.paths))
        return pb.UpdateCommunityResponse(community=community_pb(row))

    def CreateBuilding(self, request: pb.CreateBuildingRequest, context: grpc.ServicerContext
                       ) -> pb.CreateBuildingResponse:
        b = request.building
        return create_once(self.service.ctx, "CreateBuilding", request, pb.CreateBuildingResponse,
                           lambda: pb.CreateBuildingResponse(building=building_pb(
                               self.service.create_building(b.community_id, b.display_name))))

    def GetBuilding(self, request: pb.GetBuildingRequest, context: grpc.ServicerContext
                    ) -> pb.GetBuildingResponse:
        return pb.GetBuildingResponse(building=building_pb(self.service.get_building(request.id)))

    def ListBuildings(self, request: pb.ListBuildingsRequest, context: grpc.ServicerContext
                      ) -> pb.ListBuildingsResponse:
        rows, token = self.service.list_buildings(request.page_size, request.page_token,
                                                  request.filter)
        return pb.ListBuildingsResponse(buildings=[building_pb(b) for b in rows],
                                        next_page_token=token)

    def CreateUnit(self, request: pb.CreateUnitRequest, context: grpc.ServicerContext
                   ) -> pb.CreateUnitResponse:
        u = request.unit
        return create_once(self.service.ctx, "CreateUnit", request, pb.CreateUnitResponse,
                           lambda: pb.CreateUnitResponse(unit=unit_pb(
                               self.service.create_unit(u.building_id, u.display_name))))

    def GetUnit(self, request: pb.GetUnitRequest, context: grpc.ServicerContext
                ) -> pb.GetUnitResponse:
        return pb.GetUnitResponse(unit=unit_pb(self.service.get_unit(request.id)))

    def ListUnits(self, request: pb.ListUnitsRequest, context: grpc.ServicerContext
                  ) -> pb.ListUnitsResponse:
        rows, token = self.service.list_units(request.page_size, request.page_token,
                                              request.filter)
        return pb.ListUnitsResponse(units=[unit_pb(u) for u in rows], next_page_token=token)

    def CreateStaff(self, request: pb.CreateStaffRequest, context: grpc.ServicerContext
                    ) -> pb.CreateStaffResponse:
        return create_once(self.service.ctx, "CreateStaff", request, pb.CreateStaffResponse,
                           lambda: pb.CreateStaffResponse(staff=staff_pb(
                               self.service.create_staff(_staff_input(request.staff)))))

    def GetStaff(self, request: pb.GetStaffRequest, context: grpc.ServicerContext
                 ) -> pb.GetStaffResponse:
        return pb.GetStaffResponse(staff=staff_pb(self.service.get_staff(request.id)))

    def ListStaff(self, request: pb.ListStaffRequest, context: grpc.ServicerContext
                  ) -> pb.ListStaffResponse:
        rows, token = self.service.list_staff(request.page_size, request.page_token,
                                              request.filter)
        return pb.ListStaffResponse(staff=[staff_pb(s) for s in rows], next_page_token=token)

    def UpdateStaff(self, request: pb.UpdateStaffRequest, context: grpc.ServicerContext
                    ) -> pb.UpdateStaffResponse:
        row = self.service.update_staff(request.staff.id, request.staff.etag,
                                        _staff_input(request.staff, active_default=False),
                                        set(request.update_mask.paths))
        return pb.UpdateStaffResponse(staff=staff_pb(row))
