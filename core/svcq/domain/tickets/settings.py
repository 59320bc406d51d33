"""The ``[tickets]`` section of svcq.toml, read into :class:`TicketSettings`.

Every problem is reported at once with its dotted key
(``tickets.sla.rules[2].priority``), because the reader is an admin editing a
file. Durations are strings such as ``"30m"``, ``"2h"`` or ``"1h30m"``: no
bare numbers (minutes or hours?) and no days (calendar or working?).

A limit's ``*_basis`` key ("working" or "clock") defaults to the basis of the
default limit it overrides, so changing a number never silently changes
what time it is counted in. The category tree every community starts with
is ``tickets.categories``, a list of paths ("plumbing/leak"); a community may
replace it through the API::

    [tickets.sla]
    emergency_respond = "30m"
    emergency_on_clock = true
    defect_callback = "24h"            # defect_callback_basis = "clock"

    [tickets.sla.default]
    respond = "2h"                     # respond_basis = "working"
    resolve = "24h"                    # resolve_basis = "clock"

    [[tickets.sla.rules]]
    kind = "REPAIR"
    category = "plumbing"
    priority = "URGENT"
    respond = "30m"

    [tickets.escalation]
    supervisor_after = "0m"
    project_head_after = "4h"
    company_after = "24h"

    [tickets.callbacks]
    quality_share = 0.2                # of last week's closed repairs
    quality_seed = 0
    quality_within = "18h"             # quality_within_basis = "working"

    [tickets.schedule]
    interval = "1m"                    # "0" turns the background scheduler off
    closure_time = "17:00"
    sample_weekday = 1                 # Monday
    sample_time = "09:00"

    [tickets.events]
    poll_seconds = 0.25
    batch_size = 100
"""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta
from typing import Any, TypeVar

from svcq.domain.calendar import TimeBasis
from svcq.domain.tickets.deadlines import Limit, SlaPolicy, SlaRule
from svcq.domain.tickets.escalation import EscalationPolicy
from svcq.domain.tickets.kinds import Priority, TicketKind
from svcq.errors import Violations

E = TypeVar("E", bound=enum.Enum)

_DURATION = re.compile(r"0|(?=\d)(?:(\d+)h)?(?:(\d+)m)?")
_CLOCK_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


#: The category tree a community starts with (ours: the usual lines of a service centre).
DEFAULT_CATEGORIES: tuple[str, ...] = (
    "plumbing/leak", "plumbing/blockage", "electrical/power", "electrical/lighting", "lift",
    "doors-windows", "walls-ceilings", "public-facilities", "cleaning", "greening",
    "security/access", "security/parking", "noise", "neighbours", "fees", "service-attitude",
    "other",
)


@dataclass(frozen=True)
class CallbackPolicy:
    """Quality-department callbacks (品质部回访, DOMAIN.md §2)."""

    #: Share of last week's closed repair tickets called back (the documents: 20%).
    quality_share: float = 0.2
    #: Seed of the sample; with the week and the community it makes a sample reproducible.
    quality_seed: int = 0
    #: Time the quality department has for one callback (ours: two working days).
    quality_within: Limit = field(
        default_factory=lambda: Limit(timedelta(hours=18), TimeBasis.WORKING))


@dataclass(frozen=True)
class ScheduleSettings:
    """When the server's background scheduler does the periodic ticket work."""

    #: How often it wakes to sweep overdue tickets and run due jobs; zero turns it off (ours).
    interval: timedelta = timedelta(minutes=1)
    #: Local time the daily closure (信息一日清) is taken and stored: before the day
    #: ends, so the project head hears of open items that day (ours: 17:00).
    closure_time: time = time(17, 0)
    #: ISO weekday (1 = Monday) the quality sample of the previous week is drawn (ours).
    sample_weekday: int = 1
    #: Local time on that day the sample is drawn (ours).
    sample_time: time = time(9, 0)


@dataclass(frozen=True)
class EventSettings:
    """How WatchEvents follows the outbox."""

    #: Seconds between polls of the outbox when a watcher has seen everything (ours).
    poll_seconds: float = 0.25
    #: Events read per poll (ours).
    batch_size: int = 100


@dataclass(frozen=True)
class TicketSettings:
    sla: SlaPolicy = field(default_factory=SlaPolicy)
    escalation: EscalationPolicy = field(default_factory=EscalationPolicy)
    callbacks: CallbackPolicy = field(default_factory=CallbackPolicy)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    events: EventSettings = field(default_factory=EventSettings)
    #: Category paths of a community that has not set its own tree.
    categories: tuple[str, ...] = DEFAULT_CATEGORIES


