"""Reading a table of svcq.toml, naming every problem by its dotted key.

Every part of the configuration is read by this one reader: the core
sections (:mod:`svcq.config`), the domains' ``[tickets]`` and
``[evaluations]``, and each plugin's ``[plugins.<name>]``. A :class:`Table`
walks one TOML table and records each problem in a
:class:`~svcq.errors.Violations` under its dotted path
(``tickets.sla.rules[2].priority``) instead of stopping at the first, because
the reader is an admin editing a file who should fix it in one go. What the
problems become is the caller's business: a ConfigError that stops the
start-up, or the field violations of ValidateConfig and ReloadConfig.

:func:`read_dataclass` fills a frozen settings dataclass, so its fields are
the one list of accepted keys and its defaults the documents' numbers. Each
value goes through a *reader*: a plain function that returns the value or
raises ValueError with a message for the admin. A field's reader is the one
named in its metadata (:func:`reads`) or else the one for its type in the
caller's table (:data:`STRICT`, :data:`LENIENT`, or a domain's own), so a
duration or a time of day is written the same way in every section.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import re
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import time, timedelta
from types import MappingProxyType
from typing import Any, TypeVar

from svcq.errors import Violations

T = TypeVar("T")

#: Returns the value read, or raises ValueError whose text is shown to the admin.
Reader = Callable[[object], Any]

_EMPTY: Mapping[str, Any] = MappingProxyType({})
_READER = "svcq.reader"
_DURATION = re.compile(r"0|(?=\d)(?:(\d+)h)?(?:(\d+)m)?")
_CLOCK_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?")


class _Absent:
    """Marks a value that is missing or could not be read (None may be a real value)."""


ABSENT: Any = _Absent()


class Table:
    """One TOML table being read; every problem is recorded under its dotted path.

    A value that is not a table is recorded as a problem and read as an empty
    table, so reading goes on and finds the other problems too.
    """

    def __init__(self, data: object, path: str, problems: Violations) -> None:
        self.path = path
        self.problems = problems
        if isinstance(data, Mapping):
            self.data: Mapping[str, Any] = data
        else:
            problems.add(path, f"expected a table, got {type(data).__name__}")
            self.data = _EMPTY

    def __contains__(self, key: object) -> bool:
        return key in self.data

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def at(self, key: str) -> str:
        """The dotted path of ``key`` in this table."""
        return f"{self.path}.{key}" if self.path else key

    def problem(self, key: str | None, message: str) -> None:
        """Record a problem of ``key``, or of the whole table when ``key`` is None."""
        self.problems.add(self.path if key is None else self.at(key), message)

    def check_keys(self, known: Iterable[str], *, hint: str | None = None) -> None:
        """Name every key not in ``known``; ``hint`` replaces the list of known keys."""
        known = list(known)
        hint = hint or f"known: {', '.join(known) or 'none'}"
        for key in self.data:
            if key not in known:
                self.problem(key, f"unknown key ({hint})")

    def read(self, key: str, reader: Reader, default: Any = ABSENT) -> Any:
        """``reader(value)``; ``default`` when the key is missing or its value is bad."""
        if key not in self.data:
            return default
        try:
            return reader(self.data[key])
        except ValueError as exc:
            self.problem(key, str(exc))
            return default

    def table(self, key: str) -> Table:
        """The sub-table ``key``; an empty one when it is missing."""
        return Table(self.data.get(key, _EMPTY), self.at(key), self.problems)

    def array(self, key: str) -> list[Table | None]:
        """The array of tables ``key`` (``[[a.b]]``); None for an element that is no table."""
        raw = self.data.get(key, [])
        if not isinstance(raw, list):
            self.problem(key, "expected an array of tables")
            return []
        tables: list[Table | None] = []
        for index, item in enumerate(raw):
            table = Table(item, f"{self.at(key)}[{index}]", self.problems)  # names a non-table
            tables.append(table if isinstance(item, Mapping) else None)
        return tables


# ---------------------------------------------------------------------------
# Readers
# ---------------------------------------------------------------------------


def reads(reader: Reader) -> dict[str, Reader]:
    """Field metadata naming the reader of one field: ``field(default=1, metadata=reads(...))``."""
    return {_READER: reader}


def boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def string(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return value


def _within(value: float, low: float | None, high: float | None) -> None:
    if (low is None or value >= low) and (high is None or value <= high):
        return
    if low is not None and high is not None:
        raise ValueError(f"must be between {low} and {high}")
    raise ValueError(f"must be at least {low}" if low is not None else f"must be at most {high}")


def integer(low: int | None = None, high: int | None = None) -> Reader:
    """Whole numbers (``true`` is not one, whatever Python says), optionally in a range."""

    def read(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected an integer, got {value!r}")
        _within(value, low, high)
        return value

    return read


def number(low: float | None = None, high: float | None = None) -> Reader:
    """Numbers as float (TOML writes ``3`` and ``3.0`` differently), optionally in a range."""

    def read(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"expected a number, got {value!r}")
        _within(value, low, high)
        return float(value)

    return read


def one_of(choices: Iterable[str] | type[enum.Enum]) -> Reader:
    """One of fixed names; for an enum, its member with that value."""
    if isinstance(choices, type) and issubclass(choices, enum.Enum):
        members = {str(member.value): member for member in choices}
    else:
        members = {choice: choice for choice in choices}

    def read(value: object) -> Any:
        if not isinstance(value, str) or value not in members:
            raise ValueError(f"must be one of {', '.join(members)}, got {value!r}")
        return members[value]

    return read


def strings(what: str = "strings") -> Reader:
    """A list of strings, as a tuple; ``what`` names them in the message."""

    def read(value: object) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"expected a list of {what}")
        return tuple(value)

    return read


def parse_duration(text: object) -> timedelta:
    """``"1h30m"`` -> 90 minutes; ``"0"`` is zero.

    No bare numbers (minutes or hours?) and no days (calendar or working?).
    """
    match = _DURATION.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"expected a duration such as '30m', '2h' or '1h30m', got {text!r}")
    hours, minutes = (int(group or 0) for group in match.groups())
    return timedelta(hours=hours, minutes=minutes)


def parse_clock_time(text: object) -> time:
    """``"17:00"`` (seconds allowed: ``"17:00:30"``) -> a local time of day."""
    match = _CLOCK_TIME.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"expected a local time HH:MM such as '17:00', got {text!r}")
    return time(*(int(group or 0) for group in match.groups()))


def _from_text(parse: Callable[[str], Any], reader: Reader) -> Reader:
    """``reader``, after turning a string into the value it spells, when it spells one."""

    def read(value: object) -> Any:
        if isinstance(value, str):
            with contextlib.suppress(ValueError, KeyError):  # the reader names it as written
                value = parse(value)
        return reader(value)

    return read


_WORDS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}

#: Readers by field type, values as TOML types them.
STRICT: Mapping[Any, Reader] = MappingProxyType({
    bool: boolean,
    int: integer(),
    float: number(),
    str: string,
    timedelta: parse_duration,
    time: parse_clock_time,
    tuple[str, ...]: strings(),
})

#: Like :data:`STRICT`, but numbers and booleans may also be written as strings,
#: because environment overrides (``SVCQ_SERVER__WORKERS=8``) can only be strings.
LENIENT: Mapping[Any, Reader] = MappingProxyType({
    **STRICT,
    bool: _from_text(lambda text: _WORDS[text.lower()], boolean),
    int: _from_text(int, integer()),
    float: _from_text(float, number()),
})


def read_dataclass(cls: type[T], table: Table, readers: Mapping[Any, Reader] = STRICT) -> T:
    """The frozen dataclass ``cls`` from ``table``; its defaults where a value is missing or bad.

    Unknown keys are named with the list of known ones. A field whose type is
    itself a dataclass is read from the sub-table of the same name, with the
    same readers. Problems go to ``table.problems``; the caller raises them.
    """
    hints = typing.get_type_hints(cls)
    fields = [f for f in dataclasses.fields(cls) if f.init]  # type: ignore[arg-type]
    table.check_keys(f.name for f in fields)
    values: dict[str, Any] = {}
    for f in fields:
        if f.name not in table:
            continue
        kind = hints[f.name]
        if _READER not in f.metadata and dataclasses.is_dataclass(kind):
            values[f.name] = read_dataclass(kind, table.table(f.name), readers)  # type: ignore[arg-type]
            continue
        reader = f.metadata.get(_READER) or readers.get(kind)
        if reader is None:
            raise TypeError(f"{cls.__name__}.{f.name}: no reader for {kind!r}")
        value = table.read(f.name, reader)
        if value is not ABSENT:
            values[f.name] = value
    return cls(**values)
