"""Evaluation events: what each change publishes to the outbox, and reading them back.

Every write of the evaluation services publishes one event per changed
resource, last in its transaction (the outbox lock is then held only until
the commit): the event and the change commit together or not at all. The
payload is the resource's row right after the change, so a watcher sees
that version however the resource has changed since, and reads it back
through the same conversions as a Get.

Checklist templates publish nothing: they are company-wide configuration,
not a community's evaluations, and every watcher's scope is communities.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peewee import Model

from svcq.domain.evaluations.defects import DefectAction
from svcq.domain.evaluations.kinds import AlertKind
from svcq.domain.evaluations.records import (
    CampaignRecord,
    DefectRecord,
    ExternalResultRecord,
    InspectionRecord,
    ResponseRecord,
    WeatherAlertRecord,
    campaign_of,
    defect_of,
    dumps,
    external_result_of,
    from_db,
    inspection_of,
    response_of,
    to_db,
)
from svcq.domain.events import StoredEvent
from svcq.storage import evaluations as rows
from svcq.storage.events import NewEvent, dump_row, load_row

#: The step of a defect's closure loop -> its event.
DEFECT_EVENTS = {
    DefectAction.RECTIFY: "defect.rectified",
    DefectAction.VERIFY: "defect.verified",
    DefectAction.REOPEN: "defect.reopened",
    DefectAction.ESCALATE: "defect.escalated",
}

#: Every event type EvaluationService publishes (WatchEvaluationEvents' ``type`` filter).
EVALUATION_EVENT_TYPES = frozenset({
    "inspection.recorded",
    "defect.opened",
    *DEFECT_EVENTS.values(),
    "external_result.recorded",
    "weather_alert.recorded",
    "survey_campaign.created",
    "survey_campaign.sample_drawn",
    "survey_campaign.milestone_recorded",
    "survey_campaign.closed",
    "survey_response.recorded",
})

_MODELS: dict[str, type[Model]] = {
    "inspection": rows.Inspection,
    "defect": rows.Defect,
    "external_result": rows.ExternalResult,
    "weather_alert": rows.WeatherAlert,
    "survey_campaign": rows.SurveyCampaign,
    "survey_response": rows.SurveyResponse,
}


@dataclass(frozen=True)
class EvaluationEvent:
    """An event read back: exactly one of the resource fields is set, as its type says."""

    seq: int
    type: str
    resource_id: str
    community_id: str
    event_time: datetime
    inspection: InspectionRecord | None = None
    defect: DefectRecord | None = None
    external_result: ExternalResultRecord | None = None
    weather_alert: WeatherAlertRecord | None = None
    survey_campaign: CampaignRecord | None = None
    survey_response: ResponseRecord | None = None
    #: The step recorded, for "survey_campaign.milestone_recorded".
    survey_step: str = ""


def new_event(kind: str, row: Model, now: datetime, *, community_id: str = "",
              **detail: Any) -> NewEvent:
    """The event ``kind`` showing ``row`` as it is now; ``detail`` adds what the row lacks.

    ``community_id`` is for rows that do not carry one (survey responses).
    """
    resource_type = kind.partition(".")[0]
    assert kind in EVALUATION_EVENT_TYPES and isinstance(row, _MODELS[resource_type]), kind
    return NewEvent(kind, resource_type, row.id, community_id or row.community_id, now,
                    dumps({"row": dump_row(row), **detail}))


def alert_detail(alert: WeatherAlertRecord) -> dict[str, str]:
    """What a weather alert's event adds to its row: the night check's due time and cover."""
    return {"night_check_due": to_db(alert.night_check_due).isoformat(),
            "night_check_inspection_id": alert.night_check_inspection_id}


def event_of(stored: StoredEvent) -> EvaluationEvent:
    """The event with its resource rebuilt as a record, as a Get would return it then."""
    resource_type = stored.resource_type
    row: Any = load_row(_MODELS[resource_type], stored.payload["row"])
    resource: Any
    if resource_type == "inspection":
        resource = inspection_of(row)
    elif resource_type == "defect":
        resource = defect_of(row)
    elif resource_type == "external_result":
        resource = external_result_of(row)
    elif resource_type == "weather_alert":
        resource = WeatherAlertRecord(
            row.id, row.community_id, AlertKind(row.kind), from_db(row.issue_time),
            from_db(datetime.fromisoformat(stored.payload["night_check_due"])),
            stored.payload["night_check_inspection_id"])
    elif resource_type == "survey_campaign":
        resource = campaign_of(row)
    else:
        resource = response_of(row)
    return EvaluationEvent(
        seq=stored.seq, type=stored.type, resource_id=stored.resource_id,
        community_id=stored.community_id, event_time=stored.event_time,
        survey_step=stored.payload.get("survey_step", ""), **{resource_type: resource})
