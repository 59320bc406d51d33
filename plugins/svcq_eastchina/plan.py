"""The plan's rules, free of storage and of the server: shifts, figures, bulletin, targets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta


def parse_shifts(starts: Sequence[str]) -> tuple[time, ...]:
    """Local shift start times ("HH:MM") in order; ValueError names a bad one."""
    if not starts:
        raise ValueError("plugins.eastchina.shifts: at least one shift start")
    try:
        return tuple(sorted(time.fromisoformat(s) for s in starts))
    except ValueError as exc:
        raise ValueError(f"plugins.eastchina.shifts: HH:MM start times, not {list(starts)}") \
            from exc


def shift_of(local: datetime, starts: tuple[time, ...]) -> tuple[date, int]:
    """(day the shift started, index of its start) for a local wall-clock time.

    A check before the day's first start belongs to the previous day's last
    shift, so a night shift that runs past midnight stays one shift.
    """
    today = [i for i, s in enumerate(starts) if s <= local.time().replace(tzinfo=None)]
    if today:
        return local.date(), today[-1]
    return local.date() - timedelta(days=1), len(starts) - 1


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


@dataclass(frozen=True)
class SupervisorShifts:
    staff_id: str
    shifts: int
    below_minimum: int
    checks: int


def etiquette_figure(supervisors: Iterable[str], checks: Iterable[tuple[str, date, int]],
                     start: date, end: date, shift_count: int, minimum: int
                     ) -> list[SupervisorShifts]:
    """Each supervisor owes ``minimum`` checks in each shift of each day of [start, end].

    ``checks`` are (supervisor, shift day, shift index); checks by others or
    outside the period are ignored.
    """
    counted = Counter(c for c in checks if start <= c[1] <= end)
    period = days(start, end)
    result = []
    for staff_id in sorted(set(supervisors)):
        slots = [counted[(staff_id, d, i)] for d in period for i in range(shift_count)]
        result.append(SupervisorShifts(staff_id, len(slots),
                                       sum(n < minimum for n in slots), sum(slots)))
    return result


@dataclass(frozen=True)
class KindLine:
    kind: str
    count: int
    #: (category, count), most frequent first.
    examples: tuple[tuple[str, int], ...]


def bulletin(closed: Iterable[tuple[str, str]], examples: int) -> list[KindLine]:
    """Closed work as (kind, category) pairs -> counts per kind with top categories.

    Only kinds and categories go in: the bulletin is posted to every owner,
    so nothing that could name a household or a person.
    """
    pairs = Counter(closed)
    kinds: Counter[str] = Counter()
    for (kind, _), n in pairs.items():
        kinds[kind] += n
    lines = []
    for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        top = sorted(((c, m) for (k, c), m in pairs.items() if k == kind),
                     key=lambda cm: (-cm[1], cm[0]))[:examples]
        lines.append(KindLine(kind, n, tuple(top)))
    return lines


def bulletin_text(year: int, month: int, lines: Sequence[KindLine]) -> list[str]:
    total = sum(k.count for k in lines)
    text = [f"{year}-{month:02d}: we completed {total} pieces of service work for you."]
    for k in lines:
        shown = ", ".join(f"{c or 'other'} {m}" for c, m in k.examples)
        text.append(f"{k.kind}: {k.count}" + (f" ({shown})" if shown else ""))
    return text


@dataclass(frozen=True)
class Gap:
    figure: str
    target: float
    actual: float

    @property
    def met(self) -> bool:
        return self.actual >= self.target

    @property
    def gap(self) -> float:
        return 0.0 if self.met else round(self.target - self.actual, 6)


def gaps(targets: Mapping[str, float], actual: Mapping[str, float | None]) -> list[Gap]:
    """One gap per figure measured, in ``targets`` order."""
    return [Gap(name, target, value) for name, target in targets.items()
            if (value := actual.get(name)) is not None]
