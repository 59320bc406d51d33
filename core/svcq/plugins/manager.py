"""Build the plugin manager: discover, load guardedly, collect what plugins register.

There is no module-level manager: :func:`build_plugin_manager` makes a fresh
one, so a test builds exactly the plugins it wants and the server builds one
per start.

Built-in plugins are entry points in ``svcq.plugins`` like anyone else's, so
nothing distinguishes a region's own plugin from ours. pluggy isolates
nothing: one plugin that fails to import, fails validation or raises in a
registration hook is recorded in :attr:`SvcqPluginManager.load_failures` and
skipped, unless the config marks it required, which stops the host with an
error naming it.
"""

from __future__ import annotations

import functools
import importlib.metadata
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Generic, TypeVar

import pluggy

from svcq import hookspecs
from svcq.plugin import (
    ENTRY_POINT_GROUP,
    PROJECT_NAME,
    CliCommand,
    Conflict,
    GrpcService,
    Migration,
    PeriodicJob,
    Setting,
)
from svcq.plugins.errors import PluginLoadError

R = TypeVar("R")


@dataclass(frozen=True)
class LoadFailure:
    """A plugin that was skipped, for the start-up log and the admin API."""

    plugin: str
    error: str
    exception: BaseException = field(repr=False, compare=False)


@dataclass(frozen=True)
class Registered(Generic[R]):
    """A record together with the plugin that registered it."""

    plugin: str
    record: R


@dataclass(frozen=True)
class PluginCatalog:
    """Everything the loaded plugins registered, checked for duplicates.

    ``settings`` has an entry (possibly empty) for every loaded plugin, so it
    doubles as the list of plugin names config may mention.
    """

    plugins: tuple[str, ...]
    settings: Mapping[str, tuple[Setting, ...]]
    migrations: tuple[Registered[Migration], ...] = ()
    services: tuple[Registered[GrpcService], ...] = ()
    cli_commands: tuple[Registered[CliCommand], ...] = ()
    jobs: tuple[Registered[PeriodicJob], ...] = ()
    conflicts: tuple[Registered[Conflict], ...] = ()


#: Registration hook -> the record type its ``register`` callback accepts.
_REGISTRATION_HOOKS: Mapping[str, type] = MappingProxyType(
    {
        "svcq_register_settings": Setting,
        "svcq_register_migrations": Migration,
        "svcq_register_services": GrpcService,
        "svcq_register_cli_commands": CliCommand,
        "svcq_register_jobs": PeriodicJob,
        "svcq_declare_conflicts": Conflict,
    }
)


def call_impl(impl: pluggy.HookImpl, kwargs: Mapping[str, Any]) -> Any:
    """Call one implementation the way pluggy would (it may take a subset of
    the spec's parameters), so the host can call plugins one at a time."""
    return impl.function(*[kwargs[name] for name in impl.argnames])


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


class SvcqPluginManager(pluggy.PluginManager):
    """pluggy's manager plus guarded loading and the registered records."""

    def __init__(self, required: Collection[str] = ()) -> None:
        super().__init__(PROJECT_NAME)
        self.add_hookspecs(hookspecs)
        self.required = frozenset(required)
        self.load_failures: list[LoadFailure] = []
        #: Plugin name -> (distribution, version) for plugins that came from one.
        self.distributions: dict[str, tuple[str, str]] = {}

    def register_guarded(self, name: str, load: Callable[[], object]) -> bool:
        """Import (``load``) and register one plugin; on failure record it and
        return False, or raise if it is required."""
        if self.is_blocked(name) or self.has_plugin(name):
            return False
        try:
            plugin = load()
            self.register(plugin, name=name)
            self._check_hookimpls(plugin)
        except Exception as error:
            if self.get_plugin(name) is not None:
                self.unregister(name=name)
            self._fail(name, error)
            return False
        return True

    def _check_hookimpls(self, plugin: object) -> None:
        for caller in self.get_hookcallers(plugin) or ():
            if not caller.has_spec():
                raise pluggy.PluginValidationError(plugin, f"unknown hook {caller.name}")
            for impl in caller.get_hookimpls():
                if impl.plugin is plugin and (impl.wrapper or impl.hookwrapper):
                    raise pluggy.PluginValidationError(
                        plugin, f"{caller.name}: wrappers are not supported by svcq hooks"
                    )

    def _fail(self, name: str, error: Exception) -> None:
        if name in self.required:
            raise PluginLoadError(
                f"required plugin {name!r} failed to load: {describe(error)}"
            ) from error
        self.load_failures.append(LoadFailure(name, describe(error), error))

    def check_required(self) -> None:
        """Refuse to start when a required plugin is missing altogether."""
        for name in sorted(self.required):
            if not self.has_plugin(name):
                why = "is blocked" if self.is_blocked(name) else "is not installed"
                raise PluginLoadError(f"required plugin {name!r} {why}")

    @functools.cached_property
    def catalog(self) -> PluginCatalog:
        """Call the registration hooks once (lazily) and check the records."""
        collected: dict[str, list[Registered[Any]]] = defaultdict(list)
        settings: dict[str, tuple[Setting, ...]] = {}
        for name, plugin in list(self.list_name_plugin()):
            if plugin is None:  # a blocked name
                continue
            try:
                records = self._collect(name)
            except Exception as error:
                self.unregister(name=name)
                self._fail(name, error)
                continue
            settings[name] = tuple(records.pop("svcq_register_settings"))
            for hook, items in records.items():
                collected[hook].extend(Registered(name, item) for item in items)
        catalog = PluginCatalog(
            plugins=tuple(settings),
            settings=MappingProxyType(settings),
            migrations=tuple(collected["svcq_register_migrations"]),
            services=tuple(collected["svcq_register_services"]),
            cli_commands=tuple(collected["svcq_register_cli_commands"]),
            jobs=tuple(collected["svcq_register_jobs"]),
            conflicts=tuple(collected["svcq_declare_conflicts"]),
        )
        _reject_duplicates(catalog)
        return catalog

    def _collect(self, plugin_name: str) -> dict[str, list[Any]]:
        records: dict[str, list[Any]] = {}
        for hook, record_type in _REGISTRATION_HOOKS.items():
            items = records[hook] = []
            register = functools.partial(_register, hook, record_type, items)
            for impl in getattr(self.hook, hook).get_hookimpls():
                if impl.plugin_name == plugin_name:
                    call_impl(impl, {"register": register})
        return records


