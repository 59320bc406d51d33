"""svcq.v1.EvaluationService: protobuf in, domain call, protobuf out."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import grpc

from svcq.api.convert import (
    enum_name,
    enum_number,
    from_date,
    from_timestamp,
    timestamp,
    to_date,
)
from svcq.api.idempotency import create_once
from svcq.domain.evaluations.bulletin import TrendLine
from svcq.domain.evaluations.defects import allowed_actions
from svcq.domain.evaluations.events import EvaluationEvent
from svcq.domain.evaluations.figures import Scope
from svcq.domain.evaluations.inspections import ExternalResult, InspectionDraft
from svcq.domain.evaluations.kinds import (
    DailyLevel,
    Discipline,
    ExternalResultKind,
    FindingCause,
    InspectionKind,
    YearMonth,
)
from svcq.domain.evaluations.nightchecks import WeatherAlert
from svcq.domain.evaluations.records import (
    CampaignRecord,
    DefectRecord,
    ExternalResultRecord,
    InspectionRecord,
    ResponseRecord,
    TemplateRecord,
    WeatherAlertRecord,
)
from svcq.domain.evaluations.scoring import Finding, ItemResult, Tally
from svcq.domain.evaluations.service import EvaluationService, InspectionInput
from svcq.domain.evaluations.surveys import TargetGap
from svcq.domain.evaluations.templates import to_decimal
from svcq.domain.events import resume_token
from svcq.domain.validation import check_enum
from svcq.errors import Violations
from svcq.v1 import evaluation_pb2 as pb
from svcq.v1 import evaluation_pb2_grpc

_DISCIPLINE = pb.Discipline.DESCRIPTOR
_METHOD = pb.ScoringMethod.DESCRIPTOR
_KIND = pb.InspectionKind.DESCRIPTOR
_LEVEL = pb.DailyLevel.DESCRIPTOR
_CAUSE = pb.FindingCause.DESCRIPTOR
_REASON = pb.UnrecordedReason.DESCRIPTOR
_EXTERNAL = pb.ExternalResultKind.DESCRIPTOR
_STATE = pb.DefectState.DESCRIPTOR
_ACTION = pb.DefectAction.DESCRIPTOR
_ALERT = pb.WeatherAlertKind.DESCRIPTOR
_CAMPAIGN = pb.SurveyCampaignState.DESCRIPTOR
_DEADLINE = pb.DeadlineState.DESCRIPTOR
_STEP = pb.SurveyStep.DESCRIPTOR


# -- small conversions ----------------------------------------------------------------------


def _decimal(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0


def _dec(text: str | None) -> float:
    return float(Decimal(text)) if text is not None else 0.0


def tally_pb(t: Tally) -> pb.Tally:
    return pb.Tally(score=float(t.score), max_score=float(t.max_score),
                    percent=_decimal(t.percent))


def rate_pb(value: Fraction | None, denominator: int) -> pb.Rate:
    """A rate with its parts; ``value * denominator`` is exact for the rates we report."""
    if value is None or not denominator:
        return pb.Rate(numerator=0, denominator=denominator)
    return pb.Rate(numerator=int(value * denominator), denominator=denominator,
                   value=float(value))


def gap_pb(g: TargetGap) -> pb.TargetGap:
    msg = pb.TargetGap(name=g.name, target=float(g.target))
    if g.actual is not None and g.gap is not None:
        msg.actual, msg.gap = float(g.actual), float(g.gap)
    return msg


def trend_pb(t: TrendLine) -> pb.TrendCount:
    return pb.TrendCount(key=t.key, count=t.count, previous_count=t.previous)


# -- templates ------------------------------------------------------------------------------


def template_pb(r: TemplateRecord) -> pb.ChecklistTemplate:
    t = r.template
    return pb.ChecklistTemplate(
        id=r.id, key=t.key, name=t.name, version=t.version,
        kinds=[enum_number(_KIND, k) for k in sorted(t.kinds)],
        items=[pb.ChecklistItem(id=i.id, discipline=enum_number(_DISCIPLINE, i.discipline),
                                title=i.title, max_score=float(i.max_score),
                                method=enum_number(_METHOD, i.method),
                                responsible_post=i.responsible_post) for i in t.items],
        max_total=float(t.max_total), create_time=timestamp(r.create_time), etag=r.etag)


def template_data(msg: pb.ChecklistTemplate) -> dict[str, Any]:
    """The message as the plain data a template file holds (checked by the domain)."""
    data: dict[str, Any] = {"key": msg.key, "name": msg.name, "items": [
        {"id": i.id, "discipline": enum_name(_DISCIPLINE, i.discipline), "title": i.title,
         "max_score": i.max_score, "method": enum_name(_METHOD, i.method) or "DEDUCT",
         "responsible_post": i.responsible_post} for i in msg.items]}
    if msg.kinds:
        data["kinds"] = [enum_name(_KIND, k) for k in msg.kinds]
    return data


# -- inspections ----------------------------------------------------------------------------


def finding_input(msg: pb.Finding, path: str, v: Violations) -> Finding:
    cause = check_enum(v, f"{path}.cause", FindingCause, enum_name(_CAUSE, msg.cause),
                       required=False)
    discipline = check_enum(v, f"{path}.discipline", Discipline,
                            enum_name(_DISCIPLINE, msg.discipline), required=False)
    return Finding(
        description=msg.description, cause=FindingCause(cause or FindingCause.OTHER),
        responsible_staff_id=msg.responsible_staff_id,
        recorded=msg.recorded if msg.HasField("recorded") else True,
        closed_within_minutes=msg.closed_within_minutes
        if msg.HasField("closed_within_minutes") else None,
        removed_on_spot=msg.removed_on_spot,
        discipline=Discipline(discipline) if discipline else None,
    )


def inspection_input(msg: pb.Inspection) -> InspectionInput:
    v = Violations()
    p = "inspection"
    kind = check_enum(v, f"{p}.kind", InspectionKind, enum_name(_KIND, msg.kind))
    level = check_enum(v, f"{p}.level", DailyLevel, enum_name(_LEVEL, msg.level),
                       required=False)
    discipline = check_enum(v, f"{p}.discipline", Discipline,
                            enum_name(_DISCIPLINE, msg.discipline), required=False)
    at = from_timestamp(f"{p}.inspect_time", msg.inspect_time, msg.HasField("inspect_time"))
    if at is None:
        v.add(f"{p}.inspect_time", "required")
    results = []
    for n, r in enumerate(msg.results):
        score = to_decimal(r.score) if r.HasField("score") else None
        deduction = to_decimal(r.deduction) if r.HasField("deduction") else None
        for name in ("score", "deduction"):
            if r.HasField(name) and to_decimal(getattr(r, name)) is None:
                v.add(f"{p}.results[{n}].{name}", "must be a finite number")
        results.append(ItemResult(
            item_id=r.item_id, score=score, deduction=deduction,
            passed=r.passed if r.HasField("passed") else None,
            responsible_staff_id=r.responsible_staff_id,
            findings=tuple(finding_input(f, f"{p}.results[{n}].findings[{m}]", v)
                           for m, f in enumerate(r.findings))))
    findings = tuple(finding_input(f, f"{p}.findings[{n}]", v)
                     for n, f in enumerate(msg.findings))
    v.raise_if_any()
    assert at is not None
    draft = InspectionDraft(
        community_id=msg.community_id, kind=InspectionKind(kind), inspected_at=at,
        inspector_id=msg.inspector_id, level=DailyLevel(level) if level else None,
        discipline=Discipline(discipline) if discipline else None, post=msg.post,
        countersigned_by=msg.countersigned_by, results=tuple(results),
        findings=findings)
    return InspectionInput(draft, msg.template_id)


def finding_pb(f: Mapping[str, Any]) -> pb.Finding:
    msg = pb.Finding(
        description=f["description"], cause=enum_number(_CAUSE, f["cause"]),
        responsible_staff_id=f["responsible_staff_id"], recorded=f["recorded"],
        removed_on_spot=f["removed_on_spot"],
        discipline=enum_number(_DISCIPLINE, f["discipline"]),
        unrecorded_reason=enum_number(_REASON, f["unrecorded_reason"]),
        defect_id=f["defect_id"])
    if f["closed_within_minutes"] is not None:
        msg.closed_within_minutes = f["closed_within_minutes"]
    return msg


def inspection_pb(r: InspectionRecord) -> pb.Inspection:
    s = r.sheet
    results = []
    for x in s["results"]:
        item = pb.ItemResult(item_id=x["item_id"], responsible_staff_id=x["responsible_staff_id"],
                             findings=[finding_pb(f) for f in x["findings"]],
                             computed_score=_dec(x["computed_score"]))
        if x["score"] is not None:
            item.score = _dec(x["score"])
        if x["deduction"] is not None:
            item.deduction = _dec(x["deduction"])
        if x["passed"] is not None:
            item.passed = x["passed"]
        results.append(item)
    return pb.Inspection(
        id=r.id, community_id=r.community_id, kind=enum_number(_KIND, r.kind),
        inspect_time=timestamp(r.inspected_at), inspector_id=r.inspector_id,
        level=enum_number(_LEVEL, s["level"]), discipline=enum_number(_DISCIPLINE, s["discipline"]),
        post=s["post"], countersigned_by=s["countersigned_by"], template_id=r.template_id,
        results=results, findings=[finding_pb(f) for f in s["findings"]],
        discipline_scores=[pb.DisciplineScore(
            discipline=enum_number(_DISCIPLINE, d["discipline"]),
            tally=tally_pb(Tally(Decimal(d["score"]), Decimal(d["max_score"]))))
            for d in s["discipline_scores"]],
        person_scores=[pb.PersonScore(
            staff_id=d["staff_id"],
            tally=tally_pb(Tally(Decimal(d["score"]), Decimal(d["max_score"]))))
            for d in s["person_scores"]],
        overall=tally_pb(r.overall), create_time=timestamp(r.create_time))


def external_pb(r: ExternalResultRecord) -> pb.ExternalResult:
    msg = pb.ExternalResult(id=r.id, community_id=r.community_id,
                            kind=enum_number(_EXTERNAL, r.kind), issuer=r.issuer,
                            receive_date=to_date(r.received_on), outcome=r.outcome)
    if r.score is not None:
        msg.score = float(r.score)
    return msg


# -- defects and alerts ---------------------------------------------------------------------


def defect_pb(r: DefectRecord) -> pb.Defect:
    d = r.defect
    return pb.Defect(
        id=d.id, community_id=d.community_id, inspection_id=d.inspection_id, item_id=d.item_id,
        discipline=enum_number(_DISCIPLINE, d.discipline), description=d.description,
        responsible_staff_id=d.responsible_staff_id, raise_time=timestamp(d.raised_at),
        due_date=to_date(d.due_on), state=enum_number(_STATE, d.state),
        allowed_actions=[enum_number(_ACTION, a) for a in allowed_actions(d.state)],
        history=[pb.DefectEvent(action=enum_number(_ACTION, e.action),
                                event_time=timestamp(e.at), actor_id=e.actor_id, note=e.note,
                                inspection_id=e.inspection_id) for e in d.history],
        etag=r.etag)


def alert_pb(r: WeatherAlertRecord) -> pb.WeatherAlert:
    return pb.WeatherAlert(id=r.id, community_id=r.community_id,
                           kind=enum_number(_ALERT, r.kind), issue_time=timestamp(r.issued_at),
                           night_check_due_time=timestamp(r.night_check_due),
                           night_check_inspection_id=r.night_check_inspection_id)


def uncovered_pb(alert: WeatherAlert, due: datetime) -> pb.WeatherAlert:
    return pb.WeatherAlert(id=alert.id, community_id=alert.community_id,
                           kind=enum_number(_ALERT, alert.kind),
                           issue_time=timestamp(alert.issued_at),
                           night_check_due_time=timestamp(due))


# -- surveys --------------------------------------------------------------------------------


def campaign_pb(r: CampaignRecord) -> pb.SurveyCampaign:
    m = r.milestones
    msg = pb.SurveyCampaign(
        id=r.id, community_id=r.community_id, period=to_date(r.period),
        dimensions=list(r.dimensions), state=enum_number(_CAMPAIGN, r.state),
        sample_rate=float(r.sample_rate) if r.sample_rate is not None else 0.0,
        sample_seed=r.sample_seed, sampled_unit_ids=list(r.sampled_unit_ids),
        milestones=pb.SurveyMilestones(
            receive_time=timestamp(m.received_at), issue_time=timestamp(m.issued_at),
            collect_time=timestamp(m.collected_at), tally_time=timestamp(m.tallied_at),
            open_letter_time=timestamp(m.open_letter_at), report_time=timestamp(m.reported_at)),
        create_time=timestamp(r.create_time), etag=r.etag, third_party=r.third_party,
        household_count=r.household_count, sample_notes=list(r.sample_notes),
        coordinator_id=r.coordinator_id)
    if r.deadlines is not None:
        msg.deadlines.extend(pb.SurveyDeadline(
            name=d.name, due_time=timestamp(d.due_at), done_time=timestamp(d.done_at),
            state=enum_number(_DEADLINE, d.state)) for d in r.deadlines.deadlines)
        msg.breaches.extend(r.deadlines.breaches)
    return msg


def response_pb(r: ResponseRecord) -> pb.SurveyResponse:
    return pb.SurveyResponse(id=r.id, campaign_id=r.campaign_id, unit_id=r.unit_id,
                             scores=dict(r.scores), tags=list(r.tags), comment=r.comment,
                             create_time=timestamp(r.create_time), callback_id=r.callback_id)


def event_pb(e: EvaluationEvent) -> pb.EvaluationEvent:
    msg = pb.EvaluationEvent(id=str(e.seq), type=e.type, resource_id=e.resource_id,
                             community_id=e.community_id, event_time=timestamp(e.event_time),
                             survey_step=enum_number(_STEP, e.survey_step))
    if e.inspection:
        msg.inspection.CopyFrom(inspection_pb(e.inspection))
    elif e.defect:
        msg.defect.CopyFrom(defect_pb(e.defect))
    elif e.external_result:
        msg.external_result.CopyFrom(external_pb(e.external_result))
    elif e.weather_alert:
        msg.weather_alert.CopyFrom(alert_pb(e.weather_alert))
    elif e.survey_campaign:
        msg.survey_campaign.CopyFrom(campaign_pb(e.survey_campaign))
    elif e.survey_response:
        msg.survey_response.CopyFrom(response_pb(e.survey_response))
    return msg


# -- the servicer ---------------------------------------------------------------------------


class EvaluationServicer(evaluation_pb2_grpc.EvaluationServiceServicer):
    def __init__(self, service: EvaluationService) -> None:
        self.service = service

    def _scope(self, msg: pb.FiguresScope) -> Scope:
        v = Violations()
        start = from_date(v, "scope.start_date", msg.start_date, msg.HasField("start_date"))
        end = from_date(v, "scope.end_date", msg.end_date, msg.HasField("end_date"))
        v.raise_if_any()
        return self.service.figures.scope(msg.community_id, msg.region_id, start, end)

    # templates
    def CreateChecklistTemplate(self, request: pb.CreateChecklistTemplateRequest,
                                context: grpc.ServicerContext
                                ) -> pb.CreateChecklistTemplateResponse:
        return create_once(
            self.service.ctx, "CreateChecklistTemplate", request,
            pb.CreateChecklistTemplateResponse,
            lambda: pb.CreateChecklistTemplateResponse(template=template_pb(
                self.service.create_template(template_data(request.template)))))

    def GetChecklistTemplate(self, request: pb.GetChecklistTemplateRequest,
                             context: grpc.ServicerContext) -> pb.GetChecklistTemplateResponse:
        return pb.GetChecklistTemplateResponse(template=template_pb(
            self.service.get_template(request.id, request.key, request.version)))

    def ListChecklistTemplates(self, request: pb.ListChecklistTemplatesRequest,
                               context: grpc.ServicerContext
                               ) -> pb.ListChecklistTemplatesResponse:
        records, token = self.service.list_templates(request.page_size, request.page_token,
                                                     request.filter)
        return pb.ListChecklistTemplatesResponse(templates=[template_pb(r) for r in records],
                                                 next_page_token=token)

    def UpdateChecklistTemplate(self, request: pb.UpdateChecklistTemplateRequest,
                                context: grpc.ServicerContext
                                ) -> pb.UpdateChecklistTemplateResponse:
        t = request.template
        return pb.UpdateChecklistTemplateResponse(template=template_pb(
            self.service.update_template(t.key, t.etag, template_data(t))))

    # inspections
    def RecordInspection(self, request: pb.RecordInspectionRequest,
                         context: grpc.ServicerContext) -> pb.RecordInspectionResponse:
        def record() -> pb.RecordInspectionResponse:
            inspection, defects = self.service.record_inspection(
                inspection_input(request.inspection))
            return pb.RecordInspectionResponse(inspection=inspection_pb(inspection),
                                               defects=[defect_pb(d) for d in defects])

        return create_once(self.service.ctx, "RecordInspection", request,
                           pb.RecordInspectionResponse, record)

    def GetInspection(self, request: pb.GetInspectionRequest, context: grpc.ServicerContext
                      ) -> pb.GetInspectionResponse:
        return pb.GetInspectionResponse(
            inspection=inspection_pb(self.service.get_inspection(request.id)))

    def ListInspections(self, request: pb.ListInspectionsRequest,
                        context: grpc.ServicerContext) -> pb.ListInspectionsResponse:
        records, token = self.service.list_inspections(request.page_size, request.page_token,
                                                       request.filter)
        return pb.ListInspectionsResponse(inspections=[inspection_pb(r) for r in records],
                                          next_page_token=token)

    def RecordExternalResult(self, request: pb.RecordExternalResultRequest,
                             context: grpc.ServicerContext) -> pb.RecordExternalResultResponse:
        def record() -> pb.RecordExternalResultResponse:
            r = request.result
            v = Violations()
            kind = check_enum(v, "result.kind", ExternalResultKind, enum_name(_EXTERNAL, r.kind))
            received = from_date(v, "result.receive_date", r.receive_date,
                                 r.HasField("receive_date"))
            if received is None:
                v.add("result.receive_date", "required")
            v.raise_if_any()
            assert received is not None
            result = ExternalResult(
                community_id=r.community_id, kind=ExternalResultKind(kind),
                issuer=r.issuer, received_on=received, outcome=r.outcome,
                score=to_decimal(r.score) if r.HasField("score") else None)
            return pb.RecordExternalResultResponse(
                result=external_pb(self.service.record_external_result(result)))

        return create_once(self.service.ctx, "RecordExternalResult", request,
                           pb.RecordExternalResultResponse, record)

    # defects
    def GetDefect(self, request: pb.GetDefectRequest, context: grpc.ServicerContext
                  ) -> pb.GetDefectResponse:
        return pb.GetDefectResponse(defect=defect_pb(self.service.get_defect(request.id)))

    def ListDefects(self, request: pb.ListDefectsRequest, context: grpc.ServicerContext
                    ) -> pb.ListDefectsResponse:
        records, token = self.service.list_defects(request.page_size, request.page_token,
                                                   request.filter)
        return pb.ListDefectsResponse(defects=[defect_pb(r) for r in records],
                                      next_page_token=token)

    def RectifyDefect(self, request: pb.RectifyDefectRequest, context: grpc.ServicerContext
                      ) -> pb.RectifyDefectResponse:
        return pb.RectifyDefectResponse(defect=defect_pb(self.service.rectify_defect(
            request.id, request.etag, request.evidence_note, request.actor_id)))

    def VerifyDefect(self, request: pb.VerifyDefectRequest, context: grpc.ServicerContext
                     ) -> pb.VerifyDefectResponse:
        return pb.VerifyDefectResponse(defect=defect_pb(self.service.verify_defect(
            request.id, request.etag, request.inspection_id)))

    def ReopenDefect(self, request: pb.ReopenDefectRequest, context: grpc.ServicerContext
                     ) -> pb.ReopenDefectResponse:
        return pb.ReopenDefectResponse(defect=defect_pb(self.service.reopen_defect(
            request.id, request.etag, request.inspection_id, request.reason)))

    def EscalateDefect(self, request: pb.EscalateDefectRequest, context: grpc.ServicerContext
                       ) -> pb.EscalateDefectResponse:
        return pb.EscalateDefectResponse(defect=defect_pb(self.service.escalate_defect(
            request.id, request.etag, request.transfer_note, request.actor_id)))

    # night checks
    def ProposeNightCheckSlots(self, request: pb.ProposeNightCheckSlotsRequest,
                               context: grpc.ServicerContext
                               ) -> pb.ProposeNightCheckSlotsResponse:
        v = Violations()
        month = from_date(v, "month", request.month, request.HasField("month"))
        v.raise_if_any()
        slots, seed = self.service.propose_night_check_slots(
            request.community_id, month, request.seed, request.count)
        return pb.ProposeNightCheckSlotsResponse(slot_times=[timestamp(s) for s in slots],
                                                 seed=seed)

    def RecordWeatherAlert(self, request: pb.RecordWeatherAlertRequest,
                           context: grpc.ServicerContext) -> pb.RecordWeatherAlertResponse:
        a = request.alert
        return create_once(
            self.service.ctx, "RecordWeatherAlert", request, pb.RecordWeatherAlertResponse,
            lambda: pb.RecordWeatherAlertResponse(alert=alert_pb(
                self.service.record_weather_alert(
                    a.community_id, enum_name(_ALERT, a.kind),
                    from_timestamp("alert.issue_time", a.issue_time,
                                   a.HasField("issue_time"))))))

    # surveys
    def CreateSurveyCampaign(self, request: pb.CreateSurveyCampaignRequest,
                             context: grpc.ServicerContext) -> pb.CreateSurveyCampaignResponse:
        def create() -> pb.CreateSurveyCampaignResponse:
            c = request.campaign
            v = Violations()
            period = from_date(v, "campaign.period", c.period, c.HasField("period"))
            v.raise_if_any()
            return pb.CreateSurveyCampaignResponse(campaign=campaign_pb(
                self.service.surveys.create(c.community_id, period, list(c.dimensions),
                                            c.third_party, c.coordinator_id)))

        return create_once(self.service.ctx, "CreateSurveyCampaign", request,
                           pb.CreateSurveyCampaignResponse, create)

    def DrawSurveySample(self, request: pb.DrawSurveySampleRequest,
                         context: grpc.ServicerContext) -> pb.DrawSurveySampleResponse:
        return pb.DrawSurveySampleResponse(campaign=campaign_pb(
            self.service.surveys.draw(request.id, request.etag, request.seed)))

    def RecordSurveyResponse(self, request: pb.RecordSurveyResponseRequest,
                             context: grpc.ServicerContext) -> pb.RecordSurveyResponseResponse:
        r = request.response
        return create_once(
            self.service.ctx, "RecordSurveyResponse", request, pb.RecordSurveyResponseResponse,
            lambda: pb.RecordSurveyResponseResponse(response=response_pb(
                self.service.surveys.record_response(r.campaign_id, r.unit_id, dict(r.scores),
                                                     list(r.tags), r.comment))))

    def RecordSurveyMilestone(self, request: pb.RecordSurveyMilestoneRequest,
                              context: grpc.ServicerContext
                              ) -> pb.RecordSurveyMilestoneResponse:
        return pb.RecordSurveyMilestoneResponse(campaign=campaign_pb(
            self.service.surveys.record_milestone(
                request.id, request.etag, enum_name(_STEP, request.step),
                from_timestamp("time", request.time, request.HasField("time")))))

    def CloseSurveyCampaign(self, request: pb.CloseSurveyCampaignRequest,
                            context: grpc.ServicerContext) -> pb.CloseSurveyCampaignResponse:
        return pb.CloseSurveyCampaignResponse(campaign=campaign_pb(
            self.service.surveys.close(request.id, request.etag)))

    def GetSurveyCampaign(self, request: pb.GetSurveyCampaignRequest,
                          context: grpc.ServicerContext) -> pb.GetSurveyCampaignResponse:
        return pb.GetSurveyCampaignResponse(
            campaign=campaign_pb(self.service.surveys.get(request.id)))

    # figures
    def GetInspectionFigures(self, request: pb.GetInspectionFiguresRequest,
                             context: grpc.ServicerContext) -> pb.GetInspectionFiguresResponse:
        v = Violations()
        kind = check_enum(v, "kind", InspectionKind, enum_name(_KIND, request.kind),
                          required=False)
        v.raise_if_any()
        f = self.service.figures.inspections(self._scope(request.scope), kind)
        return pb.GetInspectionFiguresResponse(
            inspection_count=f.count, overall=tally_pb(f.overall),
            items=[pb.ItemFigure(item_id=k, tally=tally_pb(t)) for k, t in sorted(f.items.items())],
            disciplines=[pb.DisciplineScore(discipline=enum_number(_DISCIPLINE, k),
                                            tally=tally_pb(t))
                         for k, t in sorted(f.disciplines.items())],
            people=[pb.PersonScore(staff_id=k, tally=tally_pb(t))
                    for k, t in sorted(f.people.items())],
            communities=[pb.CommunityFigure(community_id=k, tally=tally_pb(t))
                         for k, t in sorted(f.communities.items())],
            previous_overall=tally_pb(f.previous_overall),
            previous_inspection_count=f.previous_count)

    def GetDefectFigures(self, request: pb.GetDefectFiguresRequest,
                         context: grpc.ServicerContext) -> pb.GetDefectFiguresResponse:
        f = self.service.figures.defects(self._scope(request.scope))
        return pb.GetDefectFiguresResponse(
            raised_count=f.raised, rectification_rate=rate_pb(f.rectification, f.raised),
            overdue_count=f.overdue,
            disciplines=[pb.DisciplineDefectCount(discipline=enum_number(_DISCIPLINE, t.key),
                                                  count=t.count, previous_count=t.previous)
                         for t in f.disciplines],
            target=gap_pb(f.target), people=[trend_pb(t) for t in f.people])

    def GetSurveyFigures(self, request: pb.GetSurveyFiguresRequest,
                         context: grpc.ServicerContext) -> pb.GetSurveyFiguresResponse:
        report = self.service.figures.surveys(self._scope(request.scope))
        f = report.figures
        return pb.GetSurveyFiguresResponse(
            households=f.households,
            distribution_rate=rate_pb(f.distribution_rate, f.households),
            return_rate=rate_pb(f.return_rate, f.distributed),
            satisfaction=rate_pb(f.satisfaction, sum(f.answer_counts.values())),
            dimensions=[pb.DimensionFigure(
                dimension=d, satisfaction=rate_pb(value, f.answer_counts.get(d, 0)),
                concentrated=d in f.concentrated_dimensions)
                for d, value in f.by_dimension.items()],
            concentrated_tags=list(f.concentrated_tags),
            targets=[gap_pb(g) for g in report.targets])

    def GetNightCheckFigures(self, request: pb.GetNightCheckFiguresRequest,
                             context: grpc.ServicerContext) -> pb.GetNightCheckFiguresResponse:
        f = self.service.figures.night_checks(self._scope(request.scope))
        months = [pb.NightCheckMonth(community_id=c, month=to_date(m.month.first_day),
                                     count=m.count, required=m.required,
                                     below_minimum=m.below_minimum) for c, m in f.months]
        return pb.GetNightCheckFiguresResponse(
            months=months, months_below_minimum=sum(m.below_minimum for m in months),
            uncovered_alerts=[uncovered_pb(a, due) for a, due in f.uncovered])

    def GetMonthlyBulletin(self, request: pb.GetMonthlyBulletinRequest,
                           context: grpc.ServicerContext) -> pb.GetMonthlyBulletinResponse:
        v = Violations()
        day = from_date(v, "month", request.month, request.HasField("month"))
        if day is None:
            v.add("month", "required: any day of the month")
        v.raise_if_any()
        assert day is not None
        month = YearMonth.of(day)
        scope = self.service.figures.scope(request.community_id, request.region_id,
                                           month.first_day, day, path="")
        b = self.service.figures.bulletin(scope, month)
        return pb.GetMonthlyBulletinResponse(
            month=to_date(month.first_day), total=trend_pb(b.total),
            disciplines=[trend_pb(t) for t in b.by_discipline],
            communities=[trend_pb(t) for t in b.by_community],
            people=[trend_pb(t) for t in b.by_person])

    # events
    def WatchEvaluationEvents(self, request: pb.WatchEvaluationEventsRequest,
                              context: grpc.ServicerContext
                              ) -> Iterator[pb.WatchEvaluationEventsResponse]:
        for event in self.service.watch(request.resume_token, request.filter,
                                        context.is_active, time.sleep):
            yield pb.WatchEvaluationEventsResponse(event=event_pb(event),
                                                   resume_token=resume_token(event.seq))
