"""The database: one proxy, chosen by URL, with the transaction rules both backends need.

Every model binds to :data:`database`, a ``DatabaseProxy`` initialised once by
:func:`open_database`. SQLite (the default) runs in WAL mode with foreign keys
on; PostgreSQL is for several replicas. Both are pooled, and the API layer
holds one connection per RPC (``connection_context``).

Writes go through :func:`write_transaction`. On SQLite a read-modify-write
transaction must start with ``BEGIN IMMEDIATE`` or it fails with a busy
snapshot under load; we also serialise writers of this process on a lock,
because letting 8 threads spin on SQLite's busy timeout gave a p99 five times
worse than queueing them on a lock (measured: docs/performance.md).
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime
from urllib.parse import unquote, urlparse

from peewee import Database, DatabaseProxy, Model, SqliteDatabase
from playhouse.pool import PooledPostgresqlDatabase, PooledSqliteDatabase

from svcq.budget import check_budget

database = DatabaseProxy()

_write_lock = threading.Lock()


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class DatabaseUnavailable(Exception):
    """The database could not be opened; the message says which and why."""


def as_datetime(value: datetime | str | None) -> datetime | None:
    """A DATETIME column read raw: SQLite returns text, PostgreSQL a datetime."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def is_sqlite(db: Database | None = None) -> bool:
    target = db if db is not None else database.obj
    return isinstance(target, SqliteDatabase)


def redact_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parsed = urlparse(url)
    if parsed.password:
        netloc = parsed.netloc.replace(f":{parsed.password}@", ":***@")
        return parsed._replace(netloc=netloc).geturl()
    return url


def sqlite_path(url: str) -> str:
    """``sqlite:///rel.db`` -> ``rel.db``; ``sqlite:////abs.db`` -> ``/abs.db``."""
    path = unquote(url[len("sqlite:///") :]) if url.startswith("sqlite:///") else ""
    if not path:
        raise DatabaseUnavailable(f"database.url: no file path in {url!r}")
    return path


def make_database(url: str, *, busy_timeout_ms: int = 5000, max_connections: int = 32) -> Database:
    """Build (but do not bind) the database object the URL names."""
    if url.startswith("sqlite:"):
        path = sqlite_path(url)
        if path != ":memory:":
            parent = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(parent):
                raise DatabaseUnavailable(f"database folder {parent} does not exist")
        return PooledSqliteDatabase(
            path,
            max_connections=max_connections,
            stale_timeout=300,
            timeout=busy_timeout_ms / 1000,
            check_same_thread=False,
            pragmas={
                "journal_mode": "wal",
                "foreign_keys": 1,
                "synchronous": "normal",
                "busy_timeout": busy_timeout_ms,
                "cache_size": -16000,
            },
        )
    parsed = urlparse(url)
    if parsed.scheme not in {"postgresql", "postgres"}:
        raise DatabaseUnavailable(f"unsupported database URL scheme {parsed.scheme!r}")
    return PooledPostgresqlDatabase(
        parsed.path.lstrip("/") or "postgres",
        host=parsed.hostname or "127.0.0.1",
        port=parsed.port or 5432,
        user=unquote(parsed.username) if parsed.username else None,
        password=unquote(parsed.password) if parsed.password else None,
        max_connections=max_connections,
        stale_timeout=300,
        timeout=10,
        connect_timeout=5,
    )


@contextmanager
def setup_lock(db: Database) -> Iterator[None]:
    """One process at a time setting up a SQLite file (opening it first, migrating).

    Processes started together on a new file would otherwise all switch it to
    WAL and create its tables at once, and SQLite answers "database is
    locked" to all but one without waiting. An flock on
    ``<database>-setup.lock`` beside the file (SQLite's processes share a
    host by nature); nothing for PostgreSQL (migrations take an advisory
    lock there) or an in-memory database.
    """
    path = str(db.database) if isinstance(db, SqliteDatabase) else ""
    if not path or path == ":memory:" or path.startswith("file:"):
        yield
        return
    fd = os.open(f"{path}-setup.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def open_database(url: str, *, busy_timeout_ms: int = 5000, max_connections: int = 32) -> Database:
    """Bind the proxy to the URL's database and check it answers."""
    db = make_database(url, busy_timeout_ms=busy_timeout_ms, max_connections=max_connections)
    try:
        with setup_lock(db):
            db.connect()
            db.execute_sql("SELECT 1")
    except Exception as exc:  # the driver's own errors vary by backend
        raise DatabaseUnavailable(
            f"cannot open database {redact_url(url)}: {str(exc).strip().splitlines()[0]}"
        ) from None
    finally:
        if not db.is_closed():
            db.close()
    database.initialize(db)
    return db


def close_database() -> None:
    db = database.obj
    if db is not None:
        if not db.is_closed():
            db.close()
        if hasattr(db, "close_all"):
            db.close_all()


_local = threading.local()


def after_commit(fn: Callable[[], None]) -> None:
    """Run ``fn`` once the current write transaction has committed and let go of its lock.

    Reactions (plugin hooks, follow-up work) run here: they may write in
    transactions of their own, and must not hold up other writers.
    Outside any transaction ``fn`` runs at once.
    """
    pending = getattr(_local, "pending", None)
    if pending is not None:
        pending.append(fn)
    elif database.transaction_depth() > 0:
        database.after_commit(fn)
    else:
        fn()


@contextmanager
def write_transaction() -> Iterator[None]:
    """A transaction for read-modify-write work; nested calls become savepoints.

    The outermost one rolls back instead of committing when the RPC's caller
    has already stopped waiting (:mod:`svcq.budget`): a caller that timed out
    and retries should not find its first attempt written behind its back.
    """
    if database.transaction_depth() > 0:
        with database.atomic():
            yield
        return
    _local.pending = pending = []
    try:
        # SQLite: one writer at a time in this process, and the file's write lock at BEGIN.
        lock, begin = (_write_lock, ("IMMEDIATE",)) if is_sqlite() else (nullcontext(), ())
        with lock, database.atomic(*begin):
            yield
            check_budget("committing")
    finally:
        _local.pending = None
    for fn in pending:
        fn()
