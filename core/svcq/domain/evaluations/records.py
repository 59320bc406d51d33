"""What the evaluation services return, and the row <-> record conversions they share.

Records carry aware UTC datetimes (the pure rules compare them with the
clock); rows store naive UTC. Nested parts are JSON documents on the row
(see svcq.storage.evaluations), built and read only here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from svcq.domain.common import etag_of
from svcq.domain.evaluations.defects import Defect, DefectAction, DefectEvent, DefectState
from svcq.domain.evaluations.kinds import AlertKind, Discipline, InspectionKind
from svcq.domain.evaluations.scoring import Tally
from svcq.domain.evaluations.surveys import DeadlineReport, Milestones, SurveyFigures
from svcq.domain.evaluations.templates import ChecklistTemplate, parse_template
from svcq.errors import FieldViolation, InvalidArgument, Violations
from svcq.storage import evaluations as rows
from svcq.storage.directory import Community, Staff

# -- small conversions ----------------------------------------------------------------------


def to_db(at: datetime) -> datetime:
    """An aware instant as the naive UTC datetime the database stores."""
    return at.astimezone(UTC).replace(tzinfo=None)


def from_db(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC)


def maybe_from_db(at: datetime | None) -> datetime | None:
    return None if at is None else from_db(at)


def zone(community: Community) -> ZoneInfo:
    return ZoneInfo(community.time_zone)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@contextmanager
def request_paths(prefix: str, renames: Mapping[str, str] | None = None) -> Iterator[None]:
    """Re-raise a pure rule's InvalidArgument with the field paths of the request.

    The pure modules name fields as their own dataclasses do (``inspected_at``,
    ``results[0].score``); a caller must see its request's paths
    (``inspection.inspect_time``), so the services wrap each rule call in this.
    """
    try:
        yield
    except InvalidArgument as exc:
        raise InvalidArgument(
            [FieldViolation(request_path(v.field, prefix, renames), v.description)
             for v in exc.violations],
            reason=None if exc.reason == InvalidArgument.default_reason else exc.reason,
            metadata=exc.metadata,
        ) from None


def request_path(path: str, prefix: str, renames: Mapping[str, str] | None = None) -> str:
    head, sep, rest = path.partition(".")
    head, bracket, index = head.partition("[")
    head = (renames or {}).get(head, head)
    full = f"{head}{bracket}{index}{sep}{rest}"
    return f"{prefix}.{full}" if prefix else full


def check_staff(v: Violations, community_id: str, refs: Iterable[tuple[str, str]]) -> None:
    """Every (path, staff id) names an active staff member of the community (or above it)."""
    refs = [(path, sid) for path, sid in refs if sid]
    ids = {sid for _, sid in refs}
    found = {s.id: s for s in Staff.select().where(Staff.id.in_(ids))} if ids else {}
    for path, sid in refs:
        staff = found.get(sid)
        if staff is None or not staff.active:
            v.add(path, f"unknown or inactive staff member {sid!r}")
        elif staff.community_id and staff.community_id != community_id:
            v.add(path, "staff member works in another community")


# -- templates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateRecord:
    id: str
    template: ChecklistTemplate
    create_time: datetime
    #: Version of the latest template of this key: its etag guards updates.
    latest_version: int

    @property
    def etag(self) -> str:
        return etag_of(self.latest_version)


def template_document(t: ChecklistTemplate) -> dict[str, Any]:
    """The template as the plain data :func:`parse_template` reads (files, API, storage)."""
    return {
        "key": t.key, "name": t.name, "version": t.version,
        "kinds": sorted(t.kinds),
        "items": [{"id": i.id, "discipline": str(i.discipline), "title": i.title,
                   "max_score": str(i.max_score), "method": str(i.method),
                   "responsible_post": i.responsible_post} for i in t.items],
    }


def template_of(row: rows.ChecklistTemplateVersion) -> ChecklistTemplate:
    return parse_template({"key": row.key, "name": row.name, "version": row.version,
                           "kinds": json.loads(row.kinds), "items": json.loads(row.items)})


# -- inspections ----------------------------------------------------------------------------


@dataclass(frozen=True)
class InspectionRecord:
    """A recorded inspection; ``sheet`` is the stored document (see ``sheet_document``)."""

    id: str
    community_id: str
    kind: InspectionKind
    inspector_id: str
    inspected_at: datetime
    template_id: str
    sheet: Mapping[str, Any]
    overall: Tally
    create_time: datetime
    defect_ids: tuple[str, ...] = ()

    @property
    def percent(self) -> float | None:
        value = self.overall.percent
        return None if value is None else float(value)


def inspection_of(row: rows.Inspection) -> InspectionRecord:
    sheet = json.loads(row.sheet)
    return InspectionRecord(
        id=row.id, community_id=row.community_id, kind=InspectionKind(row.kind),
        inspector_id=row.inspector_id, inspected_at=from_db(row.inspect_time),
        template_id=row.template_id or "", sheet=sheet,
        overall=Tally(Decimal(row.overall_score), Decimal(row.overall_max)),
        create_time=from_db(row.create_time), defect_ids=tuple(sheet.get("defect_ids", ())),
    )


@dataclass(frozen=True)
class ExternalResultRecord:
    id: str
    community_id: str
    kind: str
    issuer: str
    received_on: date
    outcome: str
    score: Decimal | None


def external_result_of(row: rows.ExternalResult) -> ExternalResultRecord:
    return ExternalResultRecord(
        row.id, row.community_id, row.kind, row.issuer, row.receive_date, row.outcome,
        None if row.score is None else Decimal(row.score))


@dataclass(frozen=True)
class WeatherAlertRecord:
    id: str
    community_id: str
    kind: AlertKind
    issued_at: datetime
    night_check_due: datetime
    #: The night check that covered it, once one is recorded.
    night_check_inspection_id: str = ""


# -- defects --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DefectRecord:
    defect: Defect
    version: int

    @property
    def etag(self) -> str:
        return etag_of(self.version)


def history_document(defect: Defect) -> list[dict[str, str]]:
    return [{"action": e.action, "at": to_db(e.at).isoformat(), "actor_id": e.actor_id,
             "note": e.note, "inspection_id": e.inspection_id} for e in defect.history]


def defect_of(row: rows.Defect) -> DefectRecord:
    history = tuple(
        DefectEvent(DefectAction(e["action"]), from_db(datetime.fromisoformat(e["at"])),
                    e["actor_id"], e["note"], e["inspection_id"])
        for e in json.loads(row.history)
    )
    defect = Defect(
        id=row.id, community_id=row.community_id, inspection_id=row.inspection_id,
        discipline=Discipline(row.discipline), description=row.description,
        responsible_staff_id=row.responsible_staff_id, raised_at=from_db(row.raise_time),
        due_on=row.due_date, item_id=row.item_id, state=DefectState(row.state), history=history,
    )
    return DefectRecord(defect, row.version)


# -- surveys --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignRecord:
    """A survey campaign; also what the survey hooks receive (svcq.plugin.SurveyView)."""

    id: str
    community_id: str
    period: date
    third_party: bool
    coordinator_id: str
    dimensions: tuple[str, ...]
    state: str
    sample_rate: Fraction | None
    sample_seed: str
    household_count: int
    sampled_unit_ids: tuple[str, ...]
    sample_notes: tuple[str, ...]
    milestones: Milestones
    version: int
    create_time: datetime
    #: The sampling frame; filled for the hooks that need it, empty otherwise.
    household_ids: tuple[str, ...] = ()
    #: Rates of the campaign's responses so far (filled on reads).
    figures: SurveyFigures | None = None
    #: Deadlines and breaches as of the read.
    deadlines: DeadlineReport | None = None

    @property
    def etag(self) -> str:
        return etag_of(self.version)


def campaign_of(row: rows.SurveyCampaign) -> CampaignRecord:
    return CampaignRecord(
        id=row.id, community_id=row.community_id, period=row.period,
        third_party=bool(row.third_party), coordinator_id=row.coordinator_id,
        dimensions=tuple(json.loads(row.dimensions)),
        state=row.state, sample_rate=Fraction(row.sample_rate) if row.sample_rate else None,
        sample_seed=row.sample_seed, household_count=row.household_count,
        sampled_unit_ids=tuple(json.loads(row.sampled)),
        sample_notes=tuple(json.loads(row.sample_notes)),
        milestones=Milestones(
            received_at=maybe_from_db(row.receive_time), issued_at=maybe_from_db(row.issue_time),
            collected_at=maybe_from_db(row.collect_time),
            tallied_at=maybe_from_db(row.tally_time),
            open_letter_at=maybe_from_db(row.open_letter_time),
            reported_at=maybe_from_db(row.report_time),
        ),
        version=row.version, create_time=from_db(row.create_time),
    )


@dataclass(frozen=True)
class ResponseRecord:
    id: str
    campaign_id: str
    unit_id: str
    scores: Mapping[str, int]
    tags: tuple[str, ...]
    comment: str
    callback_id: str
    create_time: datetime


def response_of(row: rows.SurveyResponse) -> ResponseRecord:
    return ResponseRecord(
        id=row.id, campaign_id=row.campaign_id, unit_id=row.unit_id,
        scores=json.loads(row.scores), tags=tuple(json.loads(row.tags)), comment=row.comment,
        callback_id=row.callback_id, create_time=from_db(row.create_time),
    )
