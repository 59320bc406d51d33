import datetime

from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PluginState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PLUGIN_STATE_UNSPECIFIED: _ClassVar[PluginState]
    PLUGIN_STATE_LOADED: _ClassVar[PluginState]
    PLUGIN_STATE_FAILED: _ClassVar[PluginState]
PLUGIN_STATE_UNSPECIFIED: PluginState
PLUGIN_STATE_LOADED: PluginState
PLUGIN_STATE_FAILED: PluginState

class ConfigProblem(_message.Message):
    __slots__ = ("field", "description")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    field: str
    description: str
    def __init__(self, field: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class PluginSetting(_message.Message):
    __slots__ = ("key", "type", "default_value", "description")
    KEY_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_VALUE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    key: str
    type: str
    default_value: _struct_pb2.Value
    description: str
    def __init__(self, key: _Optional[str] = ..., type: _Optional[str] = ..., default_value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., description: _Optional[str] = ...) -> None: ...

class PluginEnablement(_message.Message):
    __slots__ = ("everywhere", "region_ids", "community_ids")
    EVERYWHERE_FIELD_NUMBER: _ClassVar[int]
    REGION_IDS_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_IDS_FIELD_NUMBER: _ClassVar[int]
    everywhere: bool
    region_ids: _containers.RepeatedScalarFieldContainer[str]
    community_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, everywhere: _Optional[bool] = ..., region_ids: _Optional[_Iterable[str]] = ..., community_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class Plugin(_message.Message):
    __slots__ = ("name", "distribution", "version", "state", "load_error", "required", "enablement", "declared_settings", "settings", "runs_in_community", "service_names", "cli_commands", "jobs", "conflicts_with", "pending_hook_failures")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    LOAD_ERROR_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    ENABLEMENT_FIELD_NUMBER: _ClassVar[int]
    DECLARED_SETTINGS_FIELD_NUMBER: _ClassVar[int]
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    RUNS_IN_COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    SERVICE_NAMES_FIELD_NUMBER: _ClassVar[int]
    CLI_COMMANDS_FIELD_NUMBER: _ClassVar[int]
    JOBS_FIELD_NUMBER: _ClassVar[int]
    CONFLICTS_WITH_FIELD_NUMBER: _ClassVar[int]
    PENDING_HOOK_FAILURES_FIELD_NUMBER: _ClassVar[int]
    name: str
    distribution: str
    version: str
    state: PluginState
    load_error: str
    required: bool
    enablement: PluginEnablement
    declared_settings: _containers.RepeatedCompositeFieldContainer[PluginSetting]
    settings: _struct_pb2.Struct
    runs_in_community: bool
    service_names: _containers.RepeatedScalarFieldContainer[str]
    cli_commands: _containers.RepeatedScalarFieldContainer[str]
    jobs: _containers.RepeatedScalarFieldContainer[str]
    conflicts_with: _containers.RepeatedScalarFieldContainer[str]
    pending_hook_failures: int
    def __init__(self, name: _Optional[str] = ..., distribution: _Optional[str] = ..., version: _Optional[str] = ..., state: _Optional[_Union[PluginState, str]] = ..., load_error: _Optional[str] = ..., required: _Optional[bool] = ..., enablement: _Optional[_Union[PluginEnablement, _Mapping]] = ..., declared_settings: _Optional[_Iterable[_Union[PluginSetting, _Mapping]]] = ..., settings: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., runs_in_community: _Optional[bool] = ..., service_names: _Optional[_Iterable[str]] = ..., cli_commands: _Optional[_Iterable[str]] = ..., jobs: _Optional[_Iterable[str]] = ..., conflicts_with: _Optional[_Iterable[str]] = ..., pending_hook_failures: _Optional[int] = ...) -> None: ...

class ReloadConfigRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ReloadConfigResponse(_message.Message):
    __slots__ = ("source", "reload_time")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    RELOAD_TIME_FIELD_NUMBER: _ClassVar[int]
    source: str
    reload_time: _timestamp_pb2.Timestamp
    def __init__(self, source: _Optional[str] = ..., reload_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ValidateConfigRequest(_message.Message):
    __slots__ = ("config_toml",)
    CONFIG_TOML_FIELD_NUMBER: _ClassVar[int]
    config_toml: str
    def __init__(self, config_toml: _Optional[str] = ...) -> None: ...

class ValidateConfigResponse(_message.Message):
    __slots__ = ("valid", "problems")
    VALID_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    valid: bool
    problems: _containers.RepeatedCompositeFieldContainer[ConfigProblem]
    def __init__(self, valid: _Optional[bool] = ..., problems: _Optional[_Iterable[_Union[ConfigProblem, _Mapping]]] = ...) -> None: ...

class ListPluginsRequest(_message.Message):
    __slots__ = ("community_id",)
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    def __init__(self, community_id: _Optional[str] = ...) -> None: ...

class ListPluginsResponse(_message.Message):
    __slots__ = ("plugins",)
    PLUGINS_FIELD_NUMBER: _ClassVar[int]
    plugins: _containers.RepeatedCompositeFieldContainer[Plugin]
    def __init__(self, plugins: _Optional[_Iterable[_Union[Plugin, _Mapping]]] = ...) -> None: ...

class RetryHookFailuresRequest(_message.Message):
    __slots__ = ("plugin", "limit")
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    plugin: str
    limit: int
    def __init__(self, plugin: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class RetryHookFailuresResponse(_message.Message):
    __slots__ = ("succeeded", "failed", "skipped")
    SUCCEEDED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    succeeded: int
    failed: int
    skipped: int
    def __init__(self, succeeded: _Optional[int] = ..., failed: _Optional[int] = ..., skipped: _Optional[int] = ...) -> None: ...
