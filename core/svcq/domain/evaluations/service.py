"""EvaluationService: templates, inspections, defects, external results and night checks.

The rules are the pure modules of this package; this service adds what
they leave out: the database (one transaction per write), the community's
time zone and staff, the request's field paths, and the hooks
(``svcq_inspection_recorded``, ``svcq_defect_transitioned`` after commit).
Surveys live in :mod:`.campaigns` and the figures in :mod:`.figures`; both
hang off this service so the API layer has one object to call.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from peewee import Expression, Tuple, fn

from svcq.domain.common import ServiceContext, conditional_update, etag_of, keyset_page
from svcq.domain.directory import DirectoryService
from svcq.domain.evaluations import defects as rules
from svcq.domain.evaluations.campaigns import ProactiveTickets, SurveyService
from svcq.domain.evaluations.events import (
    DEFECT_EVENTS,
    EVALUATION_EVENT_TYPES,
    EvaluationEvent,
    alert_detail,
    event_of,
    new_event,
)
from svcq.domain.evaluations.figures import FiguresService
from svcq.domain.evaluations.inspections import (
    CheckedInspection,
    ExternalResult,
    InspectionDraft,
    check_external_result,
    check_inspection,
)
from svcq.domain.evaluations.kinds import (
    AlertKind,
    Discipline,
    InspectionKind,
    YearMonth,
)
from svcq.domain.evaluations.nightchecks import propose_slots
from svcq.domain.evaluations.records import (
    DefectRecord,
    ExternalResultRecord,
    InspectionRecord,
    TemplateRecord,
    WeatherAlertRecord,
    check_staff,
    defect_of,
    dumps,
    from_db,
    history_document,
    inspection_of,
    request_paths,
    template_document,
    template_of,
    to_db,
    zone,
)
from svcq.domain.evaluations.scoring import Finding
from svcq.domain.evaluations.settings import EvaluationSettings, parse_evaluation_settings
from svcq.domain.evaluations.templates import (
    ChecklistTemplate,
    default_template,
    load_template_file,
    parse_template,
    revise_template,
)
from svcq.domain.events import EventFeed
from svcq.domain.filtering import (
    EQ,
    ORDERED,
    Term,
    bool_value,
    compare,
    enum_value,
    parse_filter,
)
from svcq.domain.ids import new_id
from svcq.domain.validation import check_enum
from svcq.errors import (
    Aborted,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    Violations,
)
from svcq.storage import evaluations as rows
from svcq.storage.db import database, write_transaction
from svcq.storage.directory import Community, Staff
from svcq.storage.events import write_events

TEMPLATE_FILTER = {"key": EQ, "kind": EQ, "all_versions": EQ}
INSPECTION_FILTER = {"community_id": EQ, "region_id": EQ, "kind": EQ, "inspector_id": EQ,
                     "template_key": EQ, "inspect_time": ORDERED}
DEFECT_FILTER = {"community_id": EQ, "region_id": EQ, "state": EQ, "discipline": EQ,
                 "responsible_staff_id": EQ, "inspection_id": EQ, "overdue": EQ,
                 "due_date": ORDERED}

_INSPECTION_PATHS = {"inspected_at": "inspect_time", "template": "template_id"}


def staff_holding_posts(community_id: str, posts: Iterable[str]) -> dict[str, str]:
    """Who holds each checklist post in the community, where exactly one person does.

    A post is written as "<department> <role>" ("security supervisor",
    "front desk supervisor") or as a role alone ("project head"), matching
    the directory's departments and roles; a post held by nobody or by
    several people stays unassigned and the inspector must name the person.
    """
    holders: dict[str, set[str]] = defaultdict(set)
    active = Staff.select(Staff.id, Staff.department, Staff.role).where(
        (Staff.community == community_id) & (Staff.active == True)  # noqa: E712
    )
    for s in active:
        role = s.role.replace("_", " ").lower()
        holders[f"{s.department.replace('_', ' ').lower()} {role}"].add(s.id)
        holders[role].add(s.id)
    found = {}
    for post in posts:
        ids = holders.get(" ".join(post.lower().split()), set())
        if len(ids) == 1:
            found[post] = next(iter(ids))
    return found


def communities_of_region(region_id: str) -> Expression:
    return Community.select(Community.id).where(Community.region == region_id)


def time_term(term: Term) -> datetime:
    try:
        value = datetime.fromisoformat(term.value.replace("Z", "+00:00"))
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise InvalidArgument.one("filter", f"{term.field} takes a UTC time such as "
                                  '"2026-06-01T00:00:00Z"', reason="INVALID_FILTER")
    return to_db(value)


@dataclass(frozen=True)
class InspectionInput:
    """A RecordInspection request as the domain reads it; ``draft`` carries the sheet."""

    draft: InspectionDraft
    template_id: str = ""


class EvaluationService:
    def __init__(self, ctx: ServiceContext, directory: DirectoryService,
                 settings: EvaluationSettings | None = None,
                 tickets: ProactiveTickets | None = None) -> None:
        self.ctx = ctx
        self.directory = directory
        self.settings = settings or EvaluationSettings()
        self.surveys = SurveyService(ctx, directory, self.settings, tickets)
        self.figures = FiguresService(ctx, self.settings)
        self.events = EventFeed(ctx, EVALUATION_EVENT_TYPES, self.settings.events)

    # -- checklist templates ---------------------------------------------------------------

    def _latest(self, key: str) -> rows.ChecklistTemplateVersion | None:
        return (rows.ChecklistTemplateVersion.select()
                .where(rows.ChecklistTemplateVersion.key == key)
                .order_by(rows.ChecklistTemplateVersion.version.desc()).first())

    def _store_template(self, template: ChecklistTemplate) -> TemplateRecord:
        doc = template_document(template)
        now = self.ctx.now()
        row = rows.ChecklistTemplateVersion.create(
            id=new_id("tp"), key=template.key, version=template.version, name=template.name,
            kinds=dumps(doc["kinds"]), items=dumps(doc["items"]), create_time=now)
        self.ctx.audit_row("checklist_template", None, row)
        return TemplateRecord(row.id, template, from_db(now), template.version)

    def create_template(self, data: Mapping[str, Any]) -> TemplateRecord:
        with request_paths("template"):
            template = parse_template({**data, "version": 1})
        with write_transaction():
            if self._latest(template.key) is not None:
                raise FailedPrecondition(
                    f"template {template.key!r} exists; update it to make a new version",
                    reason="TEMPLATE_EXISTS", metadata={"key": template.key})
            return self._store_template(template)

    def update_template(self, key: str, etag: str, data: Mapping[str, Any]) -> TemplateRecord:
        """A new version; inspections keep pointing at the version they were scored on."""
        with write_transaction():
            latest = self._latest(key)
            if latest is None:
                raise NotFound("checklist template", key)
            if etag and etag != etag_of(latest.version):
                raise Aborted(f"template {key!r} has a newer version; read it again",
                              metadata={"resource_id": key})
            with request_paths("template"):
                revised = revise_template(template_of(latest), data)
            return self._store_template(revised)

    def sync_template(self, template: ChecklistTemplate) -> TemplateRecord:
        """Store a template file's content unless the latest version already has it.

        Start-up calls this for the shipped default and every configured file,
        so editing a file and restarting makes a new version, and restarting
        alone changes nothing.
        """
        with write_transaction():
            latest = self._latest(template.key)
            if latest is None:
                return self._store_template(replace(template, version=1))
            current = template_of(latest)
            same = (current.name, current.kinds, current.items) == (
                template.name, template.kinds, template.items)
            if same:
                return TemplateRecord(latest.id, current, from_db(latest.create_time),
                                      latest.version)
            return self._store_template(revise_template(current, template_document(template)))

    def get_template(self, template_id: str = "", key: str = "", version: int = 0
                     ) -> TemplateRecord:
        model = rows.ChecklistTemplateVersion
        if template_id:
            row = model.get_or_none(model.id == template_id)
        elif version:
            row = model.get_or_none((model.key == key) & (model.version == version))
        else:
            row = self._latest(key)
        if row is None:
            raise NotFound("checklist template", template_id or f"{key} v{version or 'latest'}")
        latest = self._latest(row.key)
        return TemplateRecord(row.id, template_of(row), from_db(row.create_time),
                              latest.version if latest else row.version)

    def list_templates(self, page_size: int, token: str, filter_text: str
                       ) -> tuple[list[TemplateRecord], str]:
        model = rows.ChecklistTemplateVersion
        query = model.select()
        all_versions = False
        kind = ""
        for term in parse_filter(filter_text, TEMPLATE_FILTER):
            if term.field == "key":
                query = query.where(model.key == term.value)
            elif term.field == "kind":
                kind = enum_value(term, InspectionKind, "INSPECTION_KIND_")
            else:
                all_versions = bool_value(term)
        newest = model.select(model.key, fn.MAX(model.version)).group_by(model.key)
        if not all_versions:
            query = query.where(Tuple(model.key, model.version).in_(newest))
        if kind:
            query = query.where(model.kinds.contains(f'"{kind}"'))
        latest = dict(newest.tuples())
        records, next_token = keyset_page(
            query, model.id, self.ctx.page_tokens, requested_size=page_size, token=token,
            query_key=f"templates:{filter_text}",
            convert=lambda r: TemplateRecord(r.id, template_of(r), from_db(r.create_time),
                                             latest[r.key]))
        return records, next_token

    # -- inspections -----------------------------------------------------------------------

    def record_inspection(self, data: InspectionInput) -> tuple[InspectionRecord,
                                                                list[DefectRecord]]:
        """Check, score and store a sheet; open a defect per recorded finding."""
        draft = data.draft
        community = self.directory.community(draft.community_id, "inspection.community_id")
        v = Violations()
        template = None
        if data.template_id:
            row = rows.ChecklistTemplateVersion.get_or_none(
                rows.ChecklistTemplateVersion.id == data.template_id)
            if row is None:
                v.add("inspection.template_id", f"unknown template {data.template_id!r}")
            else:
                template = template_of(row)
        check_staff(v, community.id, self._staff_refs(draft))
        posts = {i.responsible_post for i in template.items} if template else set()
        checked: CheckedInspection | None = None
        try:
            with request_paths("inspection", _INSPECTION_PATHS):
                checked = check_inspection(
                    draft, template, self.ctx.clock.now(), self.settings.inspection,
                    staff_by_post=staff_holding_posts(community.id, posts))
        except InvalidArgument as exc:
            v.items.extend(exc.violations)
        v.raise_if_any()
        assert checked is not None
        inspection_id = new_id("in")
        raised_on = draft.inspected_at.astimezone(zone(community)).date()
        defects = rules.defects_from_inspection(
            inspection_id, checked, raised_on, self.settings.defect,
            new_id=lambda: new_id("df"))
        defect_by_path = dict(zip((f.path for f in checked.recorded_findings),
                                  (d.id for d in defects), strict=True))
        sheet = self._sheet(checked, defect_by_path)
        overall = checked.score.overall if checked.score else None
        now = self.ctx.now()
        with write_transaction():
            rows.Inspection.insert(
                id=inspection_id, community=community.id, kind=draft.kind,
                inspect_time=to_db(draft.inspected_at), inspector_id=draft.inspector_id,
                template=data.template_id or None, sheet=dumps(sheet),
                overall_score=overall.score if overall else 0,
                overall_max=overall.max_score if overall else 0, create_time=now).execute()
            if checked.score and checked.score.items:
                rows.InspectionItemScore.insert_many([
                    {"inspection": inspection_id, "item_id": s.item.id,
                     "discipline": s.item.discipline, "staff_id": s.responsible_staff_id,
                     "score": s.score, "max_score": s.item.max_score}
                    for s in checked.score.items]).execute()
            opened = []
            for d in defects:
                rows.Defect.insert(
                    id=d.id, community=d.community_id, inspection=inspection_id,
                    item_id=d.item_id, discipline=d.discipline, description=d.description,
                    responsible_staff_id=d.responsible_staff_id, raise_time=to_db(d.raised_at),
                    raise_date=raised_on, due_date=d.due_on, state=d.state, history="[]",
                    create_time=now, update_time=now).execute()
                opened.append(rows.Defect.get_by_id(d.id))
                self.ctx.audit_row("defect", None, opened[-1])
            stored = rows.Inspection.get_by_id(inspection_id)
            self.ctx.audit_row("inspection", None, stored)
            write_events([new_event("inspection.recorded", stored, now),
                          *(new_event("defect.opened", row, now) for row in opened)])
            record = self.get_inspection(inspection_id)
            self.ctx.react("svcq_inspection_recorded", community.id, inspection=record)
        return record, [DefectRecord(d, 1) for d in defects]

    @staticmethod
    def _staff_refs(draft: InspectionDraft) -> Iterable[tuple[str, str]]:
        p = "inspection"
        yield f"{p}.inspector_id", draft.inspector_id
        yield f"{p}.countersigned_by", draft.countersigned_by
        for n, r in enumerate(draft.results):
            yield f"{p}.results[{n}].responsible_staff_id", r.responsible_staff_id
            for m, f in enumerate(r.findings):
                yield f"{p}.results[{n}].findings[{m}].responsible_staff_id", f.responsible_staff_id
        for n, f in enumerate(draft.findings):
            yield f"{p}.findings[{n}].responsible_staff_id", f.responsible_staff_id

    @staticmethod
    def _sheet(checked: CheckedInspection, defect_by_path: Mapping[str, str]) -> dict[str, Any]:
        """The stored document: the sheet as sent, with the server's scores, reasons, defects."""
        located = {f.path: f for f in checked.findings}

        def finding(path: str, raw: Finding) -> dict[str, Any]:
            f = located.get(path)
            checked_finding = f.finding if f else raw
            return {
                "description": raw.description, "cause": raw.cause,
                "responsible_staff_id": f.responsible_staff_id if f
                else raw.responsible_staff_id,
                "recorded": raw.recorded, "closed_within_minutes": raw.closed_within_minutes,
                "removed_on_spot": raw.removed_on_spot,
                "discipline": f.discipline if f else raw.discipline or "",
                "unrecorded_reason": checked_finding.unrecorded_reason,
                "defect_id": defect_by_path.get(path, ""),
            }

        draft, score = checked.draft, checked.score
        scored = {s.result_index: s for s in score.items} if score else {}
        results = []
        for n, r in enumerate(draft.results):
            s = scored[n]
            results.append({
                "item_id": r.item_id,
                "score": None if r.score is None else str(r.score),
                "deduction": None if r.deduction is None else str(r.deduction),
                "passed": r.passed, "responsible_staff_id": s.responsible_staff_id,
                "computed_score": str(s.score),
                "findings": [finding(f"results[{n}].findings[{m}]", f)
                             for m, f in enumerate(r.findings)],
            })
        return {
            "level": draft.level or "", "discipline": draft.discipline or "",
            "post": draft.post, "countersigned_by": draft.countersigned_by,
            "results": results,
            "findings": [finding(f"findings[{n}]", f) for n, f in enumerate(draft.findings)],
            "discipline_scores": [
                {"discipline": d, "score": str(t.score), "max_score": str(t.max_score)}
                for d, t in (score.by_discipline.items() if score else ())],
            "person_scores": [
                {"staff_id": p, "score": str(t.score), "max_score": str(t.max_score)}
                for p, t in (score.by_person.items() if score else ())],
            "defect_ids": list(defect_by_path.values()),
        }

    def get_inspection(self, inspection_id: str) -> InspectionRecord:
        return inspection_of(self.ctx.visible(
            rows.Inspection.get_or_none(rows.Inspection.id == inspection_id), "inspection",
            inspection_id))

    def list_inspections(self, page_size: int, token: str, filter_text: str
                         ) -> tuple[list[InspectionRecord], str]:
        model = rows.Inspection
        query = self.ctx.scoped(model.select(), model.community)
        for t in parse_filter(filter_text, INSPECTION_FILTER):
            if t.field == "community_id":
                query = query.where(model.community == t.value)
            elif t.field == "region_id":
                query = query.where(model.community.in_(communities_of_region(t.value)))
            elif t.field == "kind":
                query = query.where(model.kind == enum_value(t, InspectionKind,
                                                            "INSPECTION_KIND_"))
            elif t.field == "inspector_id":
                query = query.where(model.inspector_id == t.value)
            elif t.field == "template_key":
                versions = rows.ChecklistTemplateVersion
                query = query.where(model.template.in_(
                    versions.select(versions.id).where(versions.key == t.value)))
            else:
                query = query.where(compare(model.inspect_time, t.op, time_term(t)))
        return keyset_page(query, model.id, self.ctx.page_tokens, requested_size=page_size,
                           token=token, query_key=f"inspections:{filter_text}",
                           convert=inspection_of)

    # -- external results ------------------------------------------------------------------

    def record_external_result(self, result: ExternalResult) -> ExternalResultRecord:
        community = self.directory.community(result.community_id, "result.community_id")
        today = self.ctx.clock.now().astimezone(zone(community)).date()
        with request_paths("result", {"received_on": "receive_date"}):
            check_external_result(result, today)
        record = ExternalResultRecord(new_id("ex"), community.id, result.kind, result.issuer,
                                      result.received_on, result.outcome, result.score)
        with write_transaction():
            rows.ExternalResult.insert(
                id=record.id, community=community.id, kind=record.kind, issuer=record.issuer,
                receive_date=record.received_on, outcome=record.outcome, score=record.score,
                create_time=self.ctx.now()).execute()
            stored = rows.ExternalResult.get_by_id(record.id)
            self.ctx.audit_row("external_result", None, stored)
            write_events([new_event("external_result.recorded", stored, self.ctx.now())])
        return record

    # -- defects ---------------------------------------------------------------------------

    def get_defect(self, defect_id: str) -> DefectRecord:
        return defect_of(self.ctx.visible(rows.Defect.get_or_none(rows.Defect.id == defect_id),
                                          "defect", defect_id))

    def list_defects(self, page_size: int, token: str, filter_text: str
                     ) -> tuple[list[DefectRecord], str]:
        model = rows.Defect
        query = self.ctx.scoped(model.select(), model.community)
        for t in parse_filter(filter_text, DEFECT_FILTER):
            if t.field == "community_id":
                query = query.where(model.community == t.value)
            elif t.field == "region_id":
                query = query.where(model.community.in_(communities_of_region(t.value)))
            elif t.field == "state":
                query = query.where(model.state == enum_value(t, rules.DefectState,
                                                             "DEFECT_STATE_"))
            elif t.field == "discipline":
                query = query.where(model.discipline == enum_value(t, Discipline,
                                                                  "DISCIPLINE_"))
            elif t.field in ("responsible_staff_id", "inspection_id"):
                column = (model.responsible_staff_id if t.field == "responsible_staff_id"
                          else model.inspection)
                query = query.where(column == t.value)
            elif t.field == "overdue":
                # Compared with the UTC date: a day's slack either side of midnight is
                # fine for a work list; the figures use each community's local date.
                waiting = [rules.DefectState.OPEN, rules.DefectState.REOPENED,
                           rules.DefectState.ESCALATED]
                late = model.state.in_(waiting) & (model.due_date < self.ctx.now().date())
                query = query.where(late if bool_value(t) else ~late)
            else:
                try:
                    day = date.fromisoformat(t.value)
                except ValueError:
                    raise InvalidArgument.one("filter", "due_date takes a date YYYY-MM-DD",
                                              reason="INVALID_FILTER") from None
                query = query.where(compare(model.due_date, t.op, day))
        return keyset_page(query, model.id, self.ctx.page_tokens, requested_size=page_size,
                           token=token, query_key=f"defects:{filter_text}", convert=defect_of)

    def _transition(self, defect_id: str, etag: str,
                    step: Callable[[rules.Defect], rules.Defect]) -> DefectRecord:
        """Apply one rule of the closure loop under the etag, then tell the plugins."""
        with write_transaction():
            current = self.get_defect(defect_id)
            before = current.defect.state
            with request_paths(""):
                after = step(current.defect)
            verified = after.verified_at
            # Without the caller's etag, still guard against a concurrent step since our read
            # (PostgreSQL does not serialise writers the way our SQLite write lock does).
            now = self.ctx.now()
            stored = conditional_update(
                rows.Defect, defect_id, etag or current.etag,
                {rows.Defect.state: after.state,
                 rows.Defect.history: dumps(history_document(after)),
                 rows.Defect.verify_time: to_db(verified) if verified else None},
                now, kind="defect")
            write_events([new_event(DEFECT_EVENTS[after.history[-1].action], stored, now)])
            record = defect_of(stored)
            self.ctx.react("svcq_defect_transitioned", after.community_id,
                           defect=record.defect, from_state=str(before))
        return record

    def _actor(self, defect_id: str, actor_id: str) -> None:
        v = Violations()
        if not actor_id:
            v.add("actor_id", "required: who reports it")
        else:
            check_staff(v, self.get_defect(defect_id).defect.community_id,
                        [("actor_id", actor_id)])
        v.raise_if_any()

    def rectify_defect(self, defect_id: str, etag: str, evidence_note: str, actor_id: str
                       ) -> DefectRecord:
        self._actor(defect_id, actor_id)
        return self._transition(defect_id, etag, lambda d: rules.rectify(
            d, at=self.ctx.clock.now(), actor_id=actor_id, evidence_note=evidence_note))

    def escalate_defect(self, defect_id: str, etag: str, transfer_note: str, actor_id: str
                        ) -> DefectRecord:
        self._actor(defect_id, actor_id)
        return self._transition(defect_id, etag, lambda d: rules.escalate(
            d, at=self.ctx.clock.now(), actor_id=actor_id, transfer_note=transfer_note))

    def _later_inspection(self, defect_id: str, inspection_id: str) -> InspectionRecord:
        """The inspection that verifies or reopens: same community, after the defect."""
        defect = self.get_defect(defect_id).defect
        row = rows.Inspection.get_or_none(rows.Inspection.id == inspection_id)
        if row is None or row.community_id != defect.community_id:
            raise InvalidArgument.one(
                "inspection_id", "name a recorded inspection of the defect's community")
        return inspection_of(row)

    def verify_defect(self, defect_id: str, etag: str, inspection_id: str) -> DefectRecord:
        later = self._later_inspection(defect_id, inspection_id)
        with request_paths("", {"at": "inspection_id", "actor_id": "inspection_id"}):
            return self._transition(defect_id, etag, lambda d: rules.verify(
                d, at=later.inspected_at, actor_id=later.inspector_id,
                inspection_id=later.id))

    def reopen_defect(self, defect_id: str, etag: str, inspection_id: str, reason: str
                      ) -> DefectRecord:
        later = self._later_inspection(defect_id, inspection_id)
        with request_paths("", {"at": "inspection_id", "actor_id": "inspection_id"}):
            return self._transition(defect_id, etag, lambda d: rules.reopen(
                d, at=later.inspected_at, actor_id=later.inspector_id,
                inspection_id=later.id, reason=reason))

    # -- night checks ----------------------------------------------------------------------

    def propose_night_check_slots(self, community_id: str, month: date | None, seed: str,
                                  count: int) -> tuple[list[datetime], str]:
        """Random slots reproducible from the seed; no seed: one is made up and returned."""
        v = Violations()
        if month is None:
            v.add("month", "required: any day of the month to plan")
        if count < 0:
            v.add("count", "0 for the monthly minimum, or a positive number")
        v.raise_if_any()
        assert month is not None
        community = self.directory.community(community_id)
        seed = seed or secrets.token_hex(8)
        slots = propose_slots(YearMonth.of(month), zone(community), seed,
                              self.settings.night_check, count=count or None)
        return slots, seed

    def record_weather_alert(self, community_id: str, kind: str, issued_at: datetime | None
                             ) -> WeatherAlertRecord:
        v = Violations()
        check_enum(v, "alert.kind", AlertKind, kind)
        if issued_at is None:
            v.add("alert.issue_time", "required")
        elif issued_at > self.ctx.clock.now() + self.settings.inspection.future_tolerance:
            v.add("alert.issue_time", "an alert cannot be recorded before it is issued")
        v.raise_if_any()
        assert issued_at is not None
        community = self.directory.community(community_id, "alert.community_id")
        alert_id = new_id("wa")
        with write_transaction():
            now = self.ctx.now()
            rows.WeatherAlert.insert(id=alert_id, community=community.id, kind=kind,
                                     issue_time=to_db(issued_at), create_time=now).execute()
            stored = rows.WeatherAlert.get_by_id(alert_id)
            self.ctx.audit_row("weather_alert", None, stored)
            record = self.alert_record(stored)
            write_events([new_event("weather_alert.recorded", stored, now,
                                    **alert_detail(record))])
        return record

    def alert_record(self, row: rows.WeatherAlert) -> WeatherAlertRecord:
        """The alert with its due time and the night check that covered it, if any."""
        due = from_db(row.issue_time) + timedelta(
            hours=self.settings.night_check.alert_followup_hours)
        night = rows.Inspection
        covering = (night.select(night.id)
                    .where((night.community == row.community_id)
                           & (night.kind == InspectionKind.NIGHT)
                           & (night.inspect_time >= row.issue_time)
                           & (night.inspect_time <= to_db(due)))
                    .order_by(night.inspect_time).first())
        return WeatherAlertRecord(row.id, row.community_id, AlertKind(row.kind),
                                  from_db(row.issue_time), due,
                                  covering.id if covering else "")

    # -- events ----------------------------------------------------------------------------

    def watch(self, token: str, filter_text: str, is_active: Callable[[], bool],
              wait: Callable[[float], object]) -> Iterator[EvaluationEvent]:
        """Evaluation events after ``token`` (from now when empty) until ``is_active`` says stop."""
        return self.events.follow(token, filter_text, is_active, wait, event_of)


def start_evaluations(ctx: ServiceContext, directory: DirectoryService,
                      raw_settings: Mapping[str, Any],
                      tickets: ProactiveTickets | None = None) -> EvaluationService:
    """Parse ``[evaluations]``, then store the shipped template and every configured file.

    Raises InvalidArgument naming the bad key (``evaluations.template_files[1]...``);
    the server turns it into a configuration error.
    """
    settings = parse_evaluation_settings(raw_settings)
    templates = [default_template()]
    for n, path in enumerate(settings.template_files):
        where = f"evaluations.template_files[{n}]"
        try:
            with request_paths(where):
                templates.append(load_template_file(path))
        except OSError as exc:
            raise InvalidArgument.one(where, f"cannot read {path}: {exc.strerror}") from None
    service = EvaluationService(ctx, directory, settings, tickets)
    with database.connection_context():
        for template in templates:
            service.sync_template(template)
    return service
