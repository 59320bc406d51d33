"""Checking an inspection sheet before it is recorded (日检, 巡查, 夜间查岗, 月检, 季检, 年度).

The recording rules of wi/fw-009 are enforced here, on input: a finding may
stay unrecorded only under one of the two named exemptions, and never when a
staff member is at fault, because appraisal depends on those records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from svcq.domain.evaluations.kinds import (
    DailyLevel,
    Discipline,
    ExternalResultKind,
    FindingCause,
    InspectionKind,
)
from svcq.domain.evaluations.scoring import Finding, InspectionScore, ItemResult, score_results
from svcq.domain.evaluations.settings import InspectionSettings
from svcq.domain.evaluations.templates import ChecklistTemplate
from svcq.errors import Violations


class UnrecordedReason(StrEnum):
    """The only two grounds on which a nonconformance may stay off the record."""

    MINOR_CLOSED_QUICKLY = "MINOR_CLOSED_QUICKLY"
    OBJECTIVE_REMOVED_ON_SPOT = "OBJECTIVE_REMOVED_ON_SPOT"


def check_recording(
    finding: Finding, path: str, settings: InspectionSettings, v: Violations
) -> Finding:
    """Accept or refuse a finding's claim to stay unrecorded; stamp the reason when accepted."""
    if not finding.description.strip():
        v.add(f"{path}.description", "required: say what was wrong")
    if finding.recorded:
        return replace(finding, unrecorded_reason="")
    match finding.cause:
        case FindingCause.STAFF_FAULT:
            v.add(f"{path}.recorded", "a defect caused by a staff member's fault must be recorded")
        case FindingCause.MINOR:
            minutes = finding.closed_within_minutes
            if minutes is None or not 0 <= minutes <= settings.minor_close_minutes:
                v.add(
                    f"{path}.closed_within_minutes",
                    f"a minor nonconformance may stay unrecorded only when closed within "
                    f"{settings.minor_close_minutes} minutes",
                )
            else:
                return replace(finding, unrecorded_reason=UnrecordedReason.MINOR_CLOSED_QUICKLY)
        case FindingCause.OBJECTIVE_RECURRING:
            if not finding.removed_on_spot:
                v.add(
                    f"{path}.removed_on_spot",
                    "a recurring objective issue may stay unrecorded only when removed on the spot",
                )
            else:
                return replace(
                    finding, unrecorded_reason=UnrecordedReason.OBJECTIVE_REMOVED_ON_SPOT
                )
        case _:
            v.add(
                f"{path}.recorded",
                "only a minor or a recurring objective nonconformance may stay unrecorded",
            )
    return finding


@dataclass(frozen=True)
class InspectionDraft:
    community_id: str
    kind: InspectionKind
    inspected_at: datetime
    inspector_id: str
    #: Daily checks only: project head (all-round), supervisor (a discipline), operator (own post).
    level: DailyLevel | None = None
    #: The discipline a supervisor's daily check covers.
    discipline: Discipline | None = None
    #: The post an operator's daily check covers.
    post: str = ""
    #: The checked person who signs with the checker (patrols and night checks).
    countersigned_by: str = ""
    results: tuple[ItemResult, ...] = ()
    #: Findings outside any checklist item (each needs discipline and responsible person).
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class LocatedFinding:
    """A checked finding with everything a defect needs: where, which discipline, who."""

    finding: Finding
    discipline: Discipline
    responsible_staff_id: str
    item_id: str = ""
    #: Where the finding sits in the sheet (``results[2].findings[0]``, ``findings[1]``),
    #: so the stored sheet can show which defect each finding opened.
    path: str = ""


@dataclass(frozen=True)
class CheckedInspection:
    draft: InspectionDraft
    score: InspectionScore | None
    findings: tuple[LocatedFinding, ...]

    @property
    def recorded_findings(self) -> tuple[LocatedFinding, ...]:
        """The nonconformances that become defects."""
        return tuple(f for f in self.findings if f.finding.recorded)


