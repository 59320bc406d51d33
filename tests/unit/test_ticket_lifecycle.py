"""The ticket state machine: every (state, action) pair, legal or not."""

from __future__ import annotations

import itertools

import pytest

from svcq.domain.tickets import lifecycle
from svcq.domain.tickets.lifecycle import Action, TicketState, allowed_actions, next_state
from svcq.errors import FailedPrecondition, InvalidArgument

S, A = TicketState, Action

# Written out by hand, independently of lifecycle._TABLE.
LEGAL = {
    (S.NEW, A.DISPATCH): S.DISPATCHED,
    (S.DISPATCHED, A.DISPATCH): S.DISPATCHED,
    (S.IN_PROGRESS, A.DISPATCH): S.DISPATCHED,
    (S.ON_HOLD, A.DISPATCH): S.DISPATCHED,
    (S.DISPATCHED, A.START): S.IN_PROGRESS,
    (S.DISPATCHED, A.HOLD): S.ON_HOLD,
    (S.IN_PROGRESS, A.HOLD): S.ON_HOLD,
    (S.ON_HOLD, A.RESUME): S.IN_PROGRESS,
    (S.NEW, A.RESOLVE): S.RESOLVED,
    (S.IN_PROGRESS, A.RESOLVE): S.RESOLVED,
    (S.RESOLVED, A.CALLBACK_SATISFIED): S.CALLBACK_DONE,
    (S.RESOLVED, A.CALLBACK_UNSATISFIED): S.DISPATCHED,
    (S.CALLBACK_DONE, A.CLOSE): S.CLOSED,
    (S.NEW, A.CANCEL): S.CANCELLED,
    (S.DISPATCHED, A.CANCEL): S.CANCELLED,
    (S.IN_PROGRESS, A.CANCEL): S.CANCELLED,
    (S.ON_HOLD, A.CANCEL): S.CANCELLED,
    (S.RESOLVED, A.CANCEL): S.CANCELLED,
    (S.CALLBACK_DONE, A.CANCEL): S.CANCELLED,
    (S.RESOLVED, A.REOPEN_DEFECT): S.DISPATCHED,
    (S.CALLBACK_DONE, A.REOPEN_DEFECT): S.DISPATCHED,
    (S.CLOSED, A.REOPEN_DEFECT): S.DISPATCHED,
}
ILLEGAL = [pair for pair in itertools.product(S, A) if pair not in LEGAL]


@pytest.mark.parametrize(("state", "action"), LEGAL)
def test_legal_transition(state, action):
    assert next_state(state, action) is LEGAL[(state, action)]


@pytest.mark.parametrize(("state", "action"), ILLEGAL)
def test_illegal_transition_names_state_and_allowed_actions(state, action):
    with pytest.raises(FailedPrecondition) as caught:
        next_state(state, action)
    error = caught.value
    expected_allowed = [a for a in A if (state, a) in LEGAL]
    assert error.reason == "ILLEGAL_TRANSITION"
    assert error.metadata == {
        "state": state.value,
        "action": action.value,
        "allowed_actions": ",".join(expected_allowed),
    }
    assert f"that is {state.value}" in error.message
    for allowed in expected_allowed:
        assert allowed.value in error.message


def test_table_has_exactly_the_legal_pairs():
    assert dict(lifecycle.TRANSITIONS) == LEGAL


def test_cancelled_is_final_and_says_so():
    assert allowed_actions(S.CANCELLED) == ()
    with pytest.raises(FailedPrecondition, match="none, the ticket is finished"):
        next_state(S.CANCELLED, A.REOPEN_DEFECT)


def test_allowed_actions_follow_the_one_stop_path():
    assert allowed_actions(S.RESOLVED) == (
        A.CALLBACK_SATISFIED,
        A.CALLBACK_UNSATISFIED,
        A.CANCEL,
        A.REOPEN_DEFECT,
    )


def test_open_states():
    assert {s for s in S if lifecycle.is_open(s)} == set(S) - {S.CLOSED, S.CANCELLED}


def test_callback_outcome_picks_the_action():
    assert Action.callback(satisfied=True) is A.CALLBACK_SATISFIED
    assert Action.callback(satisfied=False) is A.CALLBACK_UNSATISFIED


def test_the_one_stop_path_end_to_end():
    state = S.NEW
    for action in (A.DISPATCH, A.START, A.HOLD, A.RESUME, A.RESOLVE):
        state = next_state(state, action)
    assert state is S.RESOLVED
    state = next_state(state, Action.callback(satisfied=False))
    assert state is S.DISPATCHED
    for action in (A.START, A.RESOLVE, A.CALLBACK_SATISFIED, A.CLOSE):
        state = next_state(state, action)
    assert state is S.CLOSED


class TestRules:
    def test_reopening_actions(self):
        assert {a for a in A if lifecycle.rule(a).reopens} == {
            A.CALLBACK_UNSATISFIED,
            A.REOPEN_DEFECT,
        }

    def test_only_a_recurring_defect_needs_a_special_callback(self):
        assert {a for a in A if lifecycle.rule(a).special_callback} == {A.REOPEN_DEFECT}

    @pytest.mark.parametrize("action", [A.HOLD, A.CANCEL])
    def test_reason_required(self, action):
        with pytest.raises(InvalidArgument) as caught:
            lifecycle.require_reason(action, "   ", field="note")
        assert [v.field for v in caught.value.violations] == ["note"]
        lifecycle.require_reason(action, "owner away until Monday")

    @pytest.mark.parametrize("action", [a for a in A if a not in (A.HOLD, A.CANCEL)])
    def test_reason_optional(self, action):
        lifecycle.require_reason(action, "")


def test_mermaid_is_generated_from_the_table():
    text = lifecycle.mermaid()
    lines = text.splitlines()
    assert lines[0] == "stateDiagram-v2"
    assert "    [*] --> NEW" in lines
    edges = {line.strip() for line in lines if ": " in line}
    assert edges == {
        f"{state} --> {target}: {action.value.lower()}" for (state, action), target in LEGAL.items()
    }
    assert "    CLOSED --> [*]" in lines
    assert "    CANCELLED --> [*]" in lines
