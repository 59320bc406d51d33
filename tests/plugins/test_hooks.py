"""One test per per-community hook, called the way its spec says the core calls it.

Hooks the core already calls through an RPC are also tested through the API
(test_host_features.py, test_admin_api.py); the meta-tests at the end keep
every hook tested and documented with its exact signature.
"""

from __future__ import annotations

import ast
import inspect
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import svcq.hookspecs as hookspecs
from svcq.clock import FakeClock
from svcq.plugin import PROJECT_NAME, Deadlines, Routing, Setting, Veto, hookimpl
from svcq.plugins import HookRunner, PluginVeto, Scope, build_plugin_manager, load_plugin_settings

ROOT = Path(__file__).resolve().parents[2]
SPECS = {name: fn for name, fn in vars(hookspecs).items()
         if inspect.isfunction(fn) and hasattr(fn, f"{PROJECT_NAME}_spec")}
HERE = Scope("c-1", "east")
THERE = Scope("c-2", "west")
START = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Ticket:
    id: str = "t-1"
    community_id: str = "c-1"
    kind: str = "REPAIR"
    category: str = "plumbing"
    priority: str = "NORMAL"
    emergency: bool = False
    owner_id: str | None = "o-1"
    state: str = "NEW"


@dataclass(frozen=True)
class Thing:
    """Stands in for owners, inspections, defects and surveys."""

    id: str
    community_id: str = "c-1"
    state: str = ""


