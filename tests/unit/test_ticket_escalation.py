"""Escalation levels and the corrective-action report of a major complaint."""

from __future__ import annotations

from datetime import timedelta

import pytest

from svcq.domain.tickets.escalation import (
    CorrectiveAction,
    EscalationLevel,
    EscalationPolicy,
    require_corrective_action,
)
from svcq.domain.tickets.kinds import TicketKind
from svcq.errors import FailedPrecondition

H = timedelta(hours=1)
POLICY = EscalationPolicy()


@pytest.mark.parametrize(
    ("overdue", "level"),
    [
        (None, EscalationLevel.NONE),
        (timedelta(0), EscalationLevel.SUPERVISOR),
        (4 * H - timedelta(minutes=1), EscalationLevel.SUPERVISOR),
        (4 * H, EscalationLevel.PROJECT_HEAD),
        (24 * H - timedelta(minutes=1), EscalationLevel.PROJECT_HEAD),
        (24 * H, EscalationLevel.COMPANY),
        (100 * H, EscalationLevel.COMPANY),
    ],
)
def test_lateness_climbs_the_ladder(overdue, level):
    assert POLICY.level(kind=TicketKind.REPAIR, overdue=overdue) is level


def test_custom_thresholds():
    policy = EscalationPolicy(supervisor_after=H, project_head_after=2 * H, company_after=3 * H)
    assert policy.level(kind=TicketKind.REPAIR, overdue=timedelta(minutes=59)) is (
        EscalationLevel.NONE
    )
    assert policy.level(kind=TicketKind.REPAIR, overdue=2 * H) is EscalationLevel.PROJECT_HEAD


@pytest.mark.parametrize(
    ("compensation", "against_head"), [(True, False), (False, True), (True, True)]
)
def test_complaints_about_money_or_the_head_go_to_the_company_at_once(compensation, against_head):
    level = POLICY.level(
        kind=TicketKind.COMPLAINT,
        overdue=None,
        compensation_involved=compensation,
        against_project_head=against_head,
    )
    assert level is EscalationLevel.COMPANY


def test_the_shortcut_is_for_complaints_only():
    level = POLICY.level(kind=TicketKind.REPAIR, overdue=None, compensation_involved=True)
    assert level is EscalationLevel.NONE
    assert POLICY.level(kind=TicketKind.COMPLAINT, overdue=None) is EscalationLevel.NONE


def test_levels_are_ordered():
    assert max(EscalationLevel.PROJECT_HEAD, EscalationLevel.SUPERVISOR) is (
        EscalationLevel.PROJECT_HEAD
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"supervisor_after": -H},
        {"project_head_after": 30 * H},
        {"supervisor_after": 5 * H, "project_head_after": 4 * H},
    ],
)
def test_thresholds_must_rise(kwargs):
    with pytest.raises(ValueError, match="non-decreasing"):
        EscalationPolicy(**kwargs)


class TestCorrectiveAction:
    def test_major_complaint_without_report(self):
        with pytest.raises(FailedPrecondition) as caught:
            require_corrective_action(kind=TicketKind.COMPLAINT, major=True, report=None)
        assert caught.value.reason == "CORRECTIVE_ACTION_REQUIRED"
        assert caught.value.metadata == {
            "missing": "corrective_action.cause,corrective_action.action_taken,"
            "corrective_action.prevention"
        }

    def test_incomplete_report_names_what_is_missing(self):
        report = CorrectiveAction(cause="valve worn", action_taken="replaced", prevention=" ")
        with pytest.raises(FailedPrecondition, match=r"missing: corrective_action\.prevention$"):
            require_corrective_action(kind=TicketKind.COMPLAINT, major=True, report=report)

    def test_complete_report_passes(self):
        report = CorrectiveAction("valve worn", "replaced", "quarterly valve check")
        require_corrective_action(kind=TicketKind.COMPLAINT, major=True, report=report)

    @pytest.mark.parametrize(
        ("kind", "major"),
        [(TicketKind.COMPLAINT, False), (TicketKind.REPAIR, True), (TicketKind.INQUIRY, False)],
    )
    def test_not_needed_otherwise(self, kind, major):
        require_corrective_action(kind=kind, major=major, report=None)
