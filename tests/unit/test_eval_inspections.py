from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal as D

import pytest

from svcq.domain.evaluations.inspections import (
    ExternalResult,
    InspectionDraft,
    UnrecordedReason,
    check_external_result,
    check_inspection,
)
from svcq.domain.evaluations.kinds import (
    DailyLevel,
    Discipline,
    ExternalResultKind,
    FindingCause,
    InspectionKind,
)
from svcq.domain.evaluations.scoring import Finding, ItemResult
from svcq.domain.evaluations.settings import InspectionSettings
from svcq.domain.evaluations.templates import default_template
from svcq.errors import InvalidArgument

NOW = datetime(2026, 6, 10, 8, 0, tzinfo=UTC)
SETTINGS = InspectionSettings()
DAILY = InspectionDraft(
    community_id="c1",
    kind=InspectionKind.DAILY,
    inspected_at=NOW - timedelta(hours=1),
    inspector_id="head",
    level=DailyLevel.PROJECT_HEAD,
)


def daily(*findings: Finding) -> InspectionDraft:
    return replace(DAILY, findings=findings)


def refused_fields(draft: InspectionDraft, **kw) -> set[str]:
    with pytest.raises(InvalidArgument) as exc:
        check_inspection(draft, kw.pop("template", None), NOW, kw.pop("settings", SETTINGS), **kw)
    return {v.field for v in exc.value.violations}


def owned(description: str, **kw) -> Finding:
    return Finding(description, discipline=Discipline.CLEANING, responsible_staff_id="w1", **kw)


def test_minor_closed_within_30_minutes_may_stay_unrecorded_with_reason():
    checked = check_inspection(
        daily(
            owned(
                "small heap of rubbish",
                cause=FindingCause.MINOR,
                recorded=False,
                closed_within_minutes=30,
            )
        ),
        None,
        NOW,
        SETTINGS,
    )
    (f,) = checked.findings
    assert f.finding.unrecorded_reason == UnrecordedReason.MINOR_CLOSED_QUICKLY
    assert checked.recorded_findings == ()


def test_minor_closed_after_31_minutes_must_be_recorded():
    draft = daily(owned("heap", cause=FindingCause.MINOR, recorded=False, closed_within_minutes=31))
    assert refused_fields(draft) == {"findings[0].closed_within_minutes"}


def test_minor_close_limit_is_configurable():
    draft = daily(owned("heap", cause=FindingCause.MINOR, recorded=False, closed_within_minutes=31))
    checked = check_inspection(draft, None, NOW, InspectionSettings(minor_close_minutes=45))
    assert checked.findings[0].finding.unrecorded_reason == "MINOR_CLOSED_QUICKLY"


def test_recurring_objective_issue_unrecorded_only_when_removed_on_spot():
    ok = owned(
        "cigarette ends",
        cause=FindingCause.OBJECTIVE_RECURRING,
        recorded=False,
        removed_on_spot=True,
    )
    checked = check_inspection(daily(ok), None, NOW, SETTINGS)
    assert checked.findings[0].finding.unrecorded_reason == "OBJECTIVE_REMOVED_ON_SPOT"
    assert refused_fields(daily(replace(ok, removed_on_spot=False))) == {
        "findings[0].removed_on_spot"
    }


def test_staff_fault_cannot_be_left_unrecorded():
    fault = owned(
        "left the post",
        cause=FindingCause.STAFF_FAULT,
        recorded=False,
        closed_within_minutes=5,
        removed_on_spot=True,
    )
    assert refused_fields(daily(fault)) == {"findings[0].recorded"}
    checked = check_inspection(daily(replace(fault, recorded=True)), None, NOW, SETTINGS)
    assert len(checked.recorded_findings) == 1


def test_unexplained_unrecorded_is_refused():
    assert refused_fields(daily(owned("?", recorded=False))) == {"findings[0].recorded"}


def test_free_findings_need_discipline_and_owner():
    assert refused_fields(daily(Finding("dirty lobby"))) == {
        "findings[0].discipline",
        "findings[0].responsible_staff_id",
    }


