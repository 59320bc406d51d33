"""The defect-closure loop (缺陷消项): every recorded nonconformance until it is verified.

OPEN -> RECTIFIED (with an evidence note) -> VERIFIED at a later inspection,
or REOPENED -> RECTIFIED again; a defect the project cannot solve itself is
ESCALATED with a fault transfer (故障转呈单) and comes back as RECTIFIED when
the company has solved it. The transitions are a table, so the API can show
the allowed actions and the refusal can name them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from fractions import Fraction

from svcq.domain.evaluations.inspections import CheckedInspection
from svcq.domain.evaluations.kinds import Discipline
from svcq.domain.evaluations.settings import DefectSettings
from svcq.errors import FailedPrecondition, InvalidArgument


class DefectState(StrEnum):
    OPEN = "OPEN"
    RECTIFIED = "RECTIFIED"
    VERIFIED = "VERIFIED"
    REOPENED = "REOPENED"
    ESCALATED = "ESCALATED"


class DefectAction(StrEnum):
    RECTIFY = "RECTIFY"
    VERIFY = "VERIFY"
    REOPEN = "REOPEN"
    ESCALATE = "ESCALATE"


#: (state, action) -> next state. VERIFIED is final: a recurrence is a new defect.
TRANSITIONS: dict[tuple[DefectState, DefectAction], DefectState] = {
    (DefectState.OPEN, DefectAction.RECTIFY): DefectState.RECTIFIED,
    (DefectState.OPEN, DefectAction.ESCALATE): DefectState.ESCALATED,
    (DefectState.REOPENED, DefectAction.RECTIFY): DefectState.RECTIFIED,
    (DefectState.REOPENED, DefectAction.ESCALATE): DefectState.ESCALATED,
    (DefectState.ESCALATED, DefectAction.RECTIFY): DefectState.RECTIFIED,
    (DefectState.RECTIFIED, DefectAction.VERIFY): DefectState.VERIFIED,
    (DefectState.RECTIFIED, DefectAction.REOPEN): DefectState.REOPENED,
}


def allowed_actions(state: DefectState) -> tuple[DefectAction, ...]:
    return tuple(a for (s, a) in TRANSITIONS if s is state)


@dataclass(frozen=True)
class DefectEvent:
    """One step of a defect's history, kept for the closure record and appraisal."""

    action: DefectAction
    at: datetime
    actor_id: str
    note: str = ""
    #: The later inspection that verified or reopened it.
    inspection_id: str = ""


@dataclass(frozen=True)
class Defect:
    id: str
    community_id: str
    inspection_id: str
    discipline: Discipline
    description: str
    responsible_staff_id: str
    raised_at: datetime
    due_on: date
    item_id: str = ""
    state: DefectState = DefectState.OPEN
    history: tuple[DefectEvent, ...] = ()

    def last(self, action: DefectAction) -> DefectEvent | None:
        return next((e for e in reversed(self.history) if e.action is action), None)

    @property
    def verified_at(self) -> datetime | None:
        event = self.last(DefectAction.VERIFY)
        return event.at if event else None


def defects_from_inspection(
    inspection_id: str,
    checked: CheckedInspection,
    raised_on: date,
    settings: DefectSettings,
    *,
    new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
) -> list[Defect]:
    """Every recorded nonconformance of an inspection, as an OPEN defect due in N days.

    ``raised_on`` is the inspection's local date in the community.
    """
    due = raised_on + timedelta(days=settings.rectification_days)
    return [
        Defect(
            id=new_id(),
            community_id=checked.draft.community_id,
            inspection_id=inspection_id,
            discipline=f.discipline,
            description=f.finding.description,
            responsible_staff_id=f.responsible_staff_id,
            raised_at=checked.draft.inspected_at,
            due_on=due,
            item_id=f.item_id,
        )
        for f in checked.recorded_findings
    ]


