from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

import pytest

from svcq.domain.evaluations.bulletin import NonconformanceRecord, monthly_bulletin
from svcq.domain.evaluations.defects import (
    TRANSITIONS,
    Defect,
    DefectAction,
    DefectState,
    allowed_actions,
    defects_from_inspection,
    escalate,
    overdue,
    rectification_rate,
    rectify,
    reopen,
    verify,
)
from svcq.domain.evaluations.inspections import InspectionDraft, check_inspection
from svcq.domain.evaluations.kinds import (
    DailyLevel,
    Discipline,
    FindingCause,
    InspectionKind,
    YearMonth,
)
from svcq.domain.evaluations.scoring import Finding
from svcq.domain.evaluations.settings import DefectSettings, InspectionSettings
from svcq.errors import FailedPrecondition, InvalidArgument

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
DEFECT = Defect(
    id="d1",
    community_id="c1",
    inspection_id="i1",
    discipline=Discipline.CLEANING,
    description="bins overflowing",
    responsible_staff_id="w1",
    raised_at=T0,
    due_on=date(2026, 6, 8),
)


def at(hours: int) -> datetime:
    return T0 + timedelta(hours=hours)


def test_recorded_findings_become_open_defects_due_in_configured_days():
    draft = InspectionDraft(
        "c1",
        InspectionKind.DAILY,
        T0,
        "head",
        level=DailyLevel.PROJECT_HEAD,
        findings=(
            Finding("bins", discipline=Discipline.CLEANING, responsible_staff_id="w1"),
            Finding(
                "heap",
                cause=FindingCause.MINOR,
                recorded=False,
                closed_within_minutes=10,
                discipline=Discipline.CLEANING,
                responsible_staff_id="w2",
            ),
        ),
    )
    checked = check_inspection(draft, None, T0, InspectionSettings())
    ids = iter(["d1", "d2"])
    (d,) = defects_from_inspection(
        "i1", checked, date(2026, 6, 1), DefectSettings(10), new_id=lambda: next(ids)
    )
    assert (d.id, d.state, d.responsible_staff_id, d.due_on) == (
        "d1",
        DefectState.OPEN,
        "w1",
        date(2026, 6, 11),
    )
    (d7,) = defects_from_inspection("i1", checked, date(2026, 6, 1), DefectSettings())
    assert d7.due_on == date(2026, 6, 8) and len(d7.id) == 32


def test_full_loop_open_rectify_reopen_rectify_verify():
    d = rectify(DEFECT, at=at(2), actor_id="w1", evidence_note="emptied, photo attached")
    assert d.state is DefectState.RECTIFIED
    d = reopen(d, at=at(30), actor_id="q1", inspection_id="i2", reason="still smells")
    assert d.state is DefectState.REOPENED
    d = rectify(d, at=at(32), actor_id="w1", evidence_note="washed the bins")
    d = verify(d, at=at(60), actor_id="q1", inspection_id="i3")
    assert d.state is DefectState.VERIFIED and d.verified_at == at(60)
    assert [e.action for e in d.history] == ["RECTIFY", "REOPEN", "RECTIFY", "VERIFY"]
    assert DEFECT.history == ()


def test_escalated_defect_comes_back_through_rectification():
    d = escalate(DEFECT, at=at(1), actor_id="head", transfer_note="roof membrane, needs contractor")
    assert d.state is DefectState.ESCALATED
    assert allowed_actions(d.state) == (DefectAction.RECTIFY,)
    d = rectify(d, at=at(50), actor_id="eng-dept", evidence_note="membrane replaced")
    assert verify(d, at=at(70), actor_id="q1", inspection_id="i2").state is DefectState.VERIFIED


def test_illegal_transition_names_state_and_allowed_actions():
    with pytest.raises(FailedPrecondition) as exc:
        verify(DEFECT, at=at(1), actor_id="q1", inspection_id="i2")
    assert exc.value.reason == "DEFECT_TRANSITION_NOT_ALLOWED"
    assert exc.value.metadata["current_state"] == "OPEN"
    assert exc.value.metadata["allowed_actions"] == "RECTIFY,ESCALATE"
    done = replace(DEFECT, state=DefectState.VERIFIED)
    with pytest.raises(FailedPrecondition, match="none"):
        reopen(done, at=at(1), actor_id="q1", inspection_id="i2", reason="x")


