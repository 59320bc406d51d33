"""Who must hear about a ticket, and what a major complaint owes before closing.

DOMAIN.md §2: late tickets climb from the supervisor to the project head to
company leadership; complaints about compensation or about the project head
himself skip the ladder, since the people below cannot settle them; a major
complaint leaves a corrective-action report (纠正措施报告) behind so the same
failure is not repeated elsewhere.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from datetime import timedelta

from svcq.domain.tickets.kinds import TicketKind
from svcq.errors import FailedPrecondition


class EscalationLevel(enum.IntEnum):
    """Ordered, so the level a ticket has reached is ``max(stored, computed)``."""

    NONE = 0
    SUPERVISOR = 1
    PROJECT_HEAD = 2
    COMPANY = 3


@dataclass(frozen=True)
class EscalationPolicy:
    """How late (after the missed deadline, on the deadline's own basis) each level hears.

    The documents name the levels but no times; these defaults are ours: the
    supervisor at once, the project head after half a working day (the daily
    closure reports unfinished items to him anyway), the company after a day.
    """

    #: Lateness at which the discipline supervisor is told.
    supervisor_after: timedelta = timedelta(0)
    #: Lateness at which the project head (项目负责人) is told.
    project_head_after: timedelta = timedelta(hours=4)
    #: Lateness at which company leadership is told.
    company_after: timedelta = timedelta(hours=24)

    def __post_init__(self) -> None:
        if not (
            timedelta(0) <= self.supervisor_after <= self.project_head_after <= self.company_after
        ):
            raise ValueError("escalation thresholds must be non-negative and non-decreasing")

    def level(
        self,
        *,
        kind: TicketKind,
        overdue: timedelta | None,
        compensation_involved: bool = False,
        against_project_head: bool = False,
    ) -> EscalationLevel:
        """The level a ticket should have reached; ``overdue`` is None while nothing is late."""
        if kind is TicketKind.COMPLAINT and (compensation_involved or against_project_head):
            return EscalationLevel.COMPANY
        if overdue is None:
            return EscalationLevel.NONE
        for level, after in (
            (EscalationLevel.COMPANY, self.company_after),
            (EscalationLevel.PROJECT_HEAD, self.project_head_after),
            (EscalationLevel.SUPERVISOR, self.supervisor_after),
        ):
            if overdue >= after:
                return level
        return EscalationLevel.NONE


@dataclass(frozen=True)
class CorrectiveAction:
    """The report a major complaint needs before it may close."""

    #: Why it happened.
    cause: str = ""
    #: What was done about this case.
    action_taken: str = ""
    #: What stops it happening again.
    prevention: str = ""

    def missing(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self) if not getattr(self, f.name).strip())


def require_corrective_action(
    *, kind: TicketKind, major: bool, report: CorrectiveAction | None
) -> None:
    """FailedPrecondition when a major complaint would close without a complete report.

    A precondition, not a bad argument: the close request is fine, the
    ticket is not ready for it until someone writes the report.
    """
    if kind is not TicketKind.COMPLAINT or not major:
        return
    missing = (report or CorrectiveAction()).missing()
    if missing:
        paths = [f"corrective_action.{name}" for name in missing]
        raise FailedPrecondition(
            "a major complaint cannot close without a corrective-action report; "
            f"missing: {', '.join(paths)}",
            reason="CORRECTIVE_ACTION_REQUIRED",
            metadata={"missing": ",".join(paths)},
        )
