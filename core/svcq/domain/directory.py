"""Master data: the regions, communities, buildings, units and staff everything refers to.

Rows are returned as the storage models themselves: they are flat records
with no behaviour, so a second copy as dataclasses would only add a
conversion to every RPC.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from svcq.domain.common import ServiceContext, conditional_update, keyset_page
from svcq.domain.filtering import EQ, bool_value, enum_value, parse_filter
from svcq.domain.ids import new_id
from svcq.domain.validation import (
    check_enum,
    check_id,
    check_name,
    check_phones,
    check_time_zone,
    check_update_mask,
    require_id,
)
from svcq.errors import AlreadyExists, InvalidArgument, Violations
from svcq.storage.db import write_transaction
from svcq.storage.directory import Building, Community, Region, Staff, Unit
from svcq.storage.prepared import Prepared

_community = Prepared(lambda ident: Community.select().where(Community.id == ident).limit(1))
_staff = Prepared(lambda ident: Staff.select().where(Staff.id == ident).limit(1))


class Department(StrEnum):
    FRONT_DESK = "FRONT_DESK"
    ENGINEERING = "ENGINEERING"
    CLEANING = "CLEANING"
    SECURITY = "SECURITY"
    GREENING = "GREENING"
    BUTLER = "BUTLER"
    QUALITY = "QUALITY"


class StaffRole(StrEnum):
    OPERATOR = "OPERATOR"
    SHIFT_LEADER = "SHIFT_LEADER"
    SUPERVISOR = "SUPERVISOR"
    PROJECT_HEAD = "PROJECT_HEAD"
    REGION_MANAGER = "REGION_MANAGER"
    COMPANY_LEADER = "COMPANY_LEADER"
    QUALITY_INSPECTOR = "QUALITY_INSPECTOR"


@dataclass(frozen=True)
class CommunityInput:
    region_id: str
    display_name: str
    time_zone: str
    work_start_minute: int
    work_end_minute: int
    first_occupancy_year: int | None


@dataclass(frozen=True)
class StaffInput:
    community_id: str
    region_id: str
    display_name: str
    phone: str
    department: str
    role: str
    active: bool = True


COMMUNITY_UPDATABLE = frozenset({"display_name", "time_zone", "working_hours_start",
                                 "working_hours_end", "first_occupancy_year"})
STAFF_UPDATABLE = frozenset({"display_name", "phone", "department", "role", "active",
                             "community_id"})


def _check_hours(v: Violations, path: str, start: int, end: int) -> None:
    if not 0 <= start < 24 * 60:
        v.add(f"{path}.working_hours_start", "must be a time of day")
    if not 0 < end <= 24 * 60:
        v.add(f"{path}.working_hours_end", "must be a time of day")
    if start >= end:
        v.add(f"{path}.working_hours_end", "must be after working_hours_start")


def _check_year(v: Violations, path: str, year: int | None, this_year: int) -> None:
    if year is not None and not 1949 <= year <= this_year + 5:
        v.add(path, f"a year between 1949 and {this_year + 5}")


class DirectoryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- lookups other services use -----------------------------------------
    def find_community(self, community_id: str) -> Community | None:
        """The community row or None, without a scope check: for services that already
        checked the caller's scope against the resource that names the community."""
        return _community.first(community_id)

    def community(self, community_id: str, path: str = "community_id") -> Community:
        """The community, or a violation on ``path`` when it does not exist.

        Every request that names a community passes here, so this is where
        the caller's scope is checked first (PERMISSION_DENIED before the
        community is looked up).
        """
        self.ctx.authorize(community_id)
        row = _community.first(community_id)
        if row is None:
            raise InvalidArgument.one(path, f"unknown community {community_id!r}",
                                      reason="UNKNOWN_COMMUNITY")
        return row

    # -- regions -------------------------------------------------------------
    def create_region(self, display_name: str) -> Region:
        v = Violations()
        name = check_name(v, "region.display_name", display_name)
        v.raise_if_any()
        now = self.ctx.now()
        with write_transaction():
            row = Region.create(id=new_id("rg"), display_name=name, create_time=now,
                                update_time=now)
            self.ctx.audit_row("region", None, row)
            return row

    def get_region(self, region_id: str) -> Region:
        require_id(region_id)
        return self.ctx.visible(Region.get_or_none(Region.id == region_id), "region", region_id,
                                lambda r: (None, r.id))

    def list_regions(self, page_size: int, token: str) -> tuple[list[Region], str]:
        return keyset_page(self.ctx.scoped(Region.select(), None, Region.id), Region.id,
                           self.ctx.page_tokens, requested_size=page_size, token=token,
                           query_key="regions")

    def update_region(self, region_id: str, etag: str, changes: dict[str, Any]) -> Region:
        check_update_mask(set(changes), frozenset({"display_name"}))
        v = Violations()
        values: dict[Any, Any] = {}
        if "display_name" in changes:
            values[Region.display_name] = check_name(v, "region.display_name",
                                                     changes["display_name"])
        v.raise_if_any()
        with write_transaction():
            conditional_update(Region, region_id, etag, values, self.ctx.now(), kind="region",
                               etag_path="region.etag")
            return self.get_region(region_id)

    # -- communities ---------------------------------------------------------
    def _check_community(self, v: Violations, data: CommunityInput) -> None:
        check_name(v, "community.display_name", data.display_name)
        check_time_zone(v, "community.time_zone", data.time_zone)
        _check_hours(v, "community", data.work_start_minute, data.work_end_minute)
        _check_year(v, "community.first_occupancy_year", data.first_occupancy_year,
                    self.ctx.clock.now().year)

    def create_community(self, data: CommunityInput) -> Community:
        v = Violations()
        check_id(v, "community.region_id", data.region_id)
        self.ctx.authorize(None, region_id=data.region_id)
        self._check_community(v, data)
        if data.region_id and not Region.select().where(Region.id == data.region_id).exists():
            v.add("community.region_id", f"unknown region {data.region_id!r}")
        v.raise_if_any()
        now = self.ctx.now()
        with write_transaction():
            row = Community.create(
                id=new_id("cm"), region=data.region_id, display_name=data.display_name.strip(),
                time_zone=data.time_zone, work_start_minute=data.work_start_minute,
                work_end_minute=data.work_end_minute,
                first_occupancy_year=data.first_occupancy_year, create_time=now, update_time=now,
            )
            self.ctx.audit_row("community", None, row)
            return row

    def get_community(self, community_id: str) -> Community:
        require_id(community_id)
        return self.ctx.visible(Community.get_or_none(Community.id == community_id),
                                "community", community_id, lambda c: (c.id, c.region_id))

    def list_communities(self, page_size: int, token: str, filter_text: str
                         ) -> tuple[list[Community], str]:
        query = self.ctx.scoped(Community.select(), Community.id, Community.region)
        for term in parse_filter(filter_text, {"region_id": EQ}):
            query = query.where(Community.region == term.value)
        return keyset_page(query, Community.id, self.ctx.page_tokens, requested_size=page_size,
                           token=token, query_key=f"communities:{filter_text}")

    def update_community(self, community_id: str, etag: str, data: CommunityInput,
                         fields: set[str]) -> Community:
        check_update_mask(fields, COMMUNITY_UPDATABLE)
        current = self.get_community(community_id)
        merged = CommunityInput(
            region_id=current.region_id,
            display_name=data.display_name if "display_name" in fields else current.display_name,
            time_zone=data.time_zone if "time_zone" in fields else current.time_zone,
            work_start_minute=data.work_start_minute if "working_hours_start" in fields
            else current.work_start_minute,
            work_end_minute=data.work_end_minute if "working_hours_end" in fields
            else current.work_end_minute,
            first_occupancy_year=data.first_occupancy_year if "first_occupancy_year" in fields
            else current.first_occupancy_year,
        )
        v = Violations()
        self._check_community(v, merged)
        v.raise_if_any()
        values = {
            Community.display_name: merged.display_name.strip(),
            Community.time_zone: merged.time_zone,
            Community.work_start_minute: merged.work_start_minute,
            Community.work_end_minute: merged.work_end_minute,
            Community.first_occupancy_year: merged.first_occupancy_year,
        }
        with write_transaction():
            conditional_update(Community, community_id, etag, values, self.ctx.now(),
                               kind="community", etag_path="community.etag")
            return self.get_community(community_id)

    # -- buildings and units -------------------------------------------------
    def create_building(self, community_id: str, display_name: str) -> Building:
        v = Violations()
        name = check_name(v, "building.display_name", display_name)
        check_id(v, "building.community_id", community_id)
        v.raise_if_any()
        self.community(community_id, "building.community_id")
        with write_transaction():
            if Building.select().where((Building.community == community_id)
                                       & (Building.display_name == name)).exists():
                raise AlreadyExists(f"building {name!r} already exists in this community")
            row = Building.create(id=new_id("bd"), community=community_id, display_name=name,
                                  create_time=self.ctx.now())
            self.ctx.audit_row("building", None, row)
            return row

    def get_building(self, building_id: str) -> Building:
        require_id(building_id)
        return self.ctx.visible(Building.get_or_none(Building.id == building_id), "building",
                                building_id)

    def list_buildings(self, page_size: int, token: str, filter_text: str
                       ) -> tuple[list[Building], str]:
        query = self.ctx.scoped(Building.select(), Building.community)
        for term in parse_filter(filter_text, {"community_id": EQ}):
            query = query.where(Building.community == term.value)
        return keyset_page(query, Building.id, self.ctx.page_tokens, requested_size=page_size,
                           token=token, query_key=f"buildings:{filter_text}")

    def create_unit(self, building_id: str, display_name: str) -> Unit:
        v = Violations()
        name = check_name(v, "unit.display_name", display_name)
        check_id(v, "unit.building_id", building_id)
        v.raise_if_any()
        building = Building.get_or_none(Building.id == building_id)
        self.ctx.authorize(building.community_id if building else None)
        if building is None:
            raise InvalidArgument.one("unit.building_id", f"unknown building {building_id!r}")
        with write_transaction():
            if Unit.select().where((Unit.building == building_id)
                                   & (Unit.display_name == name)).exists():
                raise AlreadyExists(f"unit {name!r} already exists in this building")
            row = Unit.create(id=new_id("un"), building=building_id,
                              community=building.community_id, display_name=name,
                              create_time=self.ctx.now())
            self.ctx.audit_row("unit", None, row)
            return row

    def get_unit(self, unit_id: str) -> Unit:
        require_id(unit_id)
        return self.ctx.visible(Unit.get_or_none(Unit.id == unit_id), "unit", unit_id)

    def list_units(self, page_size: int, token: str, filter_text: str) -> tuple[list[Unit], str]:
        query = self.ctx.scoped(Unit.select(), Unit.community)
        for term in parse_filter(filter_text, {"community_id": EQ, "building_id": EQ}):
            column = Unit.community if term.field == "community_id" else Unit.building
            query = query.where(column == term.value)
        return keyset_page(query, Unit.id, self.ctx.page_tokens, requested_size=page_size,
                           token=token, query_key=f"units:{filter_text}")

    # -- staff ---------------------------------------------------------------
    def _check_staff(self, v: Violations, data: StaffInput) -> tuple[str | None, str | None]:
        """Validate and resolve (community_id, region_id): a community implies its region."""
        check_name(v, "staff.display_name", data.display_name)
        if data.phone:
            check_phones(v, "staff.phone", [data.phone])
        check_enum(v, "staff.department", Department, data.department)
        check_enum(v, "staff.role", StaffRole, data.role)
        community_id, region_id = data.community_id or None, data.region_id or None
        self.ctx.authorize(community_id, region_id=None if community_id else region_id)
        if community_id:
            community = Community.get_or_none(Community.id == community_id)
            if community is None:
                v.add("staff.community_id", f"unknown community {community_id!r}")
            else:
                if region_id and region_id != community.region_id:
                    v.add("staff.region_id", "differs from the community's region")
                region_id = community.region_id
        elif region_id and not Region.select().where(Region.id == region_id).exists():
            v.add("staff.region_id", f"unknown region {region_id!r}")
        return community_id, region_id

    def create_staff(self, data: StaffInput) -> Staff:
        v = Violations()
        community_id, region_id = self._check_staff(v, data)
        v.raise_if_any()
        now = self.ctx.now()
        with write_transaction():
            row = Staff.create(
                id=new_id("st"), community=community_id, region=region_id,
                display_name=data.display_name.strip(), phone=data.phone,
                department=str(data.department), role=str(data.role), active=data.active,
                create_time=now, update_time=now,
            )
            self.ctx.audit_row("staff", None, row)
            return row

    def get_staff(self, staff_id: str) -> Staff:
        require_id(staff_id)
        return self.ctx.visible(Staff.get_or_none(Staff.id == staff_id), "staff", staff_id,
                                lambda s: (s.community_id, s.region_id))

    def list_staff(self, page_size: int, token: str, filter_text: str) -> tuple[list[Staff], str]:
        query = self.ctx.scoped(Staff.select(), Staff.community, Staff.region)
        allowed = {"community_id": EQ, "region_id": EQ, "department": EQ, "role": EQ,
                   "active": EQ}
        for term in parse_filter(filter_text, allowed):
            if term.field == "active":
                query = query.where(Staff.active == bool_value(term))
            elif term.field in ("department", "role"):
                enum, prefix = ((Department, "DEPARTMENT_") if term.field == "department"
                                else (StaffRole, "STAFF_ROLE_"))
                value = enum_value(term, enum, prefix)
                query = query.where(getattr(Staff, term.field) == value)
            else:
                column = Staff.community if term.field == "community_id" else Staff.region
                query = query.where(column == term.value)
        return keyset_page(query, Staff.id, self.ctx.page_tokens, requested_size=page_size,
                           token=token, query_key=f"staff:{filter_text}")

    def update_staff(self, staff_id: str, etag: str, data: StaffInput, fields: set[str]) -> Staff:
        check_update_mask(fields, STAFF_UPDATABLE)
        current = self.get_staff(staff_id)
        merged = StaffInput(
            community_id=data.community_id if "community_id" in fields
            else current.community_id or "",
            region_id="" if "community_id" in fields else current.region_id or "",
            display_name=data.display_name if "display_name" in fields else current.display_name,
            phone=data.phone if "phone" in fields else current.phone,
            department=data.department if "department" in fields else current.department,
            role=data.role if "role" in fields else current.role,
            active=data.active if "active" in fields else current.active,
        )
        v = Violations()
        community_id, region_id = self._check_staff(v, merged)
        v.raise_if_any()
        values = {
            Staff.community: community_id, Staff.region: region_id,
            Staff.display_name: merged.display_name.strip(), Staff.phone: merged.phone,
            Staff.department: str(merged.department), Staff.role: str(merged.role),
            Staff.active: merged.active,
        }
        with write_transaction():
            conditional_update(Staff, staff_id, etag, values, self.ctx.now(), kind="staff",
                               etag_path="staff.etag")
            return self.get_staff(staff_id)

    def staff_in_community(self, staff_id: str, community_id: str, path: str) -> Staff:
        """The active staff member, who must work in ``community_id`` (or above it)."""
        staff = _staff.first(staff_id)
        if staff is None or not staff.active:
            raise InvalidArgument.one(path, f"unknown or inactive staff member {staff_id!r}",
                                      reason="UNKNOWN_STAFF")
        if staff.community_id and staff.community_id != community_id:
            raise InvalidArgument.one(path, "staff member works in another community",
                                      reason="STAFF_OUTSIDE_COMMUNITY")
        return staff
