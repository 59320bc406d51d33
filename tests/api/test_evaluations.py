"""EvaluationService through a real server: templates, scoring, recording rules, defects,
night checks. Expected numbers are worked out by hand in the comments."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import grpc
import pytest
from google.protobuf import timestamp_pb2
from google.type import date_pb2

from svcq.testing import RunningServer
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import evaluation_pb2 as pb
from svcq.v1 import evaluation_pb2_grpc
from tests.support import Factory, details

SH = ZoneInfo("Asia/Shanghai")


def ts(when) -> timestamp_pb2.Timestamp:
    out = timestamp_pb2.Timestamp()
    out.FromDatetime(when)
    return out


def day(d) -> date_pb2.Date:
    return date_pb2.Date(year=d.year, month=d.month, day=d.day)


@pytest.fixture
def api(server: RunningServer) -> evaluation_pb2_grpc.EvaluationServiceStub:
    return evaluation_pb2_grpc.EvaluationServiceStub(server.channel)


@pytest.fixture
def place(factory: Factory) -> dict:
    return make_place(factory)


def make_place(factory: Factory, region_id: str = "") -> dict:
    """A community whose checklist posts each have exactly one holder."""
    community = factory.community(region_id)
    staff = {
        name: factory.staff(community.id, department=dept, role=role).id
        for name, dept, role in [
            ("security", dpb.DEPARTMENT_SECURITY, dpb.STAFF_ROLE_SUPERVISOR),
            ("cleaning", dpb.DEPARTMENT_CLEANING, dpb.STAFF_ROLE_SUPERVISOR),
            ("greening", dpb.DEPARTMENT_GREENING, dpb.STAFF_ROLE_SUPERVISOR),
            ("engineering", dpb.DEPARTMENT_ENGINEERING, dpb.STAFF_ROLE_SUPERVISOR),
            ("front", dpb.DEPARTMENT_FRONT_DESK, dpb.STAFF_ROLE_SUPERVISOR),
            ("head", dpb.DEPARTMENT_FRONT_DESK, dpb.STAFF_ROLE_PROJECT_HEAD),
            ("inspector", dpb.DEPARTMENT_QUALITY, dpb.STAFF_ROLE_QUALITY_INSPECTOR),
            ("inspector2", dpb.DEPARTMENT_QUALITY, dpb.STAFF_ROLE_QUALITY_INSPECTOR),
        ]
    }
    return {"community": community.id, "staff": staff}


def default_template(api) -> pb.ChecklistTemplate:
    return api.GetChecklistTemplate(pb.GetChecklistTemplateRequest(
        key="monthly-management")).template


def monthly_sheet(api, place, server, **overrides) -> pb.Inspection:
    """The hand-computed monthly sheet: 84 of 100, two recorded findings, one exempted."""
    s = place["staff"]
    results = [
        pb.ItemResult(item_id="SEC-01", deduction=2, findings=[pb.Finding(
            description="guard seated at the gate", cause=pb.FINDING_CAUSE_STAFF_FAULT)]),
        pb.ItemResult(item_id="SEC-02", deduction=0),
        pb.ItemResult(item_id="SEC-03", passed=False, findings=[pb.Finding(
            description="fire door blocked")]),
        pb.ItemResult(item_id="CLN-01", deduction=1.5, findings=[pb.Finding(
            description="leaves on the path", cause=pb.FINDING_CAUSE_MINOR, recorded=False,
            closed_within_minutes=10)]),
        pb.ItemResult(item_id="CLN-02", deduction=0),
        pb.ItemResult(item_id="GRN-01", score=8),
        pb.ItemResult(item_id="ENG-01", deduction=0),
        pb.ItemResult(item_id="ENG-02", deduction=0),
        pb.ItemResult(item_id="CS-01", deduction=0),
        pb.ItemResult(item_id="CS-02", score=4.5),
        pb.ItemResult(item_id="MGT-01", deduction=0),
        pb.ItemResult(item_id="MGT-02", passed=True),
    ]
    msg = pb.Inspection(
        community_id=place["community"], kind=pb.INSPECTION_KIND_MONTHLY,
        inspect_time=ts(server.clock.now() - timedelta(hours=1)), inspector_id=s["inspector"],
        template_id=default_template(api).id, results=results)
    for key, value in overrides.items():
        getattr(msg, key).CopyFrom(value)
    return msg


def record(api, inspection: pb.Inspection) -> pb.RecordInspectionResponse:
    return api.RecordInspection(pb.RecordInspectionRequest(inspection=inspection))


def stored_counts(api, community_id: str) -> tuple[int, int]:
    query = f'community_id = "{community_id}"'
    return (len(api.ListInspections(pb.ListInspectionsRequest(filter=query)).inspections),
            len(api.ListDefects(pb.ListDefectsRequest(filter=query)).defects))


# -- templates ------------------------------------------------------------------------------


def test_shipped_template_is_loaded_and_updates_make_versions(api):
    shipped = default_template(api)
    assert shipped.version >= 1 and len(shipped.items) == 12
    assert shipped.max_total == 100  # 10*7 + 5*4 + 10 (GRN-01) = 100 by the file

    created = api.CreateChecklistTemplate(pb.CreateChecklistTemplateRequest(
        template=pb.ChecklistTemplate(
            key=f"night-{shipped.id}", name="night check", kinds=[pb.INSPECTION_KIND_NIGHT],
            items=[pb.ChecklistItem(id="N-1", discipline=pb.DISCIPLINE_SECURITY,
                                    title="guard awake", max_score=5,
                                    responsible_post="security supervisor")]))).template
    assert (created.version, created.max_total) == (1, 5)
    assert created.items[0].method == pb.SCORING_METHOD_DEDUCT

    revised = pb.ChecklistTemplate()
    revised.CopyFrom(created)
    revised.items[0].max_score = 8
    v2 = api.UpdateChecklistTemplate(pb.UpdateChecklistTemplateRequest(template=revised))
    assert (v2.template.version, v2.template.max_total) == (2, 8)
    with pytest.raises(grpc.RpcError) as stale:
        api.UpdateChecklistTemplate(pb.UpdateChecklistTemplateRequest(template=revised))
    assert stale.value.code() == grpc.StatusCode.ABORTED
    first = api.GetChecklistTemplate(pb.GetChecklistTemplateRequest(key=created.key, version=1))
    assert first.template.max_total == 5  # the old version is kept as it was scored
    listed = api.ListChecklistTemplates(pb.ListChecklistTemplatesRequest(
        filter=f'key = "{created.key}" AND kind = INSPECTION_KIND_NIGHT'))
    assert [(t.version, t.etag) for t in listed.templates] == [(2, v2.template.etag)]
    every = api.ListChecklistTemplates(pb.ListChecklistTemplatesRequest(
        filter=f'key = "{created.key}" AND all_versions = true'))
    assert [t.version for t in every.templates] == [1, 2]

    bad = pb.ChecklistTemplate(key="broken", name="x", items=[pb.ChecklistItem(
        id="B-1", discipline=pb.DISCIPLINE_SECURITY, title="t", max_score=0,
        responsible_post="p")])
    with pytest.raises(grpc.RpcError) as caught:
        api.CreateChecklistTemplate(pb.CreateChecklistTemplateRequest(template=bad))
    assert "template.items[0].max_score" in details(caught.value)[1]


# -- scoring and recording rules ------------------------------------------------------------


def test_monthly_scores_are_computed_by_hand(api, place, server):
    got = record(api, monthly_sheet(api, place, server))
    i = got.inspection
    # SEC 8+10+0 = 18/30; CLN 8.5+5 = 13.5/15; GRN 8/10; ENG 20/20; CS 10+4.5 = 14.5/15;
    # MGT 5+5 = 10/10; overall 84/100.
    assert (i.overall.score, i.overall.max_score, i.overall.percent) == (84, 100, 84)
    by = {d.discipline: (d.tally.score, d.tally.max_score, d.tally.percent)
          for d in i.discipline_scores}
    assert by[pb.DISCIPLINE_SECURITY] == (18, 30, 60)
    assert by[pb.DISCIPLINE_CLEANING] == (13.5, 15, 90)
    assert by[pb.DISCIPLINE_CUSTOMER_SERVICE] == (14.5, 15, 96.67)
    people = {p.staff_id: p.tally.score for p in i.person_scores}
    assert people[place["staff"]["security"]] == 18  # attributed to the post's holder
    assert people[place["staff"]["head"]] == 10
    assert [r.computed_score for r in i.results[:4]] == [8, 10, 0, 8.5]

    # Two recorded findings became defects; the minor one closed in 10 minutes did not.
    assert len(got.defects) == 2
    exempt = i.results[3].findings[0]
    assert exempt.unrecorded_reason == pb.UNRECORDED_REASON_MINOR_CLOSED_QUICKLY
    assert exempt.defect_id == ""
    assert {i.results[0].findings[0].defect_id, i.results[2].findings[0].defect_id} == {
        d.id for d in got.defects}
    d = got.defects[0]
    assert d.responsible_staff_id == place["staff"]["security"]
    local = (server.clock.now() - timedelta(hours=1)).astimezone(SH).date()
    assert (d.due_date.year, d.due_date.month, d.due_date.day) == (
        (local + timedelta(days=7)).year, (local + timedelta(days=7)).month,
        (local + timedelta(days=7)).day)
    assert api.GetInspection(pb.GetInspectionRequest(id=i.id)).inspection == i


def test_bad_sheet_names_every_field_and_stores_nothing(api, place, server):
    sheet = monthly_sheet(api, place, server,
                          inspect_time=ts(server.clock.now() + timedelta(hours=1)))
    sheet.results[0].findings[0].recorded = False          # staff fault: must be recorded
    sheet.results[5].score = 11                            # GRN-01 max is 10
    sheet.results[6].item_id = "NOPE-1"                    # unknown item
    with pytest.raises(grpc.RpcError) as caught:
        record(api, sheet)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    fields = details(caught.value)[1]
    assert {"inspection.inspect_time", "inspection.results[0].findings[0].recorded",
            "inspection.results[5].score", "inspection.results[6].item_id"} <= set(fields)
    assert stored_counts(api, place["community"]) == (0, 0)


def test_exemptions_are_checked_not_trusted(api, place, server):
    s = place["staff"]
    daily = pb.Inspection(
        community_id=place["community"], kind=pb.INSPECTION_KIND_DAILY,
        level=pb.DAILY_LEVEL_SUPERVISOR, discipline=pb.DISCIPLINE_CLEANING,
        inspect_time=ts(server.clock.now() - timedelta(minutes=30)), inspector_id=s["cleaning"],
        findings=[
            pb.Finding(description="bin overflowing", cause=pb.FINDING_CAUSE_MINOR,
                       recorded=False, closed_within_minutes=45, responsible_staff_id=s["head"]),
            pb.Finding(description="puddle after rain", recorded=False,
                       cause=pb.FINDING_CAUSE_OBJECTIVE_RECURRING,
                       responsible_staff_id=s["head"]),
        ])
    with pytest.raises(grpc.RpcError) as caught:
        record(api, daily)
    assert set(details(caught.value)[1]) == {"inspection.findings[0].closed_within_minutes",
                                             "inspection.findings[1].removed_on_spot"}
    daily.findings[0].closed_within_minutes = 30
    daily.findings[1].removed_on_spot = True
    ok = record(api, daily)
    assert [f.unrecorded_reason for f in ok.inspection.findings] == [
        pb.UNRECORDED_REASON_MINOR_CLOSED_QUICKLY, pb.UNRECORDED_REASON_OBJECTIVE_REMOVED_ON_SPOT]
    assert list(ok.defects) == []


# -- the defect loop ------------------------------------------------------------------------


def daily_with_findings(place, server, *descriptions: str, inspector: str = "head"):
    s = place["staff"]
    return pb.Inspection(
        community_id=place["community"], kind=pb.INSPECTION_KIND_DAILY,
        level=pb.DAILY_LEVEL_PROJECT_HEAD, inspector_id=s[inspector],
        inspect_time=ts(server.clock.now() - timedelta(minutes=1)),
        findings=[pb.Finding(description=d, discipline=pb.DISCIPLINE_ENGINEERING,
                             responsible_staff_id=s["engineering"]) for d in descriptions])


def test_defect_loop_rectify_verify_reopen_escalate(api, place, server):
    s = place["staff"]
    found = record(api, daily_with_findings(place, server, "lift light out", "pump leaking"))
    light, pump = found.defects
    assert light.state == pb.DEFECT_STATE_OPEN
    assert set(light.allowed_actions) == {pb.DEFECT_ACTION_RECTIFY, pb.DEFECT_ACTION_ESCALATE}

    with pytest.raises(grpc.RpcError) as caught:
        api.RectifyDefect(pb.RectifyDefectRequest(id=light.id, actor_id=s["engineering"]))
    assert "evidence_note" in details(caught.value)[1]
    server.clock.advance(minutes=5)
    light = api.RectifyDefect(pb.RectifyDefectRequest(
        id=light.id, etag=light.etag, evidence_note="bulb replaced; photo on file",
        actor_id=s["engineering"])).defect
    assert light.state == pb.DEFECT_STATE_RECTIFIED

    with pytest.raises(grpc.RpcError) as caught:  # the inspection that found it cannot verify
        api.VerifyDefect(pb.VerifyDefectRequest(id=light.id, inspection_id=found.inspection.id))
    assert "inspection_id" in details(caught.value)[1]

    server.clock.advance(minutes=5)
    later = record(api, daily_with_findings(place, server, inspector="inspector"))
    light = api.VerifyDefect(pb.VerifyDefectRequest(
        id=light.id, etag=light.etag, inspection_id=later.inspection.id)).defect
    assert light.state == pb.DEFECT_STATE_VERIFIED
    assert [e.action for e in light.history] == [pb.DEFECT_ACTION_RECTIFY,
                                                 pb.DEFECT_ACTION_VERIFY]
    assert light.history[1].actor_id == s["inspector"]

    pump = api.RectifyDefect(pb.RectifyDefectRequest(
        id=pump.id, evidence_note="gasket tightened", actor_id=s["engineering"])).defect
    server.clock.advance(minutes=5)
    again = record(api, daily_with_findings(place, server, inspector="inspector2"))
    pump = api.ReopenDefect(pb.ReopenDefectRequest(
        id=pump.id, inspection_id=again.inspection.id, reason="still dripping")).defect
    assert pump.state == pb.DEFECT_STATE_REOPENED
    pump = api.EscalateDefect(pb.EscalateDefectRequest(
        id=pump.id, transfer_note="needs the pump supplier", actor_id=s["head"])).defect
    assert pump.state == pb.DEFECT_STATE_ESCALATED
    with pytest.raises(grpc.RpcError) as caught:
        api.VerifyDefect(pb.VerifyDefectRequest(id=pump.id, inspection_id=again.inspection.id))
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert details(caught.value)[0] == "DEFECT_TRANSITION_NOT_ALLOWED"
    escalated = api.ListDefects(pb.ListDefectsRequest(
        filter=f'community_id = "{place["community"]}" AND state = DEFECT_STATE_ESCALATED'))
    assert [d.id for d in escalated.defects] == [pump.id]

    today = server.clock.now().astimezone(SH).date()
    scope = pb.FiguresScope(community_id=place["community"], start_date=day(today),
                            end_date=day(today))
    figures = api.GetDefectFigures(pb.GetDefectFiguresRequest(scope=scope))
    # Two raised today, one verified: 1/2; the target is 100%, so the gap is -0.5.
    assert figures.raised_count == 2
    assert (figures.rectification_rate.numerator, figures.rectification_rate.denominator,
            figures.rectification_rate.value) == (1, 2, 0.5)
    assert (figures.target.target, figures.target.gap) == (1.0, -0.5)
    assert [(p.key, p.count) for p in figures.people] == [(s["engineering"], 2)]

    bulletin = api.GetMonthlyBulletin(pb.GetMonthlyBulletinRequest(
        community_id=place["community"], month=day(today)))
    assert (bulletin.total.count, bulletin.total.previous_count) == (2, 0)
    assert [(t.key, t.count) for t in bulletin.disciplines] == [("ENGINEERING", 2)]


# -- night checks and weather alerts --------------------------------------------------------


def test_night_check_planner_minimum_and_storm_alert(api, place, server):
    s = place["staff"]
    now = server.clock.now()
    month = day(now.astimezone(SH).date())
    proposal = api.ProposeNightCheckSlots(pb.ProposeNightCheckSlotsRequest(
        community_id=place["community"], month=month, seed="plan-1"))
    again = api.ProposeNightCheckSlots(pb.ProposeNightCheckSlotsRequest(
        community_id=place["community"], month=month, seed="plan-1"))
    assert proposal.seed == "plan-1" and len(proposal.slot_times) == 4
    assert list(again.slot_times) == list(proposal.slot_times)  # reproducible from the seed
    nights = {(t.ToDatetime().replace(tzinfo=ZoneInfo("UTC")).astimezone(SH)
               - timedelta(hours=5)).date() for t in proposal.slot_times}
    assert len(nights) == 4  # distinct nights

    alert = api.RecordWeatherAlert(pb.RecordWeatherAlertRequest(alert=pb.WeatherAlert(
        community_id=place["community"], kind=pb.WEATHER_ALERT_KIND_TYPHOON,
        issue_time=ts(now - timedelta(hours=2))))).alert
    assert alert.night_check_due_time.ToDatetime() == (now + timedelta(hours=22)).replace(
        tzinfo=None)
    today = now.astimezone(SH).date()
    scope = pb.FiguresScope(community_id=place["community"], start_date=day(today),
                            end_date=day(today))
    before = api.GetNightCheckFigures(pb.GetNightCheckFiguresRequest(scope=scope))
    assert [a.id for a in before.uncovered_alerts] == [alert.id]

    night = pb.Inspection(community_id=place["community"], kind=pb.INSPECTION_KIND_NIGHT,
                          inspect_time=ts(now - timedelta(hours=1)), inspector_id=s["head"],
                          countersigned_by=s["security"])
    record(api, night)
    after = api.GetNightCheckFigures(pb.GetNightCheckFiguresRequest(scope=scope))
    assert list(after.uncovered_alerts) == []
    (this_month,) = after.months
    assert (this_month.count, this_month.required, this_month.below_minimum) == (1, 4, True)
    assert after.months_below_minimum == 1

    night.ClearField("countersigned_by")
    with pytest.raises(grpc.RpcError) as caught:
        record(api, night)
    assert "inspection.countersigned_by" in details(caught.value)[1]


# -- figures and idempotency ----------------------------------------------------------------


def test_inspection_figures_by_region_with_trend(api, factory, server):
    region = factory.region().id
    east, west = make_place(factory, region), make_place(factory, region)
    at = server.clock.now() - timedelta(hours=1)
    for where in (east, west):
        record(api, monthly_sheet(api, where, server, inspect_time=ts(at)))
    record(api, monthly_sheet(api, east, server, inspect_time=ts(at - timedelta(days=1))))
    local = at.astimezone(SH).date()
    scope = pb.FiguresScope(region_id=region, start_date=day(local), end_date=day(local))
    f = api.GetInspectionFigures(pb.GetInspectionFiguresRequest(scope=scope))
    # Two sheets of 84/100 today; one the day before (the previous period of one day).
    assert (f.inspection_count, f.overall.score, f.overall.max_score, f.overall.percent) == (
        2, 168, 200, 84)
    assert (f.previous_inspection_count, f.previous_overall.score) == (1, 84)
    assert {c.community_id: c.tally.score for c in f.communities} == {
        east["community"]: 84, west["community"]: 84}
    items = {i.item_id: (i.tally.score, i.tally.max_score) for i in f.items}
    assert items["SEC-01"] == (16, 20) and items["GRN-01"] == (16, 20)
    security = {d.discipline: d.tally.percent for d in f.disciplines}[pb.DISCIPLINE_SECURITY]
    assert security == 60

    with pytest.raises(grpc.RpcError) as caught:
        api.GetInspectionFigures(pb.GetInspectionFiguresRequest(scope=pb.FiguresScope(
            start_date=day(local), end_date=day(local - timedelta(days=1)))))
    assert set(details(caught.value)[1]) == {"scope.community_id", "scope.end_date"}


def test_a_replayed_record_returns_the_first_answer_and_stores_once(api, place, server):
    request = pb.RecordInspectionRequest(inspection=monthly_sheet(api, place, server),
                                         request_id="sheet-1")
    first = api.RecordInspection(request)
    again = api.RecordInspection(request)
    assert again == first
    assert stored_counts(api, place["community"]) == (1, 2)


def test_external_results_are_recorded_not_before_they_arrive(api, place, server):
    today = server.clock.now().astimezone(SH).date()
    got = api.RecordExternalResult(pb.RecordExternalResultRequest(result=pb.ExternalResult(
        community_id=place["community"], kind=pb.EXTERNAL_RESULT_KIND_GOVERNMENT_RATING,
        issuer="city housing bureau", receive_date=day(today), outcome="demonstration project",
        score=96.5))).result
    assert got.id and got.score == 96.5
    with pytest.raises(grpc.RpcError) as caught:
        api.RecordExternalResult(pb.RecordExternalResultRequest(result=pb.ExternalResult(
            community_id=place["community"], receive_date=day(today + timedelta(days=2)))))
    assert set(details(caught.value)[1]) == {"result.kind"}
    with pytest.raises(grpc.RpcError) as caught:
        api.RecordExternalResult(pb.RecordExternalResultRequest(result=pb.ExternalResult(
            community_id=place["community"], kind=pb.EXTERNAL_RESULT_KIND_AWARD,
            receive_date=day(today + timedelta(days=2)))))
    assert set(details(caught.value)[1]) == {"result.receive_date", "result.issuer",
                                             "result.outcome"}
