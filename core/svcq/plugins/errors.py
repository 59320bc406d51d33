"""How the plugin host refuses: each error names the plugin responsible.

Status choices (the API layer maps ``code``):

* :class:`PluginFailed` is INTERNAL. A decision hook that raises is a
  server-side defect: the caller's request and the resource's state are fine,
  and retrying will not help until an operator fixes or disables the plugin.
  FAILED_PRECONDITION would wrongly tell the caller to change something.
  The message names the plugin, the hook and the exception type, never the
  exception text, which may carry residents' data; the full traceback is
  chained (``__cause__``) for the server log.
* :class:`PluginVeto` is FAILED_PRECONDITION: the plugin looked at the
  resource and refused the action, a business rule like any other.
"""

from __future__ import annotations

from svcq.errors import FailedPrecondition, SvcqError


class PluginLoadError(SvcqError):
    """The host cannot start with this set of plugins (a startup error)."""

    code = "FAILED_PRECONDITION"
    default_reason = "PLUGIN_LOAD_FAILED"


class PluginFailed(SvcqError):
    """A decision hook raised; the request fails and nothing is written."""

    code = "INTERNAL"
    default_reason = "PLUGIN_FAILED"

    def __init__(self, plugin: str, hook: str, error: BaseException) -> None:
        super().__init__(
            f"plugin {plugin!r} failed in {hook}: {type(error).__name__}",
            metadata={"plugin": plugin, "hook": hook, "error_type": type(error).__name__},
        )
        self.plugin = plugin
        self.hook = hook


class PluginVeto(FailedPrecondition):
    """A plugin refused the action with a reason."""

    default_reason = "PLUGIN_VETO"

    def __init__(self, plugin: str, hook: str, reason: str) -> None:
        super().__init__(
            f"plugin {plugin!r} refused: {reason}",
            metadata={"plugin": plugin, "hook": hook, "veto_reason": reason},
        )
        self.plugin = plugin
        self.hook = hook
        self.veto_reason = reason


class PluginConflict(FailedPrecondition):
    """Two conflicting plugins are enabled where the config names no winner.

    Config validation rules this out for every community and region the
    config names; it can only surface when a community's region is not the
    one validation was told about.
    """

    default_reason = "PLUGIN_CONFLICT"
