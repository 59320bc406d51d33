"""Per-community hook calls: subsets, own settings, failures named, atomic reload."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from svcq.clock import FakeClock
from svcq.errors import InvalidArgument
from svcq.plugin import Conflict, Period, PeriodicJob, Routing, Setting, Veto, hookimpl
from svcq.plugins import (
    Decision,
    HookRunner,
    PluginFailed,
    PluginVeto,
    Scope,
    build_plugin_manager,
    load_plugin_settings,
)


@dataclass
class Ticket:
    id: str = "t-1"
    community_id: str = "c-1"
    kind: str = "repair"
    category: str = "plumbing"
    priority: str = "normal"
    emergency: bool = False
    owner_id: str | None = "o-1"
    state: str = "new"


class Recorder:
    """Records every call with the context it got; routes to its setting."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.calls: list[tuple[str, str, dict]] = []

    @hookimpl
    def svcq_register_settings(self, register):
        register(Setting("department", str, f"{self.name}-dept", "Where tickets go."))

    @hookimpl
    def svcq_register_jobs(self, register):
        register(PeriodicJob("bulletin", Period.MONTHLY, self.bulletin))

    def bulletin(self, ctx):
        self.calls.append(("bulletin", ctx.community_id, dict(ctx.settings)))

    @hookimpl
    def svcq_ticket_route(self, ticket, ctx):
        self.calls.append(("route", ctx.plugin, dict(ctx.settings)))
        return Routing(ctx.settings["department"]) if ticket.category == self.name else None

    @hookimpl
    def svcq_ticket_created(self, ticket, ctx):
        self.calls.append(("created", ctx.plugin, dict(ctx.settings)))

    @hookimpl
    def svcq_ticket_plugin_data(self, ticket, ctx):
        return {"seen_by": ctx.plugin}


class Crasher:
    @hookimpl
    def svcq_ticket_route(self, ticket):
        raise ZeroDivisionError("secret 13800138000")

    @hookimpl
    def svcq_ticket_created(self, ctx):
        raise RuntimeError("down")

    @hookimpl
    def svcq_ticket_plugin_data(self, ticket, ctx):
        raise KeyError("x")

    @hookimpl
    def svcq_survey_sample_constraints(self, survey, ctx):
        raise ValueError("bad")


class Vetoer:
    def __init__(self, answer: object = None) -> None:
        self.answer = answer

    @hookimpl
    def svcq_ticket_validate(self, ticket, action, ctx):
        return self.answer if action == "resolve" else None

    @hookimpl
    def svcq_declare_conflicts(self, register):
        register(Conflict("alpha", "resolution rules"))


def make_runner(config: dict, **plugins: object) -> HookRunner:
    pm = build_plugin_manager(load_entrypoints=False, extra_plugins=list(plugins.items()))
    return HookRunner(pm, load_plugin_settings(config, pm.catalog), FakeClock())


EAST = Scope("c-1", "east")
SOUTH = Scope("c-2", "south")
CONFIG = {
    "plugins": {
        "alpha": {"enabled": True, "regions": {"east": {"department": "east-desk"}}},
        "beta": {"enabled_regions": ["east"]},
    }
}


@pytest.fixture
def plugins():
    return Recorder("alpha"), Recorder("beta")


def test_only_plugins_enabled_in_the_community_run(plugins):
    alpha, beta = plugins
    runner = make_runner(CONFIG, alpha=alpha, beta=beta)

    assert runner.react("svcq_ticket_created", SOUTH, ticket=Ticket()) == []
    assert [c[:2] for c in alpha.calls] == [("created", "alpha")]
    assert beta.calls == []

    runner.react("svcq_ticket_created", EAST, ticket=Ticket())
    assert [c[:2] for c in beta.calls] == [("created", "beta")]


def test_each_plugin_sees_only_its_own_settings(plugins):
    alpha, beta = plugins
    runner = make_runner(CONFIG, alpha=alpha, beta=beta)

    runner.react("svcq_ticket_created", EAST, ticket=Ticket())
    runner.react("svcq_ticket_created", SOUTH, ticket=Ticket())

    assert [c[2] for c in alpha.calls] == [
        {"department": "east-desk"},
        {"department": "alpha-dept"},
    ]
    assert [c[2] for c in beta.calls] == [{"department": "beta-dept"}]


