"""svcq.vip_butler.v1.ButlerService: proto in, stewardship functions, proto out."""

from __future__ import annotations

from datetime import UTC, date, datetime

import grpc
from google.protobuf.timestamp_pb2 import Timestamp
from google.type import date_pb2

from svcq.errors import InvalidArgument
from svcq.plugin import HookContext, PluginHandle
from svcq_vip_butler import stewardship as st
from svcq_vip_butler.models import Assignment, Forum, LoyalCustomer, Zone
from svcq_vip_butler.rules import parse_week, percent, quarters_without_forum, week_of
from svcq_vip_butler.settings import ButlerSettings
from svcq_vip_butler.v1 import vip_butler_pb2 as pb
from svcq_vip_butler.v1 import vip_butler_pb2_grpc


def stamp(value: datetime) -> Timestamp:
    result = Timestamp()
    result.FromDatetime(value.replace(tzinfo=UTC))
    return result


def zone_pb(zone: Zone) -> pb.Zone:
    return pb.Zone(id=zone.id, community_id=zone.community_id, display_name=zone.display_name,
                   building_ids=st.zone_buildings(zone), create_time=stamp(zone.create_time))


def assignment_pb(row: Assignment) -> pb.ButlerAssignment:
    return pb.ButlerAssignment(community_id=row.community_id, butler_staff_id=row.butler_staff_id,
                               zone_id=row.zone_id, building_id=row.building_id,
                               assign_time=stamp(row.assign_time))


def loyal_pb(row: LoyalCustomer) -> pb.LoyalCustomer:
    return pb.LoyalCustomer(community_id=row.community_id, manager_staff_id=row.manager_staff_id,
                            owner_id=row.owner_id, add_time=stamp(row.add_time))


def forum_pb(row: Forum) -> pb.Forum:
    day = row.held_on
    return pb.Forum(id=row.id, community_id=row.community_id,
                    held_on=date_pb2.Date(year=day.year, month=day.month, day=day.day),
                    topic=row.topic, attendee_count=row.attendee_count,
                    create_time=stamp(row.create_time))


def day_of(value: date_pb2.Date, field: str) -> date | None:
    if not (value.year or value.month or value.day):
        return None
    try:
        return date(value.year, value.month, value.day)
    except ValueError:
        raise InvalidArgument.one(field, "not a calendar date") from None


