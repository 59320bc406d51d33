"""The plugins part of svcq.toml: validation messages, overrides, conflicts."""

from __future__ import annotations

import tomllib

import pytest

from svcq.errors import InvalidArgument
from svcq.plugin import Conflict, Setting, hookimpl
from svcq.plugins import (
    PluginConflict,
    build_plugin_manager,
    load_plugin_settings,
    required_plugins,
    validate_plugin_config,
)


class VipButler:
    @hookimpl
    def svcq_register_settings(self, register):
        register(Setting("visits_per_week", int, 3, "Households each butler visits weekly."))
        register(Setting("vip_share", float, 0.1, "Share of owners treated as VIP."))
        register(Setting("tiers", list[str], ["vip"], "Customer tiers."))
        register(Setting("forum", dict, {}, "Quarterly forum options."))

    @hookimpl
    def svcq_declare_conflicts(self, register):
        register(Conflict("big_customer_service", "customer tiers"))


class BigCustomerService:
    @hookimpl
    def svcq_declare_conflicts(self, register):
        # Declared on both sides: still one conflict.
        register(Conflict("vip_butler", "one standard for everyone"))
        register(Conflict("not_installed_here", "whatever"))


class FiveStep:
    @hookimpl
    def svcq_register_settings(self, register):
        register(Setting("points_per_star", int, 10, "Points for one star."))


@pytest.fixture(scope="module")
def catalog():
    pm = build_plugin_manager(
        load_entrypoints=False,
        extra_plugins=[
            ("vip_butler", VipButler()),
            ("big_customer_service", BigCustomerService()),
            ("fivestep", FiveStep()),
        ],
    )
    return pm.catalog


def toml(text: str) -> dict:
    return tomllib.loads(text)


def problems(config: dict, catalog, **kwargs) -> dict[str, str]:
    return {v.field: v.description for v in validate_plugin_config(config, catalog, **kwargs)}


def test_empty_config_is_valid_and_enables_nothing(catalog):
    settings = load_plugin_settings({}, catalog)

    assert settings.enabled_for("c-1", "east") == ()
    assert settings.settings_for("fivestep", "c-1", "east") == {"points_per_star": 10}


def test_every_problem_is_reported_with_plugin_and_key(catalog):
    config = toml(
        """
        [plugins.vip_butler]
        enabled = "yes"
        enabled_regions = "east"
        required = 1
        visits_per_week = true
        vip_share = "high"
        tiers = ["gold", 2]
        visit_per_week = 4

        [plugins.vip_butler.regions.east]
        colour = "red"

        [plugins.vip_butler.communities]
        c-1 = 5

        [plugins.fivestep]
        points_per_star = 2.5

        [plugins.welcome]
        enabled = true

        [conflicts]
        winners = ["nobody"]
        loser = ["x"]
        """
    )

    assert problems(config, catalog) == {
        "plugins.vip_butler.enabled": "expected bool, got str",
        "plugins.vip_butler.enabled_regions": "expected list[str], got str",
        "plugins.vip_butler.required": "expected bool, got int",
        "plugins.vip_butler.visits_per_week": "expected int, got bool True",
        "plugins.vip_butler.vip_share": "expected float, got str 'high'",
        "plugins.vip_butler.tiers": "expected list[str], got list ['gold', 2]",
        "plugins.vip_butler.visit_per_week": (
            "unknown key (declared settings: forum, tiers, vip_share, visits_per_week)"
        ),
        "plugins.vip_butler.regions.east.colour": (
            "unknown key (declared settings: forum, tiers, vip_share, visits_per_week)"
        ),
        "plugins.vip_butler.communities.c-1": "expected a table, got int",
        "plugins.fivestep.points_per_star": "expected int, got float 2.5",
        "plugins.welcome": "unknown plugin (installed: vip_butler, big_customer_service, fivestep)",
        "conflicts.winners": "unknown plugin 'nobody'",
        "conflicts.loser": "unknown key (expected winners, regions, communities)",
    }


def test_invalid_config_raises_invalid_argument_with_reason(catalog):
    with pytest.raises(InvalidArgument) as caught:
        load_plugin_settings({"plugins": {"fivestep": {"stars": 1}}}, catalog)

    assert caught.value.reason == "INVALID_PLUGIN_CONFIG"
    assert [v.field for v in caught.value.violations] == ["plugins.fivestep.stars"]


def test_enablement_by_region_community_or_everywhere(catalog):
    settings = load_plugin_settings(
        toml(
            """
            [plugins.vip_butler]
            enabled_regions = ["east"]
            enabled_communities = ["c-9"]
            [plugins.fivestep]
            enabled = true
            """
        ),
        catalog,
    )

    assert settings.enabled_for("c-1", "east") == ("vip_butler", "fivestep")
    assert settings.enabled_for("c-9", "south") == ("vip_butler", "fivestep")
    assert settings.enabled_for("c-2", "south") == ("fivestep",)
    assert settings.enabled_for("c-2", None) == ("fivestep",)


