"""Call hooks for one community: only its plugins, each with its own context.

pluggy calls every implementation with the same arguments, but each plugin
must see only its own settings, and the host must know which plugin failed.
So :class:`HookRunner` asks pluggy (``subset_hook_caller``) for the
implementations enabled in the community, in pluggy's call order, and calls
them one at a time with a per-plugin :class:`~svcq.plugin.HookContext`:

* :meth:`HookRunner.decide` (firstresult decision hooks) and
  :meth:`HookRunner.check` (vetoes) and :meth:`HookRunner.gather` (decisions
  every plugin contributes to) run inside the caller's transaction; a plugin
  that raises becomes :class:`~svcq.plugins.errors.PluginFailed` naming it, so
  the request fails and the transaction rolls back.
* :meth:`HookRunner.react` (after commit) and :meth:`HookRunner.collect`
  (plugin data on reads) isolate plugins: a failure is returned as a
  :class:`HookFailure` for the caller to log and persist for retry, and the
  remaining plugins still run.

The config snapshot is swapped by assigning one attribute; each call reads it
once, so a reload never mixes two configs within a call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pluggy
import structlog

from svcq.clock import Clock
from svcq.plugin import Core, HookContext, PeriodicJob, Veto
from svcq.plugins.config import PluginSettings, load_plugin_settings
from svcq.plugins.errors import PluginFailed, PluginVeto
from svcq.plugins.manager import Registered, SvcqPluginManager, call_impl, describe


@dataclass(frozen=True)
class Scope:
    """Where a hook runs: a community and the region it belongs to."""

    community_id: str
    region_id: str | None = None


@dataclass(frozen=True)
class Decision:
    """The answer of a firstresult hook and the plugin that gave it."""

    plugin: str
    value: Any


@dataclass(frozen=True)
class HookFailure:
    """A plugin that raised in an isolated hook; the caller logs and stores it."""

    plugin: str
    hook: str
    error: str
    exception: BaseException = field(repr=False, compare=False)


class HookRunner:
    """Per-community facade over a :class:`SvcqPluginManager`.

    Assumes the manager's registrations are fixed once built (the server
    builds one per start); reloading changes only the settings snapshot.
    """

    def __init__(
        self,
        pm: SvcqPluginManager,
        settings: PluginSettings,
        clock: Clock,
        logger: Any = None,
    ) -> None:
        self.pm = pm
        self.clock = clock
        self._settings = settings
        self._logger = logger if logger is not None else structlog.get_logger("svcq.plugins")
        self._impls: dict[tuple[str, frozenset[str]], tuple[pluggy.HookImpl, ...]] = {}
        # Per snapshot: who runs where, and each plugin's context there. Both are
        # immutable for a snapshot, and building them for every hook call was most
        # of what six enabled plugins cost a CreateTicket. Entries carry their
        # snapshot, so a reload (a new snapshot) never meets an old entry.
        self._enabled: dict[tuple[str, str | None], tuple[PluginSettings, frozenset[str]]] = {}
        self._contexts: dict[tuple[str, str, str | None],
                             tuple[PluginSettings, object, HookContext]] = {}
        #: Builds ``ctx.core`` for a community; set by the server once its services exist.
        self.core_factory: Callable[[str], Core] | None = None

    # -- configuration -------------------------------------------------------

    @property
    def settings(self) -> PluginSettings:
        return self._settings

    def replace_settings(self, settings: PluginSettings) -> None:
        """Swap the snapshot; calls in flight finish with the one they read."""
        self._settings = settings
        self._enabled = {}
        self._contexts = {}

    def reload(
        self, config: Mapping[str, Any], *, community_regions: Mapping[str, str] | None = None
    ) -> PluginSettings:
        """Validate a new config and swap it in; on InvalidArgument the running
        snapshot stays."""
        settings = load_plugin_settings(
            config, self.pm.catalog, community_regions=community_regions
        )
        self.replace_settings(settings)
        return settings

    def implemented(self, hook: str, scope: Scope) -> bool:
        """Whether any plugin running in ``scope`` implements ``hook``.

        Lets the core skip building hook arguments (a ticket record costs tens
        of microseconds) on the hot path when nobody would read them.
        """
        return bool(self._enabled_impls(hook, scope, self._settings))

    def enabled_for(self, scope: Scope) -> tuple[str, ...]:
        return self._settings.enabled_for(scope.community_id, scope.region_id)

    def context(
        self, plugin: str, scope: Scope, settings: PluginSettings | None = None
    ) -> HookContext:
        """The context ``plugin`` sees in ``scope`` (also for jobs and services)."""
        snapshot = self._settings if settings is None else settings
        key = (plugin, scope.community_id, scope.region_id)
        cached = self._contexts.get(key)
        if cached is not None and cached[0] is snapshot and cached[1] is self.core_factory:
            return cached[2]
        ctx = HookContext(
            plugin=plugin,
            community_id=scope.community_id,
            region_id=scope.region_id,
            clock=self.clock,
            settings=snapshot.settings_for(plugin, scope.community_id, scope.region_id),
            log=self._logger.bind(plugin=plugin, community_id=scope.community_id),
            core=self.core_factory(scope.community_id) if self.core_factory else None,
        )
        self._contexts[key] = (snapshot, self.core_factory, ctx)
        return ctx

    # -- decision hooks (inside the transaction) ------------------------------

    def decide(self, hook: str, scope: Scope, /, **kwargs: Any) -> Decision | None:
        """Run a firstresult hook: the first non-None answer wins."""
        for plugin, result in self._results(hook, scope, kwargs):
            if result is not None:
                return Decision(plugin, result)
        return None

    def check(self, hook: str, scope: Scope, /, **kwargs: Any) -> None:
        """Run a validation hook; the first :class:`Veto` fails the request."""
        decision = self.decide(hook, scope, **kwargs)
        if decision is None:
            return
        if not isinstance(decision.value, Veto):
            error = TypeError(f"expected Veto or None, got {type(decision.value).__name__}")
            raise PluginFailed(decision.plugin, hook, error)
        raise PluginVeto(decision.plugin, hook, decision.value.reason)

    def gather(self, hook: str, scope: Scope, /, **kwargs: Any) -> dict[str, Any]:
        """Every plugin's non-None answer, by plugin; any failure fails the request."""
        return {p: r for p, r in self._results(hook, scope, kwargs) if r is not None}

    # -- isolated hooks (after commit, and reads) ----------------------------

    def react(self, hook: str, scope: Scope, /, **kwargs: Any) -> list[HookFailure]:
        """Run a reaction hook in every plugin, whatever the others do."""
        return self.collect(hook, scope, **kwargs)[1]

    def react_plugin(
        self, plugin: str, hook: str, scope: Scope, /, **kwargs: Any
    ) -> HookFailure | None:
        """Run one plugin's reaction again (a retry); the caller checks it runs there."""
        for impl in self._enabled_impls(hook, scope, self._settings):
            if impl.plugin_name == plugin:
                try:
                    call_impl(impl, {**kwargs, "ctx": self.context(plugin, scope)})
                except Exception as error:
                    return HookFailure(plugin, hook, describe(error), error)
        return None

    def collect(
        self, hook: str, scope: Scope, /, **kwargs: Any
    ) -> tuple[dict[str, Any], list[HookFailure]]:
        """Every plugin's non-None answer by plugin, and the plugins that failed."""
        results: dict[str, Any] = {}
        failures: list[HookFailure] = []
        settings = self._settings
        for impl in self._enabled_impls(hook, scope, settings):
            ctx = self.context(impl.plugin_name, scope, settings)
            try:
                result = call_impl(impl, {**kwargs, "ctx": ctx})
            except Exception as error:
                failures.append(HookFailure(impl.plugin_name, hook, describe(error), error))
            else:
                if result is not None:
                    results[impl.plugin_name] = result
        return results, failures

    # -- periodic jobs -------------------------------------------------------

    def jobs_for(self, scope: Scope) -> tuple[Registered[PeriodicJob], ...]:
        enabled = set(self.enabled_for(scope))
        return tuple(job for job in self.pm.catalog.jobs if job.plugin in enabled)

    def run_job(self, job: Registered[PeriodicJob], scope: Scope) -> HookFailure | None:
        try:
            job.record.function(self.context(job.plugin, scope))
        except Exception as error:
            return HookFailure(job.plugin, f"job {job.record.name}", describe(error), error)
        return None

    # -- internals -----------------------------------------------------------

    def _results(
        self, hook: str, scope: Scope, kwargs: Mapping[str, Any]
    ) -> Iterator[tuple[str, Any]]:
        settings = self._settings
        for impl in self._enabled_impls(hook, scope, settings):
            ctx = self.context(impl.plugin_name, scope, settings)
            try:
                result = call_impl(impl, {**kwargs, "ctx": ctx})
            except Exception as error:
                raise PluginFailed(impl.plugin_name, hook, error) from error
            yield impl.plugin_name, result

    def _enabled_impls(
        self, hook: str, scope: Scope, settings: PluginSettings
    ) -> tuple[pluggy.HookImpl, ...]:
        where = (scope.community_id, scope.region_id)
        known = self._enabled.get(where)
        if known is not None and known[0] is settings:
            enabled = known[1]
        else:
            enabled = frozenset(settings.enabled_for(scope.community_id, scope.region_id))
            self._enabled[where] = (settings, enabled)
        key = (hook, enabled)
        impls = self._impls.get(key)
        if impls is None:
            others = [p for n, p in self.pm.list_name_plugin() if p and n not in enabled]
            caller = self.pm.subset_hook_caller(hook, remove_plugins=others)
            # get_hookimpls() lists in reverse call order (pluggy calls the last
            # registered first, tryfirst/trylast aside).
            impls = tuple(reversed(caller.get_hookimpls()))
            self._impls[key] = impls
        return impls
