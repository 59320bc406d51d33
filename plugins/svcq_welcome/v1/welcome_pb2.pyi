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

class StepState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STEP_STATE_UNSPECIFIED: _ClassVar[StepState]
    STEP_STATE_PENDING: _ClassVar[StepState]
    STEP_STATE_OVERDUE: _ClassVar[StepState]
    STEP_STATE_DONE: _ClassVar[StepState]
STEP_STATE_UNSPECIFIED: StepState
STEP_STATE_PENDING: StepState
STEP_STATE_OVERDUE: StepState
STEP_STATE_DONE: StepState

class WelcomeStep(_message.Message):
    __slots__ = ("id", "owner_id", "unit_id", "step", "moved_in_date", "due_date", "state", "ticket_id", "complete_time", "overdue_time")
    ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    MOVED_IN_DATE_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_TIME_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_TIME_FIELD_NUMBER: _ClassVar[int]
    id: str
    owner_id: str
    unit_id: str
    step: str
    moved_in_date: _date_pb2.Date
    due_date: _date_pb2.Date
    state: StepState
    ticket_id: str
    complete_time: _timestamp_pb2.Timestamp
    overdue_time: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., owner_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., step: _Optional[str] = ..., moved_in_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., due_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., state: _Optional[_Union[StepState, str]] = ..., ticket_id: _Optional[str] = ..., complete_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., overdue_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetWelcomeProgressRequest(_message.Message):
    __slots__ = ("community_id", "owner_id")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    owner_id: str
    def __init__(self, community_id: _Optional[str] = ..., owner_id: _Optional[str] = ...) -> None: ...

class GetWelcomeProgressResponse(_message.Message):
    __slots__ = ("steps", "done_count", "total_count")
    STEPS_FIELD_NUMBER: _ClassVar[int]
    DONE_COUNT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COUNT_FIELD_NUMBER: _ClassVar[int]
    steps: _containers.RepeatedCompositeFieldContainer[WelcomeStep]
    done_count: int
    total_count: int
    def __init__(self, steps: _Optional[_Iterable[_Union[WelcomeStep, _Mapping]]] = ..., done_count: _Optional[int] = ..., total_count: _Optional[int] = ...) -> None: ...

class ListOverdueStepsRequest(_message.Message):
    __slots__ = ("community_id",)
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    def __init__(self, community_id: _Optional[str] = ...) -> None: ...

class ListOverdueStepsResponse(_message.Message):
    __slots__ = ("steps",)
    STEPS_FIELD_NUMBER: _ClassVar[int]
    steps: _containers.RepeatedCompositeFieldContainer[WelcomeStep]
    def __init__(self, steps: _Optional[_Iterable[_Union[WelcomeStep, _Mapping]]] = ...) -> None: ...

class CompleteStepRequest(_message.Message):
    __slots__ = ("community_id", "step_id")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    STEP_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    step_id: str
    def __init__(self, community_id: _Optional[str] = ..., step_id: _Optional[str] = ...) -> None: ...

class CompleteStepResponse(_message.Message):
    __slots__ = ("step",)
    STEP_FIELD_NUMBER: _ClassVar[int]
    step: WelcomeStep
    def __init__(self, step: _Optional[_Union[WelcomeStep, _Mapping]] = ...) -> None: ...
