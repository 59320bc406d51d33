"""Six plugins for the benchmark's CreateTicket+6plugins scenario, and the server that loads them.

They implement the hooks CreateTicket calls (validate, route, deadlines,
created, ticket data) and do the least a real practice would (read their
settings, look at the ticket), so the figure measures what the plugin host
costs per call, not what one practice chooses to do.

    python scripts/bench_plugins.py --address HOST:PORT --database URL --config FILE
"""

from __future__ import annotations

import argparse
from typing import Any

from svcq.config import load_config
from svcq.domain.admin import PluginSource
from svcq.logging import configure_logging
from svcq.plugin import HookContext, Setting, Veto, hookimpl
from svcq.server import Server, build_app

NAMES = [f"bench_plugin_{i}" for i in range(1, 7)]


class BenchPlugin:
    def __init__(self, name: str) -> None:
        self.name = name

    @hookimpl
    def svcq_register_settings(self, register: Any) -> None:
        register(Setting("weight", int, 1, "a setting every hook reads"))

    @hookimpl
    def svcq_ticket_validate(self, ticket: Any, action: str, ctx: HookContext) -> Veto | None:
        return Veto("weight must not be negative") if ctx.settings["weight"] < 0 else None

    @hookimpl
    def svcq_ticket_route(self, ticket: Any, ctx: HookContext) -> None:
        return None

    @hookimpl
    def svcq_ticket_deadlines(self, ticket: Any, proposed: Any, ctx: HookContext) -> None:
        return None

    @hookimpl
    def svcq_ticket_created(self, ticket: Any, ctx: HookContext) -> None:
        ctx.settings["weight"]

    @hookimpl
    def svcq_ticket_plugin_data(self, ticket: Any, ctx: HookContext) -> dict[str, Any]:
        return {"weight": ctx.settings["weight"], "kind": str(ticket.kind)}


ENABLED_TOML = "".join(f"\n[plugins.{name}]\nenabled = true\n" for name in NAMES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--address", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--config", required=True)
    args = parser.parse_args()
    config = load_config(args.config, overrides={"server": {"address": args.address},
                                                 "database": {"url": args.database}})
    configure_logging(config.logging.level)
    source = PluginSource(load_entrypoints=False,
                          extra=tuple((name, BenchPlugin(name)) for name in NAMES))
    server = Server(build_app(config, plugins=source))
    server.start()
    server.serve_forever()


if __name__ == "__main__":
    main()
