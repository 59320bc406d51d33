import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import date_pb2 as _date_pb2
from svcq.v1 import directory_pb2 as _directory_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TicketKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICKET_KIND_UNSPECIFIED: _ClassVar[TicketKind]
    TICKET_KIND_REPAIR: _ClassVar[TicketKind]
    TICKET_KIND_COMPLAINT: _ClassVar[TicketKind]
    TICKET_KIND_SUGGESTION: _ClassVar[TicketKind]
    TICKET_KIND_INQUIRY: _ClassVar[TicketKind]
    TICKET_KIND_PAID_SERVICE: _ClassVar[TicketKind]
    TICKET_KIND_PROACTIVE: _ClassVar[TicketKind]

class TicketChannel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICKET_CHANNEL_UNSPECIFIED: _ClassVar[TicketChannel]
    TICKET_CHANNEL_FRONT_DESK: _ClassVar[TicketChannel]
    TICKET_CHANNEL_PHONE_HOTLINE: _ClassVar[TicketChannel]
    TICKET_CHANNEL_APP: _ClassVar[TicketChannel]
    TICKET_CHANNEL_LETTER: _ClassVar[TicketChannel]
    TICKET_CHANNEL_ONLINE_FORUM: _ClassVar[TicketChannel]
    TICKET_CHANNEL_PATROL: _ClassVar[TicketChannel]
    TICKET_CHANNEL_STAFF_ON_BEHALF: _ClassVar[TicketChannel]

