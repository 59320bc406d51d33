"""svcq.welcome.v1.WelcomeService: an owner's progress, the overdue list, completing a step."""

from __future__ import annotations

from datetime import UTC, date

import grpc
from google.protobuf.timestamp_pb2 import Timestamp
from google.type import date_pb2

from svcq.errors import InvalidArgument, NotFound
from svcq.plugin import HookContext, PluginHandle
from svcq_welcome.models import WelcomeStep
from svcq_welcome.plugin import steps_of_owner, utc_now
from svcq_welcome.programme import state_of
from svcq_welcome.v1 import welcome_pb2 as pb
from svcq_welcome.v1 import welcome_pb2_grpc


def date_pb(day: date) -> date_pb2.Date:
    return date_pb2.Date(year=day.year, month=day.month, day=day.day)


def step_pb(row: WelcomeStep, today: date) -> pb.WelcomeStep:
    state = state_of(row.due_on, row.complete_time is not None, today)
    msg = pb.WelcomeStep(id=row.id, owner_id=row.owner_id, unit_id=row.unit_id, step=row.step,
                         moved_in_date=date_pb(row.moved_in_on), due_date=date_pb(row.due_on),
                         state=pb.StepState.Value(f"STEP_STATE_{state}"),
                         ticket_id=row.ticket_id)
    for name in ("complete_time", "overdue_time"):
        value = getattr(row, name)
        if value is not None:
            stamp = Timestamp()
            stamp.FromDatetime(value.replace(tzinfo=UTC))
            getattr(msg, name).CopyFrom(stamp)
    return msg


def required(field: str, value: str) -> str:
    if not value.strip():
        raise InvalidArgument.one(field, "required")
    return value


class WelcomeServicer(welcome_pb2_grpc.WelcomeServiceServicer):
    def __init__(self, handle: PluginHandle) -> None:
        self.handle = handle

    def _context(self, community_id: str) -> HookContext:
        ctx = self.handle.context(required("community_id", community_id))
        assert ctx.core is not None
        return ctx

    def GetWelcomeProgress(self, request: pb.GetWelcomeProgressRequest,
                           context: grpc.ServicerContext) -> pb.GetWelcomeProgressResponse:
        ctx = self._context(request.community_id)
        assert ctx.core is not None
        ctx.core.owner(required("owner_id", request.owner_id))
        today = ctx.core.today()
        steps = [step_pb(s, today) for s in steps_of_owner(ctx.community_id, request.owner_id)]
        done = sum(s.state == pb.STEP_STATE_DONE for s in steps)
        return pb.GetWelcomeProgressResponse(steps=steps, done_count=done,
                                             total_count=len(steps))

    def ListOverdueSteps(self, request: pb.ListOverdueStepsRequest,
                         context: grpc.ServicerContext) -> pb.ListOverdueStepsResponse:
        ctx = self._context(request.community_id)
        assert ctx.core is not None
        today = ctx.core.today()
        rows = (WelcomeStep.select()
                .where((WelcomeStep.community_id == ctx.community_id)
                       & (WelcomeStep.due_on < today) & WelcomeStep.complete_time.is_null())
                .order_by(WelcomeStep.due_on, WelcomeStep.id))
        return pb.ListOverdueStepsResponse(steps=[step_pb(r, today) for r in rows])

    def CompleteStep(self, request: pb.CompleteStepRequest,
                     context: grpc.ServicerContext) -> pb.CompleteStepResponse:
        ctx = self._context(request.community_id)
        assert ctx.core is not None
        step_id = required("step_id", request.step_id)
        with ctx.core.transaction():
            row = WelcomeStep.get_or_none((WelcomeStep.id == step_id)
                                          & (WelcomeStep.community_id == ctx.community_id))
            if row is None:
                raise NotFound("welcome step", step_id)
            if row.complete_time is None:
                row.complete_time = utc_now(ctx)
                row.save()
        return pb.CompleteStepResponse(step=step_pb(row, ctx.core.today()))
