"""The programme's rules, free of storage: which steps, when each is due, where it stands."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

#: Steps and their due offsets in days after move-in. 000 (五步一法) gives the welcome card,
#: assistant's card and home-safety handbook to every new resident (day 0) and the free
#: appliance load check "within one week of move-in" (7); the visit (3) and the
#: housewarming (30) have no number in the documents: these are ours.
DEFAULT_STEPS: dict[str, int] = {"welcome_card": 0, "visit": 3, "load_check": 7,
                                 "housewarming": 30}
#: Departments that do a step when it is not the default one; the load check is engineers' work.
DEFAULT_STEP_DEPARTMENTS: dict[str, str] = {"load_check": "ENGINEERING"}


class StepState(StrEnum):
    PENDING = "PENDING"
    OVERDUE = "OVERDUE"
    DONE = "DONE"


@dataclass(frozen=True)
class Step:
    key: str
    #: Days after the move-in date by which the step is due (0: the day itself).
    offset_days: int
    #: Department the step's ticket is dispatched to.
    department: str

    def due_on(self, moved_in_on: date) -> date:
        return moved_in_on + timedelta(days=self.offset_days)


def steps_of(settings: Mapping[str, Any]) -> tuple[Step, ...]:
    """The configured checklist in due order; raises ValueError naming a bad entry.

    Settings are checked for type by the host, not for content, so a negative
    or non-integer offset is caught here, on the first move-in that reads it.
    """
    departments: Mapping[str, Any] = settings["step_departments"]
    steps = []
    for key, offset in settings["steps"].items():
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
            raise ValueError(f"plugins.welcome.steps.{key}: a whole number of days >= 0, "
                             f"not {offset!r}")
        steps.append(Step(key, offset, str(departments.get(key, settings["department"]))))
    return tuple(sorted(steps, key=lambda s: s.offset_days))


def state_of(due_on: date, done: bool, today: date) -> StepState:
    """Due on a day means done by the end of it: overdue from the next day."""
    if done:
        return StepState.DONE
    return StepState.OVERDUE if today > due_on else StepState.PENDING
