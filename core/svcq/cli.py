"""The ``svcq`` command: ``serve``, ``migrate``, ``config validate``, ``plugin ...``,
``token ...``, and the subcommands installed plugins add (``svcq <name> ...``).

Errors an operator can fix (bad config, port in use, database down) are one
line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from svcq.config import Config, ConfigError, load_config
from svcq.logging import configure_logging, flush_logs
from svcq.plugins import PluginLoadError, SvcqPluginManager, build_plugin_manager
from svcq.plugins.config import required_plugins
from svcq.storage.db import DatabaseUnavailable

EXIT_CONFIG = 2
EXIT_STARTUP = 3
#: Commands of the core; a plugin registering one of these names is refused.
CORE_COMMANDS = frozenset({"serve", "migrate", "config", "plugin", "token"})


def _config(args: argparse.Namespace) -> Config:
    overrides = {
        "server": {"address": getattr(args, "address", None)},
        "database": {"url": getattr(args, "database", None)},
        # --demo serves the demo data without credentials (and says so loudly).
        "security": {"demo": True if getattr(args, "demo", False) else None},
    }
    return load_config(args.config, overrides=overrides)


def cmd_serve(args: argparse.Namespace) -> int:
    from svcq.server import Server, StartupError, build_app

    config = _config(args)
    configure_logging(config.logging.level, {"auto": None, "json": True, "console": False}[
        config.logging.format], batch_seconds=config.logging.batch_ms / 1000)
    try:
        app = build_app(config)
        if args.demo:
            from svcq.demo import demo_plugins, load_demo

            load_demo(app)
            app.admin.adjust = demo_plugins(app)
            app.admin.reload_config()
        server = Server(app)
        server.start()
    except (StartupError, DatabaseUnavailable, PluginLoadError) as exc:
        flush_logs()
        print(f"svcq: {exc}", file=sys.stderr)
        return EXIT_STARTUP
    server.serve_forever()
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from svcq.storage.db import open_database
    from svcq.storage.migrate import migrate

    config = _config(args)
    try:
        db = open_database(config.database.url)
    except DatabaseUnavailable as exc:
        print(f"svcq: {exc}", file=sys.stderr)
        return EXIT_STARTUP
    applied = migrate(db)
    print("\n".join(f"applied {name}" for name in applied) or "database is up to date")
    return 0


def _token_database(args: argparse.Namespace) -> int:
    """Open and migrate the configured database for an offline token command; 0 when ready."""
    from svcq.storage.db import open_database
    from svcq.storage.migrate import migrate

    try:
        migrate(open_database(_config(args).database.url))
    except DatabaseUnavailable as exc:
        print(f"svcq: {exc}", file=sys.stderr)
        return EXIT_STARTUP
    return 0


def cmd_token_create(args: argparse.Namespace) -> int:
    """Make a token offline, against the database: how the first admin token is made."""
    from svcq.errors import InvalidArgument
    from svcq.security.tokens import TokenInput, issue_token, parse_scope
    from svcq.storage.db import database

    config = _config(args)
    if status := _token_database(args):
        return status
    kind, ident = parse_scope(args.scope)
    data = TokenInput(name=args.name, role=args.role.upper(), scope_kind=kind, scope_id=ident,
                      staff_id=args.staff or "", expire_days=args.expires)
    try:
        with database.connection_context():
            row, secret = issue_token(data, _utc_now(), default_days=(
                config.security.token_default_days), max_days=config.security.token_max_days)
    except InvalidArgument as exc:
        for v in exc.violations:
            print(f"svcq: {v.field}: {v.description}", file=sys.stderr)
        return EXIT_CONFIG
    print(f"token {row.id} ({row.role}, {row.scope_kind.lower()} {row.scope_id}".rstrip()
          + f") expires {row.expire_time:%Y-%m-%d %H:%M} UTC")
    print("secret (shown once; send it as 'authorization: Bearer <secret>'):")
    print(secret)
    return 0


def cmd_token_list(args: argparse.Namespace) -> int:
    from svcq.storage.db import database
    from svcq.storage.security import ApiToken

    if status := _token_database(args):
        return status
    now = _utc_now()
    with database.connection_context():
        rows = list(ApiToken.select().order_by(ApiToken.id))
    for row in rows:
        state = ("revoked" if row.revoke_time else "expired" if row.expire_time <= now
                 else "active")
        scope = f"{row.scope_kind.lower()}:{row.scope_id}".rstrip(":")
        print("\t".join((row.id, row.name, row.role, scope, state,
                         f"{row.expire_time:%Y-%m-%d}")))
    if not rows:
        print("no tokens")
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    from svcq.errors import SvcqError
    from svcq.security.tokens import revoke_token
    from svcq.storage.db import database

    if status := _token_database(args):
        return status
    try:
        with database.connection_context():
            revoke_token(args.id, _utc_now())
    except SvcqError as exc:
        print(f"svcq: {exc.message}", file=sys.stderr)
        return EXIT_CONFIG
    print(f"revoked {args.id}")
    return 0


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _installed_plugins(config: Config | None = None) -> SvcqPluginManager:
    """The installed plugins, loaded guardedly (offline: no server, no database)."""
    required = required_plugins({"plugins": config.plugins}) if config is not None else ()
    return build_plugin_manager(required=required)


def cmd_config_validate(args: argparse.Namespace) -> int:
    """Everything the server would check at start-up, without a database: community
    regions are unknown here, so conflicts are checked against every named region."""
    from svcq.domain.admin import check_config

    config = load_config(args.file, environ={})
    try:
        pm = _installed_plugins(config)
    except PluginLoadError as exc:
        raise ConfigError([f"plugins: {exc}"]) from None
    for failure in pm.load_failures:
        print(f"svcq: warning: plugin {failure.plugin!r} not loaded: {failure.error}",
              file=sys.stderr)
    problems = check_config(config, pm)
    if problems:
        raise ConfigError.of(problems)
    print(f"{args.file}: valid")
    return 0


def cmd_plugin_list(args: argparse.Namespace) -> int:
    from svcq.plugins import load_plugin_settings

    config = load_config(args.config, environ={}) if args.config else None
    pm = _installed_plugins(config)
    snapshot = None
    if config is not None:
        snapshot = load_plugin_settings({"plugins": config.plugins,
                                         "conflicts": config.conflicts}, pm.catalog)
    rows = []
    for name in pm.catalog.plugins:
        dist, version = pm.distributions.get(name, ("-", "-"))
        where = "-"
        if snapshot is not None:
            cfg = snapshot.plugins[name]
            where = ", ".join(["everywhere"] * cfg.everywhere
                              + [f"region {r}" for r in sorted(cfg.regions)]
                              + [f"community {c}" for c in sorted(cfg.communities)]) or "off"
        rows.append((name, dist, version, "loaded", where))
    for failure in pm.load_failures:
        dist, version = pm.distributions.get(failure.plugin, ("-", "-"))
        rows.append((failure.plugin, dist, version, f"FAILED: {failure.error}", "-"))
    if not rows:
        print("no plugins installed")
    for row in rows:
        print("\t".join(row))
    return 0


def cmd_plugin_new(args: argparse.Namespace) -> int:
    from svcq.plugin_template import names, render

    try:
        target = Path(args.dir or names(args.name)["distribution"])
        written = render(args.name, target)
    except (ValueError, FileExistsError) as exc:
        print(f"svcq: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    print("\n".join(f"wrote {path}" for path in written))
    print(f"next: cd {target} && pip install -e '.[test]' && pytest")
    return 0


def add_plugin_commands(sub: argparse._SubParsersAction, pm: SvcqPluginManager) -> list[str]:
    """A subparser per CliCommand plugins registered; returns refused names."""
    refused = []
    for registered in pm.catalog.cli_commands:
        command = registered.record
        if command.name in CORE_COMMANDS:
            refused.append(f"plugin {registered.plugin!r}: command {command.name!r} is taken "
                           "by svcq itself")
            continue
        parser = sub.add_parser(command.name, help=f"{command.help} [{registered.plugin}]")
        command.configure(parser)
        parser.set_defaults(func=command.run)
    return refused


def build_parser(pm: SvcqPluginManager | None = None) -> argparse.ArgumentParser:
    """The parser; ``pm`` adds the installed plugins' commands."""
    parser = argparse.ArgumentParser(prog="svcq", description="svcq service-quality server")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")

    def with_config(p: argparse.ArgumentParser) -> None:
        p.add_argument("--config", help="svcq.toml to read (default: $SVCQ_CONFIG)")
        p.add_argument("--database", help="database URL, overrides database.url")

    serve = sub.add_parser("serve", help="run the gRPC server")
    with_config(serve)
    serve.add_argument("--address", help="HOST:PORT to listen on, overrides server.address")
    serve.add_argument("--demo", action="store_true",
                       help="load the demo data set first (two regions, three communities)")
    serve.set_defaults(func=cmd_serve)

    mig = sub.add_parser("migrate", help="upgrade the database schema in place")
    with_config(mig)
    mig.set_defaults(func=cmd_migrate)

    config = sub.add_parser("config", help="work with configuration files")
    config_sub = config.add_subparsers(dest="config_command", required=True, metavar="action")
    validate = config_sub.add_parser(
        "validate", help="check a config file (plugin sections included) without applying it")
    validate.add_argument("file")
    validate.set_defaults(func=cmd_config_validate)

    token = sub.add_parser("token", help="API tokens, offline against the database")
    token_sub = token.add_subparsers(dest="token_command", required=True, metavar="action")
    create = token_sub.add_parser("create", help="make a token; prints its secret once")
    with_config(create)
    create.add_argument("--name", required=True, help="what the token is for")
    create.add_argument("--role", required=True,
                        help="admin, region_manager, project_head, quality_inspector, staff "
                             "or service_account")
    create.add_argument("--scope", required=True,
                        help="company, region:<id> or community:<id>")
    create.add_argument("--staff", help="staff id the token acts for")
    create.add_argument("--expires", type=int, default=0, metavar="DAYS",
                        help="days until it expires (default: security.token_default_days)")
    create.set_defaults(func=cmd_token_create)
    token_list = token_sub.add_parser("list", help="every token, active or not")
    with_config(token_list)
    token_list.set_defaults(func=cmd_token_list)
    revoke = token_sub.add_parser("revoke", help="revoke a token at once")
    with_config(revoke)
    revoke.add_argument("id", help="token id (tk_...)")
    revoke.set_defaults(func=cmd_token_revoke)

    plugin = sub.add_parser("plugin", help="work with plugins")
    plugin_sub = plugin.add_subparsers(dest="plugin_command", required=True, metavar="action")
    listing = plugin_sub.add_parser("list", help="installed plugins, versions, where enabled")
    listing.add_argument("--config", help="svcq.toml whose enablement to show")
    listing.set_defaults(func=cmd_plugin_list)
    new = plugin_sub.add_parser("new", help="create an installable plugin package")
    new.add_argument("name", help="plugin name, lower_snake_case (its config section name)")
    new.add_argument("--dir", help="folder to create (default: svcq-<name>)")
    new.set_defaults(func=cmd_plugin_new)

    if pm is not None:
        for problem in add_plugin_commands(sub, pm):
            print(f"svcq: warning: {problem}", file=sys.stderr)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # grpc's C core prints its own copy of bind errors to stderr; ours is the one-line message.
    os.environ.setdefault("GRPC_VERBOSITY", "NONE")
    try:
        pm: SvcqPluginManager | None = build_plugin_manager()
    except PluginLoadError as exc:  # duplicate records: core commands still work
        print(f"svcq: warning: plugins not loaded: {exc}", file=sys.stderr)
        pm = None
    args = build_parser(pm).parse_args(argv)
    try:
        return int(args.func(args))
    except ConfigError as exc:
        print(f"svcq: config: {'; '.join(exc.problems)}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
