"""The figures of evaluations, by community or region and period (DOMAIN.md §5).

A period is a range of local dates, inclusive; each community's part of it
runs from local midnight to local midnight in its own time zone, so a
region spanning zones counts each community's own days. Trends compare
with the period of equal length just before. All arithmetic is the pure
modules'; this service only selects the rows.
"""

from __future__ import annotations

import functools
import json
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from peewee import Expression

from svcq.domain.common import ServiceContext
from svcq.domain.evaluations.bulletin import (
    MonthlyBulletin,
    NonconformanceRecord,
    TrendLine,
    monthly_bulletin,
    trend_lines,
)
from svcq.domain.evaluations.defects import overdue, rectification_rate
from svcq.domain.evaluations.kinds import AlertKind, Discipline, InspectionKind, YearMonth
from svcq.domain.evaluations.nightchecks import (
    NightCheck,
    NightCheckMonth,
    WeatherAlert,
    alerts_without_night_check,
    night_check_months,
)
from svcq.domain.evaluations.records import defect_of, from_db, to_db, zone
from svcq.domain.evaluations.scoring import Tally
from svcq.domain.evaluations.settings import EvaluationSettings
from svcq.domain.evaluations.surveys import (
    Questionnaire,
    SurveyFigures,
    SurveyResponse,
    TargetGap,
    survey_figures,
    target_gaps,
)
from svcq.errors import Violations
from svcq.storage import evaluations as rows
from svcq.storage.directory import Community, Region


@dataclass(frozen=True)
class Scope:
    """The communities counted and the local dates, inclusive."""

    communities: tuple[Community, ...]
    start: date
    end: date

    def before(self) -> Scope:
        """The period of equal length just before, for trends."""
        days = (self.end - self.start).days + 1
        return Scope(self.communities, self.start - timedelta(days=days),
                     self.start - timedelta(days=1))

    def bounds(self, community: Community) -> tuple[datetime, datetime]:
        """[start, end + 1 day) of one community as stored naive-UTC datetimes."""
        tz = zone(community)
        return (to_db(datetime.combine(self.start, time(0), tz)),
                to_db(datetime.combine(self.end + timedelta(days=1), time(0), tz)))

    def where(self, at: Any, community: Any) -> Expression:
        """Rows of the scope's communities whose ``at`` falls in each one's local period."""
        parts = []
        for c in self.communities:
            low, high = self.bounds(c)
            parts.append((community == c.id) & (at >= low) & (at < high))
        return functools.reduce(operator.or_, parts)

    def months(self) -> list[YearMonth]:
        out, month = [], YearMonth.of(self.start)
        while month <= YearMonth.of(self.end):
            out.append(month)
            month = month.next()
        return out


@dataclass(frozen=True)
class InspectionFigures:
    count: int
    overall: Tally
    items: dict[str, Tally]
    disciplines: dict[str, Tally]
    people: dict[str, Tally]
    communities: dict[str, Tally]
    previous_count: int
    previous_overall: Tally


@dataclass(frozen=True)
class DefectFigures:
    raised: int
    rectification: Fraction | None
    overdue: int
    disciplines: tuple[TrendLine, ...]
    people: tuple[TrendLine, ...]
    target: TargetGap


@dataclass(frozen=True)
class SurveyFiguresReport:
    figures: SurveyFigures
    targets: tuple[TargetGap, ...]


@dataclass(frozen=True)
class NightCheckFigures:
    #: (community id, month figure) for every community and month of the scope.
    months: tuple[tuple[str, NightCheckMonth], ...]
    #: Alerts of the period without a night check in time, with their due time.
    uncovered: tuple[tuple[WeatherAlert, datetime], ...] = field(default=())


def _add(tallies: dict[str, Tally], key: str, tally: Tally) -> None:
    tallies[key] = tallies.get(key, Tally()) + tally