def test_settings_resolve_default_section_region_community(catalog):
    settings = load_plugin_settings(
        toml(
            """
            [plugins.vip_butler]
            enabled = true
            vip_share = 1          # an int is accepted for a float
            [plugins.vip_butler.regions.east]
            visits_per_week = 4
            tiers = ["gold", "silver"]
            [plugins.vip_butler.communities.c-1]
            visits_per_week = 5
            forum = { months = [3, 6] }
            """
        ),
        catalog,
    )

    def effective(community, region):
        return dict(settings.settings_for("vip_butler", community, region))

    assert effective("c-2", "south") == {
        "visits_per_week": 3,
        "vip_share": 1.0,
        "tiers": ("vip",),
        "forum": {},
    }
    assert effective("c-2", "east")["visits_per_week"] == 4
    assert effective("c-2", "east")["tiers"] == ("gold", "silver")
    assert effective("c-1", "east")["visits_per_week"] == 5
    assert effective("c-1", "east")["tiers"] == ("gold", "silver")
    assert effective("c-1", "south")["visits_per_week"] == 5
    assert isinstance(effective("c-1", "east")["vip_share"], float)


def test_settings_are_read_only(catalog):
    settings = load_plugin_settings(
        {"plugins": {"vip_butler": {"forum": {"months": [3]}}}}, catalog
    )
    effective = settings.settings_for("vip_butler", "c-1", None)

    with pytest.raises(TypeError):
        effective["visits_per_week"] = 9  # type: ignore[index]
    with pytest.raises(TypeError):
        effective["forum"]["months"] = [4]
    assert effective["forum"]["months"] == (3,)


def test_required_plugins_are_read_before_loading():
    config = toml(
        """
        [plugins.a]
        required = true
        [plugins.b]
        required = "yes"
        [plugins.c]
        """
    )
    assert required_plugins(config) == {"a"}
    assert required_plugins({"plugins": 3}) == frozenset()
    assert load_plugin_settings({"plugins": {"fivestep": {"required": True}}}, catalog_of_one())


def catalog_of_one():
    return build_plugin_manager(
        load_entrypoints=False, extra_plugins=[("fivestep", FiveStep())]
    ).catalog


CONFLICTING = """
[plugins.vip_butler]
enabled_regions = ["east"]
enabled_communities = ["c-7"]
[plugins.big_customer_service]
enabled = true
"""


def test_conflicting_plugins_without_winner_are_refused_per_scope(catalog):
    found = validate_plugin_config(toml(CONFLICTING), catalog)

    assert {v.field for v in found} == {"conflicts"}
    messages = [v.description for v in found]
    # east; c-7 in east; c-7 in an unnamed region. Not: elsewhere (vip is off there).
    assert len(messages) == 3
    assert messages[0] == (
        "plugins 'big_customer_service' and 'vip_butler' conflict "
        "(customer tiers; one standard for everyone) and both "
        "are enabled in region 'east' with no winner: add one of them to winners under "
        "[conflicts.regions.east] or [conflicts]"
    )
    assert "in community 'c-7' of region 'east'" in messages[1]
    assert "in community 'c-7' with no winner" in messages[2]
    assert "[conflicts.communities.c-7] or [conflicts]" in messages[2]


def test_known_community_regions_narrow_the_check(catalog):
    found = validate_plugin_config(
        toml(CONFLICTING + '[conflicts.regions.east]\nwinners = ["vip_butler"]\n'),
        catalog,
        community_regions={"c-7": "south"},
    )
    assert [v.description for v in found] == [
        "plugins 'big_customer_service' and 'vip_butler' conflict "
        "(customer tiers; one standard for everyone) and both "
        "are enabled in community 'c-7' of region 'south' with no winner: add one of them to "
        "winners under [conflicts.communities.c-7] or [conflicts.regions.south] or [conflicts]"
    ]


def test_winners_by_scope_most_specific_first(catalog):
    settings = load_plugin_settings(
        toml(
            CONFLICTING
            + """
            [conflicts]
            winners = ["big_customer_service"]
            [conflicts.regions.east]
            winners = ["vip_butler", "fivestep"]
            [conflicts.communities.c-7]
            winners = ["big_customer_service"]
            """
        ),
        catalog,
    )

    assert settings.enabled_for("c-1", "east") == ("vip_butler",)
    assert settings.winner("vip_butler", "big_customer_service", "c-1", "east") == "vip_butler"
    assert settings.enabled_for("c-7", "east") == ("big_customer_service",)
    assert settings.enabled_for("c-7", "south") == ("big_customer_service",)
    assert settings.enabled_for("c-1", "south") == ("big_customer_service",)
    assert settings.winner("vip_butler", "fivestep", "c-1", "east") is None


def test_a_scope_naming_both_sides_is_refused(catalog):
    config = toml(
        CONFLICTING
        + """
        [conflicts]
        winners = ["big_customer_service", "vip_butler"]
        """
    )
    assert problems(config, catalog)["conflicts.winners"] == (
        "names both 'big_customer_service' and 'vip_butler', which conflict"
    )


def test_unresolved_conflict_at_run_time_fails_clearly(catalog):
    # Validation was told c-7 is in south; at run time it turns up in east.
    config = toml(CONFLICTING + '[conflicts.regions.south]\nwinners = ["vip_butler"]\n')
    config["plugins"]["vip_butler"]["enabled_regions"] = []
    settings = load_plugin_settings(config, catalog, community_regions={"c-7": "south"})

    with pytest.raises(PluginConflict, match="'big_customer_service' and 'vip_butler'") as caught:
        settings.enabled_for("c-7", "east")
    assert caught.value.reason == "PLUGIN_CONFLICT"
