"""The one reader of svcq.toml tables: paths, unknown keys, readers, and what callers raise."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import time, timedelta
from pathlib import Path

import pytest

from svcq.config import ConfigError, load_config
from svcq.domain.evaluations.settings import parse_evaluation_settings
from svcq.domain.tickets.settings import parse_ticket_settings
from svcq.errors import InvalidArgument, Violations
from svcq.sections import (
    LENIENT,
    STRICT,
    Table,
    integer,
    number,
    one_of,
    parse_clock_time,
    read_dataclass,
    reads,
)


class Colour(enum.StrEnum):
    RED = "red"
    GREEN = "green"


@dataclass(frozen=True)
class Inner:
    size: int = 3
    colour: Colour = field(default=Colour.RED, metadata=reads(one_of(Colour)))


@dataclass(frozen=True)
class Outer:
    name: str = "x"
    wait: timedelta = timedelta(minutes=5)
    at: time = time(9)
    share: float = field(default=0.5, metadata=reads(number(0, 1)))
    inner: Inner = field(default_factory=Inner)


def read(raw: object, readers=STRICT) -> tuple[Outer, dict[str, str]]:
    problems = Violations()
    value = read_dataclass(Outer, Table(raw, "top", problems), readers)
    return value, {v.field: v.description for v in problems.items}


def test_values_by_type_by_metadata_and_in_nested_tables():
    value, problems = read({"name": "y", "wait": "1h30m", "at": "17:30", "share": 1,
                            "inner": {"size": 7, "colour": "green"}})
    assert problems == {}
    assert value == Outer("y", timedelta(minutes=90), time(17, 30), 1.0, Inner(7, Colour.GREEN))
    assert isinstance(value.share, float)


def test_every_problem_at_once_with_its_path_and_defaults_kept():
    value, problems = read({"name": 5, "wait": "5", "share": 1.5, "typo": 1,
                            "inner": {"size": True, "colour": "blue", "big": 1}})
    assert problems == {
        "top.name": "expected a string, got 5",
        "top.wait": "expected a duration such as '30m', '2h' or '1h30m', got '5'",
        "top.share": "must be between 0 and 1",
        "top.typo": "unknown key (known: name, wait, at, share, inner)",
        "top.inner.size": "expected an integer, got True",
        "top.inner.colour": "must be one of red, green, got 'blue'",
        "top.inner.big": "unknown key (known: size, colour)",
    }
    assert value == Outer()


@pytest.mark.parametrize(("raw", "path", "message"), [
    ([1], "top", "expected a table, got list"),
    ({"inner": "big"}, "top.inner", "expected a table, got str"),
])
def test_a_value_that_should_be_a_table(raw, path, message):
    value, problems = read(raw)
    assert problems == {path: message}
    assert value == Outer()


def test_arrays_of_tables():
    problems = Violations()
    table = Table({"rules": [{"a": 1}, "x"], "bad": {}}, "s", problems)
    rules = table.array("rules")
    assert [r.path if r else None for r in rules] == ["s.rules[0]", None]
    assert table.array("bad") == []
    assert table.array("missing") == []
    assert {v.field: v.description for v in problems.items} == {
        "s.rules[1]": "expected a table, got str",
        "s.bad": "expected an array of tables",
    }


def test_a_hint_replaces_the_list_of_known_keys():
    problems = Violations()
    Table({"x": 1}, "p", problems).check_keys([], hint="declared settings: none")
    Table({"y": 1}, "q", problems).check_keys([])
    assert [(v.field, v.description) for v in problems.items] == [
        ("p.x", "unknown key (declared settings: none)"),
        ("q.y", "unknown key (known: none)"),
    ]


def test_a_field_without_a_reader_is_a_programming_error():
    @dataclass(frozen=True)
    class Odd:
        when: complex = 0j

    with pytest.raises(TypeError, match=r"Odd\.when: no reader"):
        read_dataclass(Odd, Table({"when": 1}, "odd", Violations()))


@pytest.mark.parametrize(("reader", "value", "message"), [
    (integer(1, 7), 0, "must be between 1 and 7"),
    (integer(low=0), -1, "must be at least 0"),
    (integer(high=9), 10, "must be at most 9"),
    (integer(), 1.0, "expected an integer, got 1.0"),
    (number(), "1", "expected a number, got '1'"),
    (number(), False, "expected a number, got False"),
    (one_of(["a", "b"]), 1, "must be one of a, b, got 1"),
])
def test_readers_refuse_with_a_message_for_the_admin(reader, value, message):
    with pytest.raises(ValueError) as caught:
        reader(value)
    assert str(caught.value) == message


@pytest.mark.parametrize(("text", "expected"), [
    ("17:00", time(17)), (" 08:05 ", time(8, 5)), ("23:59:30", time(23, 59, 30)),
])
def test_clock_times(text, expected):
    assert parse_clock_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "7:00", "17", "17:60", 1700, None])
def test_clock_times_refused(text):
    with pytest.raises(ValueError, match="expected a local time HH:MM"):
        parse_clock_time(text)


def test_lenient_readers_take_numbers_and_booleans_spelt_as_text():
    @dataclass(frozen=True)
    class Env:
        n: int = 0
        f: float = 0.0
        b: bool = False

    problems = Violations()
    assert read_dataclass(Env, Table({"n": "8", "f": "2.5", "b": "yes"}, "e", problems),
                          LENIENT) == Env(8, 2.5, True)
    read_dataclass(Env, Table({"n": "8x", "b": "maybe"}, "e", problems), LENIENT)
    read_dataclass(Env, Table({"n": "8"}, "strict", problems), STRICT)
    assert [(v.field, v.description) for v in problems.items] == [
        ("e.n", "expected an integer, got '8x'"),
        ("e.b", "expected true or false, got 'maybe'"),
        ("strict.n", "expected an integer, got '8'"),
    ]


def test_callers_raise_the_same_problems_as_what_they_need(tmp_path: Path):
    """One typo, three sections: the same words, raised as ConfigError or InvalidArgument."""
    path = tmp_path / "svcq.toml"
    path.write_text("[database]\nurll = 'x'\n")
    with pytest.raises(ConfigError) as core:
        load_config(path, environ={})
    with pytest.raises(InvalidArgument) as tickets:
        parse_ticket_settings({"events": {"batch": 1}})
    with pytest.raises(InvalidArgument) as evaluations:
        parse_evaluation_settings({"defect": {"days": 1}})

    assert core.value.problems == [
        "database.urll: unknown key (known: url, busy_timeout_ms, max_connections)"]
    assert [(v.field, v.description) for v in tickets.value.violations] == [
        ("tickets.events.batch", "unknown key (known: poll_seconds, batch_size)")]
    assert tickets.value.reason == "INVALID_TICKET_SETTINGS"
    assert [(v.field, v.description) for v in evaluations.value.violations] == [
        ("evaluations.defect.days", "unknown key (known: rectification_days)")]
    assert evaluations.value.reason == "INVALID_EVALUATION_SETTINGS"
    assert ConfigError.of(tickets.value.violations).problems == [
        "tickets.events.batch: unknown key (known: poll_seconds, batch_size)"]