def check_inspection(
    draft: InspectionDraft,
    template: ChecklistTemplate | None,
    now: datetime,
    settings: InspectionSettings,
    *,
    staff_by_post: Mapping[str, str] | None = None,
) -> CheckedInspection:
    """Validate a whole sheet and score it; raises InvalidArgument listing every problem."""
    v = Violations()
    for name in ("community_id", "inspector_id"):
        if not getattr(draft, name).strip():
            v.add(name, "required")
    if draft.inspected_at.tzinfo is None:
        v.add("inspected_at", "must carry a time zone")
    elif draft.inspected_at > now + settings.future_tolerance:
        v.add("inspected_at", "an inspection cannot be recorded before it happens")
    _check_level(draft, v)
    if draft.kind in settings.countersigned_kinds and not draft.countersigned_by.strip():
        v.add("countersigned_by", "the checked person signs patrols and night checks")
    score = None
    if template is None:
        if draft.kind in settings.complete_scoring_kinds:
            v.add("template", f"a {draft.kind.lower()} inspection is scored on a checklist")
        if draft.results:
            v.add("results", "item results need a checklist template")
    elif draft.kind not in template.kinds:
        v.add("template", f"{template.key} does not apply to {draft.kind} inspections")
    else:
        score = score_results(
            template,
            draft.results,
            v,
            staff_by_post=staff_by_post,
            require_all=draft.kind in settings.complete_scoring_kinds,
        )
    located = _locate_findings(draft, score, settings, v)
    v.raise_if_any()
    return CheckedInspection(draft, score, located)


def _check_level(draft: InspectionDraft, v: Violations) -> None:
    if draft.kind is not InspectionKind.DAILY:
        if draft.level is not None:
            v.add("level", "only daily checks have a level")
        return
    match draft.level:
        case None:
            v.add("level", "a daily check is made by the project head, a supervisor or an operator")
        case DailyLevel.SUPERVISOR if draft.discipline is None:
            v.add("discipline", "a supervisor's daily check covers one discipline")
        case DailyLevel.OPERATOR if not draft.post.strip():
            v.add("post", "an operator's daily check covers the operator's own post")


def _locate_findings(
    draft: InspectionDraft,
    score: InspectionScore | None,
    settings: InspectionSettings,
    v: Violations,
) -> tuple[LocatedFinding, ...]:
    located: list[LocatedFinding] = []
    for s in score.items if score else ():
        for n, f in enumerate(s.findings):
            path = f"results[{s.result_index}].findings[{n}]"
            f = check_recording(f, path, settings, v)
            who = f.responsible_staff_id or s.responsible_staff_id
            discipline = f.discipline or s.item.discipline
            located.append(LocatedFinding(f, discipline, who, s.item.id, path))
    for n, f in enumerate(draft.findings):
        path = f"findings[{n}]"
        f = check_recording(f, path, settings, v)
        discipline = f.discipline or draft.discipline
        if discipline is None:
            v.add(f"{path}.discipline", "required outside a checklist item")
        if not f.responsible_staff_id.strip():
            v.add(f"{path}.responsible_staff_id", "required: every nonconformance has an owner")
        if discipline is not None:
            located.append(LocatedFinding(f, discipline, f.responsible_staff_id, path=path))
    return tuple(located)


@dataclass(frozen=True)
class ExternalResult:
    """A government rating, certification audit or award, recorded as it comes."""

    community_id: str
    kind: ExternalResultKind
    issuer: str
    received_on: date
    outcome: str
    score: Decimal | None = None


def check_external_result(result: ExternalResult, today: date) -> ExternalResult:
    v = Violations()
    for name in ("community_id", "issuer", "outcome"):
        if not getattr(result, name).strip():
            v.add(name, "required")
    if result.received_on > today:
        v.add("received_on", "a result cannot be recorded before it is received")
    v.raise_if_any()
    return result
