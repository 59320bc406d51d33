"""The ``[tickets]`` section of svcq.toml, read into :class:`TicketSettings`.

Every problem is reported at once with its dotted key
(``tickets.sla.rules[2].priority``), because the reader is an admin editing a
file. Durations are strings such as ``"30m"``, ``"2h"`` or ``"1h30m"``: no
bare numbers (minutes or hours?) and no days (calendar or working?).

A limit's ``*_basis`` key ("working" or "clock") defaults to the basis of the
default limit it overrides, so changing a number never silently changes
what time it is counted in. The category tree every community starts with
is ``tickets.categories``, a list of paths ("plumbing/leak"); a community may
replace it through the API. ``[tickets.calendar.<year>]`` lists holidays and
make-up working days that win over the chinese-calendar package, for a year
it does not cover yet or a regional closure (the dates below are an example,
not the official 2027 schedule)::

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

    [tickets.calendar.2027]            # a year the chinese-calendar package does not know
    holidays = ["2027-01-01", "2027-02-05..2027-02-11"]
    workdays = ["2027-02-13"]          # make-up days (调休)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from svcq.domain.calendar import TimeBasis
from svcq.domain.tickets.deadlines import Limit, SlaPolicy, SlaRule
from svcq.domain.tickets.escalation import EscalationPolicy
from svcq.domain.tickets.kinds import Priority, TicketKind
from svcq.errors import Violations
from svcq.sections import (
    Table,
    boolean,
    integer,
    number,
    one_of,
    parse_duration,
    read_dataclass,
    reads,
    string,
)

_YEAR = re.compile(r"\d{4}")
_DAYS = re.compile(r"(\d{4}-\d{2}-\d{2})(?:\s*\.\.\s*(\d{4}-\d{2}-\d{2}))?")


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
    sample_weekday: int = field(default=1, metadata=reads(integer(1, 7)))
    #: Local time on that day the sample is drawn (ours).
    sample_time: time = time(9, 0)


@dataclass(frozen=True)
class EventSettings:
    """How WatchEvents follows the outbox."""

    #: Seconds between polls of the outbox when a watcher has seen everything (ours).
    poll_seconds: float = field(default=0.25, metadata=reads(number(0.01, 60.0)))
    #: Events read per poll (ours).
    batch_size: int = field(default=100, metadata=reads(integer(1, 10_000)))


@dataclass(frozen=True)
class CalendarDays:
    """Working-day exceptions of every community, from ``[tickets.calendar]``.

    For a year the chinese-calendar package does not know yet, an admin copies
    the State Council's schedule here instead of waiting for a release; any
    year may also carry a regional closure. They win over the package.
    """

    #: Local dates that are not working days.
    holidays: frozenset[date] = frozenset()
    #: Local dates that are working days (the make-up days, 调休).
    workdays: frozenset[date] = frozenset()
    #: The years given a table: their schedule is declared, not missing.
    years: frozenset[int] = frozenset()


@dataclass(frozen=True)
class TicketSettings:
    sla: SlaPolicy = field(default_factory=SlaPolicy)
    escalation: EscalationPolicy = field(default_factory=EscalationPolicy)
    callbacks: CallbackPolicy = field(default_factory=CallbackPolicy)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    events: EventSettings = field(default_factory=EventSettings)
    #: Category paths of a community that has not set its own tree.
    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    #: Holidays and make-up days declared by year.
    calendar: CalendarDays = field(default_factory=CalendarDays)


def _limit(table: Table, key: str, inherit: Limit) -> Limit | None:
    """``key`` and ``key_basis``; None when ``key`` is absent (or bad)."""
    if key not in table:
        if f"{key}_basis" in table:
            table.problem(f"{key}_basis", f"given without {key}")
        return None
    within = table.read(key, parse_duration, None)
    basis = table.read(f"{key}_basis", one_of(TimeBasis), inherit.basis)
    return None if within is None else Limit(within, basis)


def _parse_sla(table: Table) -> SlaPolicy:
    base = SlaPolicy()
    table.check_keys([
        "default",
        "rules",
        "emergency_respond",
        "emergency_on_clock",
        "defect_callback",
        "defect_callback_basis",
    ])
    default = table.table("default")
    default.check_keys(["respond", "respond_basis", "resolve", "resolve_basis"])
    respond = _limit(default, "respond", base.default_respond) or base.default_respond
    resolve = _limit(default, "resolve", base.default_resolve) or base.default_resolve

    rules: list[SlaRule] = []
    seen: set[object] = set()
    for rule in table.array("rules"):
        if rule is None:
            continue
        rule.check_keys(
            ["kind", "category", "priority", "respond", "respond_basis", "resolve", "resolve_basis"]
        )
        kind = rule.read("kind", one_of(TicketKind), None)
        if "kind" not in rule:
            rule.problem("kind", "required")
        limits = _limit(rule, "respond", respond), _limit(rule, "resolve", resolve)
        if "respond" not in rule and "resolve" not in rule:
            rule.problem(None, "sets neither respond nor resolve")
        category = rule.read("category", string, "")
        priority = rule.read("priority", one_of(Priority), None)
        if kind is None:
            continue
        parsed = SlaRule(kind, category, priority, respond=limits[0], resolve=limits[1])
        if parsed.key in seen:
            rule.problem(None, "same kind, category and priority as an earlier rule")
        else:
            seen.add(parsed.key)
            rules.append(parsed)

    return SlaPolicy(
        default_respond=respond,
        default_resolve=resolve,
        rules=tuple(rules),
        emergency_respond=table.read("emergency_respond", parse_duration, base.emergency_respond),
        emergency_on_clock=table.read("emergency_on_clock", boolean, base.emergency_on_clock),
        defect_callback=_limit(table, "defect_callback", base.defect_callback)
        or base.defect_callback,
    )


def _parse_escalation(table: Table) -> EscalationPolicy:
    base = EscalationPolicy()
    keys = ("supervisor_after", "project_head_after", "company_after")
    table.check_keys(keys)
    values = {key: table.read(key, parse_duration, getattr(base, key)) for key in keys}
    for lower, higher in itertools.pairwise(keys):
        if values[lower] > values[higher]:
            table.problem(higher, f"must not be shorter than {lower} ({values[lower]})")
            return base
    return EscalationPolicy(**values)


def _parse_callbacks(table: Table) -> CallbackPolicy:
    base = CallbackPolicy()
    table.check_keys(["quality_share", "quality_seed", "quality_within", "quality_within_basis"])
    return CallbackPolicy(
        quality_share=table.read("quality_share", number(0.0, 1.0), base.quality_share),
        quality_seed=table.read("quality_seed", integer(0, 2**63 - 1), base.quality_seed),
        quality_within=_limit(table, "quality_within", base.quality_within)
        or base.quality_within,
    )


def _days(table: Table, key: str, year: int) -> frozenset[date]:
    """A list of dates (``"2027-02-05"``) and ranges (``"2027-02-05..2027-02-11"``) in ``year``."""
    raw = table.data.get(key, [])
    if not isinstance(raw, list):
        table.problem(key, "expected a list of 'YYYY-MM-DD' dates or 'YYYY-MM-DD..YYYY-MM-DD'")
        return frozenset()
    days: set[date] = set()
    for index, item in enumerate(raw):
        path = f"{table.at(key)}[{index}]"
        match = _DAYS.fullmatch(item.strip()) if isinstance(item, str) else None
        try:
            first = date.fromisoformat(match.group(1)) if match else None
            last = date.fromisoformat(match.group(2)) if match and match.group(2) else first
        except ValueError:
            first = last = None
        if first is None or last is None:
            table.problems.add(path, f"expected 'YYYY-MM-DD' or 'YYYY-MM-DD..YYYY-MM-DD', "
                                     f"got {item!r}")
        elif first.year != year or last.year != year:
            table.problems.add(path, f"{item!r} is not in {year}")
        elif last < first:
            table.problems.add(path, f"{item!r} ends before it starts")
        else:
            days.update(first + timedelta(days=n) for n in range((last - first).days + 1))
    return frozenset(days)


def _parse_calendar(table: Table) -> CalendarDays:
    holidays: set[date] = set()
    workdays: set[date] = set()
    years: set[int] = set()
    for key in table:
        if not _YEAR.fullmatch(key):
            table.problem(key, "expected a year such as 2027, holding holidays and workdays")
            continue
        year = table.table(key)
        year.check_keys(["holidays", "workdays"])
        off, on = _days(year, "holidays", int(key)), _days(year, "workdays", int(key))
        for day in sorted(off & on):
            year.problem("workdays", f"{day} is listed in holidays too")
        holidays |= off
        workdays |= on - off
        years.add(int(key))
    return CalendarDays(frozenset(holidays), frozenset(workdays), frozenset(years))


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
    table = Table(raw, path, violations)
    table.check_keys(
        ["sla", "escalation", "callbacks", "schedule", "events", "categories", "calendar"])
    sla = _parse_sla(table.table("sla"))
    escalation = _parse_escalation(table.table("escalation"))
    callbacks = _parse_callbacks(table.table("callbacks"))
    schedule = read_dataclass(ScheduleSettings, table.table("schedule"))
    events = read_dataclass(EventSettings, table.table("events"))
    calendar = _parse_calendar(table.table("calendar"))
    categories = DEFAULT_CATEGORIES
    if "categories" in table:
        categories = parse_categories(table.data["categories"], table.at("categories"), violations)
    violations.raise_if_any(reason="INVALID_TICKET_SETTINGS")
    return TicketSettings(sla=sla, escalation=escalation, callbacks=callbacks,
                          schedule=schedule, events=events, categories=categories,
                          calendar=calendar)
