"""Ticket figures from fact rows, counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from svcq.domain.tickets.figures import (
    CallbackFact,
    Figures,
    Grouping,
    TicketFacts,
    figures,
    grouped,
)

MON, TUE = date(2026, 3, 2), date(2026, 3, 3)


def fact(**kw) -> TicketFacts:
    base = dict(community_id="c1", region_id="r1", department="ENGINEERING", kind="REPAIR",
                created_on=MON)
    return TicketFacts(**{**base, **kw})


FACTS = [
    # in time, closed the same day, satisfied 5
    fact(response_met=True, resolution_met=True, closed_on=MON, resolved=True,
         callbacks=(CallbackFact(True, 5),)),
    # late response, completion pending, never called back
    fact(response_met=False, kind="COMPLAINT", department="FRONT_DESK"),
    # reopened once after an unsatisfied callback (2), then a satisfied quality call (4)
    fact(community_id="c2", response_met=True, resolution_met=False, reopen_count=1,
         resolved=True, closed_on=TUE,
         callbacks=(CallbackFact(False, 2), CallbackFact(True, 4, customer=False))),
    # cancelled: counted in ticket_count only
    fact(cancelled=True, response_met=False, created_on=TUE),
]


def test_totals_by_hand():
    f = figures(FACTS)
    assert (f.ticket_count, f.counted) == (4, 3)
    assert (f.response_met, f.response_decided, f.response_met_rate) == (2, 3, pytest.approx(2 / 3))
    assert (f.resolution_met, f.resolution_decided, f.resolution_met_rate) == (1, 2, 0.5)
    assert f.same_day_closure_rate == pytest.approx(1 / 3)
    assert f.reopen_rate == pytest.approx(1 / 3)
    assert (f.called_back, f.resolved, f.callback_coverage) == (2, 2, 1.0)
    assert (f.satisfied_count, f.callback_count) == (2, 3)
    assert f.callback_satisfaction == pytest.approx(2 / 3)
    assert f.average_callback_score == pytest.approx(11 / 3)


def test_empty_rates_are_zero():
    assert Figures().response_met_rate == 0.0 == figures([]).callback_coverage


@pytest.mark.parametrize(("grouping", "expected"), [
    (Grouping.COMMUNITY, {"c1": 3, "c2": 1}),
    (Grouping.REGION, {"r1": 4}),
    (Grouping.DEPARTMENT, {"ENGINEERING": 3, "FRONT_DESK": 1}),
    (Grouping.KIND, {"COMPLAINT": 1, "REPAIR": 3}),
    (Grouping.DAY, {"2026-03-02": 3, "2026-03-03": 1}),
    (Grouping.WEEK, {"2026-W10": 4}),
    (Grouping.MONTH, {"2026-03": 4}),
])
def test_groups(grouping, expected):
    groups = grouped(FACTS, grouping)
    assert {k: g.ticket_count for k, g in groups.items()} == expected
    assert sum(groups.values(), Figures()) == figures(FACTS)
