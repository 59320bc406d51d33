"""docs/tickets.md shows exactly the diagram the state machine generates."""

from __future__ import annotations

import re
from pathlib import Path

from svcq.domain.tickets.lifecycle import mermaid

DOC = Path(__file__).parents[2] / "docs" / "tickets.md"


def test_doc_contains_exactly_the_generated_diagram():
    diagrams = re.findall(r"```mermaid\n(.*?)```", DOC.read_text(), re.S)
    assert diagrams == [mermaid()]


def test_doc_names_every_config_section_and_event():
    text = DOC.read_text()
    for needle in ("[tickets.sla]", "[tickets.escalation]", "[tickets.callbacks]",
                   "[tickets.schedule]", "[tickets.events]", "ticket.created",
                   "ticket.transitioned", "ticket.overdue", "ticket.escalated",
                   "ticket.callback_recorded", "ticket.updated", "create_proactive"):
        assert needle in text, needle
