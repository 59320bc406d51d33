"""AdminService through a real server: list, validate, reload (RPC and SIGHUP), conflicts."""

from __future__ import annotations

import grpc
import pytest

from svcq.domain.admin import check_text
from svcq.v1 import admin_pb2 as apb
from tests.plugins.support import ECHO, toml
from tests.support import details


def test_list_plugins_shows_where_each_runs_and_its_effective_settings(host):
    east = host.community()
    other = host.community()
    host.reload({"plugins": {"greeter": {
        "enabled_regions": [east.region_id], "greeting": "hi",
        "communities": {east.id: {"greeting": "ni hao"}},
    }}})

    listed = host.plugins_listed(east.id)
    greeter = listed["greeter"]
    assert greeter.state == apb.PLUGIN_STATE_LOADED
    assert greeter.runs_in_community
    assert list(greeter.enablement.region_ids) == [east.region_id]
    assert not greeter.enablement.everywhere
    assert dict(greeter.settings) == {"greeting": "ni hao", "visits_per_week": 1}
    assert [(s.key, s.type) for s in greeter.declared_settings] == [
        ("greeting", "str"), ("visits_per_week", "int")]
    assert greeter.declared_settings[0].default_value.string_value == "hello"

    elsewhere = host.plugins_listed(other.id)["greeter"]
    assert not elsewhere.runs_in_community
    assert elsewhere.settings["greeting"] == "hi"

    assert list(listed["echo"].service_names) == [ECHO]
    assert list(listed["weekly"].jobs) == ["quota (weekly)"]
    assert list(listed["audit"].cli_commands) == ["audit-report"]
    assert list(listed["vip"].conflicts_with) == ["standard"]
    assert list(listed["standard"].conflicts_with) == ["vip"]
    assert listed["greeter"].version == ""  # not from a distribution


def test_svcq_register_settings_validate_config_names_plugin_and_key_and_applies_nothing(host):
    text = toml({"plugins": {
        "greeter": {"enabled": True, "greting": "x", "visits_per_week": "3"},
        "nosuch": {"enabled": True},
    }})

    response = host.admin.ValidateConfig(apb.ValidateConfigRequest(config_toml=text))

    problems = {p.field: p.description for p in response.problems}
    assert not response.valid
    assert set(problems) == {"plugins.greeter.greting", "plugins.greeter.visits_per_week",
                             "plugins.nosuch"}
    assert problems["plugins.greeter.greting"].startswith("unknown key (declared settings: "
                                                           "greeting, visits_per_week)")
    assert problems["plugins.greeter.visits_per_week"] == "expected int, got str '3'"
    assert not host.plugins_listed()["greeter"].enablement.everywhere


def test_validate_config_checks_core_sections_and_toml_too(host):
    bad_core = host.admin.ValidateConfig(apb.ValidateConfigRequest(
        config_toml=toml({"server": {"workers": "many"}})))
    bad_toml = host.admin.ValidateConfig(apb.ValidateConfigRequest(config_toml="[plugins"))
    good = host.admin.ValidateConfig(apb.ValidateConfigRequest(
        config_toml=toml({"plugins": {"greeter": {"enabled": True}}})))

    assert [p.field for p in bad_core.problems] == ["server.workers"]
    assert [p.field for p in bad_toml.problems] == ["(document)"]
    assert (good.valid, list(good.problems)) == (True, [])


def test_svcq_owner_plugin_data_reload_switches_a_plugin_without_restart(host):
    community = host.community()
    assert "greeter" not in host.owner(community.id).plugin_data

    response = host.reload({"plugins": {"greeter": {"enabled_communities": [community.id]}}})
    assert response.source == str(host.file)
    assert dict(host.owner(community.id).plugin_data["greeter"]) == {"greeting": "hello"}

    host.reload({})
    assert "greeter" not in host.owner(community.id).plugin_data


def test_an_invalid_reload_is_refused_with_reasons_and_the_running_config_stays(host):
    community = host.community()
    host.reload({"plugins": {"greeter": {"enabled_communities": [community.id]}}})

    with pytest.raises(grpc.RpcError) as error:
        host.reload({"plugins": {"greeter": {"enabled": "yes", "colour": 1}}})

    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    reason, fields = details(error.value)
    assert reason == "INVALID_CONFIG"
    assert set(fields) == {"plugins.greeter.enabled", "plugins.greeter.colour"}
    assert "greeter" in host.owner(community.id).plugin_data


def test_sighup_reload_applies_a_good_file_and_ignores_a_bad_one(host):
    community = host.community()
    host.write({"plugins": {"greeter": {"enabled_communities": [community.id]}}})
    host.running.server.reload()  # what the SIGHUP handler runs
    assert "greeter" in host.owner(community.id).plugin_data

    host.write({"plugins": {"greeter": {"enabled": 3}}})
    host.running.server.reload()
    assert "greeter" in host.owner(community.id).plugin_data


def test_svcq_declare_conflicts_ambiguous_config_is_refused_naming_both_plugins(host):
    community = host.community()
    neighbour = host.community(community.region_id)
    both = {"plugins": {"vip": {"enabled_communities": [community.id]},
                        "standard": {"enabled_regions": [community.region_id]}}}

    with pytest.raises(grpc.RpcError) as error:
        host.reload(both)

    _, fields = details(error.value)
    assert fields["conflicts"] == (
        f"plugins 'standard' and 'vip' conflict (VIP tiers versus one standard for everyone) "
        f"and both are enabled in community {community.id!r} of region {community.region_id!r} "
        f"with no winner: add one of them to winners under [conflicts.communities."
        f"{community.id}] or [conflicts.regions.{community.region_id}] or [conflicts]")

    host.reload({**both, "conflicts": {"communities": {community.id: {"winners": ["vip"]}}}})
    assert "standard" not in host.owner(community.id).plugin_data
    assert dict(host.owner(neighbour.id).plugin_data["standard"]) == {"standard": True}


def test_conflict_checks_use_the_communities_real_regions(host):
    community = host.community()
    elsewhere = host.community()
    # vip in one community, standard in another region: they never meet, and
    # the server knows it from the database; offline, the community might be
    # in that region, so the check asks for a winner.
    config = {"plugins": {"vip": {"enabled_communities": [community.id]},
                          "standard": {"enabled_regions": [elsewhere.region_id]}}}

    host.reload(config)
    online = host.admin.ValidateConfig(apb.ValidateConfigRequest(config_toml=toml(config)))
    offline = check_text(toml(config), host.running.app.admin.pm)

    assert online.valid
    assert [p.field for p in offline] == ["conflicts"]
    assert host.plugins_listed(community.id)["vip"].runs_in_community
