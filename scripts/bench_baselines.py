"""Baseline servers for ``scripts/bench.py``: what plain grpcio and plain sqlite3 can do.

svcq's speed is judged as a ratio to these, measured in the same run on the
same machine, so a slow laptop or a busy CI box moves both sides together.
They are deliberately minimal but not naive: the same server thread pool as
svcq, one SQLite connection per worker thread, WAL, and a process-wide write
lock (SQLite allows one writer; letting threads queue on the busy timeout
instead costs p99 five-fold on this machine, see DESIGN.md "Runtime").

No protobuf: methods are registered with ``grpc.method_handlers_generic_handler``
and identity serializers, so requests and responses are raw bytes and there is
nothing to compile.

Run one (``bench.py`` does this in a subprocess)::

    python scripts/bench_baselines.py echo --address 127.0.0.1:50061 --threads 8
    python scripts/bench_baselines.py rawsql --address 127.0.0.1:50062 --threads 8 \\
        --database /tmp/raw.db
"""

from __future__ import annotations

import argparse
import json
import signal
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent import futures
from datetime import UTC, datetime

import grpc

#: Service names; the full method path is ``/{service}/{method}``.
ECHO_SERVICE = "bench.Echo"
RAWSQL_SERVICE = "bench.RawSql"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS owner (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    unit TEXT NOT NULL,
    attributes TEXT NOT NULL,
    create_time TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS owner_community_phone ON owner (community_id, phone);
"""
_COLUMNS = ("id", "community_id", "name", "phone", "unit", "attributes", "create_time")

Handler = Callable[[bytes, grpc.ServicerContext], bytes]


def method_path(service: str, method: str) -> str:
    """The wire path a client passes to ``channel.unary_unary``."""
    return f"/{service}/{method}"


def _unary(handler: Handler) -> grpc.RpcMethodHandler:
    # No (de)serializers: grpcio hands the handler the raw request bytes.
    return grpc.unary_unary_rpc_method_handler(handler)


def echo_handler() -> grpc.GenericRpcHandler:
    """One method returning its request: the cost of grpcio itself."""
    return grpc.method_handlers_generic_handler(
        ECHO_SERVICE, {"Echo": _unary(lambda request, _context: request)}
    )


def spin_handler(microseconds: int) -> grpc.GenericRpcHandler:
    """Echo after spinning ``microseconds`` of pure Python: the control for GIL contention.

    It answers "how far below echo does any handler that holds the GIL this
    long fall, with no database at all?", which separates the cost of Python
    work per call on two cores from the cost of svcq's own code path.
    """

    def spin(request: bytes, _context: grpc.ServicerContext) -> bytes:
        end = time.perf_counter() + microseconds / 1e6
        while time.perf_counter() < end:
            pass
        return request

    return grpc.method_handlers_generic_handler(ECHO_SERVICE, {"Echo": _unary(spin)})


class RawSql:
    """The single-row insert and primary-key lookup svcq does, with sqlite3 directly.

    ``Insert`` takes a JSON object (community_id, name, phone, unit,
    attributes), generates the id and creation time as a real create would, and
    returns the id. ``Lookup`` takes an id and returns the row as JSON.
    """

    def __init__(self, path: str, busy_timeout_ms: int = 5000) -> None:
        self._path = path
        self._busy_timeout_ms = busy_timeout_ms
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._connection().executescript(_SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        # One connection per worker thread, opened on first use and kept:
        # opening one per call would dominate a 20 µs lookup.
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self._path, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms}")
            self._local.conn = conn
        return conn

    def insert(self, request: bytes, context: grpc.ServicerContext) -> bytes:
        try:
            fields = json.loads(request)
            row = (
                uuid.uuid4().hex,
                str(fields["community_id"]),
                str(fields["name"]),
                str(fields["phone"]),
                str(fields["unit"]),
                json.dumps(fields.get("attributes", {}), ensure_ascii=False),
                datetime.now(UTC).isoformat(),
            )
        except (ValueError, KeyError, TypeError) as exc:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"bad insert request: {exc}")
        conn = self._connection()
        with self._write_lock:
            conn.execute(
                f"INSERT INTO owner ({', '.join(_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)", row
            )
        return row[0].encode()

    def lookup(self, request: bytes, context: grpc.ServicerContext) -> bytes:
        found = (
            self._connection()
            .execute(f"SELECT {', '.join(_COLUMNS)} FROM owner WHERE id = ?", (request.decode(),))
            .fetchone()
        )
        if found is None:
            context.abort(grpc.StatusCode.NOT_FOUND, "no such row")
        row = dict(zip(_COLUMNS, found, strict=True))
        row["attributes"] = json.loads(row["attributes"])
        return json.dumps(row, ensure_ascii=False).encode()

    def handler(self) -> grpc.GenericRpcHandler:
        return grpc.method_handlers_generic_handler(
            RAWSQL_SERVICE, {"Insert": _unary(self.insert), "Lookup": _unary(self.lookup)}
        )


def serve(handler: grpc.GenericRpcHandler, address: str, threads: int) -> None:
    """Serve until SIGTERM or SIGINT, then stop with a short grace."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=threads))
    server.add_generic_rpc_handlers((handler,))
    if server.add_insecure_port(address) == 0:
        raise SystemExit(f"cannot listen on {address}")
    server.start()
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()
    server.stop(grace=1).wait()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("echo", "spin", "rawsql"))
    parser.add_argument("--address", required=True, help="host:port to listen on")
    parser.add_argument("--threads", type=int, required=True, help="server worker threads")
    parser.add_argument("--database", help="SQLite file (rawsql only)")
    parser.add_argument("--spin-us", type=int, default=200, help="Python work per call (spin)")
    args = parser.parse_args(argv)
    if args.kind == "echo":
        handler = echo_handler()
    elif args.kind == "spin":
        handler = spin_handler(args.spin_us)
    elif args.database:
        handler = RawSql(args.database).handler()
    else:
        parser.error("rawsql needs --database")
    serve(handler, args.address, args.threads)


if __name__ == "__main__":
    main()
