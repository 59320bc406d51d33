"""Customer satisfaction surveys (满意度调查): responses, deadlines and the rates.

Rates are exact ``Fraction``s so that "at least 75%" is decided without float
noise; the API layer turns them into doubles. A rate with no denominator is
None, never 0 or 100%, so an empty campaign cannot pass or fail a target.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from fractions import Fraction

from svcq.domain.evaluations.kinds import Discipline, YearMonth
from svcq.domain.evaluations.settings import SurveySettings, Targets
from svcq.errors import FailedPrecondition, Violations


def scheduled_periods(year: int, settings: SurveySettings) -> list[YearMonth]:
    """The months a community's surveys are due in ``year``; more campaigns are allowed."""
    return [YearMonth(year, m) for m in sorted(settings.months)]


@dataclass(frozen=True)
class Questionnaire:
    #: Keys of the dimensions each household scores on the settings' scale.
    dimensions: tuple[str, ...]


def default_questionnaire() -> Questionnaire:
    """One dimension per discipline: the survey then lines up with the inspections."""
    return Questionnaire(tuple(d.value for d in Discipline))


@dataclass(frozen=True)
class SurveyResponse:
    household_id: str
    #: Dimension key -> score; a dimension left blank is simply absent.
    scores: Mapping[str, int]
    #: Issue tags picked from the comment (e.g. "parking", "lift noise").
    tags: tuple[str, ...] = ()
    comment: str = ""


def check_response(
    response: SurveyResponse,
    questionnaire: Questionnaire,
    *,
    sampled: Set[str],
    answered: Set[str],
    settings: SurveySettings,
    closed: bool = False,
) -> SurveyResponse:
    """Accept one response per sampled household while the campaign is open.

    A household outside the sample would bias the random draw, and a second
    answer would count one household twice; both are refused by state, not
    by form, so they are FailedPrecondition with a stable reason.
    """
    v = Violations()
    if not response.household_id.strip():
        v.add("household_id", "required")
    if not response.scores:
        v.add("scores", "at least one dimension must be scored")
    for key, score in response.scores.items():
        if key not in questionnaire.dimensions:
            known = ", ".join(questionnaire.dimensions)
            v.add(f"scores[{key}]", f"unknown dimension; one of {known}")
        elif (
            isinstance(score, bool)
            or not isinstance(score, int)
            or not settings.scale_min <= score <= settings.scale_max
        ):
            v.add(f"scores[{key}]", f"a whole number {settings.scale_min}-{settings.scale_max}")
    v.raise_if_any()
    meta = {"household_id": response.household_id}
    if closed:
        raise FailedPrecondition(
            "the campaign is closed", reason="SURVEY_CAMPAIGN_CLOSED", metadata=meta
        )
    if response.household_id not in sampled:
        raise FailedPrecondition(
            "this household was not drawn for the survey",
            reason="HOUSEHOLD_NOT_SAMPLED",
            metadata=meta,
        )
    if response.household_id in answered:
        raise FailedPrecondition(
            "this household has already answered", reason="SURVEY_ALREADY_ANSWERED", metadata=meta
        )
    return response


def gave_opinion(response: SurveyResponse, settings: SurveySettings) -> bool:
    """Whether a household said something to call back about (征求意见的客户均需回访).

    A comment, an issue tag, or any answer below the satisfied score counts;
    a household that only rated everything satisfied gave no opinion.
    """
    return bool(
        response.comment.strip()
        or response.tags
        or any(score < settings.satisfied_min_score for score in response.scores.values())
    )


