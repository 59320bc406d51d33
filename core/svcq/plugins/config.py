"""The plugins part of ``svcq.toml``: who runs where, with which settings.

Shape (every key optional)::

    [plugins.vip_butler]
    enabled_regions = ["east"]          # or: enabled = true (everywhere)
    enabled_communities = ["c-12"]      # added to the regions' communities
    required = true                     # the server refuses to start without it
    visits_per_week = 3                 # a setting the plugin declared

    [plugins.vip_butler.regions.east]   # overrides for one region
    visits_per_week = 4

    [plugins.vip_butler.communities.c-12]   # overrides for one community
    visits_per_week = 5

    [conflicts]                          # who wins when two enabled plugins conflict
    winners = ["big_customer_service"]   # everywhere ...
    [conflicts.regions.east]
    winners = ["vip_butler"]             # ... except in region east ...
    [conflicts.communities.c-7]
    winners = ["big_customer_service"]   # ... and back again in community c-7

Settings resolve from the plugin's declared defaults, then its section, then
the region's and then the community's overrides. A conflict is decided by the
most specific scope (community, region, everywhere) whose ``winners`` names
exactly one of the two plugins; the loser does not run there. A ``winners``
list is a set of practices a scope prefers, which reads better than one rule
per pair and needs no pair syntax in TOML keys.

Validation reports every problem at once as field violations whose path names
the plugin and the key (``plugins.vip_butler.visits_per_week``), so a
ReloadConfig caller fixes its file in one round trip. An enabled pair of
conflicting plugins with no winner is a problem in every scope the config can
tell apart, so a valid config never meets an unresolved conflict at run time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from svcq.errors import FieldViolation, InvalidArgument, Violations
from svcq.plugin import Setting, conforms, type_name
from svcq.plugins.errors import PluginConflict
from svcq.plugins.manager import PluginCatalog
from svcq.sections import ABSENT, Reader, Table

_ENABLEMENT_KEYS = frozenset(
    {"enabled", "enabled_regions", "enabled_communities", "required", "regions", "communities"}
)
_RULING_KEYS = frozenset({"winners", "regions", "communities"})
_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class _PluginConfig:
    everywhere: bool
    regions: frozenset[str]
    communities: frozenset[str]
    required: bool
    #: Declared defaults overlaid with the plugin's own section.
    base: Mapping[str, Any]
    region_overrides: Mapping[str, Mapping[str, Any]]
    community_overrides: Mapping[str, Mapping[str, Any]]

    def enabled_in(self, community_id: str | None, region_id: str | None) -> bool:
        return self.everywhere or region_id in self.regions or community_id in self.communities


@dataclass(frozen=True)
class _Rulings:
    everywhere: frozenset[str]
    regions: Mapping[str, frozenset[str]]
    communities: Mapping[str, frozenset[str]]

    def winner(self, a: str, b: str, community_id: str | None, region_id: str | None) -> str | None:
        for scope in (
            self.communities.get(community_id or ""),
            self.regions.get(region_id or ""),
            self.everywhere,
        ):
            named = (scope or frozenset()) & {a, b}
            if len(named) == 1:
                return next(iter(named))
        return None


@dataclass(frozen=True)
class PluginSettings:
    """An immutable snapshot of the validated plugin config.

    Build it with :func:`load_plugin_settings`; replace it whole on reload.
    """

    #: Plugin name -> its config, in load order, for every installed plugin.
    plugins: Mapping[str, _PluginConfig]
    #: Conflicting pair -> what the conflict is about.
    conflicts: Mapping[frozenset[str], str]
    rulings: _Rulings

    @property
    def required(self) -> frozenset[str]:
        return frozenset(name for name, cfg in self.plugins.items() if cfg.required)

    def enabled_for(self, community_id: str, region_id: str | None) -> tuple[str, ...]:
        """The plugins that run in this community: enabled there and not
        losing a conflict to another plugin enabled there."""
        enabled = [n for n, cfg in self.plugins.items() if cfg.enabled_in(community_id, region_id)]
        losers: set[str] = set()
        for a, b, about in self._enabled_conflicts(enabled):
            winner = self.rulings.winner(a, b, community_id, region_id)
            if winner is None:
                raise PluginConflict(
                    f"plugins {a!r} and {b!r} conflict ({about}) and both are enabled in "
                    f"community {community_id!r} (region {region_id!r}) with no winner",
                    metadata={"plugins": f"{a},{b}", "community_id": community_id},
                )
            losers.add(b if winner == a else a)
        return tuple(name for name in enabled if name not in losers)

    def settings_for(
        self, plugin: str, community_id: str | None, region_id: str | None
    ) -> Mapping[str, Any]:
        """One plugin's effective, read-only settings in this community."""
        cfg = self.plugins[plugin]
        merged = {
            **cfg.base,
            **cfg.region_overrides.get(region_id or "", _EMPTY),
            **cfg.community_overrides.get(community_id or "", _EMPTY),
        }
        return MappingProxyType(merged)

    def winner(self, a: str, b: str, community_id: str | None, region_id: str | None) -> str | None:
        """Which of two conflicting plugins wins here (None: no conflict or no ruling)."""
        if frozenset({a, b}) not in self.conflicts:
            return None
        return self.rulings.winner(a, b, community_id, region_id)

    def _enabled_conflicts(self, enabled: list[str]) -> Iterator[tuple[str, str, str]]:
        present = set(enabled)
        for pair, about in self.conflicts.items():
            if pair <= present:
                a, b = sorted(pair)
                yield a, b, about

    def _unresolved(self, community_regions: Mapping[str, str]) -> Iterator[str]:
        """Describe every conflict left open in a scope the config can tell apart."""
        regions: set[str] = set(self.rulings.regions)
        communities: set[str] = set(self.rulings.communities)
        for cfg in self.plugins.values():
            regions |= cfg.regions | set(cfg.region_overrides)
            communities |= cfg.communities | set(cfg.community_overrides)
        any_region: list[str | None] = [*sorted(regions), None]
        scopes: list[tuple[str | None, str | None]] = [(None, r) for r in any_region]
        for c in sorted(communities):
            known = community_regions.get(c)
            scopes += [(c, r) for r in ([known] if known else any_region)]
        for community_id, region_id in scopes:
            enabled = [
                n for n, cfg in self.plugins.items() if cfg.enabled_in(community_id, region_id)
            ]
            for a, b, about in self._enabled_conflicts(enabled):
                if self.rulings.winner(a, b, community_id, region_id) is None:
                    yield _unresolved_message(a, b, about, community_id, region_id)


