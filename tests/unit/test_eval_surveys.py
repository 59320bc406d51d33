from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from fractions import Fraction
from random import Random

import pytest

from svcq.domain.evaluations.kinds import YearMonth
from svcq.domain.evaluations.sampling import Household, allocate, draw_sample, sample_rate
from svcq.domain.evaluations.settings import SamplingSettings, SurveySettings, Targets
from svcq.domain.evaluations.surveys import (
    DeadlineState,
    Milestones,
    Questionnaire,
    SurveyResponse,
    check_response,
    deadline_report,
    default_questionnaire,
    scheduled_periods,
    survey_figures,
    target_gaps,
)
from svcq.errors import FailedPrecondition, InvalidArgument

SS = SurveySettings()


def households(sizes: dict[str, int]) -> list[Household]:
    return [Household(f"{b}-{n:03d}", b) for b, sizes_n in sizes.items() for n in range(sizes_n)]


# --- sampling ----------------------------------------------------------------------------


def test_five_year_rule_applies_strictly_after_five_years():
    s = SamplingSettings()
    assert sample_rate(date(2021, 6, 1), date(2026, 6, 1), s) == Fraction(3, 10)
    assert sample_rate(date(2021, 6, 1), date(2026, 6, 2), s) == Fraction(3, 20)
    assert sample_rate(date(2020, 2, 29), date(2025, 3, 1), s) == Fraction(3, 20)
    assert sample_rate(date(2020, 2, 29), date(2025, 2, 28), s) == Fraction(3, 10)
    assert sample_rate(
        date(2000, 1, 1), date(2026, 6, 1), SamplingSettings(mature_after_years=30)
    ) == Fraction(3, 10)


def test_largest_remainder_allocation_by_hand():
    # 37 households, 30% -> ceil(11.1) = 12; quotas 3.24 / 6.49 / 2.27 -> 3 / 7 / 2.
    assert allocate({"A": 10, "B": 20, "C": 7}, Fraction(3, 10)) == {"A": 3, "B": 7, "C": 2}
    # 15% -> ceil(5.55) = 6; quotas 1.62 / 3.24 / 1.14 -> 2 / 3 / 1.
    assert allocate({"A": 10, "B": 20, "C": 7}, Fraction(3, 20)) == {"A": 2, "B": 3, "C": 1}
    # A tie in the remainder goes to the building that sorts first.
    assert allocate({"B": 5, "A": 5}, Fraction(3, 10)) == {"A": 2, "B": 1}
    assert allocate({}, Fraction(3, 10)) == {}


@pytest.mark.parametrize("seed", range(20))
def test_allocation_is_at_least_the_rate_and_even(seed):
    rng = Random(seed)
    sizes = {f"b{n}": rng.randint(1, 120) for n in range(rng.randint(1, 12))}
    rate = Fraction(rng.choice([15, 30, 33]), 100)
    got = allocate(sizes, rate)
    total = sum(sizes.values())
    assert sum(got.values()) >= rate * total > sum(got.values()) - 1
    for b, n in sizes.items():
        assert abs(got[b] - Fraction(n * sum(got.values()), total)) < 1
        assert 0 <= got[b] <= n


def test_draw_is_reproducible_spread_and_independent_of_input_order():
    hh = households({"A": 10, "B": 20, "C": 7})
    s = draw_sample(hh, Fraction(3, 10), seed=2026)
    assert s.population == 37 and len(s.household_ids) == 12
    assert Counter(h.split("-")[0] for h in s.household_ids) == {"A": 3, "B": 7, "C": 2}
    assert len(set(s.household_ids)) == 12
    assert draw_sample(list(reversed(hh)), Fraction(3, 10), seed=2026) == s
    others = {draw_sample(hh, Fraction(3, 10), seed=k).household_ids for k in range(5)}
    assert len(others) > 1
    with pytest.raises(FailedPrecondition):
        draw_sample([], Fraction(3, 10), seed=1)


# --- responses and figures ---------------------------------------------------------------

Q = Questionnaire(("X", "Y"))


def test_default_campaign_months_and_questionnaire():
    assert scheduled_periods(2026, SS) == [YearMonth(2026, 6), YearMonth(2026, 11)]
    assert "SECURITY" in default_questionnaire().dimensions


def test_one_response_per_sampled_household():
    r = SurveyResponse("h1", {"X": 5})
    assert check_response(r, Q, sampled={"h1"}, answered=set(), settings=SS) is r
    for kw, reason in [
        ({"sampled": {"h2"}, "answered": set()}, "HOUSEHOLD_NOT_SAMPLED"),
        ({"sampled": {"h1"}, "answered": {"h1"}}, "SURVEY_ALREADY_ANSWERED"),
        ({"sampled": {"h1"}, "answered": set(), "closed": True}, "SURVEY_CAMPAIGN_CLOSED"),
    ]:
        with pytest.raises(FailedPrecondition) as exc:
            check_response(r, Q, settings=SS, **kw)
        assert exc.value.reason == reason


def test_response_scores_validated_per_dimension():
    bad = SurveyResponse("h1", {"X": 6, "Y": True, "Z": 3})
    with pytest.raises(InvalidArgument) as exc:
        check_response(bad, Q, sampled={"h1"}, answered=set(), settings=SS)
    assert {v.field for v in exc.value.violations} == {"scores[X]", "scores[Y]", "scores[Z]"}
    with pytest.raises(InvalidArgument):
        check_response(SurveyResponse("h1", {}), Q, sampled={"h1"}, answered=set(), settings=SS)


