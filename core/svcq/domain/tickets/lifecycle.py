"""The ticket state machine, kept as data.

One table says which action moves a ticket from which state to which, so
the service, the error messages and the diagram in the docs
(:func:`mermaid`) all read the same facts and cannot drift apart.

The path follows the one-stop service of DOMAIN.md §2: received (NEW) ->
dispatched to a department -> in progress (possibly on hold) -> resolved,
waiting for the customer's confirmation -> callback -> closed. An
unsatisfied callback, or a complaint that a repair still has its defect,
sends the ticket back to dispatch and counts as a reopen.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from svcq.errors import FailedPrecondition, InvalidArgument


class TicketState(enum.StrEnum):
    #: Received by the first receiver, not yet routed.
    NEW = "NEW"
    #: Routed to a department (and usually an assignee), work not started.
    DISPATCHED = "DISPATCHED"
    #: Someone is working on it.
    IN_PROGRESS = "IN_PROGRESS"
    #: Waiting on something outside the team (parts, the owner's absence); deadlines pause.
    ON_HOLD = "ON_HOLD"
    #: Work done; waiting for the customer's confirmation (初级回访).
    RESOLVED = "RESOLVED"
    #: The customer confirmed satisfaction at the callback; ready to close.
    CALLBACK_DONE = "CALLBACK_DONE"
    #: Finished.
    CLOSED = "CLOSED"
    #: Withdrawn or invalid; finished without the work.
    CANCELLED = "CANCELLED"


class Action(enum.StrEnum):
    DISPATCH = "DISPATCH"
    START = "START"
    HOLD = "HOLD"
    RESUME = "RESUME"
    RESOLVE = "RESOLVE"
    CALLBACK_SATISFIED = "CALLBACK_SATISFIED"
    CALLBACK_UNSATISFIED = "CALLBACK_UNSATISFIED"
    CLOSE = "CLOSE"
    CANCEL = "CANCEL"
    REOPEN_DEFECT = "REOPEN_DEFECT"

    @classmethod
    def callback(cls, *, satisfied: bool) -> Action:
        """The action a callback outcome stands for (RecordCallback carries a flag)."""
        return cls.CALLBACK_SATISFIED if satisfied else cls.CALLBACK_UNSATISFIED


@dataclass(frozen=True)
class ActionRule:
    """What an action demands and causes besides the state change."""

    #: A non-blank reason must come with the action.
    needs_reason: bool = False
    #: The ticket counts as reopened (reopen_count + 1).
    reopens: bool = False
    #: A special callback is due (within ``SlaPolicy.defect_callback``).
    special_callback: bool = False


_S = TicketState
OPEN_STATES = frozenset(_S) - {_S.CLOSED, _S.CANCELLED}

#: action -> (states it is allowed from, state it leads to), in the order of the one-stop path.
_TABLE: tuple[tuple[Action, frozenset[TicketState], TicketState], ...] = (
    # Re-dispatch from later open states is routing between departments ("内分业务").
    (
        Action.DISPATCH,
        frozenset({_S.NEW, _S.DISPATCHED, _S.IN_PROGRESS, _S.ON_HOLD}),
        _S.DISPATCHED,
    ),
    (Action.START, frozenset({_S.DISPATCHED}), _S.IN_PROGRESS),
    # Holding before the start covers "owner not at home"; resuming means work is on.
    (Action.HOLD, frozenset({_S.DISPATCHED, _S.IN_PROGRESS}), _S.ON_HOLD),
    (Action.RESUME, frozenset({_S.ON_HOLD}), _S.IN_PROGRESS),
    # From NEW: the first receiver answers on the spot (an inquiry at the front desk).
    (Action.RESOLVE, frozenset({_S.NEW, _S.IN_PROGRESS}), _S.RESOLVED),
    (Action.CALLBACK_SATISFIED, frozenset({_S.RESOLVED}), _S.CALLBACK_DONE),
    (Action.CALLBACK_UNSATISFIED, frozenset({_S.RESOLVED}), _S.DISPATCHED),
    (Action.CLOSE, frozenset({_S.CALLBACK_DONE}), _S.CLOSED),
    (Action.CANCEL, OPEN_STATES, _S.CANCELLED),
    # The defect may come back after the ticket was closed; the repair was not done.
    (
        Action.REOPEN_DEFECT,
        frozenset({_S.RESOLVED, _S.CALLBACK_DONE, _S.CLOSED}),
        _S.DISPATCHED,
    ),
)

#: Extra demands and effects of each action; actions not listed have none.
ACTION_RULES: Mapping[Action, ActionRule] = MappingProxyType(
    {
        Action.HOLD: ActionRule(needs_reason=True),
        Action.CANCEL: ActionRule(needs_reason=True),
        Action.CALLBACK_UNSATISFIED: ActionRule(reopens=True),
        Action.REOPEN_DEFECT: ActionRule(reopens=True, special_callback=True),
    }
)

#: (state, action) -> next state: every legal transition and nothing else.
TRANSITIONS: Mapping[tuple[TicketState, Action], TicketState] = MappingProxyType(
    {(source, action): target for action, sources, target in _TABLE for source in sources}
)

_NO_RULE = ActionRule()


def rule(action: Action) -> ActionRule:
    return ACTION_RULES.get(action, _NO_RULE)


def allowed_actions(state: TicketState) -> tuple[Action, ...]:
    """Actions legal from ``state``, in the order of the one-stop path."""
    return tuple(action for action, sources, _ in _TABLE if state in sources)


def is_open(state: TicketState) -> bool:
    return state in OPEN_STATES


def next_state(state: TicketState, action: Action) -> TicketState:
    """The state ``action`` leads to from ``state``; FailedPrecondition when it is illegal.

    The error names the current state and what is allowed from it, so a
    client can show the user what to do instead of a bare refusal.
    """
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        allowed = allowed_actions(state)
        listed = ", ".join(allowed) or "none, the ticket is finished"
        raise FailedPrecondition(
            f"cannot {action} a ticket that is {state}; allowed from {state}: {listed}",
            reason="ILLEGAL_TRANSITION",
            metadata={
                "state": str(state),
                "action": str(action),
                "allowed_actions": ",".join(allowed),
            },
        ) from None


def require_reason(action: Action, reason: str, *, field: str = "reason") -> None:
    """InvalidArgument when ``action`` needs a reason and ``reason`` is blank."""
    if rule(action).needs_reason and not reason.strip():
        raise InvalidArgument.one(field, f"{action} needs a reason")


def mermaid() -> str:
    """The state diagram as Mermaid ``stateDiagram-v2`` text, generated from the table."""
    lines = ["stateDiagram-v2", f"    [*] --> {TicketState.NEW}"]
    for action, sources, target in _TABLE:
        for source in sorted(sources, key=list(TicketState).index):
            lines.append(f"    {source} --> {target}: {action.lower()}")
    lines += [f"    {state} --> [*]" for state in TicketState if not is_open(state)]
    return "\n".join(lines) + "\n"
