"""Loading plugins: guarded, blockable, required, and duplicate records refused."""

from __future__ import annotations

import sys
import types
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from svcq.plugin import (
    ENTRY_POINT_GROUP,
    CliCommand,
    GrpcService,
    Migration,
    Period,
    PeriodicJob,
    Setting,
    hookimpl,
)
from svcq.plugins import PluginLoadError, build_plugin_manager


def ep(name: str, value: str) -> EntryPoint:
    return EntryPoint(name=name, value=value, group=ENTRY_POINT_GROUP)


@pytest.fixture
def good_module(monkeypatch):
    """A plugin module importable by name, without installing anything."""
    module = types.ModuleType("svcq_test_good_plugin")

    @hookimpl
    def svcq_register_settings(register):
        register(Setting("visits_per_week", int, 3, "Butler visits per week."))

    module.svcq_register_settings = svcq_register_settings
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return module


BROKEN = ep("broken", "svcq_no_such_module_anywhere:plugin")


def test_broken_entry_point_is_reported_and_skipped(good_module):
    pm = build_plugin_manager(entry_points=[BROKEN, ep("good", "svcq_test_good_plugin")])

    assert pm.catalog.plugins == ("good",)
    assert [f.plugin for f in pm.load_failures] == ["broken"]
    assert pm.load_failures[0].error.startswith("ModuleNotFoundError:")
    assert "svcq_no_such_module_anywhere" in pm.load_failures[0].error


def test_required_plugin_that_fails_to_import_stops_the_host():
    with pytest.raises(PluginLoadError, match=r"required plugin 'broken' failed to load: Module"):
        build_plugin_manager(entry_points=[BROKEN], required={"broken"})


def test_required_plugin_not_installed_or_blocked_stops_the_host(good_module):
    with pytest.raises(PluginLoadError, match="'missing' is not installed"):
        build_plugin_manager(entry_points=[], required={"missing"})
    with pytest.raises(PluginLoadError, match="'good' is blocked"):
        build_plugin_manager(
            entry_points=[ep("good", "svcq_test_good_plugin")], block={"good"}, required={"good"}
        )


def test_blocked_entry_point_is_never_imported():
    pm = build_plugin_manager(entry_points=[BROKEN], block={"broken"})

    assert pm.load_failures == []
    assert pm.catalog.plugins == ()


def test_extra_plugins_are_loaded_like_entry_points(good_module):
    class Extra:
        @hookimpl
        def svcq_register_settings(self, register):
            register(Setting("tone", str, "warm", "Greeting tone."))

    pm = build_plugin_manager(
        entry_points=[ep("good", "svcq_test_good_plugin")], extra_plugins=[("extra", Extra())]
    )

    assert pm.catalog.plugins == ("good", "extra")
    assert [s.key for s in pm.catalog.settings["extra"]] == ["tone"]


def test_load_entrypoints_false_ignores_entry_points():
    pm = build_plugin_manager(load_entrypoints=False, entry_points=[BROKEN])
    assert pm.load_failures == []


class Typo:
    @hookimpl
    def svcq_ticket_routed(self, ticket, ctx):  # not a svcq hook
        return None


class Wrapper:
    @hookimpl(wrapper=True)
    def svcq_ticket_created(self, ticket, ctx):
        return (yield)


class BadSignature:
    @hookimpl
    def svcq_ticket_created(self, ticket, ctx, surprise):
        return None


class RaisesInRegistration:
    @hookimpl
    def svcq_register_jobs(self, register):
        raise RuntimeError("boom")


class RegistersWrongRecord:
    @hookimpl
    def svcq_register_settings(self, register):
        register({"key": "x"})


@pytest.mark.parametrize(
    ("plugin", "message"),
    [
        (Typo(), "unknown hook svcq_ticket_routed"),
        (Wrapper(), "wrappers are not supported"),
        (BadSignature(), "surprise"),
        (RaisesInRegistration(), "RuntimeError: boom"),
        (RegistersWrongRecord(), "register() takes Setting"),
    ],
)
def test_invalid_plugin_is_skipped_with_its_reason(plugin, message):
    pm = build_plugin_manager(load_entrypoints=False, extra_plugins=[("bad", plugin)])

    assert pm.catalog.plugins == ()
    assert not pm.has_plugin("bad")
    [failure] = pm.load_failures
    assert failure.plugin == "bad"
    assert message in failure.error


def test_setting_declaration_is_checked_when_made():
    with pytest.raises(ValueError, match="default 'three' is not int"):
        Setting("visits", int, "three", "")
    with pytest.raises(ValueError, match="type must be one of"):
        Setting("visits", tuple, (), "")
    with pytest.raises(ValueError, match="lower_snake_case"):
        Setting("Visits", int, 3, "")
    assert Setting("ratio", float, 1, "").default == 1
    assert Setting("tags", list[str], ["a"], "").type == list[str]


def records_plugin(**records):
    """A plugin class registering the given records through each hook."""

    class Plugin:
        @hookimpl
        def svcq_register_settings(self, register):
            for r in records.get("settings", ()):
                register(r)

        @hookimpl
        def svcq_register_migrations(self, register):
            for r in records.get("migrations", ()):
                register(r)

        @hookimpl
        def svcq_register_services(self, register):
            for r in records.get("services", ()):
                register(r)

        @hookimpl
        def svcq_register_cli_commands(self, register):
            for r in records.get("cli_commands", ()):
                register(r)

        @hookimpl
        def svcq_register_jobs(self, register):
            for r in records.get("jobs", ()):
                register(r)

    return Plugin()


def noop(*args):
    return None


SETTING = Setting("n", int, 1, "")
MIGRATION = Migration(Path("m"), "fivestep_migrations")
SERVICE = GrpcService(noop, noop, ("svcq.fivestep.v1.StarService",))
COMMAND = CliCommand("stars", "Show stars.", noop, noop)
JOB = PeriodicJob("bulletin", Period.MONTHLY, noop)


@pytest.mark.parametrize(
    ("kind", "record", "across_plugins", "message"),
    [
        ("settings", SETTING, False, "setting 'a.n' registered more than once (by a, a)"),
        ("migrations", MIGRATION, True, "history table 'fivestep_migrations'"),
        ("services", SERVICE, True, "gRPC service 'svcq.fivestep.v1.StarService'"),
        ("cli_commands", COMMAND, True, "CLI command 'stars' registered more than once (by a, b)"),
        ("jobs", JOB, False, "job 'a.bulletin' registered more than once (by a, a)"),
    ],
)
def test_duplicate_records_are_refused_naming_the_plugins(kind, record, across_plugins, message):
    if across_plugins:
        plugins = [
            ("a", records_plugin(**{kind: [record]})),
            ("b", records_plugin(**{kind: [record]})),
        ]
    else:
        plugins = [("a", records_plugin(**{kind: [record, record]}))]

    with pytest.raises(PluginLoadError, match="registered more than once") as caught:
        build_plugin_manager(load_entrypoints=False, extra_plugins=plugins)
    assert message in str(caught.value)
    assert caught.value.reason == "PLUGIN_DUPLICATE_RECORD"


def test_same_job_name_in_two_plugins_is_fine():
    pm = build_plugin_manager(
        load_entrypoints=False,
        extra_plugins=[("a", records_plugin(jobs=[JOB])), ("b", records_plugin(jobs=[JOB]))],
    )
    assert [(j.plugin, j.record.name) for j in pm.catalog.jobs] == [
        ("a", "bulletin"),
        ("b", "bulletin"),
    ]