def _rate(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


@dataclass(frozen=True)
class SurveyFigures:
    households: int
    distributed: int
    returned: int
    #: distributed / households in the community.
    distribution_rate: Fraction | None
    #: returned / distributed.
    return_rate: Fraction | None
    #: Satisfied answers / all answers, every (response, dimension) score counting once.
    satisfaction: Fraction | None
    by_dimension: Mapping[str, Fraction | None]
    #: Dimensions whose unsatisfied share reaches the concentrated share.
    concentrated_dimensions: tuple[str, ...]
    #: Tags carried by at least the concentrated share of responses.
    concentrated_tags: tuple[str, ...]
    #: Answers per dimension: the denominators of ``by_dimension``.
    answer_counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def open_letter_required(self) -> bool:
        """Concentrated issues get a public answer (公开信)."""
        return bool(self.concentrated_dimensions or self.concentrated_tags)


def survey_figures(
    responses: Sequence[SurveyResponse],
    questionnaire: Questionnaire,
    *,
    households: int,
    distributed: int,
    settings: SurveySettings,
) -> SurveyFigures:
    """Satisfaction = share of answers at or above ``satisfied_min_score`` (default 4 of 5)."""
    ok = settings.satisfied_min_score
    answers: dict[str, list[int]] = {d: [] for d in questionnaire.dimensions}
    for r in responses:
        for key, score in r.scores.items():
            answers[key].append(score)
    satisfied = {d: sum(s >= ok for s in a) for d, a in answers.items()}
    share = Fraction(settings.concentrated_share)
    concentrated = tuple(
        d for d, a in answers.items() if a and Fraction(len(a) - satisfied[d], len(a)) >= share
    )
    tag_counts = Counter(t for r in responses for t in set(r.tags))
    tags = tuple(sorted(t for t, n in tag_counts.items() if Fraction(n, len(responses)) >= share))
    return SurveyFigures(
        households=households,
        distributed=distributed,
        returned=len(responses),
        distribution_rate=_rate(distributed, households),
        return_rate=_rate(len(responses), distributed),
        satisfaction=_rate(sum(satisfied.values()), sum(map(len, answers.values()))),
        by_dimension={d: _rate(satisfied[d], len(a)) for d, a in answers.items()},
        concentrated_dimensions=concentrated,
        concentrated_tags=tags,
        answer_counts={d: len(a) for d, a in answers.items()},
    )


# --- deadlines ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Milestones:
    """When each step of a campaign happened (None: not yet)."""

    #: The project received the questionnaires from the quality department.
    received_at: datetime | None = None
    issued_at: datetime | None = None
    collected_at: datetime | None = None
    tallied_at: datetime | None = None
    open_letter_at: datetime | None = None
    reported_at: datetime | None = None


class DeadlineState(StrEnum):
    MET = "MET"
    #: Done, but late.
    MISSED = "MISSED"
    #: Not done, not yet due (or waiting for the step it counts from).
    PENDING = "PENDING"
    #: Not done and already late.
    OVERDUE = "OVERDUE"
    NOT_APPLICABLE = "NOT_APPLICABLE"


@dataclass(frozen=True)
class Deadline:
    name: str
    due_at: datetime | None
    done_at: datetime | None
    state: DeadlineState

    @property
    def breached(self) -> bool:
        return self.state in (DeadlineState.MISSED, DeadlineState.OVERDUE)


@dataclass(frozen=True)
class DeadlineReport:
    deadlines: tuple[Deadline, ...]
    #: Human-readable breaches, one per missed deadline or unmet threshold.
    breaches: tuple[str, ...]


def _deadline(
    name: str, anchor: datetime | None, days: int, done: datetime | None, now: datetime
) -> Deadline:
    due = anchor + timedelta(days=days) if anchor else None
    if done is not None:
        state = DeadlineState.MET if due is None or done <= due else DeadlineState.MISSED
    elif due is not None and now > due:
        state = DeadlineState.OVERDUE
    else:
        state = DeadlineState.PENDING
    return Deadline(name, due, done, state)


def deadline_report(
    m: Milestones,
    now: datetime,
    settings: SurveySettings,
    *,
    return_rate: Fraction | None,
    open_letter_required: bool,
) -> DeadlineReport:
    """Every deadline of wi/fw-009 with its state, and every breach, as of ``now``.

    Periods are calendar days counted from the step before: issue from
    receipt, collection from issue, tally and open letter from collection,
    report from the open letter (or from the tally when no letter is needed).
    The return rate is judged once collection is done or overdue.
    """
    s = settings
    deadlines = [
        _deadline("ISSUE", m.received_at, s.issue_days, m.issued_at, now),
        _deadline("COLLECT", m.issued_at, s.collect_days, m.collected_at, now),
        _deadline("TALLY", m.collected_at, s.tally_days, m.tallied_at, now),
    ]
    if open_letter_required:
        deadlines.append(
            _deadline("OPEN_LETTER", m.collected_at, s.open_letter_days, m.open_letter_at, now)
        )
        report_from = m.open_letter_at
    else:
        deadlines.append(
            Deadline("OPEN_LETTER", None, m.open_letter_at, DeadlineState.NOT_APPLICABLE)
        )
        report_from = m.tallied_at
    deadlines.append(_deadline("REPORT", report_from, s.report_days, m.reported_at, now))
    breaches = [
        f"{d.name} due {d.due_at.isoformat()} "
        + (f"done {d.done_at.isoformat()}" if d.done_at else "not done")
        for d in deadlines
        if d.breached and d.due_at
    ]
    collect = deadlines[1]
    minimum = Fraction(s.min_return_rate)
    judged = collect.done_at is not None or collect.state is DeadlineState.OVERDUE
    if judged and (return_rate is None or return_rate < minimum):
        shown = "none" if return_rate is None else f"{float(return_rate):.1%}"
        breaches.append(f"RETURN_RATE {shown} below {float(minimum):.0%}")
    return DeadlineReport(tuple(deadlines), tuple(breaches))


# --- targets -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetGap:
    name: str
    target: Fraction
    actual: Fraction | None
    #: actual - target; negative means short of the target. None without a figure.
    gap: Fraction | None

    @property
    def met(self) -> bool | None:
        return None if self.gap is None else self.gap >= 0


def target_gaps(
    targets: Targets,
    *,
    owner_satisfaction: Fraction | None,
    third_party_satisfaction: Fraction | None = None,
    rectification_rate: Fraction | None = None,
) -> tuple[TargetGap, ...]:
    """Each regional target against its figure (a missing figure has no gap, not a failure)."""
    pairs = (
        ("OWNER_SATISFACTION", targets.owner_satisfaction, owner_satisfaction),
        ("THIRD_PARTY_SATISFACTION", targets.third_party_satisfaction, third_party_satisfaction),
        ("RECTIFICATION_RATE", targets.rectification_rate, rectification_rate),
    )
    return tuple(
        TargetGap(name, Fraction(t), a, None if a is None else a - Fraction(t))
        for name, t, a in pairs
    )
