"""svcq.fivestep.v1.FiveStepService: proto in, practice call, proto out; nothing else.

Errors are raised as svcq.errors and mapped to gRPC statuses by the core's
interceptor, like every core RPC.
"""

from __future__ import annotations

import datetime as dt
import json

import grpc
from google.type import date_pb2

from svcq.errors import InvalidArgument
from svcq.plugin import HookContext, PluginHandle
from svcq_fivestep import practice
from svcq_fivestep.models import KnowledgeCheck, WelcomePack, WorkItem
from svcq_fivestep.v1 import fivestep_pb2 as pb
from svcq_fivestep.v1 import fivestep_pb2_grpc

SERVICE_NAME = "svcq.fivestep.v1.FiveStepService"


def to_date(day: dt.date) -> date_pb2.Date:
    return date_pb2.Date(year=day.year, month=day.month, day=day.day)


def from_date(value: date_pb2.Date, path: str) -> dt.date | None:
    if not (value.year or value.month or value.day):
        return None
    try:
        return dt.date(value.year, value.month, value.day)
    except ValueError:
        raise InvalidArgument.one(path, "not a calendar date") from None


def check_message(row: KnowledgeCheck) -> pb.KnowledgeCheck:
    message = pb.KnowledgeCheck(
        id=str(row.id), community_id=row.community_id, staff_id=row.staff_id,
        examiner_staff_id=row.examiner_staff_id, passed=row.passed, note=row.note)
    if row.score is not None:
        message.score = row.score
    message.check_time.FromDatetime(row.check_time.replace(tzinfo=dt.UTC))
    return message


def work_message(row: WorkItem) -> pb.WorkItem:
    return pb.WorkItem(purpose=pb.WorkPurpose.Value(f"WORK_PURPOSE_{row.purpose}"),
                       ticket_id=row.ticket_id, due_date=to_date(row.due_date),
                       staff_id=row.staff_id)


def pack_message(row: WelcomePack) -> pb.WelcomePack:
    return pb.WelcomePack(unit_id=row.unit_id, moved_in_on=to_date(row.moved_in_on),
                          items=json.loads(row.items))


class FiveStepServicer(fivestep_pb2_grpc.FiveStepServiceServicer):
    def __init__(self, handle: PluginHandle) -> None:
        self.handle = handle

    def _context(self, community_id: str, path: str = "community_id") -> HookContext:
        if not community_id:
            raise InvalidArgument.one(path, "required")
        return self.handle.context(community_id)

    def RecordKnowledgeCheck(self, request: pb.RecordKnowledgeCheckRequest,
                             context: grpc.ServicerContext) -> pb.RecordKnowledgeCheckResponse:
        check = request.check
        ctx = self._context(check.community_id, "check.community_id")
        row = practice.record_check(
            ctx, staff_id=check.staff_id, passed=check.passed,
            examiner_staff_id=check.examiner_staff_id,
            score=check.score if check.HasField("score") else None, note=check.note,
            request_id=request.request_id)
        return pb.RecordKnowledgeCheckResponse(check=check_message(row))

    def GetWorkAloneClearance(self, request: pb.GetWorkAloneClearanceRequest,
                              context: grpc.ServicerContext) -> pb.GetWorkAloneClearanceResponse:
        ctx = self._context(request.community_id)
        found = practice.clearance(ctx, request.staff_id)
        answer = pb.GetWorkAloneClearanceResponse(
            cleared=found.cleared, reason=pb.ClearanceReason.Value(
                f"CLEARANCE_REASON_{found.reason}"))
        if found.latest is not None:
            answer.latest_check.CopyFrom(check_message(found.latest))
        if found.expire_time is not None:
            answer.expire_time.FromDatetime(found.expire_time.replace(tzinfo=dt.UTC))
        return answer

    def ListStarCustomers(self, request: pb.ListStarCustomersRequest,
                          context: grpc.ServicerContext) -> pb.ListStarCustomersResponse:
        ctx = self._context(request.community_id)
        found = practice.star_customers(ctx, request.min_stars, request.limit)
        return pb.ListStarCustomersResponse(customers=[
            pb.StarCustomer(owner_id=c.owner_id, points=c.points, stars=c.stars, rank=c.rank)
            for c in found])

    def ListHolidayGreetings(self, request: pb.ListHolidayGreetingsRequest,
                             context: grpc.ServicerContext) -> pb.ListHolidayGreetingsResponse:
        ctx = self._context(request.community_id)
        on = from_date(request.date, "date")
        return pb.ListHolidayGreetingsResponse(greetings=[
            pb.HolidayGreeting(date=to_date(h.day), name=h.name, owner_ids=owners)
            for h, owners in practice.holiday_greetings(ctx, on)])

    def GetWelcomePack(self, request: pb.GetWelcomePackRequest,
                       context: grpc.ServicerContext) -> pb.GetWelcomePackResponse:
        ctx = self._context(request.community_id)
        packs, work = practice.welcome_packs(ctx, request.owner_id)
        return pb.GetWelcomePackResponse(packs=[pack_message(p) for p in packs],
                                         work_items=[work_message(w) for w in work])
