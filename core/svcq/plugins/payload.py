"""Keep a reaction hook's arguments in the database so the hook can run again.

Hook arguments are the core's own records (dataclasses of svcq modules),
their enums, dates, datetimes, durations and JSON values. They are written as
JSON with tags for what JSON lacks. Decoding only rebuilds dataclasses and
enums defined in ``svcq`` modules: a row in the database must never be able to make the
server import or construct anything else (the reason not to use pickle).
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import json
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

_DATE, _DATETIME, _DURATION = "$date", "$datetime", "$seconds"
_RECORD, _FIELDS, _ENUM, _VALUE = "$record", "fields", "$enum", "value"
_TRUSTED_PREFIX = "svcq."


def encode(arguments: Mapping[str, Any]) -> str:
    """JSON text for ``arguments``; TypeError for a value it cannot keep."""
    return json.dumps({k: _encode(v) for k, v in arguments.items()}, ensure_ascii=False,
                      separators=(",", ":"), sort_keys=True)


def decode(text: str) -> dict[str, Any]:
    """The arguments :func:`encode` wrote; ValueError for anything untrusted."""
    return {k: _decode(v) for k, v in json.loads(text).items()}


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return {_ENUM: _qualified(type(value)), _VALUE: value.value}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, timedelta):
        return {_DURATION: value.total_seconds()}
    if isinstance(value, datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)
                  if f.init}
        return {_RECORD: _qualified(type(value)), _FIELDS: fields}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, Mapping) and all(isinstance(k, str) for k in value):
        return {k: _encode(v) for k, v in value.items()}
    raise TypeError(f"cannot keep a {type(value).__name__} for retry")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if _DATETIME in value:
        return datetime.fromisoformat(value[_DATETIME])
    if _DATE in value:
        return date.fromisoformat(value[_DATE])
    if _DURATION in value:
        return timedelta(seconds=value[_DURATION])
    if _ENUM in value:
        return _trusted(value[_ENUM], lambda t: issubclass(t, enum.Enum))(value[_VALUE])
    if _RECORD in value:
        cls = _trusted(value[_RECORD], dataclasses.is_dataclass)
        return cls(**{k: _decode(v) for k, v in value[_FIELDS].items()})
    return {k: _decode(v) for k, v in value.items()}


def _qualified(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def _trusted(name: str, kind: Any) -> Any:
    """The svcq class ``name`` names, if it is of the expected kind."""
    module_name, _, qualname = name.partition(":")
    if not module_name.startswith(_TRUSTED_PREFIX):
        raise ValueError(f"refusing to rebuild {name!r}: not an svcq type")
    target: Any = importlib.import_module(module_name)
    for part in qualname.split("."):
        target = getattr(target, part)
    if not (isinstance(target, type) and kind(target)):
        raise ValueError(f"refusing to rebuild {name!r}: not a dataclass or enum")
    return target