RESPONSES = [
    SurveyResponse("h1", {"X": 5, "Y": 3}, ("parking",)),
    SurveyResponse("h2", {"X": 4, "Y": 2}, ("parking", "lift", "parking")),
    SurveyResponse("h3", {"X": 2}),
    SurveyResponse("h4", {"X": 5, "Y": 4}),
]


def test_rates_and_satisfaction_by_hand():
    f = survey_figures(RESPONSES, Q, households=40, distributed=12, settings=SS)
    assert f.distribution_rate == Fraction(3, 10)  # 12 / 40
    assert f.return_rate == Fraction(1, 3)  # 4 / 12
    assert f.by_dimension == {"X": Fraction(3, 4), "Y": Fraction(1, 3)}  # 5,4,2,5 / 3,2,4
    assert f.satisfaction == Fraction(4, 7)  # pooled: 4 of 7 answers are 4 or 5
    # Unsatisfied share X 1/4, Y 2/3; tags parking 2/4, lift 1/4: all >= 20%.
    assert f.concentrated_dimensions == ("X", "Y")
    assert f.concentrated_tags == ("lift", "parking")
    assert f.open_letter_required


def test_thresholds_are_configurable():
    s = SurveySettings(satisfied_min_score=5, concentrated_share=Fraction(3, 10))
    f = survey_figures(RESPONSES, Q, households=40, distributed=12, settings=s)
    assert f.by_dimension == {"X": Fraction(1, 2), "Y": Fraction(0)}
    assert f.satisfaction == Fraction(2, 7)
    assert f.concentrated_dimensions == ("X", "Y") and f.concentrated_tags == ("parking",)
    happy = [SurveyResponse("h1", {"X": 5})]
    f = survey_figures(happy, Q, households=40, distributed=12, settings=SS)
    assert f.by_dimension["Y"] is None and not f.open_letter_required


def test_empty_campaign_has_no_rates():
    f = survey_figures([], Q, households=0, distributed=0, settings=SS)
    assert (f.distribution_rate, f.return_rate, f.satisfaction) == (None, None, None)


# --- deadlines ---------------------------------------------------------------------------


def utc(day: int, hour: int = 9, month: int = 6) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def states(report) -> dict[str, DeadlineState]:
    return {d.name: d.state for d in report.deadlines}


def test_deadlines_with_late_collection_missing_letter_and_low_return():
    m = Milestones(
        received_at=utc(1), issued_at=utc(3), collected_at=utc(14, 10), tallied_at=utc(16)
    )
    r = deadline_report(m, utc(30), SS, return_rate=Fraction(7, 10), open_letter_required=True)
    assert states(r) == {
        "ISSUE": "MET",  # due 4 June 09:00
        "COLLECT": "MISSED",  # due 13 June 09:00, done 14 June 10:00
        "TALLY": "MET",  # due 17 June 10:00
        "OPEN_LETTER": "OVERDUE",  # due 28 June 10:00
        "REPORT": "PENDING",  # counts from the letter, not yet posted
    }
    assert [b.split()[0] for b in r.breaches] == ["COLLECT", "OPEN_LETTER", "RETURN_RATE"]
    assert "70.0%" in r.breaches[-1]
    assert r.deadlines[3].due_at == utc(28, 10)


def test_deadlines_all_met_on_the_dot_without_letter():
    m = Milestones(
        received_at=utc(1),
        issued_at=utc(4),
        collected_at=utc(14),
        tallied_at=utc(17),
        reported_at=utc(22),
    )
    r = deadline_report(m, utc(30), SS, return_rate=Fraction(3, 4), open_letter_required=False)
    assert states(r) == {
        "ISSUE": "MET",
        "COLLECT": "MET",
        "TALLY": "MET",
        "OPEN_LETTER": "NOT_APPLICABLE",
        "REPORT": "MET",
    }
    assert r.breaches == ()


def test_return_rate_judged_only_once_collection_is_done_or_overdue():
    m = Milestones(received_at=utc(1), issued_at=utc(2))
    early = deadline_report(m, utc(5), SS, return_rate=Fraction(1, 10), open_letter_required=False)
    assert early.breaches == () and states(early)["COLLECT"] == "PENDING"
    late = deadline_report(m, utc(13), SS, return_rate=Fraction(1, 10), open_letter_required=False)
    assert [b.split()[0] for b in late.breaches] == ["COLLECT", "RETURN_RATE"]


def test_target_gaps():
    gaps = {
        g.name: g
        for g in target_gaps(
            Targets(), owner_satisfaction=Fraction(17, 20), rectification_rate=Fraction(1)
        )
    }
    assert gaps["OWNER_SATISFACTION"].gap == Fraction(-1, 20)
    assert gaps["OWNER_SATISFACTION"].met is False
    assert gaps["THIRD_PARTY_SATISFACTION"].gap is None
    assert gaps["THIRD_PARTY_SATISFACTION"].met is None
    assert gaps["RECTIFICATION_RATE"].met is True
    assert gaps["THIRD_PARTY_SATISFACTION"].target == Fraction(7, 10)
