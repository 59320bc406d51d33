"""Survey campaigns (满意度调查): create, draw the sample, collect answers, track deadlines.

The sampling frame is the community's real households: a household is a
unit with at least one (non-archived) owner, of any role. Plugins may
constrain the draw (``svcq_survey_sample_constraints``, gathered inside the
transaction, so a failing plugin fails the draw); ``svcq_survey_closed``
runs after the close commits. Each respondent who gave an opinion gets a
callback: a proactive ticket in the coordinator's name, opened by the
TicketService in the same transaction as the answer.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from fractions import Fraction
from typing import Any, Protocol

from svcq.domain.common import ServiceContext, conditional_update
from svcq.domain.directory import DirectoryService
from svcq.domain.evaluations.events import new_event
from svcq.domain.evaluations.records import (
    CampaignRecord,
    ResponseRecord,
    campaign_of,
    check_staff,
    dumps,
    request_paths,
    response_of,
    to_db,
)
from svcq.domain.evaluations.sampling import Household, draw_sample, sample_rate
from svcq.domain.evaluations.settings import EvaluationSettings
from svcq.domain.evaluations.surveys import (
    Questionnaire,
    SurveyResponse,
    check_response,
    deadline_report,
    default_questionnaire,
    gave_opinion,
    survey_figures,
)
from svcq.domain.ids import new_id
from svcq.domain.validation import MAX_LIST, check_tags, check_text
from svcq.errors import (
    AlreadyExists,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    Violations,
)
from svcq.plugin import SampleConstraint
from svcq.plugins.errors import PluginFailed
from svcq.storage import evaluations as rows
from svcq.storage.db import write_transaction
from svcq.storage.directory import Community, Unit
from svcq.storage.events import write_events
from svcq.storage.owners import Owner, OwnerUnit

DRAFT, OPEN, CLOSED = "DRAFT", "OPEN", "CLOSED"

#: Step -> (column, the step it must follow). ISSUE needs the sample instead.
STEPS: dict[str, tuple[str, str]] = {
    "RECEIVE": ("receive_time", ""),
    "ISSUE": ("issue_time", ""),
    "COLLECT": ("collect_time", "ISSUE"),
    "TALLY": ("tally_time", "COLLECT"),
    "OPEN_LETTER": ("open_letter_time", "COLLECT"),
    "REPORT": ("report_time", "TALLY"),
}

SAMPLE_HOOK = "svcq_survey_sample_constraints"


class ProactiveTickets(Protocol):
    """The part of svcq.domain.tickets.service.TicketService that survey callbacks use."""

    def create_proactive(self, community_id: str, staff_id: str, description: str, *,
                         unit_id: str = "") -> Any: ...


def households(community_id: str) -> list[Household]:
    """Units of the community with at least one current owner, with their building."""
    query = (Unit.select(Unit.id, Unit.building)
             .join(OwnerUnit, on=(OwnerUnit.unit == Unit.id))
             .join(Owner, on=(OwnerUnit.owner == Owner.id))
             .where((Unit.community == community_id) & (Owner.archived == 0))
             .distinct())
    return [Household(u.id, u.building_id) for u in query]


class SurveyService:
    def __init__(self, ctx: ServiceContext, directory: DirectoryService,
                 settings: EvaluationSettings, tickets: ProactiveTickets | None = None
                 ) -> None:
        self.ctx = ctx
        self.directory = directory
        self.settings = settings
        self.tickets = tickets

    # -- reads -----------------------------------------------------------------------------

    def _row(self, campaign_id: str) -> rows.SurveyCampaign:
        return self.ctx.visible(rows.SurveyCampaign.get_or_none(
            rows.SurveyCampaign.id == campaign_id), "survey campaign", campaign_id)

    def responses(self, campaign_id: str) -> list[ResponseRecord]:
        model = rows.SurveyResponse
        return [response_of(r) for r in model.select().where(model.campaign == campaign_id)
                .order_by(model.id)]

    def get(self, campaign_id: str) -> CampaignRecord:
        """The campaign with its rates so far and its deadlines as of now."""
        campaign = campaign_of(self._row(campaign_id))
        figures = survey_figures(
            [SurveyResponse(r.unit_id, r.scores, r.tags, r.comment)
             for r in self.responses(campaign_id)],
            Questionnaire(campaign.dimensions), households=campaign.household_count,
            distributed=len(campaign.sampled_unit_ids), settings=self.settings.survey)
        report = deadline_report(campaign.milestones, self.ctx.clock.now(), self.settings.survey,
                                 return_rate=figures.return_rate,
                                 open_letter_required=figures.open_letter_required)
        return replace(campaign, figures=figures, deadlines=report)

    # -- create ----------------------------------------------------------------------------

    def create(self, community_id: str, period: date | None, dimensions: Sequence[str],
               third_party: bool, coordinator_id: str) -> CampaignRecord:
        v = Violations()
        if period is None:
            v.add("campaign.period", "required: any day of the survey month")
        if not coordinator_id:
            v.add("campaign.coordinator_id", "required: who runs it and answers for callbacks")
        dims = tuple(d.strip() for d in dimensions) or default_questionnaire().dimensions
        if len(dims) > MAX_LIST:
            v.add("campaign.dimensions", f"at most {MAX_LIST} dimensions")
        for n, d in enumerate(dims):
            if not d or len(d) > 64:
                v.add(f"campaign.dimensions[{n}]", "1 to 64 characters")
            elif d in dims[:n]:
                v.add(f"campaign.dimensions[{n}]", "listed twice")
        v.raise_if_any()
        assert period is not None
        community = self.directory.community(community_id, "campaign.community_id")
        check_staff(v, community.id, [("campaign.coordinator_id", coordinator_id)])
        v.raise_if_any()
        first_day = period.replace(day=1)
        now = self.ctx.now()
        campaign_id = new_id("sv")
        with write_transaction():
            model = rows.SurveyCampaign
            if model.select().where((model.community == community.id)
                                    & (model.period == first_day)
                                    & (model.third_party == third_party)).exists():
                raise AlreadyExists(
                    f"a {'third-party ' if third_party else ''}survey of {first_day:%Y-%m} "
                    "exists for this community", reason="SURVEY_CAMPAIGN_EXISTS")
            model.insert(id=campaign_id, community=community.id, period=first_day,
                         third_party=third_party, coordinator_id=coordinator_id,
                         dimensions=dumps(list(dims)), state=DRAFT, create_time=now,
                         update_time=now).execute()
            stored = model.get_by_id(campaign_id)
            self.ctx.audit_row("survey_campaign", None, stored)
            write_events([new_event("survey_campaign.created", stored, now)])
        return self.get(campaign_id)

    # -- the draw --------------------------------------------------------------------------

    def draw(self, campaign_id: str, etag: str, seed: str) -> CampaignRecord:
        """Draw the sample once: the rate by the five-year rule, even across buildings."""
        if len(seed) > 64:
            raise InvalidArgument.one("seed", "at most 64 characters")
        with write_transaction():
            campaign = campaign_of(self._row(campaign_id))
            if campaign.state != DRAFT:
                raise FailedPrecondition("the sample of this campaign is already drawn",
                                         reason="SAMPLE_ALREADY_DRAWN")
            community = Community.get_by_id(campaign.community_id)
            frame = households(community.id)
            rate = self._rate(community, campaign.period)
            required, excluded, min_rate, notes = self._constraints(campaign, frame)
            rate = max(rate, min_rate)
            seed = seed or secrets.token_hex(8)
            kept = [h for h in frame if h.id not in excluded]
            sample = draw_sample(kept, rate, seed, required=required)
            now = self.ctx.now()
            stored = conditional_update(rows.SurveyCampaign, campaign_id, etag, {
                rows.SurveyCampaign.state: OPEN,
                rows.SurveyCampaign.sample_rate: str(rate),
                rows.SurveyCampaign.sample_seed: seed,
                rows.SurveyCampaign.household_count: len(frame),
                rows.SurveyCampaign.sampled: dumps(list(sample.household_ids)),
                rows.SurveyCampaign.sample_notes: dumps(notes),
            }, now, kind="survey campaign")
            write_events([new_event("survey_campaign.sample_drawn", stored, now)])
        return self.get(campaign_id)

    def _rate(self, community: Community, period: date) -> Fraction:
        """The five-year rule on the community's first occupancy year.

        Only the year is known, so it is read as the year's last day: the
        lower rate applies only when five years have certainly passed.
        """
        sampling = self.settings.sampling
        if community.first_occupancy_year is None:
            return Fraction(sampling.rate)
        return sample_rate(date(community.first_occupancy_year, 12, 31), period, sampling)

    def _constraints(self, campaign: CampaignRecord, frame: list[Household]
                     ) -> tuple[frozenset[str], frozenset[str], Fraction, list[str]]:
        """Every enabled plugin's constraints, combined: exclusions win over requirements."""
        if self.ctx.hooks is None:
            return frozenset(), frozenset(), Fraction(0), []
        view = replace(campaign, household_ids=tuple(sorted(h.id for h in frame)))
        answers = self.ctx.hooks.gather(SAMPLE_HOOK, self.ctx.scope(campaign.community_id),
                                        survey=view)
        known = set(view.household_ids)
        required: set[str] = set()
        excluded: set[str] = set()
        min_rate = Fraction(0)
        notes = []
        for plugin, constraints in sorted(answers.items()):
            for c in constraints:
                if not isinstance(c, SampleConstraint):
                    error = TypeError(f"expected SampleConstraint, got {type(c).__name__}")
                    raise PluginFailed(plugin, SAMPLE_HOOK, error)
                required |= c.require & known
                excluded |= c.exclude & known
                if c.min_rate is not None:
                    min_rate = max(min_rate, Fraction(str(c.min_rate)))
                notes.append(f"{plugin}: {c.reason or 'constraint'} (required "
                              f"{len(c.require & known)}, excluded {len(c.exclude & known)}"
                              + (f", rate at least {c.min_rate}" if c.min_rate else "") + ")")
        return frozenset(required - excluded), frozenset(excluded), min_rate, notes

    # -- responses -------------------------------------------------------------------------

    def record_response(self, campaign_id: str, unit_id: str, scores: Mapping[str, int],
                        tags: Sequence[str], comment: str) -> ResponseRecord:
        """One answer per sampled household while the campaign is open."""
        v = Violations()
        if not campaign_id:
            v.add("response.campaign_id", "required")
        clean_tags = check_tags(v, "response.tags", list(tags))
        check_text(v, "response.comment", comment)
        v.raise_if_any()
        answer = SurveyResponse(unit_id, dict(scores), tuple(clean_tags), comment.strip())
        now = self.ctx.now()
        response_id = new_id("sr")
        with write_transaction():
            row = rows.SurveyCampaign.get_or_none(rows.SurveyCampaign.id == campaign_id)
            self.ctx.authorize(row.community_id if row else None)
            if row is None:
                raise InvalidArgument.one("response.campaign_id",
                                          f"unknown survey campaign {campaign_id!r}")
            campaign = campaign_of(row)
            if campaign.state == DRAFT:
                raise FailedPrecondition("the sample of this campaign is not drawn yet",
                                         reason="SAMPLE_NOT_DRAWN", field="response.campaign_id")
            model = rows.SurveyResponse
            answered = {r.unit_id for r in model.select(model.unit)
                        .where((model.campaign == campaign_id) & (model.unit == unit_id))}
            try:
                with request_paths("response", {"household_id": "unit_id"}):
                    check_response(answer, Questionnaire(campaign.dimensions),
                                   sampled=set(campaign.sampled_unit_ids), answered=answered,
                                   settings=self.settings.survey, closed=campaign.state == CLOSED)
            except FailedPrecondition as exc:
                if not exc.violations:
                    exc.violations = [FieldViolation("response.unit_id", exc.message)]
                raise
            model.insert(id=response_id, campaign=campaign_id, unit=unit_id,
                         scores=dumps(answer.scores), tags=dumps(list(answer.tags)),
                         comment=answer.comment, create_time=now).execute()
            if gave_opinion(answer, self.settings.survey):
                callback_id = self._callback(campaign, unit_id)
                model.update(callback_id=callback_id).where(model.id == response_id).execute()
            stored = model.get_by_id(response_id)
            self.ctx.audit_row("survey_response", None, stored, community_id=row.community_id)
            write_events([new_event("survey_response.recorded", stored, now,
                                    community_id=row.community_id)])
            return response_of(stored)

    def _callback(self, campaign: CampaignRecord, unit_id: str) -> str:
        """Everyone who gave an opinion is called back (征求意见的客户均需回访)."""
        if self.tickets is None:
            raise FailedPrecondition("survey callbacks need the ticket service",
                                     reason="CALLBACKS_UNAVAILABLE")
        ticket = self.tickets.create_proactive(
            campaign.community_id, campaign.coordinator_id,
            f"Satisfaction survey {campaign.period:%Y-%m}: call the household back about "
            f"its opinion (campaign {campaign.id})", unit_id=unit_id)
        return str(ticket.id)

    # -- milestones and close --------------------------------------------------------------

    def record_milestone(self, campaign_id: str, etag: str, step: str, at: datetime | None
                         ) -> CampaignRecord:
        """When a step happened; each once, in order, never in the future."""
        if step not in STEPS:
            raise InvalidArgument.one("step", f"must be one of {', '.join(STEPS)}")
        now = self.ctx.clock.now()
        at = at or now
        if at > now + self.settings.inspection.future_tolerance:
            raise InvalidArgument.one("time", "a step cannot be recorded before it happens")
        column, after = STEPS[step]
        with write_transaction():
            row = self._row(campaign_id)
            if getattr(row, column) is not None:
                raise FailedPrecondition(f"{step} is already recorded",
                                         reason="MILESTONE_ALREADY_RECORDED",
                                         metadata={"step": step})
            if step == "ISSUE" and row.state == DRAFT:
                raise FailedPrecondition("draw the sample before issuing questionnaires",
                                         reason="SAMPLE_NOT_DRAWN")
            if after:
                before = getattr(row, STEPS[after][0])
                if before is None:
                    raise FailedPrecondition(f"{step} comes after {after}, not yet recorded",
                                             reason="MILESTONE_OUT_OF_ORDER",
                                             metadata={"step": step, "needs": after})
                if to_db(at) < before:
                    raise InvalidArgument.one("time", f"before the {after} step")
            field: Any = getattr(rows.SurveyCampaign, column)
            written = self.ctx.now()
            stored = conditional_update(rows.SurveyCampaign, campaign_id, etag,
                                        {field: to_db(at)}, written, kind="survey campaign")
            write_events([new_event("survey_campaign.milestone_recorded", stored, written,
                                    survey_step=step)])
        return self.get(campaign_id)

    def close(self, campaign_id: str, etag: str) -> CampaignRecord:
        """No more answers; the plugins hear about the final figures after commit."""
        with write_transaction():
            row = self._row(campaign_id)
            if row.state != OPEN:
                raise FailedPrecondition(f"only an open campaign can close; this one is "
                                         f"{row.state}", reason="SURVEY_CAMPAIGN_NOT_OPEN")
            now = self.ctx.now()
            stored = conditional_update(rows.SurveyCampaign, campaign_id, etag, {
                rows.SurveyCampaign.state: CLOSED,
                rows.SurveyCampaign.close_time: now,
            }, now, kind="survey campaign")
            write_events([new_event("survey_campaign.closed", stored, now)])
            record = self.get(campaign_id)
            frame = tuple(sorted(h.id for h in households(record.community_id)))
            self.ctx.react("svcq_survey_closed", record.community_id,
                           survey=replace(record, household_ids=frame))
        return record