class FiguresService:
    def __init__(self, ctx: ServiceContext, settings: EvaluationSettings) -> None:
        self.ctx = ctx
        self.settings = settings

    def scope(self, community_id: str, region_id: str, start: date | None, end: date | None,
              path: str = "scope") -> Scope:
        """Resolve a request's community or region and period, naming every bad field."""
        self.ctx.authorize(community_id or None, region_id=None if community_id else region_id)
        v = Violations()

        def at(name: str) -> str:
            return f"{path}.{name}" if path else name

        if start is None:
            v.add(at("start_date"), "required")
        if end is None:
            v.add(at("end_date"), "required")
        if start and end and end < start:
            v.add(at("end_date"), "must not be before start_date")
        communities: list[Community] = []
        if community_id:
            communities = list(Community.select().where(Community.id == community_id))
            if not communities:
                v.add(at("community_id"), f"unknown community {community_id!r}")
        elif region_id:
            if not Region.select().where(Region.id == region_id).exists():
                v.add(at("region_id"), f"unknown region {region_id!r}")
            communities = list(Community.select().where(Community.region == region_id)
                               .order_by(Community.id))
        else:
            v.add(at("community_id"), "name a community or a region")
        v.raise_if_any()
        assert start is not None and end is not None
        return Scope(tuple(communities), start, end)

    # -- inspections -----------------------------------------------------------------------

    def inspections(self, scope: Scope, kind: str = "") -> InspectionFigures:
        if not scope.communities:
            return InspectionFigures(0, Tally(), {}, {}, {}, {}, 0, Tally())
        count, overall, items, disciplines, people, communities = self._scores(scope, kind)
        previous_count, previous_overall, *_ = self._scores(scope.before(), kind)
        return InspectionFigures(count, overall, items, disciplines, people, communities,
                                 previous_count, previous_overall)

    def _scores(self, scope: Scope, kind: str) -> tuple[int, Tally, dict[str, Tally],
                                                      dict[str, Tally], dict[str, Tally],
                                                      dict[str, Tally]]:
        ins, item = rows.Inspection, rows.InspectionItemScore
        query = (item.select(item.inspection, item.item_id, item.discipline, item.staff_id,
                             item.score, item.max_score, ins.community)
                 .join(ins).where(scope.where(ins.inspect_time, ins.community)))
        if kind:
            query = query.where(ins.kind == kind)
        inspections: set[str] = set()
        overall = Tally()
        items: dict[str, Tally] = {}
        disciplines: dict[str, Tally] = {}
        people: dict[str, Tally] = {}
        communities: dict[str, Tally] = {}
        for r in query.objects():
            t = Tally(Decimal(r.score), Decimal(r.max_score))
            inspections.add(r.inspection_id)
            overall += t
            _add(items, r.item_id, t)
            _add(disciplines, r.discipline, t)
            _add(people, r.staff_id, t)
            _add(communities, r.community, t)
        return len(inspections), overall, items, disciplines, people, communities

    # -- defects ---------------------------------------------------------------------------

    def _nonconformances(self, scope: Scope) -> list[Any]:
        d = rows.Defect
        if not scope.communities:
            return []
        return list(d.select().where(scope.where(d.raise_time, d.community)).order_by(d.id))

    def defects(self, scope: Scope) -> DefectFigures:
        found = [defect_of(r).defect for r in self._nonconformances(scope)]
        before = [defect_of(r).defect for r in self._nonconformances(scope.before())]
        rate = None
        if found:
            # Rows are already cut to each community's local period; the widest bounds
            # keep every one of them.
            low = min(scope.bounds(c)[0] for c in scope.communities)
            high = max(scope.bounds(c)[1] for c in scope.communities)
            rate = rectification_rate(found, from_db(low), from_db(high), self.ctx.clock.now())
        late = 0
        for c in scope.communities:
            today = self.ctx.clock.now().astimezone(zone(c)).date()
            late += len(overdue([x for x in found if x.community_id == c.id], today))

        def records(defects: Iterable[Any]) -> list[NonconformanceRecord]:
            return [NonconformanceRecord(x.community_id, x.discipline, x.responsible_staff_id,
                                         x.raised_at.date()) for x in defects]

        now_records, before_records = records(found), records(before)
        (target,) = [g for g in target_gaps(self.settings.targets, owner_satisfaction=None,
                                            rectification_rate=rate)
                     if g.name == "RECTIFICATION_RATE"]
        return DefectFigures(
            raised=len(found), rectification=rate, overdue=late,
            disciplines=trend_lines(now_records, before_records, "discipline"),
            people=trend_lines(now_records, before_records, "responsible_staff_id"),
            target=target)

    def bulletin(self, scope: Scope, month: YearMonth) -> MonthlyBulletin:
        """The monthly bulletin over recorded nonconformances, by local inspection date."""
        d = rows.Defect
        records: list[NonconformanceRecord] = []
        if scope.communities:
            query = d.select(d.community, d.discipline, d.responsible_staff_id, d.raise_date
                             ).where(d.community.in_([c.id for c in scope.communities])
                                     & (d.raise_date >= month.previous().first_day)
                                     & (d.raise_date < month.next().first_day))
            records = [NonconformanceRecord(r.community_id, Discipline(r.discipline),
                                            r.responsible_staff_id, r.raise_date)
                       for r in query]
        return monthly_bulletin(records, month)

    # -- surveys ---------------------------------------------------------------------------

    def surveys(self, scope: Scope) -> SurveyFiguresReport:
        """Campaigns whose month lies in the period; owner and third-party targets apart."""
        c = rows.SurveyCampaign
        campaigns = list(c.select().where(
            c.community.in_([x.id for x in scope.communities])
            & (c.period >= scope.start.replace(day=1)) & (c.period <= scope.end)
        ).order_by(c.id)) if scope.communities else []
        r = rows.SurveyResponse
        answers: dict[str, list[SurveyResponse]] = {x.id: [] for x in campaigns}
        if campaigns:
            for row in r.select().where(r.campaign.in_(list(answers))).order_by(r.id):
                answers[row.campaign_id].append(SurveyResponse(
                    row.unit_id, json.loads(row.scores), tuple(json.loads(row.tags)), row.comment))

        def figures(group: Sequence[Any]) -> SurveyFigures:
            dims: dict[str, None] = {}
            for x in group:
                dims.update(dict.fromkeys(json.loads(x.dimensions)))
            return survey_figures(
                [a for x in group for a in answers[x.id]], Questionnaire(tuple(dims)),
                households=sum(x.household_count for x in group),
                distributed=sum(len(json.loads(x.sampled)) for x in group),
                settings=self.settings.survey)

        owners = figures([x for x in campaigns if not x.third_party])
        third = figures([x for x in campaigns if x.third_party])
        gaps = target_gaps(self.settings.targets, owner_satisfaction=owners.satisfaction,
                           third_party_satisfaction=third.satisfaction)
        return SurveyFiguresReport(figures(campaigns), tuple(
            g for g in gaps if g.name != "RECTIFICATION_RATE"))

    # -- night checks ----------------------------------------------------------------------

    def night_checks(self, scope: Scope) -> NightCheckFigures:
        """Every community's months against the minimum, and storm alerts not yet covered."""
        ins, alert = rows.Inspection, rows.WeatherAlert
        months: list[tuple[str, NightCheckMonth]] = []
        checks: list[NightCheck] = []
        first, last = scope.months()[0], scope.months()[-1]
        whole = Scope(scope.communities, first.first_day, last.next().first_day)
        for c in scope.communities:
            low, high = whole.bounds(c)
            # A night starting on the month's last day ends in the next month: read a day more.
            times = [from_db(r.inspect_time) for r in ins.select(ins.inspect_time).where(
                (ins.community == c.id) & (ins.kind == InspectionKind.NIGHT)
                & (ins.inspect_time >= low) & (ins.inspect_time < high))]
            checks.extend(NightCheck(c.id, t) for t in times)
            months.extend((c.id, m) for m in night_check_months(
                times, scope.months(), zone(c), self.settings.night_check))
        alerts = [WeatherAlert(a.id, a.community_id, AlertKind(a.kind), from_db(a.issue_time))
                  for a in alert.select().where(scope.where(alert.issue_time, alert.community))
                  ] if scope.communities else []
        if alerts:
            # Checks after the period can still cover an alert near its end.
            high = max(to_db(a.issued_at) for a in alerts) + timedelta(
                hours=self.settings.night_check.alert_followup_hours)
            checks = [NightCheck(r.community_id, from_db(r.inspect_time)) for r in ins.select(
                ins.community, ins.inspect_time).where(
                ins.community.in_([c.id for c in scope.communities])
                & (ins.kind == InspectionKind.NIGHT)
                & (ins.inspect_time >= min(to_db(a.issued_at) for a in alerts))
                & (ins.inspect_time <= high))]
        uncovered = alerts_without_night_check(alerts, checks, self.ctx.clock.now(),
                                               self.settings.night_check)
        return NightCheckFigures(tuple(months), tuple((u.alert, u.due_by) for u in uncovered))
