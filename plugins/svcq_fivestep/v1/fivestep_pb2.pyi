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

class WorkPurpose(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WORK_PURPOSE_UNSPECIFIED: _ClassVar[WorkPurpose]
    WORK_PURPOSE_WELCOME_VISIT: _ClassVar[WorkPurpose]
    WORK_PURPOSE_LOAD_CHECK: _ClassVar[WorkPurpose]
    WORK_PURPOSE_HOUSEWARMING: _ClassVar[WorkPurpose]
    WORK_PURPOSE_HELP_VISIT: _ClassVar[WorkPurpose]
    WORK_PURPOSE_EXPECTANT_CARE: _ClassVar[WorkPurpose]
    WORK_PURPOSE_RETURN_VISIT: _ClassVar[WorkPurpose]

class ClearanceReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CLEARANCE_REASON_UNSPECIFIED: _ClassVar[ClearanceReason]
    CLEARANCE_REASON_PASSED: _ClassVar[ClearanceReason]
    CLEARANCE_REASON_FAILED: _ClassVar[ClearanceReason]
    CLEARANCE_REASON_NO_CHECK: _ClassVar[ClearanceReason]
    CLEARANCE_REASON_EXPIRED: _ClassVar[ClearanceReason]
WORK_PURPOSE_UNSPECIFIED: WorkPurpose
WORK_PURPOSE_WELCOME_VISIT: WorkPurpose
WORK_PURPOSE_LOAD_CHECK: WorkPurpose
WORK_PURPOSE_HOUSEWARMING: WorkPurpose
WORK_PURPOSE_HELP_VISIT: WorkPurpose
WORK_PURPOSE_EXPECTANT_CARE: WorkPurpose
WORK_PURPOSE_RETURN_VISIT: WorkPurpose
CLEARANCE_REASON_UNSPECIFIED: ClearanceReason
CLEARANCE_REASON_PASSED: ClearanceReason
CLEARANCE_REASON_FAILED: ClearanceReason
CLEARANCE_REASON_NO_CHECK: ClearanceReason
CLEARANCE_REASON_EXPIRED: ClearanceReason

class KnowledgeCheck(_message.Message):
    __slots__ = ("id", "community_id", "staff_id", "examiner_staff_id", "passed", "score", "note", "check_time")
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    EXAMINER_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    CHECK_TIME_FIELD_NUMBER: _ClassVar[int]
    id: str
    community_id: str
    staff_id: str
    examiner_staff_id: str
    passed: bool
    score: int
    note: str
    check_time: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., community_id: _Optional[str] = ..., staff_id: _Optional[str] = ..., examiner_staff_id: _Optional[str] = ..., passed: _Optional[bool] = ..., score: _Optional[int] = ..., note: _Optional[str] = ..., check_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RecordKnowledgeCheckRequest(_message.Message):
    __slots__ = ("check", "request_id")
    CHECK_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    check: KnowledgeCheck
    request_id: str
    def __init__(self, check: _Optional[_Union[KnowledgeCheck, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class RecordKnowledgeCheckResponse(_message.Message):
    __slots__ = ("check",)
    CHECK_FIELD_NUMBER: _ClassVar[int]
    check: KnowledgeCheck
    def __init__(self, check: _Optional[_Union[KnowledgeCheck, _Mapping]] = ...) -> None: ...

class GetWorkAloneClearanceRequest(_message.Message):
    __slots__ = ("community_id", "staff_id")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    staff_id: str
    def __init__(self, community_id: _Optional[str] = ..., staff_id: _Optional[str] = ...) -> None: ...

class GetWorkAloneClearanceResponse(_message.Message):
    __slots__ = ("cleared", "reason", "latest_check", "expire_time")
    CLEARED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    LATEST_CHECK_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    cleared: bool
    reason: ClearanceReason
    latest_check: KnowledgeCheck
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, cleared: _Optional[bool] = ..., reason: _Optional[_Union[ClearanceReason, str]] = ..., latest_check: _Optional[_Union[KnowledgeCheck, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StarCustomer(_message.Message):
    __slots__ = ("owner_id", "points", "stars", "rank")
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    owner_id: str
    points: int
    stars: int
    rank: int
    def __init__(self, owner_id: _Optional[str] = ..., points: _Optional[int] = ..., stars: _Optional[int] = ..., rank: _Optional[int] = ...) -> None: ...

class ListStarCustomersRequest(_message.Message):
    __slots__ = ("community_id", "min_stars", "limit")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    MIN_STARS_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    min_stars: int
    limit: int
    def __init__(self, community_id: _Optional[str] = ..., min_stars: _Optional[int] = ..., limit: _Optional[int] = ...) -> None: ...

class ListStarCustomersResponse(_message.Message):
    __slots__ = ("customers",)
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    customers: _containers.RepeatedCompositeFieldContainer[StarCustomer]
    def __init__(self, customers: _Optional[_Iterable[_Union[StarCustomer, _Mapping]]] = ...) -> None: ...

class HolidayGreeting(_message.Message):
    __slots__ = ("date", "name", "owner_ids")
    DATE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_IDS_FIELD_NUMBER: _ClassVar[int]
    date: _date_pb2.Date
    name: str
    owner_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., name: _Optional[str] = ..., owner_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ListHolidayGreetingsRequest(_message.Message):
    __slots__ = ("community_id", "date")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    date: _date_pb2.Date
    def __init__(self, community_id: _Optional[str] = ..., date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ...) -> None: ...

class ListHolidayGreetingsResponse(_message.Message):
    __slots__ = ("greetings",)
    GREETINGS_FIELD_NUMBER: _ClassVar[int]
    greetings: _containers.RepeatedCompositeFieldContainer[HolidayGreeting]
    def __init__(self, greetings: _Optional[_Iterable[_Union[HolidayGreeting, _Mapping]]] = ...) -> None: ...

class WorkItem(_message.Message):
    __slots__ = ("purpose", "ticket_id", "due_date", "staff_id")
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    purpose: WorkPurpose
    ticket_id: str
    due_date: _date_pb2.Date
    staff_id: str
    def __init__(self, purpose: _Optional[_Union[WorkPurpose, str]] = ..., ticket_id: _Optional[str] = ..., due_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., staff_id: _Optional[str] = ...) -> None: ...

class WelcomePack(_message.Message):
    __slots__ = ("unit_id", "moved_in_on", "items")
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    MOVED_IN_ON_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    unit_id: str
    moved_in_on: _date_pb2.Date
    items: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, unit_id: _Optional[str] = ..., moved_in_on: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., items: _Optional[_Iterable[str]] = ...) -> None: ...

class GetWelcomePackRequest(_message.Message):
    __slots__ = ("community_id", "owner_id")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    owner_id: str
    def __init__(self, community_id: _Optional[str] = ..., owner_id: _Optional[str] = ...) -> None: ...

class GetWelcomePackResponse(_message.Message):
    __slots__ = ("packs", "work_items")
    PACKS_FIELD_NUMBER: _ClassVar[int]
    WORK_ITEMS_FIELD_NUMBER: _ClassVar[int]
    packs: _containers.RepeatedCompositeFieldContainer[WelcomePack]
    work_items: _containers.RepeatedCompositeFieldContainer[WorkItem]
    def __init__(self, packs: _Optional[_Iterable[_Union[WelcomePack, _Mapping]]] = ..., work_items: _Optional[_Iterable[_Union[WorkItem, _Mapping]]] = ...) -> None: ...