def test_verified_is_final_and_every_state_is_reachable():
    assert allowed_actions(DefectState.VERIFIED) == ()
    assert set(TRANSITIONS.values()) | {DefectState.OPEN} == set(DefectState)


def test_rectification_needs_evidence_and_verification_a_later_inspection():
    with pytest.raises(InvalidArgument) as exc:
        rectify(DEFECT, at=at(1), actor_id="w1", evidence_note="  ")
    assert exc.value.violations[0].field == "evidence_note"
    d = rectify(DEFECT, at=at(2), actor_id="w1", evidence_note="done")
    for kw, field in [
        ({"inspection_id": "i1", "actor_id": "q1", "at": at(3)}, "inspection_id"),
        ({"inspection_id": "", "actor_id": "q1", "at": at(3)}, "inspection_id"),
        ({"inspection_id": "i2", "actor_id": "w1", "at": at(3)}, "actor_id"),
        ({"inspection_id": "i2", "actor_id": "q1", "at": at(2)}, "at"),
    ]:
        with pytest.raises(InvalidArgument) as exc:
            verify(d, **kw)
        assert exc.value.violations[0].field == field
    with pytest.raises(InvalidArgument):
        escalate(DEFECT, at=at(1), actor_id="h", transfer_note="")


def test_rectification_rate_by_hand():
    june = (datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 7, 1, tzinfo=UTC))
    rectified = rectify(DEFECT, at=at(2), actor_id="w1", evidence_note="done")
    verified = verify(rectified, at=at(48), actor_id="q1", inspection_id="i2")
    verified_late = verify(
        rectified, at=datetime(2026, 7, 5, tzinfo=UTC), actor_id="q1", inspection_id="i2"
    )
    may = replace(verified, raised_at=datetime(2026, 5, 31, 23, tzinfo=UTC))
    defects = [verified, verified_late, rectified, DEFECT, may]
    # June raised 4 (may is outside); verified by 30 June: only `verified`.
    assert rectification_rate(defects, *june, as_of=june[1]) == Fraction(1, 4)
    # By 10 July the late verification counts too: 2 of 4.
    assert rectification_rate(defects, *june, as_of=datetime(2026, 7, 10, tzinfo=UTC)) == Fraction(
        1, 2
    )
    assert rectification_rate([may], *june, as_of=june[1]) is None


def test_overdue_lists_unrectified_past_due():
    rectified = rectify(DEFECT, at=at(2), actor_id="w1", evidence_note="done")
    assert overdue([DEFECT, rectified], date(2026, 6, 8)) == []
    assert overdue([DEFECT, rectified], date(2026, 6, 9)) == [DEFECT]


def test_monthly_bulletin_with_trend_by_hand():
    def r(c: str, d: Discipline, who: str, day: date) -> NonconformanceRecord:
        return NonconformanceRecord(c, d, who, day)

    S, C = Discipline.SECURITY, Discipline.CLEANING
    records = [
        r("c1", S, "g1", date(2026, 6, 3)),
        r("c1", S, "g1", date(2026, 6, 30)),
        r("c2", C, "w1", date(2026, 6, 15)),
        r("c1", C, "w1", date(2026, 5, 2)),
        r("c1", C, "w2", date(2026, 5, 31)),
        r("c2", S, "g2", date(2026, 5, 20)),
        r("c2", S, "g2", date(2026, 4, 20)),  # two months back: ignored
        r("c2", S, "g2", date(2026, 7, 1)),  # next month: ignored
    ]
    b = monthly_bulletin(records, YearMonth(2026, 6))
    assert (b.total.count, b.total.previous, b.total.change) == (3, 3, 0)
    assert [(t.key, t.count, t.previous) for t in b.by_discipline] == [
        ("SECURITY", 2, 1),
        ("CLEANING", 1, 2),
    ]
    assert [(t.key, t.count, t.previous) for t in b.by_community] == [("c1", 2, 2), ("c2", 1, 1)]
    assert [(t.key, t.change) for t in b.by_person] == [
        ("g1", 2),
        ("w1", 0),
        ("g2", -1),
        ("w2", -1),
    ]


def test_january_bulletin_compares_with_december():
    rec = NonconformanceRecord("c1", Discipline.GREENING, "x", date(2025, 12, 31))
    assert monthly_bulletin([rec], YearMonth(2026, 1)).total.previous == 1
