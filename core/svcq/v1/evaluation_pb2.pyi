import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import date_pb2 as _date_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Discipline(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DISCIPLINE_UNSPECIFIED: _ClassVar[Discipline]
    DISCIPLINE_SECURITY: _ClassVar[Discipline]
    DISCIPLINE_CLEANING: _ClassVar[Discipline]
    DISCIPLINE_GREENING: _ClassVar[Discipline]
    DISCIPLINE_ENGINEERING: _ClassVar[Discipline]
    DISCIPLINE_CUSTOMER_SERVICE: _ClassVar[Discipline]
    DISCIPLINE_MANAGEMENT: _ClassVar[Discipline]

class ScoringMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SCORING_METHOD_UNSPECIFIED: _ClassVar[ScoringMethod]
    SCORING_METHOD_GRADED: _ClassVar[ScoringMethod]
    SCORING_METHOD_DEDUCT: _ClassVar[ScoringMethod]
    SCORING_METHOD_PASS_FAIL: _ClassVar[ScoringMethod]

class InspectionKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INSPECTION_KIND_UNSPECIFIED: _ClassVar[InspectionKind]
    INSPECTION_KIND_DAILY: _ClassVar[InspectionKind]
    INSPECTION_KIND_PATROL: _ClassVar[InspectionKind]
    INSPECTION_KIND_NIGHT: _ClassVar[InspectionKind]
    INSPECTION_KIND_MONTHLY: _ClassVar[InspectionKind]
    INSPECTION_KIND_QUARTERLY: _ClassVar[InspectionKind]
    INSPECTION_KIND_ANNUAL: _ClassVar[InspectionKind]

class DailyLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DAILY_LEVEL_UNSPECIFIED: _ClassVar[DailyLevel]
    DAILY_LEVEL_PROJECT_HEAD: _ClassVar[DailyLevel]
    DAILY_LEVEL_SUPERVISOR: _ClassVar[DailyLevel]
    DAILY_LEVEL_OPERATOR: _ClassVar[DailyLevel]

class FindingCause(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FINDING_CAUSE_UNSPECIFIED: _ClassVar[FindingCause]
    FINDING_CAUSE_MINOR: _ClassVar[FindingCause]
    FINDING_CAUSE_OBJECTIVE_RECURRING: _ClassVar[FindingCause]
    FINDING_CAUSE_STAFF_FAULT: _ClassVar[FindingCause]
    FINDING_CAUSE_OTHER: _ClassVar[FindingCause]

class UnrecordedReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UNRECORDED_REASON_UNSPECIFIED: _ClassVar[UnrecordedReason]
    UNRECORDED_REASON_MINOR_CLOSED_QUICKLY: _ClassVar[UnrecordedReason]
    UNRECORDED_REASON_OBJECTIVE_REMOVED_ON_SPOT: _ClassVar[UnrecordedReason]

class ExternalResultKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXTERNAL_RESULT_KIND_UNSPECIFIED: _ClassVar[ExternalResultKind]
    EXTERNAL_RESULT_KIND_GOVERNMENT_RATING: _ClassVar[ExternalResultKind]
    EXTERNAL_RESULT_KIND_CERTIFICATION_AUDIT: _ClassVar[ExternalResultKind]
    EXTERNAL_RESULT_KIND_AWARD: _ClassVar[ExternalResultKind]

class DefectState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEFECT_STATE_UNSPECIFIED: _ClassVar[DefectState]
    DEFECT_STATE_OPEN: _ClassVar[DefectState]
    DEFECT_STATE_RECTIFIED: _ClassVar[DefectState]
    DEFECT_STATE_VERIFIED: _ClassVar[DefectState]
    DEFECT_STATE_REOPENED: _ClassVar[DefectState]
    DEFECT_STATE_ESCALATED: _ClassVar[DefectState]

class DefectAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEFECT_ACTION_UNSPECIFIED: _ClassVar[DefectAction]
    DEFECT_ACTION_RECTIFY: _ClassVar[DefectAction]
    DEFECT_ACTION_VERIFY: _ClassVar[DefectAction]
    DEFECT_ACTION_REOPEN: _ClassVar[DefectAction]
    DEFECT_ACTION_ESCALATE: _ClassVar[DefectAction]

class WeatherAlertKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WEATHER_ALERT_KIND_UNSPECIFIED: _ClassVar[WeatherAlertKind]
    WEATHER_ALERT_KIND_TYPHOON: _ClassVar[WeatherAlertKind]
    WEATHER_ALERT_KIND_RAINSTORM: _ClassVar[WeatherAlertKind]

class SurveyCampaignState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SURVEY_CAMPAIGN_STATE_UNSPECIFIED: _ClassVar[SurveyCampaignState]
    SURVEY_CAMPAIGN_STATE_DRAFT: _ClassVar[SurveyCampaignState]
    SURVEY_CAMPAIGN_STATE_OPEN: _ClassVar[SurveyCampaignState]
    SURVEY_CAMPAIGN_STATE_CLOSED: _ClassVar[SurveyCampaignState]

class DeadlineState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEADLINE_STATE_UNSPECIFIED: _ClassVar[DeadlineState]
    DEADLINE_STATE_MET: _ClassVar[DeadlineState]
    DEADLINE_STATE_MISSED: _ClassVar[DeadlineState]
    DEADLINE_STATE_PENDING: _ClassVar[DeadlineState]
    DEADLINE_STATE_OVERDUE: _ClassVar[DeadlineState]
    DEADLINE_STATE_NOT_APPLICABLE: _ClassVar[DeadlineState]

class SurveyStep(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SURVEY_STEP_UNSPECIFIED: _ClassVar[SurveyStep]
    SURVEY_STEP_RECEIVE: _ClassVar[SurveyStep]
    SURVEY_STEP_ISSUE: _ClassVar[SurveyStep]
    SURVEY_STEP_COLLECT: _ClassVar[SurveyStep]
    SURVEY_STEP_TALLY: _ClassVar[SurveyStep]
    SURVEY_STEP_OPEN_LETTER: _ClassVar[SurveyStep]
    SURVEY_STEP_REPORT: _ClassVar[SurveyStep]
DISCIPLINE_UNSPECIFIED: Discipline
DISCIPLINE_SECURITY: Discipline
DISCIPLINE_CLEANING: Discipline
DISCIPLINE_GREENING: Discipline
DISCIPLINE_ENGINEERING: Discipline
DISCIPLINE_CUSTOMER_SERVICE: Discipline
DISCIPLINE_MANAGEMENT: Discipline
SCORING_METHOD_UNSPECIFIED: ScoringMethod
SCORING_METHOD_GRADED: ScoringMethod
SCORING_METHOD_DEDUCT: ScoringMethod
SCORING_METHOD_PASS_FAIL: ScoringMethod
INSPECTION_KIND_UNSPECIFIED: InspectionKind
INSPECTION_KIND_DAILY: InspectionKind
INSPECTION_KIND_PATROL: InspectionKind
INSPECTION_KIND_NIGHT: InspectionKind
INSPECTION_KIND_MONTHLY: InspectionKind
INSPECTION_KIND_QUARTERLY: InspectionKind
INSPECTION_KIND_ANNUAL: InspectionKind
DAILY_LEVEL_UNSPECIFIED: DailyLevel
DAILY_LEVEL_PROJECT_HEAD: DailyLevel
DAILY_LEVEL_SUPERVISOR: DailyLevel
DAILY_LEVEL_OPERATOR: DailyLevel
FINDING_CAUSE_UNSPECIFIED: FindingCause
FINDING_CAUSE_MINOR: FindingCause
FINDING_CAUSE_OBJECTIVE_RECURRING: FindingCause
FINDING_CAUSE_STAFF_FAULT: FindingCause
FINDING_CAUSE_OTHER: FindingCause
UNRECORDED_REASON_UNSPECIFIED: UnrecordedReason
UNRECORDED_REASON_MINOR_CLOSED_QUICKLY: UnrecordedReason
UNRECORDED_REASON_OBJECTIVE_REMOVED_ON_SPOT: UnrecordedReason
EXTERNAL_RESULT_KIND_UNSPECIFIED: ExternalResultKind
EXTERNAL_RESULT_KIND_GOVERNMENT_RATING: ExternalResultKind
EXTERNAL_RESULT_KIND_CERTIFICATION_AUDIT: ExternalResultKind
EXTERNAL_RESULT_KIND_AWARD: ExternalResultKind
DEFECT_STATE_UNSPECIFIED: DefectState
DEFECT_STATE_OPEN: DefectState
DEFECT_STATE_RECTIFIED: DefectState
DEFECT_STATE_VERIFIED: DefectState
DEFECT_STATE_REOPENED: DefectState
DEFECT_STATE_ESCALATED: DefectState
DEFECT_ACTION_UNSPECIFIED: DefectAction
DEFECT_ACTION_RECTIFY: DefectAction
DEFECT_ACTION_VERIFY: DefectAction
DEFECT_ACTION_REOPEN: DefectAction
DEFECT_ACTION_ESCALATE: DefectAction
WEATHER_ALERT_KIND_UNSPECIFIED: WeatherAlertKind
WEATHER_ALERT_KIND_TYPHOON: WeatherAlertKind
WEATHER_ALERT_KIND_RAINSTORM: WeatherAlertKind
SURVEY_CAMPAIGN_STATE_UNSPECIFIED: SurveyCampaignState
SURVEY_CAMPAIGN_STATE_DRAFT: SurveyCampaignState
SURVEY_CAMPAIGN_STATE_OPEN: SurveyCampaignState
SURVEY_CAMPAIGN_STATE_CLOSED: SurveyCampaignState
DEADLINE_STATE_UNSPECIFIED: DeadlineState
DEADLINE_STATE_MET: DeadlineState
DEADLINE_STATE_MISSED: DeadlineState
DEADLINE_STATE_PENDING: DeadlineState
DEADLINE_STATE_OVERDUE: DeadlineState
DEADLINE_STATE_NOT_APPLICABLE: DeadlineState
SURVEY_STEP_UNSPECIFIED: SurveyStep
SURVEY_STEP_RECEIVE: SurveyStep
SURVEY_STEP_ISSUE: SurveyStep
SURVEY_STEP_COLLECT: SurveyStep
SURVEY_STEP_TALLY: SurveyStep
SURVEY_STEP_OPEN_LETTER: SurveyStep
SURVEY_STEP_REPORT: SurveyStep

class ChecklistItem(_message.Message):
    __slots__ = ("id", "discipline", "title", "max_score", "method", "responsible_post")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISCIPLINE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    MAX_SCORE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_POST_FIELD_NUMBER: _ClassVar[int]
    id: str
    discipline: Discipline
    title: str
    max_score: float
    method: ScoringMethod
    responsible_post: str
    def __init__(self, id: _Optional[str] = ..., discipline: _Optional[_Union[Discipline, str]] = ..., title: _Optional[str] = ..., max_score: _Optional[float] = ..., method: _Optional[_Union[ScoringMethod, str]] = ..., responsible_post: _Optional[str] = ...) -> None: ...

class ChecklistTemplate(_message.Message):
    __slots__ = ("id", "key", "name", "version", "kinds", "items", "max_total", "create_time", "etag")
    ID_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    MAX_TOTAL_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    id: str
    key: str
    name: str
    version: int
    kinds: _containers.RepeatedScalarFieldContainer[InspectionKind]
    items: _containers.RepeatedCompositeFieldContainer[ChecklistItem]
    max_total: float
    create_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, id: _Optional[str] = ..., key: _Optional[str] = ..., name: _Optional[str] = ..., version: _Optional[int] = ..., kinds: _Optional[_Iterable[_Union[InspectionKind, str]]] = ..., items: _Optional[_Iterable[_Union[ChecklistItem, _Mapping]]] = ..., max_total: _Optional[float] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class Finding(_message.Message):
    __slots__ = ("description", "cause", "responsible_staff_id", "recorded", "closed_within_minutes", "removed_on_spot", "discipline", "unrecorded_reason", "defect_id")
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    RECORDED_FIELD_NUMBER: _ClassVar[int]
    CLOSED_WITHIN_MINUTES_FIELD_NUMBER: _ClassVar[int]
    REMOVED_ON_SPOT_FIELD_NUMBER: _ClassVar[int]
    DISCIPLINE_FIELD_NUMBER: _ClassVar[int]
    UNRECORDED_REASON_FIELD_NUMBER: _ClassVar[int]
    DEFECT_ID_FIELD_NUMBER: _ClassVar[int]
    description: str
    cause: FindingCause
    responsible_staff_id: str
    recorded: bool
    closed_within_minutes: int
    removed_on_spot: bool
    discipline: Discipline
    unrecorded_reason: UnrecordedReason
    defect_id: str
    def __init__(self, description: _Optional[str] = ..., cause: _Optional[_Union[FindingCause, str]] = ..., responsible_staff_id: _Optional[str] = ..., recorded: _Optional[bool] = ..., closed_within_minutes: _Optional[int] = ..., removed_on_spot: _Optional[bool] = ..., discipline: _Optional[_Union[Discipline, str]] = ..., unrecorded_reason: _Optional[_Union[UnrecordedReason, str]] = ..., defect_id: _Optional[str] = ...) -> None: ...

class ItemResult(_message.Message):
    __slots__ = ("item_id", "score", "deduction", "passed", "responsible_staff_id", "findings", "computed_score")
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    DEDUCTION_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_SCORE_FIELD_NUMBER: _ClassVar[int]
    item_id: str
    score: float
    deduction: float
    passed: bool
    responsible_staff_id: str
    findings: _containers.RepeatedCompositeFieldContainer[Finding]
    computed_score: float
    def __init__(self, item_id: _Optional[str] = ..., score: _Optional[float] = ..., deduction: _Optional[float] = ..., passed: _Optional[bool] = ..., responsible_staff_id: _Optional[str] = ..., findings: _Optional[_Iterable[_Union[Finding, _Mapping]]] = ..., computed_score: _Optional[float] = ...) -> None: ...

class Tally(_message.Message):
    __slots__ = ("score", "max_score", "percent")
    SCORE_FIELD_NUMBER: _ClassVar[int]
    MAX_SCORE_FIELD_NUMBER: _ClassVar[int]
    PERCENT_FIELD_NUMBER: _ClassVar[int]
    score: float
    max_score: float
    percent: float
    def __init__(self, score: _Optional[float] = ..., max_score: _Optional[float] = ..., percent: _Optional[float] = ...) -> None: ...

class DisciplineScore(_message.Message):
    __slots__ = ("discipline", "tally")
    DISCIPLINE_FIELD_NUMBER: _ClassVar[int]
    TALLY_FIELD_NUMBER: _ClassVar[int]
    discipline: Discipline
    tally: Tally
    def __init__(self, discipline: _Optional[_Union[Discipline, str]] = ..., tally: _Optional[_Union[Tally, _Mapping]] = ...) -> None: ...

class PersonScore(_message.Message):
    __slots__ = ("staff_id", "tally")
    STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    TALLY_FIELD_NUMBER: _ClassVar[int]
    staff_id: str
    tally: Tally
    def __init__(self, staff_id: _Optional[str] = ..., tally: _Optional[_Union[Tally, _Mapping]] = ...) -> None: ...

class Inspection(_message.Message):
    __slots__ = ("id", "community_id", "kind", "inspect_time", "inspector_id", "level", "discipline", "post", "countersigned_by", "template_id", "results", "findings", "discipline_scores", "person_scores", "overall", "create_time")
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    INSPECT_TIME_FIELD_NUMBER: _ClassVar[int]
    INSPECTOR_ID_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    DISCIPLINE_FIELD_NUMBER: _ClassVar[int]
    POST_FIELD_NUMBER: _ClassVar[int]
    COUNTERSIGNED_BY_FIELD_NUMBER: _ClassVar[int]
    TEMPLATE_ID_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    DISCIPLINE_SCORES_FIELD_NUMBER: _ClassVar[int]
    PERSON_SCORES_FIELD_NUMBER: _ClassVar[int]
    OVERALL_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    id: str
    community_id: str
    kind: InspectionKind
    inspect_time: _timestamp_pb2.Timestamp
    inspector_id: str
    level: DailyLevel
    discipline: Discipline
    post: str
    countersigned_by: str
    template_id: str
    results: _containers.RepeatedCompositeFieldContainer[ItemResult]
    findings: _containers.RepeatedCompositeFieldContainer[Finding]
    discipline_scores: _containers.RepeatedCompositeFieldContainer[DisciplineScore]
    person_scores: _containers.RepeatedCompositeFieldContainer[PersonScore]
    overall: Tally
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., community_id: _Optional[str] = ..., kind: _Optional[_Union[InspectionKind, str]] = ..., inspect_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., inspector_id: _Optional[str] = ..., level: _Optional[_Union[DailyLevel, str]] = ..., discipline: _Optional[_Union[Discipline, str]] = ..., post: _Optional[str] = ..., countersigned_by: _Optional[str] = ..., template_id: _Optional[str] = ..., results: _Optional[_Iterable[_Union[ItemResult, _Mapping]]] = ..., findings: _Optional[_Iterable[_Union[Finding, _Mapping]]] = ..., discipline_scores: _Optional[_Iterable[_Union[DisciplineScore, _Mapping]]] = ..., person_scores: _Optional[_Iterable[_Union[PersonScore, _Mapping]]] = ..., overall: _Optional[_Union[Tally, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ExternalResult(_message.Message):
    __slots__ = ("id", "community_id", "kind", "issuer", "receive_date", "outcome", "score")
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    RECEIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    id: str
    community_id: str
    kind: ExternalResultKind
    issuer: str
    receive_date: _date_pb2.Date
    outcome: str
    score: float
    def __init__(self, id: _Optional[str] = ..., community_id: _Optional[str] = ..., kind: _Optional[_Union[ExternalResultKind, str]] = ..., issuer: _Optional[str] = ..., receive_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., outcome: _Optional[str] = ..., score: _Optional[float] = ...) -> None: ...

class DefectEvent(_message.Message):
    __slots__ = ("action", "event_time", "actor_id", "note", "inspection_id")
    ACTION_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    action: DefectAction
    event_time: _timestamp_pb2.Timestamp
    actor_id: str
    note: str
    inspection_id: str
    def __init__(self, action: _Optional[_Union[DefectAction, str]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor_id: _Optional[str] = ..., note: _Optional[str] = ..., inspection_id: _Optional[str] = ...) -> None: ...

class Defect(_message.Message):
    __slots__ = ("id", "community_id", "inspection_id", "item_id", "discipline", "description", "responsible_staff_id", "raise_time", "due_date", "state", "allowed_actions", "history", "etag")
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    DISCIPLINE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    RAISE_TIME_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ALLOWED_ACTIONS_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    id: str
    community_id: str
    inspection_id: str
    item_id: str
    discipline: Discipline
    description: str
    responsible_staff_id: str
    raise_time: _timestamp_pb2.Timestamp
    due_date: _date_pb2.Date
    state: DefectState
    allowed_actions: _containers.RepeatedScalarFieldContainer[DefectAction]
    history: _containers.RepeatedCompositeFieldContainer[DefectEvent]
    etag: str
    def __init__(self, id: _Optional[str] = ..., community_id: _Optional[str] = ..., inspection_id: _Optional[str] = ..., item_id: _Optional[str] = ..., discipline: _Optional[_Union[Discipline, str]] = ..., description: _Optional[str] = ..., responsible_staff_id: _Optional[str] = ..., raise_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., due_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., state: _Optional[_Union[DefectState, str]] = ..., allowed_actions: _Optional[_Iterable[_Union[DefectAction, str]]] = ..., history: _Optional[_Iterable[_Union[DefectEvent, _Mapping]]] = ..., etag: _Optional[str] = ...) -> None: ...

class WeatherAlert(_message.Message):
    __slots__ = ("id", "community_id", "kind", "issue_time", "night_check_due_time", "night_check_inspection_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ISSUE_TIME_FIELD_NUMBER: _ClassVar[int]
    NIGHT_CHECK_DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    NIGHT_CHECK_INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    community_id: str
    kind: WeatherAlertKind
    issue_time: _timestamp_pb2.Timestamp
    night_check_due_time: _timestamp_pb2.Timestamp
    night_check_inspection_id: str
    def __init__(self, id: _Optional[str] = ..., community_id: _Optional[str] = ..., kind: _Optional[_Union[WeatherAlertKind, str]] = ..., issue_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., night_check_due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., night_check_inspection_id: _Optional[str] = ...) -> None: ...

class SurveyMilestones(_message.Message):
    __slots__ = ("receive_time", "issue_time", "collect_time", "tally_time", "open_letter_time", "report_time")
    RECEIVE_TIME_FIELD_NUMBER: _ClassVar[int]
    ISSUE_TIME_FIELD_NUMBER: _ClassVar[int]
    COLLECT_TIME_FIELD_NUMBER: _ClassVar[int]
    TALLY_TIME_FIELD_NUMBER: _ClassVar[int]
    OPEN_LETTER_TIME_FIELD_NUMBER: _ClassVar[int]
    REPORT_TIME_FIELD_NUMBER: _ClassVar[int]
    receive_time: _timestamp_pb2.Timestamp
    issue_time: _timestamp_pb2.Timestamp
    collect_time: _timestamp_pb2.Timestamp
    tally_time: _timestamp_pb2.Timestamp
    open_letter_time: _timestamp_pb2.Timestamp
    report_time: _timestamp_pb2.Timestamp
    def __init__(self, receive_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., issue_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., collect_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tally_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., open_letter_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., report_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SurveyDeadline(_message.Message):
    __slots__ = ("name", "due_time", "done_time", "state")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    DONE_TIME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    name: str
    due_time: _timestamp_pb2.Timestamp
    done_time: _timestamp_pb2.Timestamp
    state: DeadlineState
    def __init__(self, name: _Optional[str] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., done_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., state: _Optional[_Union[DeadlineState, str]] = ...) -> None: ...

class SurveyCampaign(_message.Message):
    __slots__ = ("id", "community_id", "period", "dimensions", "state", "sample_rate", "sample_seed", "sampled_unit_ids", "milestones", "deadlines", "breaches", "create_time", "etag", "third_party", "household_count", "sample_notes", "coordinator_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    DIMENSIONS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_RATE_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_SEED_FIELD_NUMBER: _ClassVar[int]
    SAMPLED_UNIT_IDS_FIELD_NUMBER: _ClassVar[int]
    MILESTONES_FIELD_NUMBER: _ClassVar[int]
    DEADLINES_FIELD_NUMBER: _ClassVar[int]
    BREACHES_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    THIRD_PARTY_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_COUNT_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_NOTES_FIELD_NUMBER: _ClassVar[int]
    COORDINATOR_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    community_id: str
    period: _date_pb2.Date
    dimensions: _containers.RepeatedScalarFieldContainer[str]
    state: SurveyCampaignState
    sample_rate: float
    sample_seed: str
    sampled_unit_ids: _containers.RepeatedScalarFieldContainer[str]
    milestones: SurveyMilestones
    deadlines: _containers.RepeatedCompositeFieldContainer[SurveyDeadline]
    breaches: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    etag: str
    third_party: bool
    household_count: int
    sample_notes: _containers.RepeatedScalarFieldContainer[str]
    coordinator_id: str
    def __init__(self, id: _Optional[str] = ..., community_id: _Optional[str] = ..., period: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., dimensions: _Optional[_Iterable[str]] = ..., state: _Optional[_Union[SurveyCampaignState, str]] = ..., sample_rate: _Optional[float] = ..., sample_seed: _Optional[str] = ..., sampled_unit_ids: _Optional[_Iterable[str]] = ..., milestones: _Optional[_Union[SurveyMilestones, _Mapping]] = ..., deadlines: _Optional[_Iterable[_Union[SurveyDeadline, _Mapping]]] = ..., breaches: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., third_party: _Optional[bool] = ..., household_count: _Optional[int] = ..., sample_notes: _Optional[_Iterable[str]] = ..., coordinator_id: _Optional[str] = ...) -> None: ...

class SurveyResponse(_message.Message):
    __slots__ = ("id", "campaign_id", "unit_id", "scores", "tags", "comment", "create_time", "callback_id")
    class ScoresEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    SCORES_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    campaign_id: str
    unit_id: str
    scores: _containers.ScalarMap[str, int]
    tags: _containers.RepeatedScalarFieldContainer[str]
    comment: str
    create_time: _timestamp_pb2.Timestamp
    callback_id: str
    def __init__(self, id: _Optional[str] = ..., campaign_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., scores: _Optional[_Mapping[str, int]] = ..., tags: _Optional[_Iterable[str]] = ..., comment: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., callback_id: _Optional[str] = ...) -> None: ...

class Rate(_message.Message):
    __slots__ = ("numerator", "denominator", "value")
    NUMERATOR_FIELD_NUMBER: _ClassVar[int]
    DENOMINATOR_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    numerator: int
    denominator: int
    value: float
    def __init__(self, numerator: _Optional[int] = ..., denominator: _Optional[int] = ..., value: _Optional[float] = ...) -> None: ...

class TargetGap(_message.Message):
    __slots__ = ("name", "target", "actual", "gap")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    ACTUAL_FIELD_NUMBER: _ClassVar[int]
    GAP_FIELD_NUMBER: _ClassVar[int]
    name: str
    target: float
    actual: float
    gap: float
    def __init__(self, name: _Optional[str] = ..., target: _Optional[float] = ..., actual: _Optional[float] = ..., gap: _Optional[float] = ...) -> None: ...

class FiguresScope(_message.Message):
    __slots__ = ("community_id", "region_id", "start_date", "end_date")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    region_id: str
    start_date: _date_pb2.Date
    end_date: _date_pb2.Date
    def __init__(self, community_id: _Optional[str] = ..., region_id: _Optional[str] = ..., start_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., end_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ...) -> None: ...

class CreateChecklistTemplateRequest(_message.Message):
    __slots__ = ("template", "request_id")
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    template: ChecklistTemplate
    request_id: str
    def __init__(self, template: _Optional[_Union[ChecklistTemplate, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateChecklistTemplateResponse(_message.Message):
    __slots__ = ("template",)
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    template: ChecklistTemplate
    def __init__(self, template: _Optional[_Union[ChecklistTemplate, _Mapping]] = ...) -> None: ...

class GetChecklistTemplateRequest(_message.Message):
    __slots__ = ("id", "key", "version")
    ID_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    id: str
    key: str
    version: int
    def __init__(self, id: _Optional[str] = ..., key: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class GetChecklistTemplateResponse(_message.Message):
    __slots__ = ("template",)
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    template: ChecklistTemplate
    def __init__(self, template: _Optional[_Union[ChecklistTemplate, _Mapping]] = ...) -> None: ...

class ListChecklistTemplatesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListChecklistTemplatesResponse(_message.Message):
    __slots__ = ("templates", "next_page_token")
    TEMPLATES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    templates: _containers.RepeatedCompositeFieldContainer[ChecklistTemplate]
    next_page_token: str
    def __init__(self, templates: _Optional[_Iterable[_Union[ChecklistTemplate, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateChecklistTemplateRequest(_message.Message):
    __slots__ = ("template",)
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    template: ChecklistTemplate
    def __init__(self, template: _Optional[_Union[ChecklistTemplate, _Mapping]] = ...) -> None: ...

class UpdateChecklistTemplateResponse(_message.Message):
    __slots__ = ("template",)
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    template: ChecklistTemplate
    def __init__(self, template: _Optional[_Union[ChecklistTemplate, _Mapping]] = ...) -> None: ...

class RecordInspectionRequest(_message.Message):
    __slots__ = ("inspection", "request_id")
    INSPECTION_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    inspection: Inspection
    request_id: str
    def __init__(self, inspection: _Optional[_Union[Inspection, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class RecordInspectionResponse(_message.Message):
    __slots__ = ("inspection", "defects")
    INSPECTION_FIELD_NUMBER: _ClassVar[int]
    DEFECTS_FIELD_NUMBER: _ClassVar[int]
    inspection: Inspection
    defects: _containers.RepeatedCompositeFieldContainer[Defect]
    def __init__(self, inspection: _Optional[_Union[Inspection, _Mapping]] = ..., defects: _Optional[_Iterable[_Union[Defect, _Mapping]]] = ...) -> None: ...

class GetInspectionRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetInspectionResponse(_message.Message):
    __slots__ = ("inspection",)
    INSPECTION_FIELD_NUMBER: _ClassVar[int]
    inspection: Inspection
    def __init__(self, inspection: _Optional[_Union[Inspection, _Mapping]] = ...) -> None: ...

class ListInspectionsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListInspectionsResponse(_message.Message):
    __slots__ = ("inspections", "next_page_token")
    INSPECTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    inspections: _containers.RepeatedCompositeFieldContainer[Inspection]
    next_page_token: str
    def __init__(self, inspections: _Optional[_Iterable[_Union[Inspection, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RecordExternalResultRequest(_message.Message):
    __slots__ = ("result", "request_id")
    RESULT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    result: ExternalResult
    request_id: str
    def __init__(self, result: _Optional[_Union[ExternalResult, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class RecordExternalResultResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: ExternalResult
    def __init__(self, result: _Optional[_Union[ExternalResult, _Mapping]] = ...) -> None: ...

class GetDefectRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetDefectResponse(_message.Message):
    __slots__ = ("defect",)
    DEFECT_FIELD_NUMBER: _ClassVar[int]
    defect: Defect
    def __init__(self, defect: _Optional[_Union[Defect, _Mapping]] = ...) -> None: ...

class ListDefectsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListDefectsResponse(_message.Message):
    __slots__ = ("defects", "next_page_token")
    DEFECTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    defects: _containers.RepeatedCompositeFieldContainer[Defect]
    next_page_token: str
    def __init__(self, defects: _Optional[_Iterable[_Union[Defect, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RectifyDefectRequest(_message.Message):
    __slots__ = ("id", "etag", "evidence_note", "actor_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_NOTE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    evidence_note: str
    actor_id: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., evidence_note: _Optional[str] = ..., actor_id: _Optional[str] = ...) -> None: ...

class RectifyDefectResponse(_message.Message):
    __slots__ = ("defect",)
    DEFECT_FIELD_NUMBER: _ClassVar[int]
    defect: Defect
    def __init__(self, defect: _Optional[_Union[Defect, _Mapping]] = ...) -> None: ...

class VerifyDefectRequest(_message.Message):
    __slots__ = ("id", "etag", "inspection_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    inspection_id: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., inspection_id: _Optional[str] = ...) -> None: ...

class VerifyDefectResponse(_message.Message):
    __slots__ = ("defect",)
    DEFECT_FIELD_NUMBER: _ClassVar[int]
    defect: Defect
    def __init__(self, defect: _Optional[_Union[Defect, _Mapping]] = ...) -> None: ...

class ReopenDefectRequest(_message.Message):
    __slots__ = ("id", "etag", "inspection_id", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    inspection_id: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., inspection_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ReopenDefectResponse(_message.Message):
    __slots__ = ("defect",)
    DEFECT_FIELD_NUMBER: _ClassVar[int]
    defect: Defect
    def __init__(self, defect: _Optional[_Union[Defect, _Mapping]] = ...) -> None: ...

class EscalateDefectRequest(_message.Message):
    __slots__ = ("id", "etag", "transfer_note", "actor_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_NOTE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    transfer_note: str
    actor_id: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., transfer_note: _Optional[str] = ..., actor_id: _Optional[str] = ...) -> None: ...

class EscalateDefectResponse(_message.Message):
    __slots__ = ("defect",)
    DEFECT_FIELD_NUMBER: _ClassVar[int]
    defect: Defect
    def __init__(self, defect: _Optional[_Union[Defect, _Mapping]] = ...) -> None: ...

class ProposeNightCheckSlotsRequest(_message.Message):
    __slots__ = ("community_id", "month", "seed", "count")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    month: _date_pb2.Date
    seed: str
    count: int
    def __init__(self, community_id: _Optional[str] = ..., month: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., seed: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class ProposeNightCheckSlotsResponse(_message.Message):
    __slots__ = ("slot_times", "seed")
    SLOT_TIMES_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    slot_times: _containers.RepeatedCompositeFieldContainer[_timestamp_pb2.Timestamp]
    seed: str
    def __init__(self, slot_times: _Optional[_Iterable[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]]] = ..., seed: _Optional[str] = ...) -> None: ...

class RecordWeatherAlertRequest(_message.Message):
    __slots__ = ("alert", "request_id")
    ALERT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    alert: WeatherAlert
    request_id: str
    def __init__(self, alert: _Optional[_Union[WeatherAlert, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class RecordWeatherAlertResponse(_message.Message):
    __slots__ = ("alert",)
    ALERT_FIELD_NUMBER: _ClassVar[int]
    alert: WeatherAlert
    def __init__(self, alert: _Optional[_Union[WeatherAlert, _Mapping]] = ...) -> None: ...

class CreateSurveyCampaignRequest(_message.Message):
    __slots__ = ("campaign", "request_id")
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    campaign: SurveyCampaign
    request_id: str
    def __init__(self, campaign: _Optional[_Union[SurveyCampaign, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateSurveyCampaignResponse(_message.Message):
    __slots__ = ("campaign",)
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    campaign: SurveyCampaign
    def __init__(self, campaign: _Optional[_Union[SurveyCampaign, _Mapping]] = ...) -> None: ...

class DrawSurveySampleRequest(_message.Message):
    __slots__ = ("id", "etag", "seed")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    seed: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., seed: _Optional[str] = ...) -> None: ...

class DrawSurveySampleResponse(_message.Message):
    __slots__ = ("campaign",)
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    campaign: SurveyCampaign
    def __init__(self, campaign: _Optional[_Union[SurveyCampaign, _Mapping]] = ...) -> None: ...

class RecordSurveyResponseRequest(_message.Message):
    __slots__ = ("response", "request_id")
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    response: SurveyResponse
    request_id: str
    def __init__(self, response: _Optional[_Union[SurveyResponse, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class RecordSurveyResponseResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: SurveyResponse
    def __init__(self, response: _Optional[_Union[SurveyResponse, _Mapping]] = ...) -> None: ...

class CloseSurveyCampaignRequest(_message.Message):
    __slots__ = ("id", "etag")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class CloseSurveyCampaignResponse(_message.Message):
    __slots__ = ("campaign",)
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    campaign: SurveyCampaign
    def __init__(self, campaign: _Optional[_Union[SurveyCampaign, _Mapping]] = ...) -> None: ...

class GetSurveyCampaignRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetSurveyCampaignResponse(_message.Message):
    __slots__ = ("campaign",)
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    campaign: SurveyCampaign
    def __init__(self, campaign: _Optional[_Union[SurveyCampaign, _Mapping]] = ...) -> None: ...

class RecordSurveyMilestoneRequest(_message.Message):
    __slots__ = ("id", "etag", "step", "time")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    step: SurveyStep
    time: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., step: _Optional[_Union[SurveyStep, str]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RecordSurveyMilestoneResponse(_message.Message):
    __slots__ = ("campaign",)
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    campaign: SurveyCampaign
    def __init__(self, campaign: _Optional[_Union[SurveyCampaign, _Mapping]] = ...) -> None: ...

class GetInspectionFiguresRequest(_message.Message):
    __slots__ = ("scope", "kind")
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    scope: FiguresScope
    kind: InspectionKind
    def __init__(self, scope: _Optional[_Union[FiguresScope, _Mapping]] = ..., kind: _Optional[_Union[InspectionKind, str]] = ...) -> None: ...

class ItemFigure(_message.Message):
    __slots__ = ("item_id", "tally")
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    TALLY_FIELD_NUMBER: _ClassVar[int]
    item_id: str
    tally: Tally
    def __init__(self, item_id: _Optional[str] = ..., tally: _Optional[_Union[Tally, _Mapping]] = ...) -> None: ...

class CommunityFigure(_message.Message):
    __slots__ = ("community_id", "tally")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    TALLY_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    tally: Tally
    def __init__(self, community_id: _Optional[str] = ..., tally: _Optional[_Union[Tally, _Mapping]] = ...) -> None: ...

class GetInspectionFiguresResponse(_message.Message):
    __slots__ = ("inspection_count", "overall", "items", "disciplines", "people", "communities", "previous_overall", "previous_inspection_count")
    INSPECTION_COUNT_FIELD_NUMBER: _ClassVar[int]
    OVERALL_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    DISCIPLINES_FIELD_NUMBER: _ClassVar[int]
    PEOPLE_FIELD_NUMBER: _ClassVar[int]
    COMMUNITIES_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_OVERALL_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_INSPECTION_COUNT_FIELD_NUMBER: _ClassVar[int]
    inspection_count: int
    overall: Tally
    items: _containers.RepeatedCompositeFieldContainer[ItemFigure]
    disciplines: _containers.RepeatedCompositeFieldContainer[DisciplineScore]
    people: _containers.RepeatedCompositeFieldContainer[PersonScore]
    communities: _containers.RepeatedCompositeFieldContainer[CommunityFigure]
    previous_overall: Tally
    previous_inspection_count: int
    def __init__(self, inspection_count: _Optional[int] = ..., overall: _Optional[_Union[Tally, _Mapping]] = ..., items: _Optional[_Iterable[_Union[ItemFigure, _Mapping]]] = ..., disciplines: _Optional[_Iterable[_Union[DisciplineScore, _Mapping]]] = ..., people: _Optional[_Iterable[_Union[PersonScore, _Mapping]]] = ..., communities: _Optional[_Iterable[_Union[CommunityFigure, _Mapping]]] = ..., previous_overall: _Optional[_Union[Tally, _Mapping]] = ..., previous_inspection_count: _Optional[int] = ...) -> None: ...

class TrendCount(_message.Message):
    __slots__ = ("key", "count", "previous_count")
    KEY_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_COUNT_FIELD_NUMBER: _ClassVar[int]
    key: str
    count: int
    previous_count: int
    def __init__(self, key: _Optional[str] = ..., count: _Optional[int] = ..., previous_count: _Optional[int] = ...) -> None: ...

class GetDefectFiguresRequest(_message.Message):
    __slots__ = ("scope",)
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    scope: FiguresScope
    def __init__(self, scope: _Optional[_Union[FiguresScope, _Mapping]] = ...) -> None: ...

class DisciplineDefectCount(_message.Message):
    __slots__ = ("discipline", "count", "previous_count")
    DISCIPLINE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_COUNT_FIELD_NUMBER: _ClassVar[int]
    discipline: Discipline
    count: int
    previous_count: int
    def __init__(self, discipline: _Optional[_Union[Discipline, str]] = ..., count: _Optional[int] = ..., previous_count: _Optional[int] = ...) -> None: ...

class GetDefectFiguresResponse(_message.Message):
    __slots__ = ("raised_count", "rectification_rate", "overdue_count", "disciplines", "target", "people")
    RAISED_COUNT_FIELD_NUMBER: _ClassVar[int]
    RECTIFICATION_RATE_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_COUNT_FIELD_NUMBER: _ClassVar[int]
    DISCIPLINES_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    PEOPLE_FIELD_NUMBER: _ClassVar[int]
    raised_count: int
    rectification_rate: Rate
    overdue_count: int
    disciplines: _containers.RepeatedCompositeFieldContainer[DisciplineDefectCount]
    target: TargetGap
    people: _containers.RepeatedCompositeFieldContainer[TrendCount]
    def __init__(self, raised_count: _Optional[int] = ..., rectification_rate: _Optional[_Union[Rate, _Mapping]] = ..., overdue_count: _Optional[int] = ..., disciplines: _Optional[_Iterable[_Union[DisciplineDefectCount, _Mapping]]] = ..., target: _Optional[_Union[TargetGap, _Mapping]] = ..., people: _Optional[_Iterable[_Union[TrendCount, _Mapping]]] = ...) -> None: ...

class GetSurveyFiguresRequest(_message.Message):
    __slots__ = ("scope",)
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    scope: FiguresScope
    def __init__(self, scope: _Optional[_Union[FiguresScope, _Mapping]] = ...) -> None: ...

class DimensionFigure(_message.Message):
    __slots__ = ("dimension", "satisfaction", "concentrated")
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    SATISFACTION_FIELD_NUMBER: _ClassVar[int]
    CONCENTRATED_FIELD_NUMBER: _ClassVar[int]
    dimension: str
    satisfaction: Rate
    concentrated: bool
    def __init__(self, dimension: _Optional[str] = ..., satisfaction: _Optional[_Union[Rate, _Mapping]] = ..., concentrated: _Optional[bool] = ...) -> None: ...

class GetSurveyFiguresResponse(_message.Message):
    __slots__ = ("households", "distribution_rate", "return_rate", "satisfaction", "dimensions", "concentrated_tags", "targets")
    HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTION_RATE_FIELD_NUMBER: _ClassVar[int]
    RETURN_RATE_FIELD_NUMBER: _ClassVar[int]
    SATISFACTION_FIELD_NUMBER: _ClassVar[int]
    DIMENSIONS_FIELD_NUMBER: _ClassVar[int]
    CONCENTRATED_TAGS_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    households: int
    distribution_rate: Rate
    return_rate: Rate
    satisfaction: Rate
    dimensions: _containers.RepeatedCompositeFieldContainer[DimensionFigure]
    concentrated_tags: _containers.RepeatedScalarFieldContainer[str]
    targets: _containers.RepeatedCompositeFieldContainer[TargetGap]
    def __init__(self, households: _Optional[int] = ..., distribution_rate: _Optional[_Union[Rate, _Mapping]] = ..., return_rate: _Optional[_Union[Rate, _Mapping]] = ..., satisfaction: _Optional[_Union[Rate, _Mapping]] = ..., dimensions: _Optional[_Iterable[_Union[DimensionFigure, _Mapping]]] = ..., concentrated_tags: _Optional[_Iterable[str]] = ..., targets: _Optional[_Iterable[_Union[TargetGap, _Mapping]]] = ...) -> None: ...

class GetNightCheckFiguresRequest(_message.Message):
    __slots__ = ("scope",)
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    scope: FiguresScope
    def __init__(self, scope: _Optional[_Union[FiguresScope, _Mapping]] = ...) -> None: ...

class NightCheckMonth(_message.Message):
    __slots__ = ("community_id", "month", "count", "required", "below_minimum")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    BELOW_MINIMUM_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    month: _date_pb2.Date
    count: int
    required: int
    below_minimum: bool
    def __init__(self, community_id: _Optional[str] = ..., month: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., count: _Optional[int] = ..., required: _Optional[int] = ..., below_minimum: _Optional[bool] = ...) -> None: ...

class GetNightCheckFiguresResponse(_message.Message):
    __slots__ = ("months", "months_below_minimum", "uncovered_alerts")
    MONTHS_FIELD_NUMBER: _ClassVar[int]
    MONTHS_BELOW_MINIMUM_FIELD_NUMBER: _ClassVar[int]
    UNCOVERED_ALERTS_FIELD_NUMBER: _ClassVar[int]
    months: _containers.RepeatedCompositeFieldContainer[NightCheckMonth]
    months_below_minimum: int
    uncovered_alerts: _containers.RepeatedCompositeFieldContainer[WeatherAlert]
    def __init__(self, months: _Optional[_Iterable[_Union[NightCheckMonth, _Mapping]]] = ..., months_below_minimum: _Optional[int] = ..., uncovered_alerts: _Optional[_Iterable[_Union[WeatherAlert, _Mapping]]] = ...) -> None: ...

class GetMonthlyBulletinRequest(_message.Message):
    __slots__ = ("community_id", "region_id", "month")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    region_id: str
    month: _date_pb2.Date
    def __init__(self, community_id: _Optional[str] = ..., region_id: _Optional[str] = ..., month: _Optional[_Union[_date_pb2.Date, _Mapping]] = ...) -> None: ...

class GetMonthlyBulletinResponse(_message.Message):
    __slots__ = ("month", "total", "disciplines", "communities", "people")
    MONTH_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    DISCIPLINES_FIELD_NUMBER: _ClassVar[int]
    COMMUNITIES_FIELD_NUMBER: _ClassVar[int]
    PEOPLE_FIELD_NUMBER: _ClassVar[int]
    month: _date_pb2.Date
    total: TrendCount
    disciplines: _containers.RepeatedCompositeFieldContainer[TrendCount]
    communities: _containers.RepeatedCompositeFieldContainer[TrendCount]
    people: _containers.RepeatedCompositeFieldContainer[TrendCount]
    def __init__(self, month: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., total: _Optional[_Union[TrendCount, _Mapping]] = ..., disciplines: _Optional[_Iterable[_Union[TrendCount, _Mapping]]] = ..., communities: _Optional[_Iterable[_Union[TrendCount, _Mapping]]] = ..., people: _Optional[_Iterable[_Union[TrendCount, _Mapping]]] = ...) -> None: ...

class EvaluationEvent(_message.Message):
    __slots__ = ("id", "type", "resource_id", "community_id", "event_time", "inspection", "defect", "external_result", "weather_alert", "survey_campaign", "survey_response", "survey_step")
    ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_FIELD_NUMBER: _ClassVar[int]
    DEFECT_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_RESULT_FIELD_NUMBER: _ClassVar[int]
    WEATHER_ALERT_FIELD_NUMBER: _ClassVar[int]
    SURVEY_CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    SURVEY_RESPONSE_FIELD_NUMBER: _ClassVar[int]
    SURVEY_STEP_FIELD_NUMBER: _ClassVar[int]
    id: str
    type: str
    resource_id: str
    community_id: str
    event_time: _timestamp_pb2.Timestamp
    inspection: Inspection
    defect: Defect
    external_result: ExternalResult
    weather_alert: WeatherAlert
    survey_campaign: SurveyCampaign
    survey_response: SurveyResponse
    survey_step: SurveyStep
    def __init__(self, id: _Optional[str] = ..., type: _Optional[str] = ..., resource_id: _Optional[str] = ..., community_id: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., inspection: _Optional[_Union[Inspection, _Mapping]] = ..., defect: _Optional[_Union[Defect, _Mapping]] = ..., external_result: _Optional[_Union[ExternalResult, _Mapping]] = ..., weather_alert: _Optional[_Union[WeatherAlert, _Mapping]] = ..., survey_campaign: _Optional[_Union[SurveyCampaign, _Mapping]] = ..., survey_response: _Optional[_Union[SurveyResponse, _Mapping]] = ..., survey_step: _Optional[_Union[SurveyStep, str]] = ...) -> None: ...

class WatchEvaluationEventsRequest(_message.Message):
    __slots__ = ("resume_token", "filter")
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    resume_token: str
    filter: str
    def __init__(self, resume_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class WatchEvaluationEventsResponse(_message.Message):
    __slots__ = ("event", "resume_token")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    event: EvaluationEvent
    resume_token: str
    def __init__(self, event: _Optional[_Union[EvaluationEvent, _Mapping]] = ..., resume_token: _Optional[str] = ...) -> None: ...