def _register(hook: str, record_type: type, items: list[Any], record: object) -> None:
    if not isinstance(record, record_type):
        raise TypeError(f"{hook}: register() takes {record_type.__name__}, got {record!r}")
    items.append(record)


def _reject_duplicates(catalog: PluginCatalog) -> None:
    """Refuse records that would be ambiguous, naming every plugin involved."""
    claims: dict[tuple[str, str], list[str]] = defaultdict(list)
    for plugin, declared in catalog.settings.items():
        for setting in declared:
            claims["setting", f"{plugin}.{setting.key}"].append(plugin)
    for m in catalog.migrations:
        claims["migration history table", m.record.history_table].append(m.plugin)
    for s in catalog.services:
        for service_name in s.record.service_names:
            claims["gRPC service", service_name].append(s.plugin)
    for c in catalog.cli_commands:
        claims["CLI command", c.record.name].append(c.plugin)
    for j in catalog.jobs:
        claims["job", f"{j.plugin}.{j.record.name}"].append(j.plugin)
    problems = [
        f"{kind} {key!r} registered more than once (by {', '.join(owners)})"
        for (kind, key), owners in claims.items()
        if len(owners) > 1
    ]
    problems += [
        f"plugin {c.plugin!r} declares a conflict with itself"
        for c in catalog.conflicts
        if c.record.plugin == c.plugin
    ]
    if problems:
        raise PluginLoadError("; ".join(problems), reason="PLUGIN_DUPLICATE_RECORD")


def build_plugin_manager(
    load_entrypoints: bool = True,
    extra_plugins: Iterable[tuple[str, object]] = (),
    block: Iterable[str] = (),
    required: Collection[str] = (),
    entry_points: Iterable[importlib.metadata.EntryPoint] | None = None,
) -> SvcqPluginManager:
    """Make a manager with the installed plugins plus ``extra_plugins``.

    :param load_entrypoints: Discover plugins in the ``svcq.plugins`` group.
    :param extra_plugins: ``(name, plugin)`` pairs registered after the entry
        points (tests, embedding applications).
    :param block: Plugin names never loaded (not even imported).
    :param required: Plugin names that must load (``required = true`` in the
        config, see :func:`svcq.plugins.config.required_plugins`).
    :param entry_points: Use these instead of the installed ones, so tests can
        simulate broken packages without installing anything.
    """
    pm = SvcqPluginManager(required)
    for name in block:
        pm.set_blocked(name)
    if load_entrypoints:
        if entry_points is None:
            entry_points = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
        for ep in entry_points:
            if ep.dist is not None:  # recorded first, so a failed plugin shows its version too
                pm.distributions.setdefault(ep.name, (ep.dist.name, ep.dist.version))
            pm.register_guarded(ep.name, ep.load)
    for name, plugin in extra_plugins:
        pm.register_guarded(name, functools.partial(_identity, plugin))
    pm.check_required()
    pm.catalog  # noqa: B018 - collect now so duplicates stop the start, not a request
    return pm


def _identity(plugin: object) -> object:
    return plugin