class ButlerServicer(vip_butler_pb2_grpc.ButlerServiceServicer):
    def __init__(self, handle: PluginHandle) -> None:
        self.handle = handle

    def _context(self, community_id: str, field: str = "community_id") -> HookContext:
        if not community_id:
            raise InvalidArgument.one(field, "required")
        return self.handle.context(community_id)

    def CreateZone(self, request: pb.CreateZoneRequest, context: grpc.ServicerContext
                   ) -> pb.CreateZoneResponse:
        ctx = self._context(request.zone.community_id, "zone.community_id")
        zone = st.create_zone(ctx, request.zone.display_name, list(request.zone.building_ids))
        return pb.CreateZoneResponse(zone=zone_pb(zone))

    def ListZones(self, request: pb.ListZonesRequest, context: grpc.ServicerContext
                  ) -> pb.ListZonesResponse:
        ctx = self._context(request.community_id)
        return pb.ListZonesResponse(zones=[zone_pb(z) for z in st.zones(ctx.community_id)])

    def AssignButler(self, request: pb.AssignButlerRequest, context: grpc.ServicerContext
                     ) -> pb.AssignButlerResponse:
        a = request.assignment
        ctx = self._context(a.community_id, "assignment.community_id")
        row = st.assign_butler(ctx, a.butler_staff_id, a.zone_id, a.building_id)
        return pb.AssignButlerResponse(assignment=assignment_pb(row))

    def ListButlerAssignments(self, request: pb.ListButlerAssignmentsRequest,
                              context: grpc.ServicerContext) -> pb.ListButlerAssignmentsResponse:
        ctx = self._context(request.community_id)
        return pb.ListButlerAssignmentsResponse(
            assignments=[assignment_pb(r) for r in st.assignments(ctx.community_id)])

    def GetButlerContacts(self, request: pb.GetButlerContactsRequest,
                          context: grpc.ServicerContext) -> pb.GetButlerContactsResponse:
        ctx = self._context(request.community_id)
        if not request.owner_id:
            raise InvalidArgument.one("owner_id", "required")
        households = st.butlers_of_owner(ctx, st.core_of(ctx).owner(request.owner_id))
        contacts = [pb.ButlerContact(unit_id=h.unit_id, building_id=h.building_id,
                                     butler_staff_id=h.butler_staff_id,
                                     display_name=h.display_name, phone=h.phone,
                                     active=h.active) for h in households]
        return pb.GetButlerContactsResponse(contacts=contacts)

    def AddLoyalCustomer(self, request: pb.AddLoyalCustomerRequest,
                         context: grpc.ServicerContext) -> pb.AddLoyalCustomerResponse:
        entry = request.loyal_customer
        ctx = self._context(entry.community_id, "loyal_customer.community_id")
        row = st.add_loyal_customer(ctx, entry.manager_staff_id, entry.owner_id)
        return pb.AddLoyalCustomerResponse(loyal_customer=loyal_pb(row))

    def RemoveLoyalCustomer(self, request: pb.RemoveLoyalCustomerRequest,
                            context: grpc.ServicerContext) -> pb.RemoveLoyalCustomerResponse:
        ctx = self._context(request.community_id)
        st.remove_loyal_customer(ctx, request.manager_staff_id, request.owner_id)
        return pb.RemoveLoyalCustomerResponse()

    def ListLoyalCustomers(self, request: pb.ListLoyalCustomersRequest,
                           context: grpc.ServicerContext) -> pb.ListLoyalCustomersResponse:
        ctx = self._context(request.community_id)
        rows = st.loyal_customers(ctx.community_id, request.manager_staff_id)
        return pb.ListLoyalCustomersResponse(loyal_customers=[loyal_pb(r) for r in rows])

    def RecordForum(self, request: pb.RecordForumRequest, context: grpc.ServicerContext
                    ) -> pb.RecordForumResponse:
        f = request.forum
        ctx = self._context(f.community_id, "forum.community_id")
        row = st.record_forum(ctx, day_of(f.held_on, "forum.held_on"), f.topic, f.attendee_count)
        return pb.RecordForumResponse(forum=forum_pb(row))

    def ListForums(self, request: pb.ListForumsRequest, context: grpc.ServicerContext
                   ) -> pb.ListForumsResponse:
        ctx = self._context(request.community_id)
        return pb.ListForumsResponse(forums=[forum_pb(r) for r in st.forums(ctx.community_id)])

    def GetStewardshipFigures(self, request: pb.GetStewardshipFiguresRequest,
                              context: grpc.ServicerContext) -> pb.GetStewardshipFiguresResponse:
        ctx = self._context(request.community_id)
        s = ButlerSettings.of(ctx.settings)
        today = st.core_of(ctx).today()
        monday = parse_week(request.week) if request.week else today
        week = week_of(monday)
        weeks = st.visit_compliance(ctx, week)
        done = sum(min(w.done, w.quota) for w in weeks)
        quota = sum(w.quota for w in weeks)
        loyalty = [pb.ManagerLoyalty(staff_id=m, loyal_customers=n, below_minimum=below)
                   for m, n, below in st.loyalty_by_manager(ctx)]
        held = [f.held_on for f in st.forums(ctx.community_id)]
        return pb.GetStewardshipFiguresResponse(
            week=week,
            butlers=[pb.ButlerVisits(butler_staff_id=w.butler_staff_id, quota=w.quota,
                                     visits_done=w.done, compliance_percent=w.compliance_percent)
                     for w in weeks],
            visits_done=done, visits_quota=quota,
            compliance_percent=percent(done, quota),
            loyal_customer_minimum=s.loyal_customers_per_manager, managers=loyalty,
            managers_below_minimum=sum(m.below_minimum for m in loyalty),
            quarters_without_forum=quarters_without_forum(monday.isocalendar()[0], today, held,
                                                          s.forums_per_quarter))