def test_decide_returns_the_first_answer_and_who_gave_it(plugins):
    alpha, beta = plugins
    runner = make_runner(CONFIG, alpha=alpha, beta=beta)

    # pluggy order: the last registered plugin is asked first.
    assert runner.decide("svcq_ticket_route", EAST, ticket=Ticket(category="beta")) == Decision(
        "beta", Routing("beta-dept")
    )
    assert [c[1] for c in alpha.calls] == []
    assert runner.decide("svcq_ticket_route", EAST, ticket=Ticket(category="alpha")) == Decision(
        "alpha", Routing("east-desk")
    )
    assert runner.decide("svcq_ticket_route", EAST, ticket=Ticket(category="none")) is None


def test_a_crashing_decision_hook_fails_the_request_naming_the_plugin(plugins):
    alpha, _ = plugins
    config = {"plugins": {"alpha": {"enabled": True}, "crasher": {"enabled": True}}}
    runner = make_runner(config, alpha=alpha, crasher=Crasher())

    with pytest.raises(PluginFailed) as caught:
        runner.decide("svcq_ticket_route", EAST, ticket=Ticket(category="alpha"))

    error = caught.value
    assert (error.code, error.reason) == ("INTERNAL", "PLUGIN_FAILED")
    assert error.message == "plugin 'crasher' failed in svcq_ticket_route: ZeroDivisionError"
    assert error.metadata["plugin"] == "crasher"
    assert "13800138000" not in error.message  # the exception text may hold personal data
    assert isinstance(error.__cause__, ZeroDivisionError)

    with pytest.raises(PluginFailed, match="'crasher' failed in svcq_survey_sample_constraints"):
        runner.gather("svcq_survey_sample_constraints", EAST, survey=object())


def test_a_veto_fails_with_its_reason_and_plugin():
    config = {"plugins": {"vetoer": {"enabled": True}}}
    runner = make_runner(config, vetoer=Vetoer(Veto("callback not done")))

    runner.check("svcq_ticket_validate", EAST, ticket=Ticket(), action="dispatch")
    with pytest.raises(PluginVeto) as caught:
        runner.check("svcq_ticket_validate", EAST, ticket=Ticket(), action="resolve")

    error = caught.value
    assert (error.code, error.reason) == ("FAILED_PRECONDITION", "PLUGIN_VETO")
    assert error.message == "plugin 'vetoer' refused: callback not done"
    assert error.metadata == {
        "plugin": "vetoer",
        "hook": "svcq_ticket_validate",
        "veto_reason": "callback not done",
    }


def test_a_validation_hook_answering_something_else_is_a_plugin_failure():
    runner = make_runner({"plugins": {"vetoer": {"enabled": True}}}, vetoer=Vetoer("no"))

    with pytest.raises(PluginFailed, match="'vetoer' failed in svcq_ticket_validate: TypeError"):
        runner.check("svcq_ticket_validate", EAST, ticket=Ticket(), action="resolve")


def test_a_failing_reaction_does_not_stop_the_others(plugins):
    alpha, _ = plugins
    config = {"plugins": {"alpha": {"enabled": True}, "crasher": {"enabled": True}}}
    runner = make_runner(config, alpha=alpha, crasher=Crasher())

    failures = runner.react("svcq_ticket_created", EAST, ticket=Ticket())

    assert [(f.plugin, f.hook, f.error) for f in failures] == [
        ("crasher", "svcq_ticket_created", "RuntimeError: down")
    ]
    assert [c[:2] for c in alpha.calls] == [("created", "alpha")]  # called after crasher


