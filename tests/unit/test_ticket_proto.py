"""The draft ticket.proto and the domain enums must speak the same words.

The API layer maps enums by name (``TICKET_STATE_`` + domain value), so a
value added on one side only would fail at run time; this catches it at once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svcq.domain.tickets.escalation import EscalationLevel
from svcq.domain.tickets.figures import Grouping
from svcq.domain.tickets.kinds import CallbackKind, Channel, Priority, TicketKind
from svcq.domain.tickets.lifecycle import Action, TicketState

PROTO = Path(__file__).parents[2] / "proto" / "svcq" / "v1" / "ticket.proto"


def proto_enum(name: str) -> set[str]:
    body = re.search(rf"^enum {name} \{{(.*?)^\}}", PROTO.read_text(), re.S | re.M)
    assert body, f"enum {name} not in {PROTO.name}"
    return set(re.findall(r"^\s+([A-Z0-9_]+) = \d+;", body.group(1), re.M))


@pytest.mark.parametrize(
    ("proto_name", "prefix", "domain", "extra"),
    [
        ("TicketKind", "TICKET_KIND_", TicketKind, set()),
        ("TicketPriority", "TICKET_PRIORITY_", Priority, set()),
        ("TicketState", "TICKET_STATE_", TicketState, set()),
        ("TicketAction", "TICKET_ACTION_", Action, {"CREATE", "UPDATE", "ESCALATE"}),
        ("TicketChannel", "TICKET_CHANNEL_", Channel, set()),
        ("TicketCallbackKind", "TICKET_CALLBACK_KIND_", CallbackKind, set()),
    ],
)
def test_enums_match(proto_name, prefix, domain, extra):
    expected = {f"{prefix}{v}" for v in [*(m.value for m in domain), *extra, "UNSPECIFIED"]}
    assert proto_enum(proto_name) == expected


def test_escalation_levels_match():
    # NONE is the proto's UNSPECIFIED (zero) value.
    names = {f"ESCALATION_LEVEL_{m.name}" for m in EscalationLevel if m.value}
    assert proto_enum("EscalationLevel") == names | {"ESCALATION_LEVEL_UNSPECIFIED"}


def test_figures_groupings_match():
    # NONE is the proto's UNSPECIFIED (zero) value.
    names = {f"TICKET_FIGURES_GROUPING_{g}" for g in Grouping if g is not Grouping.NONE}
    assert proto_enum("TicketFiguresGrouping") == names | {"TICKET_FIGURES_GROUPING_UNSPECIFIED"}