def _unresolved_message(
    a: str, b: str, about: str, community_id: str | None, region_id: str | None
) -> str:
    where, tables = [], []
    if community_id is not None:
        where.append(f"community {community_id!r}")
        tables.append(f"[conflicts.communities.{community_id}]")
    if region_id is not None:
        where.append(f"region {region_id!r}")
        tables.append(f"[conflicts.regions.{region_id}]")
    tables.append("[conflicts]")
    place = "in " + " of ".join(where) if where else "everywhere"
    return (
        f"plugins {a!r} and {b!r} conflict ({about}) and both are enabled {place} "
        f"with no winner: add one of them to winners under {' or '.join(tables)}"
    )


def required_plugins(config: Mapping[str, Any]) -> frozenset[str]:
    """Names marked ``required = true``, read before plugins are loaded
    (full validation needs the loaded plugins' declared settings)."""
    plugins = config.get("plugins")
    if not isinstance(plugins, Mapping):
        return frozenset()
    return frozenset(
        name
        for name, section in plugins.items()
        if isinstance(section, Mapping) and section.get("required") is True
    )


def load_plugin_settings(
    config: Mapping[str, Any],
    catalog: PluginCatalog,
    *,
    community_regions: Mapping[str, str] | None = None,
) -> PluginSettings:
    """Validate the ``plugins`` and ``conflicts`` tables of a parsed svcq.toml.

    :param config: The whole document as returned by ``tomllib``.
    :param catalog: What the loaded plugins declared.
    :param community_regions: Community id -> region id, when known (from the
        database). Without it a named community is checked against every
        named region, which may ask for a winner a community never needs.
    :raises InvalidArgument: listing every problem (reason ``INVALID_PLUGIN_CONFIG``).
    """
    problems = Violations()
    sections = Table(config.get("plugins", {}), "plugins", problems)
    plugins: dict[str, _PluginConfig] = {}
    for name in catalog.plugins:
        declared = {s.key: s for s in catalog.settings[name]}
        plugins[name] = _parse_plugin(sections.table(name), declared)
    for name in sections:
        if name not in catalog.settings:
            installed = ", ".join(catalog.plugins) or "none"
            problems.add(f"plugins.{name}", f"unknown plugin (installed: {installed})")
    conflicts: dict[frozenset[str], str] = {}
    for c in catalog.conflicts:
        if c.record.plugin in catalog.settings:  # conflicts with absent plugins are moot
            pair = frozenset({c.plugin, c.record.plugin})
            conflicts[pair] = "; ".join(filter(None, (conflicts.get(pair), c.record.about)))
    rulings = _parse_rulings(Table(config.get("conflicts", {}), "conflicts", problems), catalog,
                             conflicts)
    snapshot = PluginSettings(MappingProxyType(plugins), MappingProxyType(conflicts), rulings)
    for message in snapshot._unresolved(community_regions or {}):
        problems.add("conflicts", message)
    problems.raise_if_any(reason="INVALID_PLUGIN_CONFIG")
    return snapshot