class Practice:
    """Implements every per-community hook; records what it was asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    @hookimpl
    def svcq_register_settings(self, register):
        register(Setting("hours", int, 4, "Completion time in hours."))

    @hookimpl
    def svcq_owner_moved_in(self, owner, unit_id, moved_in_on, ctx):
        self.calls.append(("moved_in", (owner.id, unit_id, moved_in_on)))

    @hookimpl
    def svcq_ticket_route(self, ticket, ctx):
        return Routing("ENGINEERING", reason="plumbing") if ticket.category == "plumbing" else None

    @hookimpl
    def svcq_ticket_deadlines(self, ticket, proposed, ctx):
        return Deadlines(proposed.respond_by, ctx.now() + timedelta(hours=ctx.settings["hours"]))

    @hookimpl
    def svcq_ticket_validate(self, ticket, action, ctx):
        return Veto("needs a callback first") if action == "close" else None

    @hookimpl
    def svcq_ticket_created(self, ticket, ctx):
        self.calls.append(("created", ticket.id))

    @hookimpl
    def svcq_ticket_transitioned(self, ticket, from_state, action, ctx):
        self.calls.append(("transitioned", (from_state, action, ticket.state)))

    @hookimpl
    def svcq_ticket_overdue(self, ticket, deadline, ctx):
        self.calls.append(("overdue", deadline))

    @hookimpl
    def svcq_ticket_plugin_data(self, ticket, ctx):
        return {"stars": 3}

    @hookimpl
    def svcq_inspection_recorded(self, inspection, ctx):
        self.calls.append(("inspection", inspection.id))

    @hookimpl
    def svcq_defect_transitioned(self, defect, from_state, ctx):
        self.calls.append(("defect", (from_state, defect.state)))

    @hookimpl
    def svcq_survey_sample_constraints(self, survey, ctx):
        return ["one per building"]

    @hookimpl
    def svcq_survey_closed(self, survey, ctx):
        self.calls.append(("survey", survey.id))


@pytest.fixture
def practice():
    return Practice()


@pytest.fixture
def runner(practice):
    pm = build_plugin_manager(load_entrypoints=False, extra_plugins=[("practice", practice)])
    config = {"plugins": {"practice": {"enabled_regions": ["east"],
                                       "regions": {"east": {"hours": 2}}}}}
    return HookRunner(pm, load_plugin_settings(config, pm.catalog), FakeClock(START))


def test_svcq_owner_moved_in_reacts_where_enabled(runner, practice):
    owner = Thing("o-1")
    assert runner.react("svcq_owner_moved_in", HERE, owner=owner, unit_id="u-1",
                        moved_in_on=date(2026, 1, 3)) == []
    runner.react("svcq_owner_moved_in", THERE, owner=owner, unit_id="u-2",
                 moved_in_on=date(2026, 1, 4))
    assert practice.calls == [("moved_in", ("o-1", "u-1", date(2026, 1, 3)))]


def test_svcq_ticket_route_decides_the_department(runner):
    decision = runner.decide("svcq_ticket_route", HERE, ticket=Ticket())
    assert (decision.plugin, decision.value) == ("practice", Routing("ENGINEERING", None,
                                                                     "plumbing"))
    assert runner.decide("svcq_ticket_route", THERE, ticket=Ticket()) is None


def test_svcq_ticket_deadlines_uses_the_region_setting(runner):
    proposed = Deadlines(START + timedelta(minutes=30), START + timedelta(hours=24))
    decision = runner.decide("svcq_ticket_deadlines", HERE, ticket=Ticket(), proposed=proposed)
    # hours = 2 in region east (default 4): 01:00 + 2 h
    assert decision.value == Deadlines(START + timedelta(minutes=30),
                                       datetime(2026, 1, 5, 3, 0, tzinfo=UTC))


def test_svcq_ticket_validate_veto_names_plugin_and_reason(runner):
    runner.check("svcq_ticket_validate", HERE, ticket=Ticket(), action="resolve")
    with pytest.raises(PluginVeto) as error:
        runner.check("svcq_ticket_validate", HERE, ticket=Ticket(), action="close")
    assert (error.value.plugin, error.value.veto_reason) == ("practice", "needs a callback first")
    runner.check("svcq_ticket_validate", THERE, ticket=Ticket(), action="close")


def test_svcq_ticket_created_svcq_ticket_transitioned_svcq_ticket_overdue_react(runner, practice):
    ticket = Ticket(state="DISPATCHED")
    runner.react("svcq_ticket_created", HERE, ticket=ticket)
    runner.react("svcq_ticket_transitioned", HERE, ticket=ticket, from_state="NEW",
                 action="dispatch")
    runner.react("svcq_ticket_overdue", HERE, ticket=ticket, deadline="respond")
    runner.react("svcq_ticket_overdue", THERE, ticket=ticket, deadline="complete")
    assert practice.calls == [("created", "t-1"), ("transitioned", ("NEW", "dispatch",
                                                                    "DISPATCHED")),
                              ("overdue", "respond")]


def test_svcq_ticket_plugin_data_is_collected_by_plugin_name(runner):
    assert runner.collect("svcq_ticket_plugin_data", HERE, ticket=Ticket()) == (
        {"practice": {"stars": 3}}, [])
    assert runner.collect("svcq_ticket_plugin_data", THERE, ticket=Ticket()) == ({}, [])


def test_svcq_inspection_recorded_and_svcq_defect_transitioned_react(runner, practice):
    runner.react("svcq_inspection_recorded", HERE, inspection=Thing("in-1"))
    runner.react("svcq_defect_transitioned", HERE, defect=Thing("df-1", state="RECTIFIED"),
                 from_state="OPEN")
    assert practice.calls == [("inspection", "in-1"), ("defect", ("OPEN", "RECTIFIED"))]


def test_svcq_survey_sample_constraints_gathered_and_svcq_survey_closed_reacts(runner, practice):
    survey = Thing("sv-1")
    assert runner.gather("svcq_survey_sample_constraints", HERE, survey=survey) == {
        "practice": ["one per building"]}
    runner.react("svcq_survey_closed", HERE, survey=survey)
    assert practice.calls == [("survey", "sv-1")]


# -- the contract stays honest -------------------------------------------------


def _test_names() -> set[str]:
    names = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                names.add(node.name)
    return names


def test_every_hook_has_a_test_named_after_it():
    names = _test_names()
    untested = sorted(hook for hook in SPECS if not any(hook in name for name in names))
    assert untested == []


def signature(name: str) -> str:
    """``def name(param: Type, ...) -> Return`` exactly as in svcq/hookspecs.py."""
    sig = inspect.signature(SPECS[name])
    params = ", ".join(f"{p.name}: {p.annotation}" for p in sig.parameters.values())
    return f"def {name}({params}) -> {sig.return_annotation}"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_hook_is_documented_with_its_exact_signature(name):
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert signature(name) in docs
    assert re.search(rf"^#+ `{name}`", docs, re.MULTILINE), f"no heading for {name}"