class TicketPriority(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICKET_PRIORITY_UNSPECIFIED: _ClassVar[TicketPriority]
    TICKET_PRIORITY_LOW: _ClassVar[TicketPriority]
    TICKET_PRIORITY_NORMAL: _ClassVar[TicketPriority]
    TICKET_PRIORITY_HIGH: _ClassVar[TicketPriority]
    TICKET_PRIORITY_URGENT: _ClassVar[TicketPriority]

class TicketState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICKET_STATE_UNSPECIFIED: _ClassVar[TicketState]
    TICKET_STATE_NEW: _ClassVar[TicketState]
    TICKET_STATE_DISPATCHED: _ClassVar[TicketState]
    TICKET_STATE_IN_PROGRESS: _ClassVar[TicketState]
    TICKET_STATE_ON_HOLD: _ClassVar[TicketState]
    TICKET_STATE_RESOLVED: _ClassVar[TicketState]
    TICKET_STATE_CALLBACK_DONE: _ClassVar[TicketState]
    TICKET_STATE_CLOSED: _ClassVar[TicketState]
    TICKET_STATE_CANCELLED: _ClassVar[TicketState]

class TicketAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICKET_ACTION_UNSPECIFIED: _ClassVar[TicketAction]
    TICKET_ACTION_CREATE: _ClassVar[TicketAction]
    TICKET_ACTION_DISPATCH: _ClassVar[TicketAction]
    TICKET_ACTION_START: _ClassVar[TicketAction]
    TICKET_ACTION_HOLD: _ClassVar[TicketAction]
    TICKET_ACTION_RESUME: _ClassVar[TicketAction]
    TICKET_ACTION_RESOLVE: _ClassVar[TicketAction]
    TICKET_ACTION_CALLBACK_SATISFIED: _ClassVar[TicketAction]
    TICKET_ACTION_CALLBACK_UNSATISFIED: _ClassVar[TicketAction]
    TICKET_ACTION_CLOSE: _ClassVar[TicketAction]
    TICKET_ACTION_CANCEL: _ClassVar[TicketAction]
    TICKET_ACTION_REOPEN_DEFECT: _ClassVar[TicketAction]
    TICKET_ACTION_UPDATE: _ClassVar[TicketAction]
    TICKET_ACTION_ESCALATE: _ClassVar[TicketAction]

class EscalationLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ESCALATION_LEVEL_UNSPECIFIED: _ClassVar[EscalationLevel]
    ESCALATION_LEVEL_SUPERVISOR: _ClassVar[EscalationLevel]
    ESCALATION_LEVEL_PROJECT_HEAD: _ClassVar[EscalationLevel]
    ESCALATION_LEVEL_COMPANY: _ClassVar[EscalationLevel]

class TicketCallbackKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICKET_CALLBACK_KIND_UNSPECIFIED: _ClassVar[TicketCallbackKind]
    TICKET_CALLBACK_KIND_CUSTOMER: _ClassVar[TicketCallbackKind]
    TICKET_CALLBACK_KIND_QUALITY: _ClassVar[TicketCallbackKind]
    TICKET_CALLBACK_KIND_SPECIAL: _ClassVar[TicketCallbackKind]

class TicketFiguresGrouping(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICKET_FIGURES_GROUPING_UNSPECIFIED: _ClassVar[TicketFiguresGrouping]
    TICKET_FIGURES_GROUPING_COMMUNITY: _ClassVar[TicketFiguresGrouping]
    TICKET_FIGURES_GROUPING_REGION: _ClassVar[TicketFiguresGrouping]
    TICKET_FIGURES_GROUPING_DEPARTMENT: _ClassVar[TicketFiguresGrouping]
    TICKET_FIGURES_GROUPING_KIND: _ClassVar[TicketFiguresGrouping]
    TICKET_FIGURES_GROUPING_DAY: _ClassVar[TicketFiguresGrouping]
    TICKET_FIGURES_GROUPING_WEEK: _ClassVar[TicketFiguresGrouping]
    TICKET_FIGURES_GROUPING_MONTH: _ClassVar[TicketFiguresGrouping]
TICKET_KIND_UNSPECIFIED: TicketKind
TICKET_KIND_REPAIR: TicketKind
TICKET_KIND_COMPLAINT: TicketKind
TICKET_KIND_SUGGESTION: TicketKind
TICKET_KIND_INQUIRY: TicketKind
TICKET_KIND_PAID_SERVICE: TicketKind
TICKET_KIND_PROACTIVE: TicketKind
TICKET_CHANNEL_UNSPECIFIED: TicketChannel
TICKET_CHANNEL_FRONT_DESK: TicketChannel
TICKET_CHANNEL_PHONE_HOTLINE: TicketChannel
TICKET_CHANNEL_APP: TicketChannel
TICKET_CHANNEL_LETTER: TicketChannel
TICKET_CHANNEL_ONLINE_FORUM: TicketChannel
TICKET_CHANNEL_PATROL: TicketChannel
TICKET_CHANNEL_STAFF_ON_BEHALF: TicketChannel
TICKET_PRIORITY_UNSPECIFIED: TicketPriority
TICKET_PRIORITY_LOW: TicketPriority
TICKET_PRIORITY_NORMAL: TicketPriority
TICKET_PRIORITY_HIGH: TicketPriority
TICKET_PRIORITY_URGENT: TicketPriority
TICKET_STATE_UNSPECIFIED: TicketState
TICKET_STATE_NEW: TicketState
TICKET_STATE_DISPATCHED: TicketState
TICKET_STATE_IN_PROGRESS: TicketState
TICKET_STATE_ON_HOLD: TicketState
TICKET_STATE_RESOLVED: TicketState
TICKET_STATE_CALLBACK_DONE: TicketState
TICKET_STATE_CLOSED: TicketState
TICKET_STATE_CANCELLED: TicketState
TICKET_ACTION_UNSPECIFIED: TicketAction
TICKET_ACTION_CREATE: TicketAction
TICKET_ACTION_DISPATCH: TicketAction
TICKET_ACTION_START: TicketAction
TICKET_ACTION_HOLD: TicketAction
TICKET_ACTION_RESUME: TicketAction
TICKET_ACTION_RESOLVE: TicketAction
TICKET_ACTION_CALLBACK_SATISFIED: TicketAction
TICKET_ACTION_CALLBACK_UNSATISFIED: TicketAction
TICKET_ACTION_CLOSE: TicketAction
TICKET_ACTION_CANCEL: TicketAction
TICKET_ACTION_REOPEN_DEFECT: TicketAction
TICKET_ACTION_UPDATE: TicketAction
TICKET_ACTION_ESCALATE: TicketAction
ESCALATION_LEVEL_UNSPECIFIED: EscalationLevel
ESCALATION_LEVEL_SUPERVISOR: EscalationLevel
ESCALATION_LEVEL_PROJECT_HEAD: EscalationLevel
ESCALATION_LEVEL_COMPANY: EscalationLevel
TICKET_CALLBACK_KIND_UNSPECIFIED: TicketCallbackKind
TICKET_CALLBACK_KIND_CUSTOMER: TicketCallbackKind
TICKET_CALLBACK_KIND_QUALITY: TicketCallbackKind
TICKET_CALLBACK_KIND_SPECIAL: TicketCallbackKind
TICKET_FIGURES_GROUPING_UNSPECIFIED: TicketFiguresGrouping
TICKET_FIGURES_GROUPING_COMMUNITY: TicketFiguresGrouping
TICKET_FIGURES_GROUPING_REGION: TicketFiguresGrouping
TICKET_FIGURES_GROUPING_DEPARTMENT: TicketFiguresGrouping
TICKET_FIGURES_GROUPING_KIND: TicketFiguresGrouping
TICKET_FIGURES_GROUPING_DAY: TicketFiguresGrouping
TICKET_FIGURES_GROUPING_WEEK: TicketFiguresGrouping
TICKET_FIGURES_GROUPING_MONTH: TicketFiguresGrouping

class TicketCallback(_message.Message):
    __slots__ = ("id", "ticket_id", "community_id", "kind", "department", "due_time", "done_time", "satisfied", "score", "comment", "actor_staff_id", "create_time", "sample_week")
    ID_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    DONE_TIME_FIELD_NUMBER: _ClassVar[int]
    SATISFIED_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_WEEK_FIELD_NUMBER: _ClassVar[int]
    id: str
    ticket_id: str
    community_id: str
    kind: TicketCallbackKind
    department: _directory_pb2.Department
    due_time: _timestamp_pb2.Timestamp
    done_time: _timestamp_pb2.Timestamp
    satisfied: bool
    score: int
    comment: str
    actor_staff_id: str
    create_time: _timestamp_pb2.Timestamp
    sample_week: _date_pb2.Date
    def __init__(self, id: _Optional[str] = ..., ticket_id: _Optional[str] = ..., community_id: _Optional[str] = ..., kind: _Optional[_Union[TicketCallbackKind, str]] = ..., department: _Optional[_Union[_directory_pb2.Department, str]] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., done_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., satisfied: _Optional[bool] = ..., score: _Optional[int] = ..., comment: _Optional[str] = ..., actor_staff_id: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sample_week: _Optional[_Union[_date_pb2.Date, _Mapping]] = ...) -> None: ...

class CorrectiveAction(_message.Message):
    __slots__ = ("cause", "action_taken", "prevention")
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    ACTION_TAKEN_FIELD_NUMBER: _ClassVar[int]
    PREVENTION_FIELD_NUMBER: _ClassVar[int]
    cause: str
    action_taken: str
    prevention: str
    def __init__(self, cause: _Optional[str] = ..., action_taken: _Optional[str] = ..., prevention: _Optional[str] = ...) -> None: ...

class Ticket(_message.Message):
    __slots__ = ("id", "community_id", "kind", "channel", "category", "priority", "emergency", "unit_id", "public_area", "owner_id", "description", "attachments", "state", "department", "assignee_staff_id", "first_receiver_staff_id", "reporter_back_staff_id", "respond_by", "resolve_by", "responded_time", "resolved_time", "response_met", "resolution_met", "paused_duration", "reopen_count", "escalation_level", "compensation_involved", "against_project_head", "major", "corrective_action", "plugin_data", "create_time", "update_time", "etag", "special_callback_by", "hold_reason", "close_time", "callback_count", "last_callback")
    class PluginDataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _struct_pb2.Struct
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    EMERGENCY_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_AREA_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    ASSIGNEE_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    FIRST_RECEIVER_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    REPORTER_BACK_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    RESPOND_BY_FIELD_NUMBER: _ClassVar[int]
    RESOLVE_BY_FIELD_NUMBER: _ClassVar[int]
    RESPONDED_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_TIME_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_MET_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_MET_FIELD_NUMBER: _ClassVar[int]
    PAUSED_DURATION_FIELD_NUMBER: _ClassVar[int]
    REOPEN_COUNT_FIELD_NUMBER: _ClassVar[int]
    ESCALATION_LEVEL_FIELD_NUMBER: _ClassVar[int]
    COMPENSATION_INVOLVED_FIELD_NUMBER: _ClassVar[int]
    AGAINST_PROJECT_HEAD_FIELD_NUMBER: _ClassVar[int]
    MAJOR_FIELD_NUMBER: _ClassVar[int]
    CORRECTIVE_ACTION_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_DATA_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    SPECIAL_CALLBACK_BY_FIELD_NUMBER: _ClassVar[int]
    HOLD_REASON_FIELD_NUMBER: _ClassVar[int]
    CLOSE_TIME_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_COUNT_FIELD_NUMBER: _ClassVar[int]
    LAST_CALLBACK_FIELD_NUMBER: _ClassVar[int]
    id: str
    community_id: str
    kind: TicketKind
    channel: TicketChannel
    category: str
    priority: TicketPriority
    emergency: bool
    unit_id: str
    public_area: str
    owner_id: str
    description: str
    attachments: _containers.RepeatedScalarFieldContainer[str]
    state: TicketState
    department: _directory_pb2.Department
    assignee_staff_id: str
    first_receiver_staff_id: str
    reporter_back_staff_id: str
    respond_by: _timestamp_pb2.Timestamp
    resolve_by: _timestamp_pb2.Timestamp
    responded_time: _timestamp_pb2.Timestamp
    resolved_time: _timestamp_pb2.Timestamp
    response_met: bool
    resolution_met: bool
    paused_duration: _duration_pb2.Duration
    reopen_count: int
    escalation_level: EscalationLevel
    compensation_involved: bool
    against_project_head: bool
    major: bool
    corrective_action: CorrectiveAction
    plugin_data: _containers.MessageMap[str, _struct_pb2.Struct]
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    special_callback_by: _timestamp_pb2.Timestamp
    hold_reason: str
    close_time: _timestamp_pb2.Timestamp
    callback_count: int
    last_callback: TicketCallback
    def __init__(self, id: _Optional[str] = ..., community_id: _Optional[str] = ..., kind: _Optional[_Union[TicketKind, str]] = ..., channel: _Optional[_Union[TicketChannel, str]] = ..., category: _Optional[str] = ..., priority: _Optional[_Union[TicketPriority, str]] = ..., emergency: _Optional[bool] = ..., unit_id: _Optional[str] = ..., public_area: _Optional[str] = ..., owner_id: _Optional[str] = ..., description: _Optional[str] = ..., attachments: _Optional[_Iterable[str]] = ..., state: _Optional[_Union[TicketState, str]] = ..., department: _Optional[_Union[_directory_pb2.Department, str]] = ..., assignee_staff_id: _Optional[str] = ..., first_receiver_staff_id: _Optional[str] = ..., reporter_back_staff_id: _Optional[str] = ..., respond_by: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolve_by: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., responded_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolved_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., response_met: _Optional[bool] = ..., resolution_met: _Optional[bool] = ..., paused_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., reopen_count: _Optional[int] = ..., escalation_level: _Optional[_Union[EscalationLevel, str]] = ..., compensation_involved: _Optional[bool] = ..., against_project_head: _Optional[bool] = ..., major: _Optional[bool] = ..., corrective_action: _Optional[_Union[CorrectiveAction, _Mapping]] = ..., plugin_data: _Optional[_Mapping[str, _struct_pb2.Struct]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., special_callback_by: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., hold_reason: _Optional[str] = ..., close_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., callback_count: _Optional[int] = ..., last_callback: _Optional[_Union[TicketCallback, _Mapping]] = ...) -> None: ...

class TicketHistoryEntry(_message.Message):
    __slots__ = ("id", "ticket_id", "action", "from_state", "to_state", "actor_staff_id", "reason", "note", "event_time", "department", "assignee_staff_id", "escalation_level")
    ID_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    FROM_STATE_FIELD_NUMBER: _ClassVar[int]
    TO_STATE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    ASSIGNEE_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    ESCALATION_LEVEL_FIELD_NUMBER: _ClassVar[int]
    id: str
    ticket_id: str
    action: TicketAction
    from_state: TicketState
    to_state: TicketState
    actor_staff_id: str
    reason: str
    note: str
    event_time: _timestamp_pb2.Timestamp
    department: _directory_pb2.Department
    assignee_staff_id: str
    escalation_level: EscalationLevel
    def __init__(self, id: _Optional[str] = ..., ticket_id: _Optional[str] = ..., action: _Optional[_Union[TicketAction, str]] = ..., from_state: _Optional[_Union[TicketState, str]] = ..., to_state: _Optional[_Union[TicketState, str]] = ..., actor_staff_id: _Optional[str] = ..., reason: _Optional[str] = ..., note: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., department: _Optional[_Union[_directory_pb2.Department, str]] = ..., assignee_staff_id: _Optional[str] = ..., escalation_level: _Optional[_Union[EscalationLevel, str]] = ...) -> None: ...

class CreateTicketRequest(_message.Message):
    __slots__ = ("ticket", "request_id")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    request_id: str
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateTicketResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ...) -> None: ...

class GetTicketRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetTicketResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ...) -> None: ...

class ListTicketsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListTicketsResponse(_message.Message):
    __slots__ = ("tickets", "next_page_token")
    TICKETS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tickets: _containers.RepeatedCompositeFieldContainer[Ticket]
    next_page_token: str
    def __init__(self, tickets: _Optional[_Iterable[_Union[Ticket, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateTicketRequest(_message.Message):
    __slots__ = ("ticket", "update_mask", "actor_staff_id")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    ACTOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    update_mask: _field_mask_pb2.FieldMask
    actor_staff_id: str
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., actor_staff_id: _Optional[str] = ...) -> None: ...

class UpdateTicketResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ...) -> None: ...

class DispatchTicketRequest(_message.Message):
    __slots__ = ("id", "etag", "actor_staff_id", "note", "department", "assignee_staff_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    ACTOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    ASSIGNEE_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    actor_staff_id: str
    note: str
    department: _directory_pb2.Department
    assignee_staff_id: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., actor_staff_id: _Optional[str] = ..., note: _Optional[str] = ..., department: _Optional[_Union[_directory_pb2.Department, str]] = ..., assignee_staff_id: _Optional[str] = ...) -> None: ...

class DispatchTicketResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ...) -> None: ...

class StartTicketRequest(_message.Message):
    __slots__ = ("id", "etag", "actor_staff_id", "note")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    ACTOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    actor_staff_id: str
    note: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., actor_staff_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class StartTicketResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ...) -> None: ...

class HoldTicketRequest(_message.Message):
    __slots__ = ("id", "etag", "actor_staff_id", "note", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    ACTOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    actor_staff_id: str
    note: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., actor_staff_id: _Optional[str] = ..., note: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class HoldTicketResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ...) -> None: ...

class ResumeTicketRequest(_message.Message):
    __slots__ = ("id", "etag", "actor_staff_id", "note")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    ACTOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    actor_staff_id: str
    note: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., actor_staff_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class ResumeTicketResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ...) -> None: ...