def parse_clock_time(text: object) -> time:
    """``"17:00"`` -> 17:00; ValueError on anything else."""
    match = _CLOCK_TIME.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"expected a local time HH:MM such as '17:00', got {text!r}")
    return time(int(match.group(1)), int(match.group(2)))


def parse_duration(text: object) -> timedelta:
    """``"1h30m"`` -> 90 minutes; ValueError on anything else."""
    match = _DURATION.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"expected a duration such as '30m', '2h' or '1h30m', got {text!r}")
    hours, minutes = (int(group or 0) for group in match.groups())
    return timedelta(hours=hours, minutes=minutes)


class _Table:
    """One TOML table being read: every lookup names its key in any violation."""

    def __init__(self, data: object, path: str, violations: Violations) -> None:
        self.path = path
        self.violations = violations
        self.data: Mapping[str, Any] = data if isinstance(data, Mapping) else {}
        if not isinstance(data, Mapping):
            violations.add(path, "expected a table")

    def check_keys(self, *known: str) -> None:
        for key in self.data:
            if key not in known:
                self.violations.add(f"{self.path}.{key}", f"unknown key; known: {', '.join(known)}")

    def _read(self, key: str, convert: Any, default: Any) -> Any:
        if key not in self.data:
            return default
        try:
            return convert(self.data[key])
        except ValueError as exc:
            self.violations.add(f"{self.path}.{key}", str(exc))
            return default

    def duration(self, key: str, default: timedelta | None) -> timedelta | None:
        return self._read(key, parse_duration, default)

    def choice(self, key: str, kind: type[E], default: E | None) -> E | None:
        def convert(value: object) -> E:
            try:
                return kind(value)
            except ValueError:
                names = ", ".join(str(member.value) for member in kind)
                raise ValueError(f"expected one of {names}, got {value!r}") from None

        return self._read(key, convert, default)

    def boolean(self, key: str, default: bool) -> bool:
        def convert(value: object) -> bool:
            if not isinstance(value, bool):
                raise ValueError(f"expected true or false, got {value!r}")
            return value

        return self._read(key, convert, default)

    def string(self, key: str, default: str) -> str:
        def convert(value: object) -> str:
            if not isinstance(value, str):
                raise ValueError(f"expected a string, got {value!r}")
            return value

        return self._read(key, convert, default)

    def number(self, key: str, default: float, low: float, high: float) -> float:
        def convert(value: object) -> float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"expected a number, got {value!r}")
            if not low <= value <= high:
                raise ValueError(f"must be between {low} and {high}")
            return float(value)

        return self._read(key, convert, default)

    def integer(self, key: str, default: int, low: int, high: int) -> int:
        def convert(value: object) -> int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"expected an integer, got {value!r}")
            if not low <= value <= high:
                raise ValueError(f"must be between {low} and {high}")
            return value

        return self._read(key, convert, default)

    def clock_time(self, key: str, default: time) -> time:
        return self._read(key, parse_clock_time, default)

    def limit(self, key: str, inherit: Limit) -> Limit | None:
        """``key`` and ``key_basis``; None when ``key`` is absent (or bad)."""
        if key not in self.data:
            if f"{key}_basis" in self.data:
                self.violations.add(f"{self.path}.{key}_basis", f"given without {key}")
            return None
        within = self.duration(key, None)
        basis = self.choice(f"{key}_basis", TimeBasis, inherit.basis)
        return None if within is None else Limit(within, basis or inherit.basis)


def _parse_sla(table: _Table) -> SlaPolicy:
    base = SlaPolicy()
    table.check_keys(
        "default",
        "rules",
        "emergency_respond",
        "emergency_on_clock",
        "defect_callback",
        "defect_callback_basis",
    )
    default = _Table(table.data.get("default", {}), f"{table.path}.default", table.violations)
    default.check_keys("respond", "respond_basis", "resolve", "resolve_basis")
    respond = default.limit("respond", base.default_respond) or base.default_respond
    resolve = default.limit("resolve", base.default_resolve) or base.default_resolve

    rules: list[SlaRule] = []
    raw_rules = table.data.get("rules", [])
    if not isinstance(raw_rules, list):
        table.violations.add(f"{table.path}.rules", "expected an array of tables")
        raw_rules = []
    seen: set[object] = set()
    for index, raw in enumerate(raw_rules):
        rule = _Table(raw, f"{table.path}.rules[{index}]", table.violations)
        if not isinstance(raw, Mapping):
            continue
        rule.check_keys(
            "kind", "category", "priority", "respond", "respond_basis", "resolve", "resolve_basis"
        )
        kind = rule.choice("kind", TicketKind, None)
        if "kind" not in rule.data:
            table.violations.add(f"{rule.path}.kind", "required")
        limits = rule.limit("respond", respond), rule.limit("resolve", resolve)
        if "respond" not in rule.data and "resolve" not in rule.data:
            table.violations.add(rule.path, "sets neither respond nor resolve")
        category = rule.string("category", "")
        priority = rule.choice("priority", Priority, None)
        if kind is None:
            continue
        parsed = SlaRule(kind, category, priority, respond=limits[0], resolve=limits[1])
        if parsed.key in seen:
            table.violations.add(rule.path, "same kind, category and priority as an earlier rule")
        else:
            seen.add(parsed.key)
            rules.append(parsed)

    return SlaPolicy(
        default_respond=respond,
        default_resolve=resolve,
        rules=tuple(rules),
        emergency_respond=table.duration("emergency_respond", base.emergency_respond),
        emergency_on_clock=table.boolean("emergency_on_clock", base.emergency_on_clock),
        defect_callback=table.limit("defect_callback", base.defect_callback)
        or base.defect_callback,
    )


