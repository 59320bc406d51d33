import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import date_pb2 as _date_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Zone(_message.Message):
    __slots__ = ("id", "community_id", "display_name", "building_ids", "create_time")
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    BUILDING_IDS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    id: str
    community_id: str
    display_name: str
    building_ids: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., community_id: _Optional[str] = ..., display_name: _Optional[str] = ..., building_ids: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ButlerAssignment(_message.Message):
    __slots__ = ("community_id", "butler_staff_id", "zone_id", "building_id", "assign_time")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    BUTLER_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    ZONE_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    ASSIGN_TIME_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    butler_staff_id: str
    zone_id: str
    building_id: str
    assign_time: _timestamp_pb2.Timestamp
    def __init__(self, community_id: _Optional[str] = ..., butler_staff_id: _Optional[str] = ..., zone_id: _Optional[str] = ..., building_id: _Optional[str] = ..., assign_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ButlerContact(_message.Message):
    __slots__ = ("unit_id", "building_id", "butler_staff_id", "display_name", "phone", "active")
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    BUTLER_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    unit_id: str
    building_id: str
    butler_staff_id: str
    display_name: str
    phone: str
    active: bool
    def __init__(self, unit_id: _Optional[str] = ..., building_id: _Optional[str] = ..., butler_staff_id: _Optional[str] = ..., display_name: _Optional[str] = ..., phone: _Optional[str] = ..., active: _Optional[bool] = ...) -> None: ...

class LoyalCustomer(_message.Message):
    __slots__ = ("community_id", "manager_staff_id", "owner_id", "add_time")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    MANAGER_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    ADD_TIME_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    manager_staff_id: str
    owner_id: str
    add_time: _timestamp_pb2.Timestamp
    def __init__(self, community_id: _Optional[str] = ..., manager_staff_id: _Optional[str] = ..., owner_id: _Optional[str] = ..., add_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Forum(_message.Message):
    __slots__ = ("id", "community_id", "held_on", "topic", "attendee_count", "create_time")
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    ATTENDEE_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    id: str
    community_id: str
    held_on: _date_pb2.Date
    topic: str
    attendee_count: int
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., community_id: _Optional[str] = ..., held_on: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., topic: _Optional[str] = ..., attendee_count: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ButlerVisits(_message.Message):
    __slots__ = ("butler_staff_id", "quota", "visits_done", "compliance_percent")
    BUTLER_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    VISITS_DONE_FIELD_NUMBER: _ClassVar[int]
    COMPLIANCE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    butler_staff_id: str
    quota: int
    visits_done: int
    compliance_percent: float
    def __init__(self, butler_staff_id: _Optional[str] = ..., quota: _Optional[int] = ..., visits_done: _Optional[int] = ..., compliance_percent: _Optional[float] = ...) -> None: ...

class ManagerLoyalty(_message.Message):
    __slots__ = ("staff_id", "loyal_customers", "below_minimum")
    STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    LOYAL_CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    BELOW_MINIMUM_FIELD_NUMBER: _ClassVar[int]
    staff_id: str
    loyal_customers: int
    below_minimum: bool
    def __init__(self, staff_id: _Optional[str] = ..., loyal_customers: _Optional[int] = ..., below_minimum: _Optional[bool] = ...) -> None: ...

class CreateZoneRequest(_message.Message):
    __slots__ = ("zone",)
    ZONE_FIELD_NUMBER: _ClassVar[int]
    zone: Zone
    def __init__(self, zone: _Optional[_Union[Zone, _Mapping]] = ...) -> None: ...

class CreateZoneResponse(_message.Message):
    __slots__ = ("zone",)
    ZONE_FIELD_NUMBER: _ClassVar[int]
    zone: Zone
    def __init__(self, zone: _Optional[_Union[Zone, _Mapping]] = ...) -> None: ...

class ListZonesRequest(_message.Message):
    __slots__ = ("community_id",)
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    def __init__(self, community_id: _Optional[str] = ...) -> None: ...

class ListZonesResponse(_message.Message):
    __slots__ = ("zones",)
    ZONES_FIELD_NUMBER: _ClassVar[int]
    zones: _containers.RepeatedCompositeFieldContainer[Zone]
    def __init__(self, zones: _Optional[_Iterable[_Union[Zone, _Mapping]]] = ...) -> None: ...

class AssignButlerRequest(_message.Message):
    __slots__ = ("assignment",)
    ASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    assignment: ButlerAssignment
    def __init__(self, assignment: _Optional[_Union[ButlerAssignment, _Mapping]] = ...) -> None: ...

class AssignButlerResponse(_message.Message):
    __slots__ = ("assignment",)
    ASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    assignment: ButlerAssignment
    def __init__(self, assignment: _Optional[_Union[ButlerAssignment, _Mapping]] = ...) -> None: ...

class ListButlerAssignmentsRequest(_message.Message):
    __slots__ = ("community_id",)
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    def __init__(self, community_id: _Optional[str] = ...) -> None: ...

class ListButlerAssignmentsResponse(_message.Message):
    __slots__ = ("assignments",)
    ASSIGNMENTS_FIELD_NUMBER: _ClassVar[int]
    assignments: _containers.RepeatedCompositeFieldContainer[ButlerAssignment]
    def __init__(self, assignments: _Optional[_Iterable[_Union[ButlerAssignment, _Mapping]]] = ...) -> None: ...

class GetButlerContactsRequest(_message.Message):
    __slots__ = ("community_id", "owner_id")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    owner_id: str
    def __init__(self, community_id: _Optional[str] = ..., owner_id: _Optional[str] = ...) -> None: ...

class GetButlerContactsResponse(_message.Message):
    __slots__ = ("contacts",)
    CONTACTS_FIELD_NUMBER: _ClassVar[int]
    contacts: _containers.RepeatedCompositeFieldContainer[ButlerContact]
    def __init__(self, contacts: _Optional[_Iterable[_Union[ButlerContact, _Mapping]]] = ...) -> None: ...

class AddLoyalCustomerRequest(_message.Message):
    __slots__ = ("loyal_customer",)
    LOYAL_CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    loyal_customer: LoyalCustomer
    def __init__(self, loyal_customer: _Optional[_Union[LoyalCustomer, _Mapping]] = ...) -> None: ...

class AddLoyalCustomerResponse(_message.Message):
    __slots__ = ("loyal_customer",)
    LOYAL_CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    loyal_customer: LoyalCustomer
    def __init__(self, loyal_customer: _Optional[_Union[LoyalCustomer, _Mapping]] = ...) -> None: ...

class RemoveLoyalCustomerRequest(_message.Message):
    __slots__ = ("community_id", "manager_staff_id", "owner_id")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    MANAGER_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    manager_staff_id: str
    owner_id: str
    def __init__(self, community_id: _Optional[str] = ..., manager_staff_id: _Optional[str] = ..., owner_id: _Optional[str] = ...) -> None: ...

class RemoveLoyalCustomerResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListLoyalCustomersRequest(_message.Message):
    __slots__ = ("community_id", "manager_staff_id")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    MANAGER_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    manager_staff_id: str
    def __init__(self, community_id: _Optional[str] = ..., manager_staff_id: _Optional[str] = ...) -> None: ...

class ListLoyalCustomersResponse(_message.Message):
    __slots__ = ("loyal_customers",)
    LOYAL_CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    loyal_customers: _containers.RepeatedCompositeFieldContainer[LoyalCustomer]
    def __init__(self, loyal_customers: _Optional[_Iterable[_Union[LoyalCustomer, _Mapping]]] = ...) -> None: ...

class RecordForumRequest(_message.Message):
    __slots__ = ("forum",)
    FORUM_FIELD_NUMBER: _ClassVar[int]
    forum: Forum
    def __init__(self, forum: _Optional[_Union[Forum, _Mapping]] = ...) -> None: ...

class RecordForumResponse(_message.Message):
    __slots__ = ("forum",)
    FORUM_FIELD_NUMBER: _ClassVar[int]
    forum: Forum
    def __init__(self, forum: _Optional[_Union[Forum, _Mapping]] = ...) -> None: ...

class ListForumsRequest(_message.Message):
    __slots__ = ("community_id",)
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    def __init__(self, community_id: _Optional[str] = ...) -> None: ...

class ListForumsResponse(_message.Message):
    __slots__ = ("forums",)
    FORUMS_FIELD_NUMBER: _ClassVar[int]
    forums: _containers.RepeatedCompositeFieldContainer[Forum]
    def __init__(self, forums: _Optional[_Iterable[_Union[Forum, _Mapping]]] = ...) -> None: ...

class GetStewardshipFiguresRequest(_message.Message):
    __slots__ = ("community_id", "week")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    WEEK_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    week: str
    def __init__(self, community_id: _Optional[str] = ..., week: _Optional[str] = ...) -> None: ...

class GetStewardshipFiguresResponse(_message.Message):
    __slots__ = ("week", "butlers", "visits_done", "visits_quota", "compliance_percent", "loyal_customer_minimum", "managers", "managers_below_minimum", "quarters_without_forum")
    WEEK_FIELD_NUMBER: _ClassVar[int]
    BUTLERS_FIELD_NUMBER: _ClassVar[int]
    VISITS_DONE_FIELD_NUMBER: _ClassVar[int]
    VISITS_QUOTA_FIELD_NUMBER: _ClassVar[int]
    COMPLIANCE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    LOYAL_CUSTOMER_MINIMUM_FIELD_NUMBER: _ClassVar[int]
    MANAGERS_FIELD_NUMBER: _ClassVar[int]
    MANAGERS_BELOW_MINIMUM_FIELD_NUMBER: _ClassVar[int]
    QUARTERS_WITHOUT_FORUM_FIELD_NUMBER: _ClassVar[int]
    week: str
    butlers: _containers.RepeatedCompositeFieldContainer[ButlerVisits]
    visits_done: int
    visits_quota: int
    compliance_percent: float
    loyal_customer_minimum: int
    managers: _containers.RepeatedCompositeFieldContainer[ManagerLoyalty]
    managers_below_minimum: int
    quarters_without_forum: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, week: _Optional[str] = ..., butlers: _Optional[_Iterable[_Union[ButlerVisits, _Mapping]]] = ..., visits_done: _Optional[int] = ..., visits_quota: _Optional[int] = ..., compliance_percent: _Optional[float] = ..., loyal_customer_minimum: _Optional[int] = ..., managers: _Optional[_Iterable[_Union[ManagerLoyalty, _Mapping]]] = ..., managers_below_minimum: _Optional[int] = ..., quarters_without_forum: _Optional[_Iterable[str]] = ...) -> None: ...