class ResolveTicketRequest(_message.Message):
    __slots__ = ("id", "etag", "actor_staff_id", "note")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    ACTOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    actor_staff_id: str
    note: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., actor_staff_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class ResolveTicketResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ...) -> None: ...

class RecordCallbackRequest(_message.Message):
    __slots__ = ("id", "etag", "actor_staff_id", "note", "satisfied", "score", "comment")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    ACTOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    SATISFIED_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    actor_staff_id: str
    note: str
    satisfied: bool
    score: int
    comment: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., actor_staff_id: _Optional[str] = ..., note: _Optional[str] = ..., satisfied: _Optional[bool] = ..., score: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class RecordCallbackResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ...) -> None: ...

class CloseTicketRequest(_message.Message):
    __slots__ = ("id", "etag", "actor_staff_id", "note", "corrective_action")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    ACTOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    CORRECTIVE_ACTION_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    actor_staff_id: str
    note: str
    corrective_action: CorrectiveAction
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., actor_staff_id: _Optional[str] = ..., note: _Optional[str] = ..., corrective_action: _Optional[_Union[CorrectiveAction, _Mapping]] = ...) -> None: ...

class CloseTicketResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ...) -> None: ...

class CancelTicketRequest(_message.Message):
    __slots__ = ("id", "etag", "actor_staff_id", "note", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    ACTOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    actor_staff_id: str
    note: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., actor_staff_id: _Optional[str] = ..., note: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CancelTicketResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ...) -> None: ...

