"""The ``[tickets]`` section of svcq.toml, read into :class:`TicketSettings`.

Every problem is reported at once with its dotted key
(``tickets.sla.rules[2].priority``), because the reader is an admin editing a
file. Durations are strings such as ``"30m"``, ``"2h"`` or ``"1h30m"``: no
bare numbers (minutes or hours?) and no days (calendar or working?).

A limit's ``*_basis`` key ("working" or "clock") defaults to the basis of the
default limit it overrides, so changing a number never silently changes
what time it is counted in::

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
"""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, TypeVar

from svcq.domain.calendar import TimeBasis
from svcq.domain.tickets.deadlines import Limit, SlaPolicy, SlaRule
from svcq.domain.tickets.escalation import EscalationPolicy
from svcq.domain.tickets.kinds import Priority, TicketKind
from svcq.errors import Violations

E = TypeVar("E", bound=enum.Enum)

_DURATION = re.compile(r"0|(?=\d)(?:(\d+)h)?(?:(\d+)m)?")


@dataclass(frozen=True)
class TicketSettings:
    sla: SlaPolicy = field(default_factory=SlaPolicy)
    escalation: EscalationPolicy = field(default_factory=EscalationPolicy)


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


def parse_ticket_settings(raw: Mapping[str, Any], *, path: str = "tickets") -> TicketSettings:
    """Validate the raw ``[tickets]`` table; InvalidArgument listing every bad key."""
    violations = Violations()
    table = _Table(raw, path, violations)
    table.check_keys("sla", "escalation")
    sla = _parse_sla(_Table(table.data.get("sla", {}), f"{path}.sla", violations))
    escalation = _parse_escalation(
        _Table(table.data.get("escalation", {}), f"{path}.escalation", violations)
    )
    violations.raise_if_any(reason="INVALID_TICKET_SETTINGS")
    return TicketSettings(sla=sla, escalation=escalation)
