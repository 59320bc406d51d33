"""svcq.v1.TicketService: protobuf in, domain call, protobuf out."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import grpc
from google.protobuf import duration_pb2, struct_pb2

from svcq.api.convert import enum_name, enum_number, from_date, timestamp, to_date
from svcq.api.idempotency import create_once
from svcq.domain.common import etag_of
from svcq.domain.events import resume_token
from svcq.domain.tickets.closure import DailyClosureReport
from svcq.domain.tickets.escalation import CorrectiveAction
from svcq.domain.tickets.figures import Figures, Grouping
from svcq.domain.tickets.records import CallbackRecord, EventRecord, HistoryRecord, TicketRecord
from svcq.domain.tickets.service import (
    CallbackOutcome,
    TicketInput,
    TicketService,
)
from svcq.errors import Violations
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import ticket_pb2 as pb
from svcq.v1 import ticket_pb2_grpc

_KIND = pb.TicketKind.DESCRIPTOR
_CHANNEL = pb.TicketChannel.DESCRIPTOR
_PRIORITY = pb.TicketPriority.DESCRIPTOR
_STATE = pb.TicketState.DESCRIPTOR
_ACTION = pb.TicketAction.DESCRIPTOR
_LEVEL = pb.EscalationLevel.DESCRIPTOR
_CALLBACK_KIND = pb.TicketCallbackKind.DESCRIPTOR
_GROUPING = pb.TicketFiguresGrouping.DESCRIPTOR
_DEPARTMENT = dpb.Department.DESCRIPTOR


def _duration(value: timedelta) -> duration_pb2.Duration:
    d = duration_pb2.Duration()
    d.FromTimedelta(value)
    return d


def _report(msg: pb.CorrectiveAction) -> CorrectiveAction | None:
    if not (msg.cause or msg.action_taken or msg.prevention):
        return None
    return CorrectiveAction(msg.cause, msg.action_taken, msg.prevention)


def callback_pb(r: CallbackRecord) -> pb.TicketCallback:
    msg = pb.TicketCallback(
        id=r.id, ticket_id=r.ticket_id, community_id=r.community_id,
        kind=enum_number(_CALLBACK_KIND, r.kind), department=enum_number(_DEPARTMENT, r.department),
        due_time=timestamp(r.due_time), done_time=timestamp(r.done_time), score=r.score,
        comment=r.comment, actor_staff_id=r.actor_staff_id, create_time=timestamp(r.create_time),
        sample_week=to_date(r.sample_week))
    if r.satisfied is not None:
        msg.satisfied = r.satisfied
    return msg


def ticket_pb(r: TicketRecord) -> pb.Ticket:
    report = r.corrective_action
    msg = pb.Ticket(
        id=r.id, community_id=r.community_id, kind=enum_number(_KIND, r.kind),
        channel=enum_number(_CHANNEL, r.channel), category=r.category,
        priority=enum_number(_PRIORITY, r.priority), emergency=r.emergency,
        owner_id=r.owner_id or "", description=r.description, attachments=r.attachments,
        state=enum_number(_STATE, r.state), department=enum_number(_DEPARTMENT, r.department),
        assignee_staff_id=r.assignee_staff_id, first_receiver_staff_id=r.first_receiver_staff_id,
        reporter_back_staff_id=r.reporter_back_staff_id, respond_by=timestamp(r.respond_by),
        resolve_by=timestamp(r.resolve_by), responded_time=timestamp(r.responded_time),
        resolved_time=timestamp(r.resolved_time),
        paused_duration=_duration(r.paused), reopen_count=r.reopen_count,
        escalation_level=int(r.escalation_level), compensation_involved=r.compensation_involved,
        against_project_head=r.against_project_head, major=r.major,
        corrective_action=pb.CorrectiveAction(cause=report.cause,
                                              action_taken=report.action_taken,
                                              prevention=report.prevention) if report else None,
        create_time=timestamp(r.create_time), update_time=timestamp(r.update_time),
        etag=etag_of(r.version), special_callback_by=timestamp(r.special_callback_by),
        hold_reason=r.hold_reason, close_time=timestamp(r.close_time),
        callback_count=r.callback_count,
        last_callback=callback_pb(r.last_callback) if r.last_callback else None,
    )
    if r.unit_id:
        msg.unit_id = r.unit_id
    elif r.public_area:
        msg.public_area = r.public_area
    if r.response_met is not None:
        msg.response_met = r.response_met
    if r.resolution_met is not None:
        msg.resolution_met = r.resolution_met
    for plugin, data in r.plugin_data.items():
        struct = struct_pb2.Struct()
        struct.update(data)
        msg.plugin_data[plugin].CopyFrom(struct)
    return msg


def history_pb(r: HistoryRecord) -> pb.TicketHistoryEntry:
    return pb.TicketHistoryEntry(
        id=r.id, ticket_id=r.ticket_id, action=enum_number(_ACTION, r.action),
        from_state=enum_number(_STATE, r.from_state), to_state=enum_number(_STATE, r.to_state),
        actor_staff_id=r.actor_staff_id, reason=r.reason, note=r.note,
        event_time=timestamp(r.event_time), department=enum_number(_DEPARTMENT, r.department),
        assignee_staff_id=r.assignee_staff_id, escalation_level=int(r.escalation_level))


def ticket_input(msg: pb.Ticket) -> TicketInput:
    report = _report(msg.corrective_action)
    return TicketInput(
        community_id=msg.community_id, kind=enum_name(_KIND, msg.kind),
        channel=enum_name(_CHANNEL, msg.channel), category=msg.category,
        priority=enum_name(_PRIORITY, msg.priority), emergency=msg.emergency,
        unit_id=msg.unit_id, public_area=msg.public_area, owner_id=msg.owner_id,
        description=msg.description, attachments=tuple(msg.attachments),
        first_receiver_staff_id=msg.first_receiver_staff_id,
        reporter_back_staff_id=msg.reporter_back_staff_id,
        compensation_involved=msg.compensation_involved,
        against_project_head=msg.against_project_head, major=msg.major,
        corrective_action=report)


def closure_pb(r: DailyClosureReport, stored: bool) -> pb.DailyClosure:
    return pb.DailyClosure(
        community_id=r.community_id, date=to_date(r.day), received_count=len(r.received),
        closed_same_day_count=len(r.closed_same_day),
        carried_over=[pb.DailyClosureItem(
            ticket_id=i.ticket_id, reason=i.reason, responsible_staff_id=i.responsible_staff_id,
            owner_replied=i.owner_replied, report_to_project_head=i.report_to_project_head,
            state=enum_number(_STATE, i.state)) for i in r.carried_over],
        as_of_time=timestamp(r.as_of), received_ticket_ids=r.received,
        closed_ticket_ids=r.closed, stored=stored)


def figures_pb(f: Figures) -> pb.TicketFigures:
    return pb.TicketFigures(
        ticket_count=f.ticket_count, response_met_rate=f.response_met_rate,
        resolution_met_rate=f.resolution_met_rate, same_day_closure_rate=f.same_day_closure_rate,
        reopen_rate=f.reopen_rate, callback_coverage=f.callback_coverage,
        callback_satisfaction=f.callback_satisfaction,
        average_callback_score=f.average_callback_score, counted_count=f.counted,
        response_decided_count=f.response_decided,
        resolution_decided_count=f.resolution_decided, resolved_count=f.resolved,
        callback_count=f.callback_count)


def event_pb(e: EventRecord) -> pb.TicketEvent:
    return pb.TicketEvent(
        id=str(e.seq), type=e.type, ticket_id=e.ticket_id, community_id=e.community_id,
        event_time=timestamp(e.event_time), ticket=ticket_pb(e.ticket),
        history_entry=history_pb(e.history) if e.history else None,
        callback=callback_pb(e.callback) if e.callback else None, deadline=e.deadline)


def _categories_pb(community_id: str, tree: tuple[str, ...], customized: bool,
                   version: int) -> pb.TicketCategories:
    return pb.TicketCategories(community_id=community_id, categories=tree, customized=customized,
                               etag=etag_of(version) if customized else "")


class TicketServicer(ticket_pb2_grpc.TicketServiceServicer):
    def __init__(self, service: TicketService) -> None:
        self.service = service

    def CreateTicket(self, request: pb.CreateTicketRequest, context: grpc.ServicerContext
                     ) -> pb.CreateTicketResponse:
        return create_once(self.service.ctx, "CreateTicket", request, pb.CreateTicketResponse,
                           lambda: pb.CreateTicketResponse(ticket=ticket_pb(
                               self.service.create(ticket_input(request.ticket)))))

    def GetTicket(self, request: pb.GetTicketRequest, context: grpc.ServicerContext
                  ) -> pb.GetTicketResponse:
        return pb.GetTicketResponse(ticket=ticket_pb(self.service.get(request.id)))

    def ListTickets(self, request: pb.ListTicketsRequest, context: grpc.ServicerContext
                    ) -> pb.ListTicketsResponse:
        records, token = self.service.list(request.page_size, request.page_token, request.filter)
        return pb.ListTicketsResponse(tickets=[ticket_pb(r) for r in records],
                                      next_page_token=token)

    def UpdateTicket(self, request: pb.UpdateTicketRequest, context: grpc.ServicerContext
                     ) -> pb.UpdateTicketResponse:
        record = self.service.update(request.ticket.id, request.ticket.etag,
                                     request.actor_staff_id, ticket_input(request.ticket),
                                     set(request.update_mask.paths))
        return pb.UpdateTicketResponse(ticket=ticket_pb(record))

    def DispatchTicket(self, request: pb.DispatchTicketRequest, context: grpc.ServicerContext
                       ) -> pb.DispatchTicketResponse:
        return pb.DispatchTicketResponse(ticket=ticket_pb(self.service.dispatch(
            request.id, request.etag, request.actor_staff_id,
            enum_name(_DEPARTMENT, request.department), request.assignee_staff_id,
            request.note)))

    def StartTicket(self, request: pb.StartTicketRequest, context: grpc.ServicerContext
                    ) -> pb.StartTicketResponse:
        return pb.StartTicketResponse(ticket=ticket_pb(self.service.start(
            request.id, request.etag, request.actor_staff_id, request.note)))

    def HoldTicket(self, request: pb.HoldTicketRequest, context: grpc.ServicerContext
                   ) -> pb.HoldTicketResponse:
        return pb.HoldTicketResponse(ticket=ticket_pb(self.service.hold(
            request.id, request.etag, request.actor_staff_id, request.reason, request.note)))

    def ResumeTicket(self, request: pb.ResumeTicketRequest, context: grpc.ServicerContext
                     ) -> pb.ResumeTicketResponse:
        return pb.ResumeTicketResponse(ticket=ticket_pb(self.service.resume(
            request.id, request.etag, request.actor_staff_id, request.note)))

    def ResolveTicket(self, request: pb.ResolveTicketRequest, context: grpc.ServicerContext
                      ) -> pb.ResolveTicketResponse:
        return pb.ResolveTicketResponse(ticket=ticket_pb(self.service.resolve(
            request.id, request.etag, request.actor_staff_id, request.note)))

    def RecordCallback(self, request: pb.RecordCallbackRequest, context: grpc.ServicerContext
                       ) -> pb.RecordCallbackResponse:
        outcome = CallbackOutcome(request.satisfied, request.score, request.comment)
        return pb.RecordCallbackResponse(ticket=ticket_pb(self.service.record_callback(
            request.id, request.etag, request.actor_staff_id, outcome, request.note)))

    def CloseTicket(self, request: pb.CloseTicketRequest, context: grpc.ServicerContext
                    ) -> pb.CloseTicketResponse:
        return pb.CloseTicketResponse(ticket=ticket_pb(self.service.close(
            request.id, request.etag, request.actor_staff_id, request.note,
            _report(request.corrective_action))))

    def CancelTicket(self, request: pb.CancelTicketRequest, context: grpc.ServicerContext
                     ) -> pb.CancelTicketResponse:
        return pb.CancelTicketResponse(ticket=ticket_pb(self.service.cancel(
            request.id, request.etag, request.actor_staff_id, request.reason, request.note)))

    def ReportDefectRecurrence(self, request: pb.ReportDefectRecurrenceRequest,
                               context: grpc.ServicerContext
                               ) -> pb.ReportDefectRecurrenceResponse:
        return pb.ReportDefectRecurrenceResponse(ticket=ticket_pb(self.service.report_defect(
            request.id, request.etag, request.actor_staff_id, request.note)))

    def ListTicketHistory(self, request: pb.ListTicketHistoryRequest,
                          context: grpc.ServicerContext) -> pb.ListTicketHistoryResponse:
        entries, token = self.service.history(request.ticket_id, request.page_size,
                                              request.page_token, request.filter)
        return pb.ListTicketHistoryResponse(entries=[history_pb(e) for e in entries],
                                            next_page_token=token)

    def ListMyFirstContactTickets(self, request: pb.ListMyFirstContactTicketsRequest,
                                  context: grpc.ServicerContext
                                  ) -> pb.ListMyFirstContactTicketsResponse:
        records, token = self.service.list_first_contact(
            request.staff_id, request.page_size, request.page_token, request.filter)
        return pb.ListMyFirstContactTicketsResponse(tickets=[ticket_pb(r) for r in records],
                                                    next_page_token=token)

    def GetDailyClosure(self, request: pb.GetDailyClosureRequest, context: grpc.ServicerContext
                        ) -> pb.GetDailyClosureResponse:
        v = Violations()
        day = from_date(v, "date", request.date, request.HasField("date"))
        v.raise_if_any()
        report, stored = self.service.daily_closure(request.community_id, day)
        return pb.GetDailyClosureResponse(closure=closure_pb(report, stored))

    def GetTicketFigures(self, request: pb.GetTicketFiguresRequest,
                         context: grpc.ServicerContext) -> pb.GetTicketFiguresResponse:
        v = Violations()
        start = from_date(v, "start_date", request.start_date, request.HasField("start_date"))
        end = from_date(v, "end_date", request.end_date, request.HasField("end_date"))
        for path, value in (("start_date", start), ("end_date", end)):
            if value is None and not any(x.field == path for x in v.items):
                v.add(path, "required")
        v.raise_if_any()
        assert start is not None and end is not None
        grouping = Grouping(enum_name(_GROUPING, request.group_by) or Grouping.NONE)
        totals, groups = self.service.figures(
            request.community_id, request.region_id, start, end,
            department=enum_name(_DEPARTMENT, request.department),
            kind=enum_name(_KIND, request.kind), grouping=grouping)
        return pb.GetTicketFiguresResponse(
            figures=figures_pb(totals),
            groups=[pb.TicketFiguresGroup(key=k, figures=figures_pb(f))
                    for k, f in groups.items()])

    def WatchEvents(self, request: pb.WatchEventsRequest, context: grpc.ServicerContext
                    ) -> Iterator[pb.WatchEventsResponse]:
        for event in self.service.watch(request.resume_token, request.filter,
                                        context.is_active, time.sleep):
            yield pb.WatchEventsResponse(event=event_pb(event),
                                         resume_token=resume_token(event.seq))

    def ListTicketCallbacks(self, request: pb.ListTicketCallbacksRequest,
                            context: grpc.ServicerContext) -> pb.ListTicketCallbacksResponse:
        records, token = self.service.list_callbacks(request.page_size, request.page_token,
                                                     request.filter)
        return pb.ListTicketCallbacksResponse(callbacks=[callback_pb(r) for r in records],
                                              next_page_token=token)

    def CompleteTicketCallback(self, request: pb.CompleteTicketCallbackRequest,
                               context: grpc.ServicerContext
                               ) -> pb.CompleteTicketCallbackResponse:
        outcome = CallbackOutcome(request.satisfied, request.score, request.comment)
        return pb.CompleteTicketCallbackResponse(callback=callback_pb(
            self.service.complete_callback(request.id, request.actor_staff_id, outcome)))

    def GetTicketCategories(self, request: pb.GetTicketCategoriesRequest,
                            context: grpc.ServicerContext) -> pb.GetTicketCategoriesResponse:
        return pb.GetTicketCategoriesResponse(categories=_categories_pb(
            request.community_id, *self.service.get_categories(request.community_id)))

    def UpdateTicketCategories(self, request: pb.UpdateTicketCategoriesRequest,
                               context: grpc.ServicerContext
                               ) -> pb.UpdateTicketCategoriesResponse:
        c = request.categories
        return pb.UpdateTicketCategoriesResponse(categories=_categories_pb(
            c.community_id, *self.service.update_categories(c.community_id, list(c.categories),
                                                            c.etag)))
