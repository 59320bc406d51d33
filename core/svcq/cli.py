"""The ``svcq`` command: ``serve``, ``migrate``, ``config validate``.

Errors an operator can fix (bad config, port in use, database down) are one
line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from svcq.config import Config, ConfigError, load_config
from svcq.logging import configure_logging
from svcq.storage.db import DatabaseUnavailable

EXIT_CONFIG = 2
EXIT_STARTUP = 3


def _config(args: argparse.Namespace) -> Config:
    overrides = {
        "server": {"address": getattr(args, "address", None)},
        "database": {"url": getattr(args, "database", None)},
    }
    return load_config(args.config, overrides=overrides)


def cmd_serve(args: argparse.Namespace) -> int:
    from svcq.server import Server, StartupError, build_app

    config = _config(args)
    configure_logging(config.logging.level, {"auto": None, "json": True, "console": False}[
        config.logging.format])
    try:
        app = build_app(config)
        if args.demo:
            from svcq.demo import load_demo

            load_demo(app)
        server = Server(app)
        server.start()
    except (StartupError, DatabaseUnavailable) as exc:
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


def cmd_config_validate(args: argparse.Namespace) -> int:
    load_config(args.file, environ={})
    print(f"{args.file}: valid")
    return 0


def build_parser() -> argparse.ArgumentParser:
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
    validate = config_sub.add_parser("validate", help="check a config file without applying it")
    validate.add_argument("file")
    validate.set_defaults(func=cmd_config_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # grpc's C core prints its own copy of bind errors to stderr; ours is the one-line message.
    os.environ.setdefault("GRPC_VERBOSITY", "NONE")
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ConfigError as exc:
        print(f"svcq: config: {'; '.join(exc.problems)}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