def validate_plugin_config(
    config: Mapping[str, Any],
    catalog: PluginCatalog,
    *,
    community_regions: Mapping[str, str] | None = None,
) -> list[FieldViolation]:
    """Every problem in the plugin config; empty when it is valid."""
    try:
        load_plugin_settings(config, catalog, community_regions=community_regions)
    except InvalidArgument as error:
        return error.violations
    return []


def _declared(expected: Any, *, show_value: bool = False) -> Reader:
    """A reader for a type as plugins declare it, named as ListPlugins shows it (``list[str]``)."""

    def read(value: object) -> Any:
        if not conforms(value, expected):
            got = f"{type(value).__name__} {value!r}" if show_value else type(value).__name__
            raise ValueError(f"expected {type_name(expected)}, got {got}")
        return value

    return read


def _parse_plugin(section: Table, declared: Mapping[str, Setting]) -> _PluginConfig:
    defaults = {key: _freeze(s.default, s) for key, s in declared.items()}
    return _PluginConfig(
        everywhere=section.read("enabled", _declared(bool), False),
        regions=frozenset(section.read("enabled_regions", _declared(list[str]), [])),
        communities=frozenset(section.read("enabled_communities", _declared(list[str]), [])),
        required=section.read("required", _declared(bool), False),
        base=MappingProxyType({**defaults, **_settings(section, declared, _ENABLEMENT_KEYS)}),
        region_overrides=_overrides(section.table("regions"), declared),
        community_overrides=_overrides(section.table("communities"), declared),
    )


def _overrides(
    scopes: Table, declared: Mapping[str, Setting]
) -> Mapping[str, Mapping[str, Any]]:
    return MappingProxyType({
        scope_id: MappingProxyType(_settings(scopes.table(scope_id), declared))
        for scope_id in scopes
    })


def _settings(
    table: Table, declared: Mapping[str, Setting], also_known: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The declared settings ``table`` gives; keys in ``also_known`` are read elsewhere."""
    hint = f"declared settings: {', '.join(sorted(declared)) or 'none'}"
    table.check_keys([*declared, *also_known], hint=hint)
    accepted: dict[str, Any] = {}
    for key, setting in declared.items():
        if key in also_known:
            continue
        value = table.read(key, _declared(setting.type, show_value=True))
        if value is not ABSENT:
            accepted[key] = _freeze(value, setting)
    return accepted


def _parse_rulings(
    table: Table, catalog: PluginCatalog, conflicts: Mapping[frozenset[str], str]
) -> _Rulings:
    table.check_keys(_RULING_KEYS, hint="expected winners, regions, communities")

    def winners(scope: Table) -> frozenset[str]:
        scope.check_keys(["winners"], hint="expected winners")
        names = frozenset(scope.read("winners", _declared(list[str]), []))
        for name in sorted(names - set(catalog.plugins)):
            scope.problem("winners", f"unknown plugin {name!r}")
        for pair in conflicts:
            if pair <= names:
                a, b = sorted(pair)
                scope.problem("winners", f"names both {a!r} and {b!r}, which conflict")
        return names

    def scoped(kind: str) -> Mapping[str, frozenset[str]]:
        scopes = table.table(kind)
        return MappingProxyType({scope_id: winners(scopes.table(scope_id)) for scope_id in scopes})

    everywhere = winners(Table({"winners": table.data["winners"]} if "winners" in table else {},
                               "conflicts", table.problems))
    return _Rulings(everywhere, scoped("regions"), scoped("communities"))


def _freeze(value: Any, setting: Setting) -> Any:
    """Read-only copies, so a plugin cannot change what another call sees:
    lists arrive as tuples, tables as read-only mappings."""
    if setting.type is float:
        return float(value)
    return _deep_freeze(value)


def _deep_freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_deep_freeze(v) for v in value)
    if isinstance(value, Mapping):
        return MappingProxyType({k: _deep_freeze(v) for k, v in value.items()})
    return value