def test_future_inspection_refused_within_tolerance_accepted():
    late = replace(DAILY, inspected_at=NOW + timedelta(minutes=6))
    assert refused_fields(late) == {"inspected_at"}
    check_inspection(replace(DAILY, inspected_at=NOW + timedelta(minutes=5)), None, NOW, SETTINGS)
    strict = InspectionSettings(future_tolerance=timedelta(0))
    assert refused_fields(
        replace(DAILY, inspected_at=NOW + timedelta(seconds=1)), settings=strict
    ) == {"inspected_at"}


def test_daily_levels():
    assert refused_fields(replace(DAILY, level=None)) == {"level"}
    assert refused_fields(replace(DAILY, level=DailyLevel.SUPERVISOR)) == {"discipline"}
    assert refused_fields(replace(DAILY, level=DailyLevel.OPERATOR)) == {"post"}
    check_inspection(replace(DAILY, level=DailyLevel.OPERATOR, post="gate"), None, NOW, SETTINGS)
    patrol = replace(DAILY, kind=InspectionKind.PATROL, countersigned_by="g1")
    assert refused_fields(patrol) == {"level"}


def test_night_checks_and_patrols_are_countersigned():
    night = replace(DAILY, kind=InspectionKind.NIGHT, level=None)
    assert refused_fields(night) == {"countersigned_by"}
    check_inspection(replace(night, countersigned_by="guard-7"), None, NOW, SETTINGS)


def test_monthly_inspection_scores_the_whole_template_and_locates_findings():
    t = default_template()
    posts = {i.responsible_post: i.responsible_post.split()[0] for i in t.items}
    results = [ItemResult(i.id, deduction=D(0), score=D(i.max_score), passed=True) for i in t.items]
    results[0] = ItemResult(
        "SEC-01",
        deduction=D(3),
        findings=(Finding("registration took 40 s", cause=FindingCause.STAFF_FAULT),),
    )
    draft = InspectionDraft("c1", InspectionKind.MONTHLY, NOW, "quality-1", results=tuple(results))
    checked = check_inspection(draft, t, NOW, SETTINGS, staff_by_post=posts)
    assert checked.score.overall.score == D(97)
    (f,) = checked.recorded_findings
    assert (f.item_id, f.discipline, f.responsible_staff_id) == ("SEC-01", "SECURITY", "security")
    assert refused_fields(
        replace(draft, results=tuple(results[1:])), template=t, staff_by_post=posts
    ) == {"results"}
    assert refused_fields(draft) == {"template", "results"}


def test_finding_on_item_uses_item_result_path():
    t = default_template()
    posts = {i.responsible_post: "x" for i in t.items}
    draft = InspectionDraft(
        "c1",
        InspectionKind.QUARTERLY,
        NOW,
        "q",
        results=tuple(
            ItemResult(
                i.id,
                deduction=D(0),
                score=D(0),
                passed=True,
                findings=(Finding("late", cause=FindingCause.STAFF_FAULT, recorded=False),)
                if i.id == "ENG-02"
                else (),
            )
            for i in t.items
        ),
    )
    assert refused_fields(draft, template=t, staff_by_post=posts) == {
        "results[7].findings[0].recorded"
    }


def test_template_must_fit_the_kind():
    draft = replace(DAILY, results=(ItemResult("SEC-03", passed=True),))
    assert refused_fields(draft, template=default_template()) == {"template"}


def test_external_result_recorded_as_it_comes():
    r = ExternalResult(
        "c1",
        ExternalResultKind.AWARD,
        "city housing bureau",
        date(2026, 6, 1),
        "excellent property management demonstration project",
    )
    assert check_external_result(r, date(2026, 6, 1)) is r
    with pytest.raises(InvalidArgument) as exc:
        check_external_result(
            replace(r, issuer=" ", received_on=date(2026, 6, 2)), date(2026, 6, 1)
        )
    assert {v.field for v in exc.value.violations} == {"issuer", "received_on"}
