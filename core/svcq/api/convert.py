"""Protobuf <-> Python value conversions shared by every servicer."""

from __future__ import annotations

from datetime import UTC, date, datetime

from google.protobuf import timestamp_pb2
from google.protobuf.descriptor import EnumDescriptor
from google.protobuf.message import Message
from google.type import date_pb2, timeofday_pb2

from svcq.errors import FieldViolation, InvalidArgument, Violations


def timestamp(value: datetime | None) -> timestamp_pb2.Timestamp | None:
    """A stored naive-UTC datetime as a Timestamp (None stays unset)."""
    if value is None:
        return None
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None))
    return ts


def iso_timestamp(value: str) -> timestamp_pb2.Timestamp:
    return timestamp(datetime.fromisoformat(value))  # type: ignore[return-value]


def to_date(value: date | str | None) -> date_pb2.Date | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return date_pb2.Date(year=value.year, month=value.month, day=value.day)


#: Dates the API takes: every date svcq handles (move-ins, periods, closures) is
#: in this range, and the ends of Python's range overflow once a community's day
#: is turned into UTC instants (year 1 in UTC+8 starts in year 0).
MIN_DATE, MAX_DATE = date(1900, 1, 1), date(2199, 12, 31)


def from_date(v: Violations, path: str, msg: date_pb2.Date, present: bool) -> date | None:
    """A google.type.Date, or None when unset; a malformed or far-off one is a violation."""
    if not present or (msg.year == 0 and msg.month == 0 and msg.day == 0):
        return None
    try:
        value = date(msg.year, msg.month, msg.day)
    except ValueError:
        v.add(path, "not a valid calendar date")
        return None
    if not MIN_DATE <= value <= MAX_DATE:
        v.add(path, f"between {MIN_DATE} and {MAX_DATE}")
        return None
    return value


def from_timestamp(path: str, msg: timestamp_pb2.Timestamp, present: bool) -> datetime | None:
    """An aware UTC datetime, or None when unset; one outside years 1-9999 is refused.

    Timestamp carries any int64 of seconds; Python's datetime cannot hold most
    of them, and the conversion error would otherwise surface as INTERNAL.
    """
    if not present:
        return None
    try:
        return msg.ToDatetime(tzinfo=UTC)
    except (ValueError, OverflowError):
        raise InvalidArgument.one(path, "not a valid timestamp (years 1 to 9999)") from None


def minutes_of(v: Violations, path: str, msg: timeofday_pb2.TimeOfDay, default: int) -> int:
    if msg.ByteSize() == 0:
        return default
    if not (0 <= msg.hours <= 24 and 0 <= msg.minutes < 60) or msg.seconds or msg.nanos:
        v.add(path, "hours 0-24 and minutes 0-59, no seconds")
        return default
    return msg.hours * 60 + msg.minutes


def time_of_day(minutes: int) -> timeofday_pb2.TimeOfDay:
    return timeofday_pb2.TimeOfDay(hours=minutes // 60, minutes=minutes % 60)


def enum_name(descriptor: EnumDescriptor, number: int) -> str:
    """The proto enum value's name without its prefix, '' when unset, '?N' when unknown.

    Domain enums use the bare names (``ELDERLY``), and the domain reports an
    unknown or unset value against the field path it knows.
    """
    if number == 0:
        return ""
    value = descriptor.values_by_number.get(number)
    if value is None:
        return f"?{number}"
    prefix = descriptor.values[0].name.removesuffix("UNSPECIFIED")
    return value.name.removeprefix(prefix)


def enum_number(descriptor: EnumDescriptor, name: str) -> int:
    if not name:
        return 0
    prefix = descriptor.values[0].name.removesuffix("UNSPECIFIED")
    return descriptor.values_by_name[prefix + name].number


def nul_violations(message: Message, prefix: str = "") -> list[FieldViolation]:
    """Every string field (nested, repeated, map) of ``message`` that holds a NUL character.

    PostgreSQL cannot store NUL in text, and no name, id or note needs one, so
    the interceptor refuses such requests up front, the same on both backends.
    The serialized form is checked first: without a zero byte there is no NUL
    to find, which spares the walk for nearly every request.
    """
    if b"\x00" not in message.SerializeToString():
        return []
    found: list[FieldViolation] = []
    for field, value in message.ListFields():
        path = f"{prefix}{field.name}"
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            for key, item in value.items():
                if isinstance(key, str) and "\x00" in key:
                    found.append(FieldViolation(f"{path}[{key!r}]", "must not contain NUL"))
                if isinstance(item, str) and "\x00" in item:
                    found.append(FieldViolation(f"{path}[{key!r}]", "must not contain NUL"))
                elif isinstance(item, Message):
                    found += nul_violations(item, f"{path}[{key!r}].")
            continue
        items = list(value) if field.is_repeated else [value]
        for i, item in enumerate(items):
            at = f"{path}[{i}]" if field.is_repeated else path
            if isinstance(item, str) and "\x00" in item:
                found.append(FieldViolation(at, "must not contain NUL"))
            elif isinstance(item, Message):
                found += nul_violations(item, f"{at}.")
    return found