def _apply(defect: Defect, action: DefectAction, event: DefectEvent) -> Defect:
    target = TRANSITIONS.get((defect.state, action))
    if target is None:
        allowed = allowed_actions(defect.state)
        raise FailedPrecondition(
            f"cannot {action.lower()} a defect that is {defect.state}; allowed: "
            f"{', '.join(allowed) or 'none (final)'}",
            reason="DEFECT_TRANSITION_NOT_ALLOWED",
            metadata={
                "current_state": defect.state,
                "action": action,
                "allowed_actions": ",".join(allowed),
            },
        )
    if defect.history and event.at < defect.history[-1].at:
        raise InvalidArgument.one("at", "a defect step cannot precede the previous step")
    return replace(defect, state=target, history=(*defect.history, event))


def rectify(defect: Defect, *, at: datetime, actor_id: str, evidence_note: str) -> Defect:
    """The project says it is fixed; the note is what the next inspector checks."""
    if not evidence_note.strip():
        raise InvalidArgument.one("evidence_note", "say what was done and how to check it")
    return _apply(
        defect,
        DefectAction.RECTIFY,
        DefectEvent(DefectAction.RECTIFY, at, actor_id, evidence_note.strip()),
    )


def verify(defect: Defect, *, at: datetime, actor_id: str, inspection_id: str) -> Defect:
    """Closed by a later inspection (下次消项验证), never by the person who rectified it."""
    _check_later_inspection(defect, at, actor_id, inspection_id)
    return _apply(
        defect,
        DefectAction.VERIFY,
        DefectEvent(DefectAction.VERIFY, at, actor_id, inspection_id=inspection_id),
    )


def reopen(
    defect: Defect, *, at: datetime, actor_id: str, inspection_id: str, reason: str
) -> Defect:
    """A later inspection found the rectification insufficient: back to the project."""
    if not reason.strip():
        raise InvalidArgument.one("reason", "say why the rectification is not accepted")
    _check_later_inspection(defect, at, actor_id, inspection_id)
    return _apply(
        defect,
        DefectAction.REOPEN,
        DefectEvent(DefectAction.REOPEN, at, actor_id, reason.strip(), inspection_id),
    )


def escalate(defect: Defect, *, at: datetime, actor_id: str, transfer_note: str) -> Defect:
    """Hand a defect the project cannot solve to the company (fault transfer)."""
    if not transfer_note.strip():
        raise InvalidArgument.one("transfer_note", "say what the project cannot solve and why")
    return _apply(
        defect,
        DefectAction.ESCALATE,
        DefectEvent(DefectAction.ESCALATE, at, actor_id, transfer_note.strip()),
    )


def _check_later_inspection(
    defect: Defect, at: datetime, actor_id: str, inspection_id: str
) -> None:
    if not inspection_id.strip() or inspection_id == defect.inspection_id:
        raise InvalidArgument.one(
            "inspection_id", "verification happens at a later inspection than the one that found it"
        )
    rectified = defect.last(DefectAction.RECTIFY)
    if rectified is not None and actor_id == rectified.actor_id:
        raise InvalidArgument.one("actor_id", "who rectified cannot also verify or reopen")
    if rectified is not None and at <= rectified.at:
        raise InvalidArgument.one("at", "verification comes after the rectification")


def rectification_rate(
    defects: Iterable[Defect], start: datetime, end: datetime, as_of: datetime
) -> Fraction | None:
    """Share of the period's defects whose rectification has been verified.

    Precisely: the denominator is every defect raised in ``[start, end)``
    (escalated ones included: the customer does not care who fixes it); the
    numerator is those among them in state VERIFIED with the verification at
    or before ``as_of``. A rectification not yet verified does not count,
    because only the next inspection confirms it (消项验证). None when the
    period raised no defect: "100% of nothing" would flatter the figure.
    The target (Targets.rectification_rate) is 100%.
    """
    raised = [d for d in defects if start <= d.raised_at < end]
    if not raised:
        return None
    done = sum(
        1
        for d in raised
        if d.state is DefectState.VERIFIED and d.verified_at is not None and d.verified_at <= as_of
    )
    return Fraction(done, len(raised))


def overdue(defects: Iterable[Defect], today: date) -> list[Defect]:
    """Defects past their due date that the project has not yet rectified."""
    waiting = {DefectState.OPEN, DefectState.REOPENED, DefectState.ESCALATED}
    return [d for d in defects if d.state in waiting and d.due_on < today]