def test_plugin_data_is_collected_by_plugin_despite_failures(plugins):
    alpha, _ = plugins
    config = {"plugins": {"alpha": {"enabled": True}, "crasher": {"enabled": True}}}
    runner = make_runner(config, alpha=alpha, crasher=Crasher())

    data, failures = runner.collect("svcq_ticket_plugin_data", EAST, ticket=Ticket())

    assert data == {"alpha": {"seen_by": "alpha"}}
    assert [f.plugin for f in failures] == ["crasher"]


def test_a_plugin_losing_a_conflict_does_not_run_there(plugins):
    alpha, _ = plugins
    config = {
        "plugins": {"alpha": {"enabled": True}, "vetoer": {"enabled_regions": ["east"]}},
        "conflicts": {"winners": ["vetoer"], "regions": {"east": {"winners": ["alpha"]}}},
    }
    vetoer = Vetoer(Veto("no"))
    runner = make_runner(config, alpha=alpha, vetoer=vetoer)

    assert runner.enabled_for(EAST) == ("alpha",)
    runner.check("svcq_ticket_validate", EAST, ticket=Ticket(), action="resolve")  # no veto


def test_reload_swaps_the_snapshot_and_keeps_it_when_invalid(plugins):
    alpha, beta = plugins
    runner = make_runner(CONFIG, alpha=alpha, beta=beta)
    before = runner.settings

    with pytest.raises(InvalidArgument):
        runner.reload({"plugins": {"alpha": {"department": 3}}})
    assert runner.settings is before

    runner.reload({"plugins": {"beta": {"enabled": True}}})
    assert runner.enabled_for(SOUTH) == ("beta",)


def test_a_call_in_flight_keeps_the_snapshot_it_started_with(plugins):
    alpha, _ = plugins

    class Reloader:
        """Swaps the config from inside a hook, as a concurrent ReloadConfig would."""

        @hookimpl
        def svcq_ticket_created(self, ctx):
            runner.replace_settings(after)

    config = {"plugins": {"alpha": {"enabled": True}, "reloader": {"enabled": True}}}
    runner = make_runner(config, alpha=alpha, reloader=Reloader())
    after = load_plugin_settings(
        {"plugins": {"alpha": {"enabled": True, "department": "new-desk"}}}, runner.pm.catalog
    )

    runner.react("svcq_ticket_created", SOUTH, ticket=Ticket())  # reloader runs first
    assert alpha.calls[-1][2] == {"department": "alpha-dept"}
    assert runner.settings is after

    runner.react("svcq_ticket_created", SOUTH, ticket=Ticket())
    assert alpha.calls[-1][2] == {"department": "new-desk"}


def test_subset_callers_are_cached_per_enabled_set(plugins, monkeypatch):
    alpha, beta = plugins
    runner = make_runner(CONFIG, alpha=alpha, beta=beta)
    asked = []
    original = runner.pm.subset_hook_caller

    def spy(name, remove_plugins):
        asked.append(name)
        return original(name, remove_plugins)

    monkeypatch.setattr(runner.pm, "subset_hook_caller", spy)
    for scope in (EAST, Scope("c-3", "east"), SOUTH, EAST):
        runner.react("svcq_ticket_created", scope, ticket=Ticket())

    assert asked == ["svcq_ticket_created", "svcq_ticket_created"]  # {alpha, beta}, {alpha}


def test_jobs_run_where_their_plugin_is_enabled(plugins):
    alpha, beta = plugins
    runner = make_runner(CONFIG, alpha=alpha, beta=beta)

    jobs = runner.jobs_for(SOUTH)
    assert [(j.plugin, j.record.name) for j in jobs] == [("alpha", "bulletin")]
    assert runner.run_job(jobs[0], SOUTH) is None
    assert alpha.calls == [("bulletin", "c-2", {"department": "alpha-dept"})]


def test_context_carries_clock_and_bound_logger(plugins):
    alpha, beta = plugins
    runner = make_runner(CONFIG, alpha=alpha, beta=beta)

    ctx = runner.context("alpha", EAST)

    assert ctx.now() == runner.clock.now()
    assert (ctx.plugin, ctx.community_id, ctx.region_id) == ("alpha", "c-1", "east")
    assert ctx.log._context == {"plugin": "alpha", "community_id": "c-1"}
