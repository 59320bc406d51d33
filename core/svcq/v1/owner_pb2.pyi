import datetime

from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import date_pb2 as _date_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OwnerRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OWNER_ROLE_UNSPECIFIED: _ClassVar[OwnerRole]
    OWNER_ROLE_OWNER: _ClassVar[OwnerRole]
    OWNER_ROLE_TENANT: _ClassVar[OwnerRole]
    OWNER_ROLE_FAMILY_MEMBER: _ClassVar[OwnerRole]

class CareFlag(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CARE_FLAG_UNSPECIFIED: _ClassVar[CareFlag]
    CARE_FLAG_ELDERLY: _ClassVar[CareFlag]
    CARE_FLAG_DISABLED: _ClassVar[CareFlag]
    CARE_FLAG_EXPECTANT_MOTHER: _ClassVar[CareFlag]
    CARE_FLAG_NEEDS_HELP: _ClassVar[CareFlag]

class CustomerIdentity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CUSTOMER_IDENTITY_UNSPECIFIED: _ClassVar[CustomerIdentity]
    CUSTOMER_IDENTITY_RESIDENT: _ClassVar[CustomerIdentity]
    CUSTOMER_IDENTITY_COLLEAGUE: _ClassVar[CustomerIdentity]
    CUSTOMER_IDENTITY_PARTNER: _ClassVar[CustomerIdentity]
    CUSTOMER_IDENTITY_DEVELOPER: _ClassVar[CustomerIdentity]

class OwnerState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OWNER_STATE_UNSPECIFIED: _ClassVar[OwnerState]
    OWNER_STATE_ACTIVE: _ClassVar[OwnerState]
    OWNER_STATE_ARCHIVED: _ClassVar[OwnerState]
OWNER_ROLE_UNSPECIFIED: OwnerRole
OWNER_ROLE_OWNER: OwnerRole
OWNER_ROLE_TENANT: OwnerRole
OWNER_ROLE_FAMILY_MEMBER: OwnerRole
CARE_FLAG_UNSPECIFIED: CareFlag
CARE_FLAG_ELDERLY: CareFlag
CARE_FLAG_DISABLED: CareFlag
CARE_FLAG_EXPECTANT_MOTHER: CareFlag
CARE_FLAG_NEEDS_HELP: CareFlag
CUSTOMER_IDENTITY_UNSPECIFIED: CustomerIdentity
CUSTOMER_IDENTITY_RESIDENT: CustomerIdentity
CUSTOMER_IDENTITY_COLLEAGUE: CustomerIdentity
CUSTOMER_IDENTITY_PARTNER: CustomerIdentity
CUSTOMER_IDENTITY_DEVELOPER: CustomerIdentity
OWNER_STATE_UNSPECIFIED: OwnerState
OWNER_STATE_ACTIVE: OwnerState
OWNER_STATE_ARCHIVED: OwnerState

class OwnerUnit(_message.Message):
    __slots__ = ("unit_id", "role", "move_in_date", "transfer_date")
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    MOVE_IN_DATE_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_DATE_FIELD_NUMBER: _ClassVar[int]
    unit_id: str
    role: OwnerRole
    move_in_date: _date_pb2.Date
    transfer_date: _date_pb2.Date
    def __init__(self, unit_id: _Optional[str] = ..., role: _Optional[_Union[OwnerRole, str]] = ..., move_in_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., transfer_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ...) -> None: ...

class Appliance(_message.Message):
    __slots__ = ("name", "model", "power_watts")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    POWER_WATTS_FIELD_NUMBER: _ClassVar[int]
    name: str
    model: str
    power_watts: int
    def __init__(self, name: _Optional[str] = ..., model: _Optional[str] = ..., power_watts: _Optional[int] = ...) -> None: ...

class PersonalNeed(_message.Message):
    __slots__ = ("id", "text", "recorded_by_staff_id", "record_time")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    RECORD_TIME_FIELD_NUMBER: _ClassVar[int]
    id: str
    text: str
    recorded_by_staff_id: str
    record_time: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., text: _Optional[str] = ..., recorded_by_staff_id: _Optional[str] = ..., record_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Owner(_message.Message):
    __slots__ = ("id", "community_id", "display_name", "other_names", "phones", "plates", "units", "tags", "notes", "care_flags", "appliances", "personal_needs", "identity", "state", "plugin_data", "create_time", "update_time", "delete_time", "etag")
    class PluginDataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _struct_pb2.Struct
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    OTHER_NAMES_FIELD_NUMBER: _ClassVar[int]
    PHONES_FIELD_NUMBER: _ClassVar[int]
    PLATES_FIELD_NUMBER: _ClassVar[int]
    UNITS_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    CARE_FLAGS_FIELD_NUMBER: _ClassVar[int]
    APPLIANCES_FIELD_NUMBER: _ClassVar[int]
    PERSONAL_NEEDS_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_DATA_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    DELETE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    id: str
    community_id: str
    display_name: str
    other_names: _containers.RepeatedScalarFieldContainer[str]
    phones: _containers.RepeatedScalarFieldContainer[str]
    plates: _containers.RepeatedScalarFieldContainer[str]
    units: _containers.RepeatedCompositeFieldContainer[OwnerUnit]
    tags: _containers.RepeatedScalarFieldContainer[str]
    notes: str
    care_flags: _containers.RepeatedScalarFieldContainer[CareFlag]
    appliances: _containers.RepeatedCompositeFieldContainer[Appliance]
    personal_needs: _containers.RepeatedCompositeFieldContainer[PersonalNeed]
    identity: CustomerIdentity
    state: OwnerState
    plugin_data: _containers.MessageMap[str, _struct_pb2.Struct]
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    delete_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, id: _Optional[str] = ..., community_id: _Optional[str] = ..., display_name: _Optional[str] = ..., other_names: _Optional[_Iterable[str]] = ..., phones: _Optional[_Iterable[str]] = ..., plates: _Optional[_Iterable[str]] = ..., units: _Optional[_Iterable[_Union[OwnerUnit, _Mapping]]] = ..., tags: _Optional[_Iterable[str]] = ..., notes: _Optional[str] = ..., care_flags: _Optional[_Iterable[_Union[CareFlag, str]]] = ..., appliances: _Optional[_Iterable[_Union[Appliance, _Mapping]]] = ..., personal_needs: _Optional[_Iterable[_Union[PersonalNeed, _Mapping]]] = ..., identity: _Optional[_Union[CustomerIdentity, str]] = ..., state: _Optional[_Union[OwnerState, str]] = ..., plugin_data: _Optional[_Mapping[str, _struct_pb2.Struct]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., delete_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class CreateOwnerRequest(_message.Message):
    __slots__ = ("owner", "request_id")
    OWNER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    owner: Owner
    request_id: str
    def __init__(self, owner: _Optional[_Union[Owner, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateOwnerResponse(_message.Message):
    __slots__ = ("owner",)
    OWNER_FIELD_NUMBER: _ClassVar[int]
    owner: Owner
    def __init__(self, owner: _Optional[_Union[Owner, _Mapping]] = ...) -> None: ...

class GetOwnerRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetOwnerResponse(_message.Message):
    __slots__ = ("owner",)
    OWNER_FIELD_NUMBER: _ClassVar[int]
    owner: Owner
    def __init__(self, owner: _Optional[_Union[Owner, _Mapping]] = ...) -> None: ...

class ListOwnersRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter", "show_deleted")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    SHOW_DELETED_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: str
    show_deleted: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ..., show_deleted: _Optional[bool] = ...) -> None: ...

class ListOwnersResponse(_message.Message):
    __slots__ = ("owners", "next_page_token")
    OWNERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    owners: _containers.RepeatedCompositeFieldContainer[Owner]
    next_page_token: str
    def __init__(self, owners: _Optional[_Iterable[_Union[Owner, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateOwnerRequest(_message.Message):
    __slots__ = ("owner", "update_mask")
    OWNER_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    owner: Owner
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, owner: _Optional[_Union[Owner, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateOwnerResponse(_message.Message):
    __slots__ = ("owner",)
    OWNER_FIELD_NUMBER: _ClassVar[int]
    owner: Owner
    def __init__(self, owner: _Optional[_Union[Owner, _Mapping]] = ...) -> None: ...

class DeleteOwnerRequest(_message.Message):
    __slots__ = ("id", "etag")
    ID_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    id: str
    etag: str
    def __init__(self, id: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class DeleteOwnerResponse(_message.Message):
    __slots__ = ("owner",)
    OWNER_FIELD_NUMBER: _ClassVar[int]
    owner: Owner
    def __init__(self, owner: _Optional[_Union[Owner, _Mapping]] = ...) -> None: ...

class UndeleteOwnerRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class UndeleteOwnerResponse(_message.Message):
    __slots__ = ("owner",)
    OWNER_FIELD_NUMBER: _ClassVar[int]
    owner: Owner
    def __init__(self, owner: _Optional[_Union[Owner, _Mapping]] = ...) -> None: ...

class AddPersonalNeedRequest(_message.Message):
    __slots__ = ("owner_id", "text", "recorded_by_staff_id", "request_id")
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    owner_id: str
    text: str
    recorded_by_staff_id: str
    request_id: str
    def __init__(self, owner_id: _Optional[str] = ..., text: _Optional[str] = ..., recorded_by_staff_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class AddPersonalNeedResponse(_message.Message):
    __slots__ = ("owner",)
    OWNER_FIELD_NUMBER: _ClassVar[int]
    owner: Owner
    def __init__(self, owner: _Optional[_Union[Owner, _Mapping]] = ...) -> None: ...
