"""The plugin host: discovery and loading, the plugin config, per-community calls.

Start-up, in order::

    pm = build_plugin_manager(required=required_plugins(config))
    settings = load_plugin_settings(config, pm.catalog)
    runner = HookRunner(pm, settings, clock)
"""

from svcq.plugins.config import (
    PluginSettings,
    load_plugin_settings,
    required_plugins,
    validate_plugin_config,
)
from svcq.plugins.errors import PluginConflict, PluginFailed, PluginLoadError, PluginVeto
from svcq.plugins.manager import (
    LoadFailure,
    PluginCatalog,
    Registered,
    SvcqPluginManager,
    build_plugin_manager,
)
from svcq.plugins.runner import Decision, HookFailure, HookRunner, Scope

__all__ = [
    "Decision",
    "HookFailure",
    "HookRunner",
    "LoadFailure",
    "PluginCatalog",
    "PluginConflict",
    "PluginFailed",
    "PluginLoadError",
    "PluginSettings",
    "PluginVeto",
    "Registered",
    "Scope",
    "SvcqPluginManager",
    "build_plugin_manager",
    "load_plugin_settings",
    "required_plugins",
    "validate_plugin_config",
]
