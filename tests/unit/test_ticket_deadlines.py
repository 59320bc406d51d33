"""Limits and deadlines, with expected instants counted by hand.

Defaults: respond within 2 working hours, resolve within 24 clock hours;
office hours 08:30-17:30 Asia/Shanghai. 2026: 9 Jan is a Friday; National
Day 1-7 Oct off, Saturday 10 Oct worked.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from svcq.domain.calendar import TimeBasis, WorkingCalendar
from svcq.domain.tickets.deadlines import (
    Limit,
    SlaPolicy,
    SlaRule,
    SlaSubject,
    deadline_met,
    overdue_by,
)
from svcq.domain.tickets.kinds import Priority, TicketKind

SH = ZoneInfo("Asia/Shanghai")
CAL = WorkingCalendar()
H = timedelta(hours=1)
M = timedelta(minutes=1)
WORKING, CLOCK = TimeBasis.WORKING, TimeBasis.CLOCK
REPAIR = SlaSubject(TicketKind.REPAIR)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


class TestDefaults:
    def test_documents_and_our_defaults(self):
        policy = SlaPolicy()
        assert policy.default_respond == Limit(2 * H, WORKING)
        assert policy.default_resolve == Limit(24 * H, CLOCK)
        assert policy.emergency_respond == 30 * M
        assert policy.emergency_on_clock is True
        assert policy.defect_callback == Limit(24 * H, CLOCK)

    def test_over_a_weekend(self):
        d = SlaPolicy().deadlines(REPAIR, local(2026, 1, 9, 16, 30), CAL)
        assert d.respond_by == local(2026, 1, 12, 9, 30)
        assert d.resolve_by == local(2026, 1, 10, 16, 30)

    def test_over_national_day(self):
        d = SlaPolicy().deadlines(REPAIR, local(2026, 9, 30, 16, 30), CAL)
        assert d.respond_by == local(2026, 10, 8, 9, 30)
        assert d.resolve_by == local(2026, 10, 1, 16, 30)

    @pytest.mark.parametrize(
        ("working_hours", "expected"),
        [
            # 1 h on 30 Sep, 9 h on 8 Oct, 8 h on 9 Oct.
            (18, local(2026, 10, 9, 16, 30)),
            # ... and 8 h more on the make-up Saturday.
            (27, local(2026, 10, 10, 16, 30)),
        ],
    )
    def test_working_completion_limit_over_national_day(self, working_hours, expected):
        policy = SlaPolicy(default_resolve=Limit(working_hours * H, WORKING))
        assert policy.deadlines(REPAIR, local(2026, 9, 30, 16, 30), CAL).resolve_by == expected

    def test_pauses_push_both_deadlines(self):
        pauses = [(local(2026, 1, 12, 9, 30), local(2026, 1, 12, 10, 30))]
        d = SlaPolicy().deadlines(REPAIR, local(2026, 1, 12, 9, 0), CAL, pauses)
        assert d.respond_by == local(2026, 1, 12, 12, 0)
        assert d.resolve_by == local(2026, 1, 13, 10, 0)


class TestEmergency:
    def test_on_the_clock_during_a_holiday_night(self):
        subject = SlaSubject(TicketKind.REPAIR, emergency=True)
        d = SlaPolicy().deadlines(subject, local(2026, 10, 3, 2, 0), CAL)
        assert d.respond_by == local(2026, 10, 3, 2, 30)
        assert d.resolve_by == local(2026, 10, 4, 2, 0)
        assert (d.respond, d.resolve) == (Limit(30 * M, CLOCK), Limit(24 * H, CLOCK))

    def test_with_pause_on_the_clock(self):
        subject = SlaSubject(TicketKind.REPAIR, emergency=True)
        pauses = [(local(2026, 10, 3, 2, 10), local(2026, 10, 3, 3, 10))]
        d = SlaPolicy().deadlines(subject, local(2026, 10, 3, 2, 0), CAL, pauses)
        assert d.respond_by == local(2026, 10, 3, 3, 30)

    def test_calendar_when_configured(self):
        policy = SlaPolicy(emergency_on_clock=False, default_resolve=Limit(9 * H, WORKING))
        subject = SlaSubject(TicketKind.REPAIR, emergency=True)
        d = policy.deadlines(subject, local(2026, 10, 3, 2, 0), CAL)
        assert d.respond_by == local(2026, 10, 8, 9, 0)
        assert d.resolve_by == local(2026, 10, 8, 17, 30)

    def test_a_tighter_rule_stays_tighter(self):
        policy = SlaPolicy(rules=(SlaRule(TicketKind.REPAIR, respond=Limit(15 * M)),))
        respond, _ = policy.limits_for(SlaSubject(TicketKind.REPAIR, emergency=True))
        assert respond == Limit(15 * M, CLOCK)

    def test_a_looser_rule_is_capped(self):
        policy = SlaPolicy(rules=(SlaRule(TicketKind.REPAIR, respond=Limit(4 * H)),))
        respond, _ = policy.limits_for(SlaSubject(TicketKind.REPAIR, emergency=True))
        assert respond == Limit(30 * M, CLOCK)


RULES = (
    SlaRule(TicketKind.REPAIR, respond=Limit(4 * H)),
    SlaRule(TicketKind.REPAIR, priority=Priority.URGENT, respond=Limit(1 * H)),
    SlaRule(TicketKind.REPAIR, category="plumbing", respond=Limit(3 * H)),
    SlaRule(TicketKind.REPAIR, category="plumbing/leak", respond=Limit(150 * M)),
    SlaRule(
        TicketKind.REPAIR, category="plumbing", priority=Priority.URGENT, respond=Limit(20 * M)
    ),
    SlaRule(TicketKind.COMPLAINT, resolve=Limit(48 * H, CLOCK)),
)


@pytest.mark.parametrize(
    ("kind", "category", "priority", "respond", "resolve"),
    [
        (TicketKind.REPAIR, "", Priority.NORMAL, 4 * H, 24 * H),
        (TicketKind.REPAIR, "", Priority.URGENT, 1 * H, 24 * H),
        (TicketKind.REPAIR, "plumbing", Priority.NORMAL, 3 * H, 24 * H),
        (TicketKind.REPAIR, "plumbing/drain", Priority.NORMAL, 3 * H, 24 * H),
        (TicketKind.REPAIR, "/plumbing/leak/", Priority.NORMAL, 150 * M, 24 * H),
        (TicketKind.REPAIR, "plumbing", Priority.URGENT, 20 * M, 24 * H),
        # kind+category+priority beats a deeper kind+category.
        (TicketKind.REPAIR, "plumbing/leak", Priority.URGENT, 20 * M, 24 * H),
        # Categories match by whole path segments.
        (TicketKind.REPAIR, "plumbingx", Priority.URGENT, 1 * H, 24 * H),
        (TicketKind.REPAIR, "electric", Priority.HIGH, 4 * H, 24 * H),
        (TicketKind.INQUIRY, "plumbing", Priority.URGENT, 2 * H, 24 * H),
        # Each limit from the most specific rule that sets it.
        (TicketKind.COMPLAINT, "", Priority.NORMAL, 2 * H, 48 * H),
    ],
)
def test_most_specific_rule_wins(kind, category, priority, respond, resolve):
    rules = list(RULES)
    for seed in range(3):  # the order rules are written in never matters
        random.Random(seed).shuffle(rules)
        policy = SlaPolicy(rules=tuple(rules))
        got_respond, got_resolve = policy.limits_for(SlaSubject(kind, category, priority))
        assert (got_respond.within, got_resolve.within) == (respond, resolve)


def test_duplicate_rules_are_refused():
    with pytest.raises(ValueError, match="same kind"):
        SlaPolicy(
            rules=(
                SlaRule(TicketKind.REPAIR, category="a/b", respond=Limit(H)),
                SlaRule(TicketKind.REPAIR, category="a/b/", resolve=Limit(H)),
            )
        )


def test_negative_limit_is_refused():
    with pytest.raises(ValueError, match="negative"):
        Limit(-M)


def test_special_callback_after_a_recurring_defect():
    assert SlaPolicy().special_callback_by(local(2026, 10, 9, 18, 0), CAL) == local(
        2026, 10, 10, 18, 0
    )
    working = SlaPolicy(defect_callback=Limit(2 * H, WORKING))
    assert working.special_callback_by(local(2026, 10, 9, 17, 0), CAL) == local(2026, 10, 10, 10, 0)


class TestMet:
    due = local(2026, 1, 12, 12, 0)

    def test_done_in_time(self):
        assert deadline_met(self.due, self.due, self.due + H) is True
        assert deadline_met(self.due, self.due - M, self.due + H) is True

    def test_done_late(self):
        assert deadline_met(self.due, self.due + M, self.due + H) is False

    def test_pending(self):
        assert deadline_met(self.due, None, self.due) is None
        assert deadline_met(self.due, None, self.due + M) is False


class TestOverdue:
    created = local(2026, 1, 12, 9, 0)  # respond by 11:00, resolve by Tue 09:00
    d = SlaPolicy().deadlines(REPAIR, created, CAL)

    def late(self, now, responded=None, resolved=None, pauses=()):
        return overdue_by(
            self.d, responded=responded, resolved=resolved, now=now, calendar=CAL, pauses=pauses
        )

    def test_nothing_late(self):
        assert self.late(local(2026, 1, 12, 11, 0)) is None

    def test_response_late_in_working_time(self):
        assert self.late(local(2026, 1, 12, 12, 30)) == 90 * M

    def test_response_late_after_hours_is_late_by_zero(self):
        d = SlaPolicy().deadlines(REPAIR, local(2026, 1, 12, 15, 30), CAL)
        late = overdue_by(
            d, responded=None, resolved=None, now=local(2026, 1, 12, 20, 0), calendar=CAL
        )
        assert late == timedelta(0)

    def test_responded_leaves_the_resolution(self):
        responded = local(2026, 1, 12, 10, 0)
        assert self.late(local(2026, 1, 13, 8, 0), responded=responded) is None
        # Resolution is on the clock: 11 clock hours late at 20:00 on Tuesday.
        assert self.late(local(2026, 1, 13, 20, 0), responded=responded) == 11 * H

    def test_worst_deadline_counts(self):
        # Response late by 9h (Mon 11:00-17:30 + Tue 08:30-11:00), resolution by 2 h.
        assert self.late(local(2026, 1, 13, 11, 0)) == 9 * H

    def test_resolving_answers_both(self):
        resolved = local(2026, 1, 12, 14, 0)
        assert self.late(local(2026, 1, 14, 9, 0), resolved=resolved) is None

    def test_pauses_after_the_deadline_do_not_count(self):
        pauses = [(local(2026, 1, 12, 11, 30), local(2026, 1, 12, 12, 0))]
        assert self.late(local(2026, 1, 12, 12, 30), pauses=pauses) == 60 * M