class ReportDefectRecurrenceRequest(_message.Message):
    __slots__ = ("id", "etag", "actor_staff_id", "note")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    ACTOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    actor_staff_id: str
    note: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ..., actor_staff_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class ReportDefectRecurrenceResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: Ticket
    def __init__(self, ticket: _Optional[_Union[Ticket, _Mapping]] = ...) -> None: ...

class ListTicketHistoryRequest(_message.Message):
    __slots__ = ("ticket_id", "page_size", "page_token", "filter")
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    ticket_id: str
    page_size: int
    page_token: str
    filter: str
    def __init__(self, ticket_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListTicketHistoryResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[TicketHistoryEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[TicketHistoryEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListMyFirstContactTicketsRequest(_message.Message):
    __slots__ = ("staff_id", "page_size", "page_token", "filter")
    STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    staff_id: str
    page_size: int
    page_token: str
    filter: str
    def __init__(self, staff_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListMyFirstContactTicketsResponse(_message.Message):
    __slots__ = ("tickets", "next_page_token")
    TICKETS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tickets: _containers.RepeatedCompositeFieldContainer[Ticket]
    next_page_token: str
    def __init__(self, tickets: _Optional[_Iterable[_Union[Ticket, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DailyClosureItem(_message.Message):
    __slots__ = ("ticket_id", "reason", "responsible_staff_id", "owner_replied", "report_to_project_head", "state")
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_REPLIED_FIELD_NUMBER: _ClassVar[int]
    REPORT_TO_PROJECT_HEAD_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ticket_id: str
    reason: str
    responsible_staff_id: str
    owner_replied: bool
    report_to_project_head: bool
    state: TicketState
    def __init__(self, ticket_id: _Optional[str] = ..., reason: _Optional[str] = ..., responsible_staff_id: _Optional[str] = ..., owner_replied: _Optional[bool] = ..., report_to_project_head: _Optional[bool] = ..., state: _Optional[_Union[TicketState, str]] = ...) -> None: ...

class DailyClosure(_message.Message):
    __slots__ = ("community_id", "date", "received_count", "closed_same_day_count", "carried_over", "as_of_time", "received_ticket_ids", "closed_ticket_ids", "stored")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_COUNT_FIELD_NUMBER: _ClassVar[int]
    CLOSED_SAME_DAY_COUNT_FIELD_NUMBER: _ClassVar[int]
    CARRIED_OVER_FIELD_NUMBER: _ClassVar[int]
    AS_OF_TIME_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_TICKET_IDS_FIELD_NUMBER: _ClassVar[int]
    CLOSED_TICKET_IDS_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    date: _date_pb2.Date
    received_count: int
    closed_same_day_count: int
    carried_over: _containers.RepeatedCompositeFieldContainer[DailyClosureItem]
    as_of_time: _timestamp_pb2.Timestamp
    received_ticket_ids: _containers.RepeatedScalarFieldContainer[str]
    closed_ticket_ids: _containers.RepeatedScalarFieldContainer[str]
    stored: bool
    def __init__(self, community_id: _Optional[str] = ..., date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., received_count: _Optional[int] = ..., closed_same_day_count: _Optional[int] = ..., carried_over: _Optional[_Iterable[_Union[DailyClosureItem, _Mapping]]] = ..., as_of_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., received_ticket_ids: _Optional[_Iterable[str]] = ..., closed_ticket_ids: _Optional[_Iterable[str]] = ..., stored: _Optional[bool] = ...) -> None: ...

class GetDailyClosureRequest(_message.Message):
    __slots__ = ("community_id", "date")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    date: _date_pb2.Date
    def __init__(self, community_id: _Optional[str] = ..., date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ...) -> None: ...

class GetDailyClosureResponse(_message.Message):
    __slots__ = ("closure",)
    CLOSURE_FIELD_NUMBER: _ClassVar[int]
    closure: DailyClosure
    def __init__(self, closure: _Optional[_Union[DailyClosure, _Mapping]] = ...) -> None: ...

class TicketFigures(_message.Message):
    __slots__ = ("ticket_count", "response_met_rate", "resolution_met_rate", "same_day_closure_rate", "reopen_rate", "callback_coverage", "callback_satisfaction", "average_callback_score", "counted_count", "response_decided_count", "resolution_decided_count", "resolved_count", "callback_count")
    TICKET_COUNT_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_MET_RATE_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_MET_RATE_FIELD_NUMBER: _ClassVar[int]
    SAME_DAY_CLOSURE_RATE_FIELD_NUMBER: _ClassVar[int]
    REOPEN_RATE_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_COVERAGE_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_SATISFACTION_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_CALLBACK_SCORE_FIELD_NUMBER: _ClassVar[int]
    COUNTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_DECIDED_COUNT_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_DECIDED_COUNT_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_COUNT_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_COUNT_FIELD_NUMBER: _ClassVar[int]
    ticket_count: int
    response_met_rate: float
    resolution_met_rate: float
    same_day_closure_rate: float
    reopen_rate: float
    callback_coverage: float
    callback_satisfaction: float
    average_callback_score: float
    counted_count: int
    response_decided_count: int
    resolution_decided_count: int
    resolved_count: int
    callback_count: int
    def __init__(self, ticket_count: _Optional[int] = ..., response_met_rate: _Optional[float] = ..., resolution_met_rate: _Optional[float] = ..., same_day_closure_rate: _Optional[float] = ..., reopen_rate: _Optional[float] = ..., callback_coverage: _Optional[float] = ..., callback_satisfaction: _Optional[float] = ..., average_callback_score: _Optional[float] = ..., counted_count: _Optional[int] = ..., response_decided_count: _Optional[int] = ..., resolution_decided_count: _Optional[int] = ..., resolved_count: _Optional[int] = ..., callback_count: _Optional[int] = ...) -> None: ...

class TicketFiguresGroup(_message.Message):
    __slots__ = ("key", "figures")
    KEY_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    key: str
    figures: TicketFigures
    def __init__(self, key: _Optional[str] = ..., figures: _Optional[_Union[TicketFigures, _Mapping]] = ...) -> None: ...

class GetTicketFiguresRequest(_message.Message):
    __slots__ = ("community_id", "region_id", "start_date", "end_date", "department", "kind", "group_by")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    region_id: str
    start_date: _date_pb2.Date
    end_date: _date_pb2.Date
    department: _directory_pb2.Department
    kind: TicketKind
    group_by: TicketFiguresGrouping
    def __init__(self, community_id: _Optional[str] = ..., region_id: _Optional[str] = ..., start_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., end_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., department: _Optional[_Union[_directory_pb2.Department, str]] = ..., kind: _Optional[_Union[TicketKind, str]] = ..., group_by: _Optional[_Union[TicketFiguresGrouping, str]] = ...) -> None: ...

class GetTicketFiguresResponse(_message.Message):
    __slots__ = ("figures", "groups")
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    figures: TicketFigures
    groups: _containers.RepeatedCompositeFieldContainer[TicketFiguresGroup]
    def __init__(self, figures: _Optional[_Union[TicketFigures, _Mapping]] = ..., groups: _Optional[_Iterable[_Union[TicketFiguresGroup, _Mapping]]] = ...) -> None: ...

class TicketEvent(_message.Message):
    __slots__ = ("id", "type", "ticket_id", "community_id", "event_time", "ticket", "history_entry", "deadline", "callback")
    ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    TICKET_FIELD_NUMBER: _ClassVar[int]
    HISTORY_ENTRY_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_FIELD_NUMBER: _ClassVar[int]
    id: str
    type: str
    ticket_id: str
    community_id: str
    event_time: _timestamp_pb2.Timestamp
    ticket: Ticket
    history_entry: TicketHistoryEntry
    deadline: str
    callback: TicketCallback
    def __init__(self, id: _Optional[str] = ..., type: _Optional[str] = ..., ticket_id: _Optional[str] = ..., community_id: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ticket: _Optional[_Union[Ticket, _Mapping]] = ..., history_entry: _Optional[_Union[TicketHistoryEntry, _Mapping]] = ..., deadline: _Optional[str] = ..., callback: _Optional[_Union[TicketCallback, _Mapping]] = ...) -> None: ...

class WatchEventsRequest(_message.Message):
    __slots__ = ("resume_token", "filter")
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    resume_token: str
    filter: str
    def __init__(self, resume_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class WatchEventsResponse(_message.Message):
    __slots__ = ("event", "resume_token")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    event: TicketEvent
    resume_token: str
    def __init__(self, event: _Optional[_Union[TicketEvent, _Mapping]] = ..., resume_token: _Optional[str] = ...) -> None: ...

class ListTicketCallbacksRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListTicketCallbacksResponse(_message.Message):
    __slots__ = ("callbacks", "next_page_token")
    CALLBACKS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    callbacks: _containers.RepeatedCompositeFieldContainer[TicketCallback]
    next_page_token: str
    def __init__(self, callbacks: _Optional[_Iterable[_Union[TicketCallback, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CompleteTicketCallbackRequest(_message.Message):
    __slots__ = ("id", "actor_staff_id", "satisfied", "score", "comment")
    ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    SATISFIED_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    id: str
    actor_staff_id: str
    satisfied: bool
    score: int
    comment: str
    def __init__(self, id: _Optional[str] = ..., actor_staff_id: _Optional[str] = ..., satisfied: _Optional[bool] = ..., score: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class CompleteTicketCallbackResponse(_message.Message):
    __slots__ = ("callback",)
    CALLBACK_FIELD_NUMBER: _ClassVar[int]
    callback: TicketCallback
    def __init__(self, callback: _Optional[_Union[TicketCallback, _Mapping]] = ...) -> None: ...

class TicketCategories(_message.Message):
    __slots__ = ("community_id", "categories", "customized", "etag")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    CUSTOMIZED_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    categories: _containers.RepeatedScalarFieldContainer[str]
    customized: bool
    etag: str
    def __init__(self, community_id: _Optional[str] = ..., categories: _Optional[_Iterable[str]] = ..., customized: _Optional[bool] = ..., etag: _Optional[str] = ...) -> None: ...

class GetTicketCategoriesRequest(_message.Message):
    __slots__ = ("community_id",)
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    def __init__(self, community_id: _Optional[str] = ...) -> None: ...

class GetTicketCategoriesResponse(_message.Message):
    __slots__ = ("categories",)
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    categories: TicketCategories
    def __init__(self, categories: _Optional[_Union[TicketCategories, _Mapping]] = ...) -> None: ...

class UpdateTicketCategoriesRequest(_message.Message):
    __slots__ = ("categories",)
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    categories: TicketCategories
    def __init__(self, categories: _Optional[_Union[TicketCategories, _Mapping]] = ...) -> None: ...

class UpdateTicketCategoriesResponse(_message.Message):
    __slots__ = ("categories",)
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    categories: TicketCategories
    def __init__(self, categories: _Optional[_Union[TicketCategories, _Mapping]] = ...) -> None: ...
