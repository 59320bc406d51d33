import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import date_pb2 as _date_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RecordEtiquetteCheckRequest(_message.Message):
    __slots__ = ("community_id", "supervisor_staff_id", "inspect_time", "discipline")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    INSPECT_TIME_FIELD_NUMBER: _ClassVar[int]
    DISCIPLINE_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    supervisor_staff_id: str
    inspect_time: _timestamp_pb2.Timestamp
    discipline: str
    def __init__(self, community_id: _Optional[str] = ..., supervisor_staff_id: _Optional[str] = ..., inspect_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., discipline: _Optional[str] = ...) -> None: ...

class RecordEtiquetteCheckResponse(_message.Message):
    __slots__ = ("inspection_id", "shift_date", "shift_start")
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    SHIFT_DATE_FIELD_NUMBER: _ClassVar[int]
    SHIFT_START_FIELD_NUMBER: _ClassVar[int]
    inspection_id: str
    shift_date: _date_pb2.Date
    shift_start: str
    def __init__(self, inspection_id: _Optional[str] = ..., shift_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., shift_start: _Optional[str] = ...) -> None: ...

class GetEtiquetteFiguresRequest(_message.Message):
    __slots__ = ("community_id", "start_date", "end_date")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    start_date: _date_pb2.Date
    end_date: _date_pb2.Date
    def __init__(self, community_id: _Optional[str] = ..., start_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., end_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ...) -> None: ...

class SupervisorShifts(_message.Message):
    __slots__ = ("staff_id", "shift_count", "below_minimum_count", "check_count")
    STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    SHIFT_COUNT_FIELD_NUMBER: _ClassVar[int]
    BELOW_MINIMUM_COUNT_FIELD_NUMBER: _ClassVar[int]
    CHECK_COUNT_FIELD_NUMBER: _ClassVar[int]
    staff_id: str
    shift_count: int
    below_minimum_count: int
    check_count: int
    def __init__(self, staff_id: _Optional[str] = ..., shift_count: _Optional[int] = ..., below_minimum_count: _Optional[int] = ..., check_count: _Optional[int] = ...) -> None: ...

class GetEtiquetteFiguresResponse(_message.Message):
    __slots__ = ("minimum_per_shift", "shift_count", "below_minimum_count", "supervisors")
    MINIMUM_PER_SHIFT_FIELD_NUMBER: _ClassVar[int]
    SHIFT_COUNT_FIELD_NUMBER: _ClassVar[int]
    BELOW_MINIMUM_COUNT_FIELD_NUMBER: _ClassVar[int]
    SUPERVISORS_FIELD_NUMBER: _ClassVar[int]
    minimum_per_shift: int
    shift_count: int
    below_minimum_count: int
    supervisors: _containers.RepeatedCompositeFieldContainer[SupervisorShifts]
    def __init__(self, minimum_per_shift: _Optional[int] = ..., shift_count: _Optional[int] = ..., below_minimum_count: _Optional[int] = ..., supervisors: _Optional[_Iterable[_Union[SupervisorShifts, _Mapping]]] = ...) -> None: ...

class GetPatrolFiguresRequest(_message.Message):
    __slots__ = ("community_id", "start_date", "end_date")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    start_date: _date_pb2.Date
    end_date: _date_pb2.Date
    def __init__(self, community_id: _Optional[str] = ..., start_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., end_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ...) -> None: ...

class GetPatrolFiguresResponse(_message.Message):
    __slots__ = ("day_count", "days_without_patrol", "missed_dates")
    DAY_COUNT_FIELD_NUMBER: _ClassVar[int]
    DAYS_WITHOUT_PATROL_FIELD_NUMBER: _ClassVar[int]
    MISSED_DATES_FIELD_NUMBER: _ClassVar[int]
    day_count: int
    days_without_patrol: int
    missed_dates: _containers.RepeatedCompositeFieldContainer[_date_pb2.Date]
    def __init__(self, day_count: _Optional[int] = ..., days_without_patrol: _Optional[int] = ..., missed_dates: _Optional[_Iterable[_Union[_date_pb2.Date, _Mapping]]] = ...) -> None: ...

class GetServiceBulletinRequest(_message.Message):
    __slots__ = ("community_id", "year", "month")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    year: int
    month: int
    def __init__(self, community_id: _Optional[str] = ..., year: _Optional[int] = ..., month: _Optional[int] = ...) -> None: ...

class BulletinCategory(_message.Message):
    __slots__ = ("category", "count")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    category: str
    count: int
    def __init__(self, category: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class BulletinKind(_message.Message):
    __slots__ = ("kind", "count", "examples")
    KIND_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    EXAMPLES_FIELD_NUMBER: _ClassVar[int]
    kind: str
    count: int
    examples: _containers.RepeatedCompositeFieldContainer[BulletinCategory]
    def __init__(self, kind: _Optional[str] = ..., count: _Optional[int] = ..., examples: _Optional[_Iterable[_Union[BulletinCategory, _Mapping]]] = ...) -> None: ...

class GetServiceBulletinResponse(_message.Message):
    __slots__ = ("closed_count", "kinds", "lines")
    CLOSED_COUNT_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    closed_count: int
    kinds: _containers.RepeatedCompositeFieldContainer[BulletinKind]
    lines: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, closed_count: _Optional[int] = ..., kinds: _Optional[_Iterable[_Union[BulletinKind, _Mapping]]] = ..., lines: _Optional[_Iterable[str]] = ...) -> None: ...

class RequestFreeServiceRequest(_message.Message):
    __slots__ = ("community_id", "unit_id", "service", "staff_id", "owner_id")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    unit_id: str
    service: str
    staff_id: str
    owner_id: str
    def __init__(self, community_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., service: _Optional[str] = ..., staff_id: _Optional[str] = ..., owner_id: _Optional[str] = ...) -> None: ...

class RequestFreeServiceResponse(_message.Message):
    __slots__ = ("ticket_id", "year")
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    ticket_id: str
    year: int
    def __init__(self, ticket_id: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class GetTargetGapRequest(_message.Message):
    __slots__ = ("community_id", "start_date", "end_date")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    start_date: _date_pb2.Date
    end_date: _date_pb2.Date
    def __init__(self, community_id: _Optional[str] = ..., start_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., end_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ...) -> None: ...

class TargetGap(_message.Message):
    __slots__ = ("figure", "target", "actual", "gap", "met")
    FIGURE_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    ACTUAL_FIELD_NUMBER: _ClassVar[int]
    GAP_FIELD_NUMBER: _ClassVar[int]
    MET_FIELD_NUMBER: _ClassVar[int]
    figure: str
    target: float
    actual: float
    gap: float
    met: bool
    def __init__(self, figure: _Optional[str] = ..., target: _Optional[float] = ..., actual: _Optional[float] = ..., gap: _Optional[float] = ..., met: _Optional[bool] = ...) -> None: ...

class GetTargetGapResponse(_message.Message):
    __slots__ = ("gaps", "start_date", "end_date", "unmeasured")
    GAPS_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    UNMEASURED_FIELD_NUMBER: _ClassVar[int]
    gaps: _containers.RepeatedCompositeFieldContainer[TargetGap]
    start_date: _date_pb2.Date
    end_date: _date_pb2.Date
    unmeasured: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, gaps: _Optional[_Iterable[_Union[TargetGap, _Mapping]]] = ..., start_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., end_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., unmeasured: _Optional[_Iterable[str]] = ...) -> None: ...
