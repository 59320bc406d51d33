"""Every number of DOMAIN.md §3, as configuration with the documents' value as default.

One frozen dataclass per concern, gathered in :class:`EvaluationSettings`, so
the config layer can override a region's numbers in one place and the rules
never hide a constant. Defaults that the documents do not give are marked
"(ours)" and explained.

:func:`parse_evaluation_settings` reads the raw ``[evaluations]`` table of
svcq.toml. Its sub-tables are named like the fields of
:class:`EvaluationSettings` and their keys like the fields of each section,
so the dataclasses below are the one list of what can be configured::

    [evaluations]
    template_files = ["/etc/svcq/templates/quarterly.toml"]

    [evaluations.inspection]
    minor_close_minutes = 30
    future_tolerance = "5m"            # durations as in [tickets]
    complete_scoring_kinds = ["MONTHLY", "QUARTERLY"]

    [evaluations.night_check]
    window_start = "22:00"

    [evaluations.sampling]
    rate = 0.30                        # shares are numbers 0..1

    [evaluations.targets]
    owner_satisfaction = 0.90
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta
from decimal import Decimal
from typing import Any

from svcq.domain.evaluations.kinds import InspectionKind
from svcq.domain.tickets.settings import EventSettings
from svcq.errors import Violations
from svcq.sections import STRICT, Reader, Table, integer, read_dataclass, reads, strings


@dataclass(frozen=True)
class InspectionSettings:
    #: A minor nonconformance closed within this many minutes may stay unrecorded (wi/fw-009).
    minor_close_minutes: int = 30
    #: How far ahead of the server clock an inspection time may be (ours: device clocks drift).
    future_tolerance: timedelta = timedelta(minutes=5)
    #: Kinds whose checklist must be scored item by item in full (月检/季检 逐项打分).
    complete_scoring_kinds: frozenset[InspectionKind] = frozenset(
        {InspectionKind.MONTHLY, InspectionKind.QUARTERLY}
    )
    #: Kinds where both the checker and the checked sign (巡查, 夜间查岗).
    countersigned_kinds: frozenset[InspectionKind] = frozenset(
        {InspectionKind.PATROL, InspectionKind.NIGHT}
    )


@dataclass(frozen=True)
class DefectSettings:
    #: Days from the inspection to the rectification due date (ours: the documents say "及时").
    rectification_days: int = 7


@dataclass(frozen=True)
class NightCheckSettings:
    #: Random night checks per community per month (不少于4次).
    min_per_month: int = 4
    #: Local start of the night window.
    window_start: time = time(22, 0)
    #: Local end of the night window (the next morning when before window_start).
    window_end: time = time(5, 0)
    #: Hours after a typhoon/rainstorm alert within which a night check is due (ours).
    alert_followup_hours: int = 24


@dataclass(frozen=True)
class SamplingSettings:
    #: Share of households to survey (发放率不得少于30%).
    rate: Decimal = Decimal("0.30")
    #: Share for communities first occupied more than ``mature_after_years`` before (15%).
    mature_rate: Decimal = Decimal("0.15")
    #: Years of occupation after which ``mature_rate`` applies (入伙五年以上).
    mature_after_years: int = 5


@dataclass(frozen=True)
class SurveySettings:
    #: Months of the year the survey runs (每年六月和十一月).
    months: tuple[int, ...] = (6, 11)
    #: Lowest and highest score of a questionnaire dimension.
    scale_min: int = 1
    scale_max: int = 5
    #: An answer at or above this score counts as satisfied (ours: "4 or 5" on a 1-5 scale).
    satisfied_min_score: int = 4
    #: Days from receiving the questionnaires to issuing them (三天之内发放).
    issue_days: int = 3
    #: Days from issuing to collecting (10天内收回).
    collect_days: int = 10
    #: Lowest acceptable return rate (回收率不低于75%).
    min_return_rate: Decimal = Decimal("0.75")
    #: Days from collection to the tally (收回后三日内统计).
    tally_days: int = 3
    #: Days from collection to the open letter on concentrated issues (二個星期內).
    open_letter_days: int = 14
    #: Days from the tally / open letter to the report to quality (5天內遞交品質部).
    report_days: int = 5
    #: Share of unsatisfied answers (or of responses with a tag) that makes an issue
    #: "concentrated" (ours: the documents say 集中或突出 without a number).
    concentrated_share: Decimal = Decimal("0.20")


@dataclass(frozen=True)
class Targets:
    """Regional plan targets (华东区域满意度提升行动方案)."""

    owner_satisfaction: Decimal = Decimal("0.90")
    third_party_satisfaction: Decimal = Decimal("0.70")
    rectification_rate: Decimal = Decimal("1.00")


@dataclass(frozen=True)
class EvaluationSettings:
    inspection: InspectionSettings = field(default_factory=InspectionSettings)
    defect: DefectSettings = field(default_factory=DefectSettings)
    night_check: NightCheckSettings = field(default_factory=NightCheckSettings)
    sampling: SamplingSettings = field(default_factory=SamplingSettings)
    survey: SurveySettings = field(default_factory=SurveySettings)
    targets: Targets = field(default_factory=Targets)
    #: How WatchEvaluationEvents follows the outbox (keys and defaults as [tickets.events]).
    events: EventSettings = field(default_factory=EventSettings)
    #: Checklist template files (TOML) loaded at start-up, after the shipped default;
    #: a file whose content differs from the stored latest version becomes a new version.
    template_files: tuple[str, ...] = field(default=(), metadata=reads(strings("file paths")))


def _share(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"expected a number between 0 and 1, got {value!r}")
    try:
        share = Decimal(str(value))
    except ArithmeticError:
        raise ValueError(f"expected a number between 0 and 1, got {value!r}") from None
    if not share.is_finite() or not 0 <= share <= 1:
        raise ValueError(f"expected a number between 0 and 1, got {value!r}")
    return share


def _kinds(value: object) -> frozenset[InspectionKind]:
    if not isinstance(value, list):
        raise ValueError("expected a list of inspection kinds")
    try:
        return frozenset(InspectionKind(v) for v in value)
    except ValueError:
        raise ValueError(f"expected kinds among {', '.join(InspectionKind)}") from None


def _months(value: object) -> tuple[int, ...]:
    if not isinstance(value, list) or not value or not all(
        isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in value
    ):
        raise ValueError("expected a non-empty list of months 1..12")
    return tuple(sorted(set(value)))


#: How a TOML value becomes each field type used in the sections above: every
#: whole number here is a count or a score, never negative.
_READERS: Mapping[Any, Reader] = {
    **STRICT,
    int: integer(low=0),
    Decimal: _share,
    frozenset[InspectionKind]: _kinds,
    tuple[int, ...]: _months,
}


def parse_evaluation_settings(
    raw: Mapping[str, Any], *, path: str = "evaluations"
) -> EvaluationSettings:
    """Validate the raw ``[evaluations]`` table; InvalidArgument listing every bad key."""
    v = Violations()
    settings = read_dataclass(EvaluationSettings, Table(raw, path, v), _READERS)
    survey = settings.survey
    if not survey.scale_min < survey.satisfied_min_score <= survey.scale_max:
        v.add(f"{path}.survey.satisfied_min_score", "must lie within scale_min..scale_max")
    if settings.night_check.min_per_month < 1:
        v.add(f"{path}.night_check.min_per_month", "at least 1")
    v.raise_if_any(reason="INVALID_EVALUATION_SETTINGS")
    return settings