def _parse_escalation(table: _Table) -> EscalationPolicy:
    base = EscalationPolicy()
    keys = ("supervisor_after", "project_head_after", "company_after")
    table.check_keys(*keys)
    values = {key: table.duration(key, getattr(base, key)) for key in keys}
    for lower, higher in itertools.pairwise(keys):
        if values[lower] > values[higher]:
            table.violations.add(
                f"{table.path}.{higher}", f"must not be shorter than {lower} ({values[lower]})"
            )
            return base
    return EscalationPolicy(**values)


def _parse_callbacks(table: _Table) -> CallbackPolicy:
    base = CallbackPolicy()
    table.check_keys("quality_share", "quality_seed", "quality_within", "quality_within_basis")
    return CallbackPolicy(
        quality_share=table.number("quality_share", base.quality_share, 0.0, 1.0),
        quality_seed=table.integer("quality_seed", base.quality_seed, 0, 2**63 - 1),
        quality_within=table.limit("quality_within", base.quality_within) or base.quality_within,
    )


def _parse_schedule(table: _Table) -> ScheduleSettings:
    base = ScheduleSettings()
    table.check_keys("interval", "closure_time", "sample_weekday", "sample_time")
    return ScheduleSettings(
        interval=table.duration("interval", base.interval) or timedelta(0),
        closure_time=table.clock_time("closure_time", base.closure_time),
        sample_weekday=table.integer("sample_weekday", base.sample_weekday, 1, 7),
        sample_time=table.clock_time("sample_time", base.sample_time),
    )


def _parse_events(table: _Table) -> EventSettings:
    base = EventSettings()
    table.check_keys("poll_seconds", "batch_size")
    return EventSettings(
        poll_seconds=table.number("poll_seconds", base.poll_seconds, 0.01, 60.0),
        batch_size=table.integer("batch_size", base.batch_size, 1, 10_000),
    )


def parse_categories(
    raw: object, path: str, violations: Violations
) -> tuple[str, ...]:
    """A category tree as a list of paths ("plumbing/leak"); each node is implied by its paths."""
    if not isinstance(raw, list):
        violations.add(path, "expected a list of category paths")
        return ()
    tree: list[str] = []
    for index, value in enumerate(raw):
        parts = value.strip().strip("/").split("/") if isinstance(value, str) else []
        if not parts or any(not part.strip() or len(part) > 64 for part in parts):
            violations.add(f"{path}[{index}]", "a path of 1-64 character names joined by '/'")
            continue
        category = "/".join(part.strip() for part in parts)
        if category in tree:
            violations.add(f"{path}[{index}]", f"{category!r} listed twice")
        else:
            tree.append(category)
    if len(tree) > 500:
        violations.add(path, "at most 500 categories")
    return tuple(tree)


def parse_ticket_settings(raw: Mapping[str, Any], *, path: str = "tickets") -> TicketSettings:
    """Validate the raw ``[tickets]`` table; InvalidArgument listing every bad key."""
    violations = Violations()
    table = _Table(raw, path, violations)
    table.check_keys("sla", "escalation", "callbacks", "schedule", "events", "categories")

    def section(name: str) -> _Table:
        return _Table(table.data.get(name, {}), f"{path}.{name}", violations)

    sla = _parse_sla(section("sla"))
    escalation = _parse_escalation(section("escalation"))
    callbacks = _parse_callbacks(section("callbacks"))
    schedule = _parse_schedule(section("schedule"))
    events = _parse_events(section("events"))
    categories = DEFAULT_CATEGORIES
    if "categories" in table.data:
        categories = parse_categories(table.data["categories"], f"{path}.categories", violations)
    violations.raise_if_any(reason="INVALID_TICKET_SETTINGS")
    return TicketSettings(sla=sla, escalation=escalation, callbacks=callbacks,
                          schedule=schedule, events=events, categories=categories)
