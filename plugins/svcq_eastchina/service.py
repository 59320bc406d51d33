"""svcq.eastchina.v1.EastChinaService: the plan's records, figures, bulletin and targets."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import grpc
from google.type import date_pb2

from svcq.errors import FailedPrecondition, InvalidArgument, Violations
from svcq.plugin import HookContext, PluginHandle
from svcq_eastchina import plan
from svcq_eastchina.models import EtiquetteCheck, PatrolDay
from svcq_eastchina.plugin import (
    TARGETS,
    Refusal,
    opening_free_service,
    patrol_owed,
    refusal,
    staff_ids,
    take_free_service,
)
from svcq_eastchina.v1 import eastchina_pb2 as pb
from svcq_eastchina.v1 import eastchina_pb2_grpc


def date_pb(day: date) -> date_pb2.Date:
    return date_pb2.Date(year=day.year, month=day.month, day=day.day)


def period(v: Violations, start: date_pb2.Date, end: date_pb2.Date) -> tuple[date, date]:
    found = []
    for name, d in (("start_date", start), ("end_date", end)):
        try:
            found.append(date(d.year, d.month, d.day))
        except ValueError:
            v.add(name, "a full calendar date is required")
            found.append(date.min)
    if found[0] > found[1]:
        v.add("end_date", "must not be before start_date")
    v.raise_if_any()
    return found[0], found[1]


def required(v: Violations, name: str, value: str) -> str:
    if not value.strip():
        v.add(name, "required")
    return value


class EastChinaServicer(eastchina_pb2_grpc.EastChinaServiceServicer):
    def __init__(self, handle: PluginHandle) -> None:
        self.handle = handle

    def _context(self, community_id: str) -> HookContext:
        if not community_id.strip():
            raise InvalidArgument.one("community_id", "required")
        ctx = self.handle.context(community_id)
        assert ctx.core is not None
        return ctx

    # -- etiquette -----------------------------------------------------------------------------

    def RecordEtiquetteCheck(self, request: pb.RecordEtiquetteCheckRequest,
                             context: grpc.ServicerContext) -> pb.RecordEtiquetteCheckResponse:
        ctx = self._context(request.community_id)
        assert ctx.core is not None
        v = Violations()
        supervisor = required(v, "supervisor_staff_id", request.supervisor_staff_id)
        if not request.HasField("inspect_time"):
            v.add("inspect_time", "required")
        elif supervisor and supervisor not in staff_ids(ctx, role := ctx.settings[
                "etiquette_checker_role"]):
            v.add("supervisor_staff_id", f"not an active {role} of the community")
        v.raise_if_any()
        at = request.inspect_time.ToDatetime(tzinfo=UTC)
        starts = plan.parse_shifts(ctx.settings["shifts"])
        shift_day, index = plan.shift_of(ctx.core.local_time(at), starts)
        with ctx.core.transaction():
            record, _ = ctx.core.record_inspection(ctx.core.inspection_input(
                kind="DAILY", level="SUPERVISOR", inspected_at=at, inspector_id=supervisor,
                discipline=request.discipline or ctx.settings["etiquette_discipline"]))
            EtiquetteCheck.create(inspection_id=record.id, community_id=ctx.community_id,
                                  supervisor_id=supervisor, shift_date=shift_day,
                                  shift_index=index, inspect_time=at.replace(tzinfo=None))
        return pb.RecordEtiquetteCheckResponse(inspection_id=record.id,
                                               shift_date=date_pb(shift_day),
                                               shift_start=starts[index].strftime("%H:%M"))

    def GetEtiquetteFigures(self, request: pb.GetEtiquetteFiguresRequest,
                            context: grpc.ServicerContext) -> pb.GetEtiquetteFiguresResponse:
        ctx = self._context(request.community_id)
        start, end = period(Violations(), request.start_date, request.end_date)
        starts = plan.parse_shifts(ctx.settings["shifts"])
        minimum = ctx.settings["etiquette_checks_per_shift"]
        checks = [(c.supervisor_id, c.shift_date, c.shift_index) for c in EtiquetteCheck.select()
                  .where((EtiquetteCheck.community_id == ctx.community_id)
                         & EtiquetteCheck.shift_date.between(start, end))]
        rows = plan.etiquette_figure(staff_ids(ctx, ctx.settings["etiquette_checker_role"]),
                                     checks, start, end, len(starts), minimum)
        return pb.GetEtiquetteFiguresResponse(
            minimum_per_shift=minimum, shift_count=sum(r.shifts for r in rows),
            below_minimum_count=sum(r.below_minimum for r in rows),
            supervisors=[pb.SupervisorShifts(staff_id=r.staff_id, shift_count=r.shifts,
                                             below_minimum_count=r.below_minimum,
                                             check_count=r.checks) for r in rows])

    # -- patrol --------------------------------------------------------------------------------

    def GetPatrolFigures(self, request: pb.GetPatrolFiguresRequest,
                         context: grpc.ServicerContext) -> pb.GetPatrolFiguresResponse:
        ctx = self._context(request.community_id)
        assert ctx.core is not None
        start, end = period(Violations(), request.start_date, request.end_date)
        end = min(end, ctx.core.today() - timedelta(days=1))  # today is owed once it is over
        owed = [d for d in plan.days(start, end) if patrol_owed(ctx, d)] if start <= end else []
        patrolled = {p.day for p in PatrolDay.select(PatrolDay.day).where(
            (PatrolDay.community_id == ctx.community_id) & PatrolDay.day.between(start, end)
            & PatrolDay.patrol_time.is_null(False))}
        missed = [d for d in owed if d not in patrolled]
        return pb.GetPatrolFiguresResponse(day_count=len(owed), days_without_patrol=len(missed),
                                           missed_dates=[date_pb(d) for d in missed])

    # -- "what we do, you know" ----------------------------------------------------------------

    def GetServiceBulletin(self, request: pb.GetServiceBulletinRequest,
                           context: grpc.ServicerContext) -> pb.GetServiceBulletinResponse:
        ctx = self._context(request.community_id)
        assert ctx.core is not None
        if not 1 <= request.month <= 12 or request.year < 1:
            raise InvalidArgument.one("month", "a year and a month 1-12 are required")
        closed = [(str(t.kind), t.category) for t in ctx.core.tickets("state = CLOSED")
                  if t.close_time is not None
                  and (local := ctx.core.local_time(t.close_time)).year == request.year
                  and local.month == request.month]
        lines = plan.bulletin(closed, ctx.settings["bulletin_examples"])
        return pb.GetServiceBulletinResponse(
            closed_count=len(closed),
            kinds=[pb.BulletinKind(kind=k.kind, count=k.count, examples=[
                pb.BulletinCategory(category=c, count=n) for c, n in k.examples])
                for k in lines],
            lines=plan.bulletin_text(request.year, request.month, lines))

    # -- one free service a year ---------------------------------------------------------------

    def RequestFreeService(self, request: pb.RequestFreeServiceRequest,
                           context: grpc.ServicerContext) -> pb.RequestFreeServiceResponse:
        ctx = self._context(request.community_id)
        assert ctx.core is not None
        v = Violations()
        required(v, "unit_id", request.unit_id)
        required(v, "staff_id", request.staff_id)
        catalogue = ctx.settings["free_services"]
        if request.service not in catalogue:
            v.add("service", f"not in the community's catalogue: {', '.join(catalogue)}")
        v.raise_if_any()
        with ctx.core.transaction():
            refused = refusal(ctx, request.unit_id)  # names the earlier ticket, opens nothing
            if refused is None:
                opening = opening_free_service.set(True)
                try:
                    ticket = ctx.core.create_proactive_ticket(
                        staff_id=request.staff_id, unit_id=request.unit_id,
                        owner_id=request.owner_id,
                        category=ctx.settings["free_service_category"],
                        description=f"Free service of {ctx.core.today().year} "
                                    f"(总有一项服务适合您): {request.service}")
                finally:
                    opening_free_service.reset(opening)
                taken = take_free_service(ctx, ticket.id, request.unit_id, request.service)
                if taken is None:  # another request took the last one meanwhile
                    refused = refusal(ctx, request.unit_id) or Refusal(ctx.core.today().year,
                                                                       None)
            if refused is not None:  # raising rolls back the ticket opened above, if any
                metadata = {"year": str(refused.year)}
                if refused.earlier is not None:
                    metadata["earlier_ticket_id"] = refused.earlier.ticket_id
                raise FailedPrecondition(refused.text, reason="FREE_SERVICE_ALREADY_USED",
                                         metadata=metadata, field="unit_id")
        return pb.RequestFreeServiceResponse(ticket_id=ticket.id, year=taken.year)

    # -- targets -------------------------------------------------------------------------------

    def GetTargetGap(self, request: pb.GetTargetGapRequest,
                     context: grpc.ServicerContext) -> pb.GetTargetGapResponse:
        ctx = self._context(request.community_id)
        assert ctx.core is not None
        given = [request.HasField(name) for name in ("start_date", "end_date")]
        if any(given):
            v = Violations()
            for name, present in zip(("start_date", "end_date"), given, strict=True):
                if not present:
                    v.add(name, "give both start_date and end_date, or neither")
            v.raise_if_any()
            start, end = period(v, request.start_date, request.end_date)
        else:  # the plan's targets are annual: the year so far
            end = ctx.core.today()
            start = end.replace(month=1, day=1)
        figures = ctx.core.evaluation_figures(start, end)
        actual = {name: None if (value := getattr(figures, name)) is None else float(value)
                  for name in TARGETS}
        targets = {name: ctx.settings[f"{name}_target"] for name in TARGETS}
        return pb.GetTargetGapResponse(
            gaps=[pb.TargetGap(figure=g.figure, target=g.target, actual=g.actual, gap=g.gap,
                               met=g.met) for g in plan.gaps(targets, actual)],
            start_date=date_pb(start), end_date=date_pb(end),
            unmeasured=[name for name in TARGETS if actual[name] is None])
