"""Helpers for the reliability suite: `svcq serve` as a child process, and database snapshots.

A crash or a restart can only be tested on a real process (SIGKILL cannot be
simulated in-process), so these tests run ``python -m svcq serve`` exactly
as tests/process does, with a config file written per test.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import grpc
from peewee import Database

from svcq.storage.db import database
from svcq.testing import toml

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeProcess:
    """One ``svcq serve`` child on a fixed port; start it again after a kill to restart.

    stderr goes to a file in ``folder`` (JSON log lines), so a test can read
    every run's logs and a full pipe never blocks the server.
    """

    def __init__(self, folder: Path, database_url: str, *,
                 config: dict[str, dict[str, Any]] | None = None) -> None:
        self.folder = folder
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        sections = {k: dict(v) for k, v in (config or {}).items()}
        sections.setdefault("server", {}).update(address=self.address)
        sections.setdefault("database", {}).update(url=database_url)
        sections.setdefault("logging", {}).setdefault("format", "json")
        # Credentials are issue 7's other half, tested in tests/security.
        sections.setdefault("security", {}).setdefault("demo", True)
        self.config_path = folder / "svcq.toml"
        self.config_path.write_text(toml(sections))
        self.proc: subprocess.Popen[str] | None = None
        self.runs = 0

    def start(self, timeout: float = 30) -> None:
        self.runs += 1
        log = (self.folder / f"serve-{self.runs}.log").open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "svcq", "serve", "--config", str(self.config_path)],
            cwd=self.folder, text=True, stdout=subprocess.DEVNULL, stderr=log,
            env={**os.environ, "PYTHONPATH": f"{ROOT / 'core'}:{ROOT / 'clients'}:{ROOT}"})
        log.close()
        with grpc.insecure_channel(self.address) as channel:
            grpc.channel_ready_future(channel).result(timeout=timeout)

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a power cut or the OOM killer."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def terminate(self, timeout: float = 30) -> int:
        """SIGTERM, then wait for the graceful exit; returns the exit code."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout)

    def logs(self) -> str:
        return "".join(p.read_text() for p in sorted(self.folder.glob("serve-*.log")))

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


def table_counts(db: Database = database) -> dict[str, int]:
    """Rows per table, in one statement so a snapshot per fuzzed call stays cheap."""
    tables = sorted(db.get_tables())
    sql = "SELECT " + ", ".join(f'(SELECT count(*) FROM "{t}")' for t in tables)
    with db.connection_context():
        row = db.execute_sql(sql).fetchone()
    return dict(zip(tables, row, strict=True))


def query(url: str, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Read the database behind a child server directly (placeholders are ``?``).

    Its own connection, not svcq's database proxy: the proxy may be bound to
    an in-process server of the same test session.
    """
    if url.startswith("sqlite:///"):
        import sqlite3

        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()
    import psycopg2

    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute(sql.replace("?", "%s"), params)
            return cur.fetchall()
    finally:
        conn.close()
