"""`svcq serve` as an operator runs it: a real process, real signals, real exit codes."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import directory_pb2_grpc, owner_pb2_grpc
from svcq.v1 import owner_pb2 as opb

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "svcq", "serve", *args], cwd=cwd, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        # Demo mode: these tests are about the process, not about credentials.
        env={**os.environ, "PYTHONPATH": f"{ROOT / 'core'}:{ROOT}", "SVCQ_SECURITY__DEMO": "true",
             **(env or {})})


def wait_serving(channel: grpc.Channel, timeout: float = 20) -> None:
    grpc.channel_ready_future(channel).result(timeout=timeout)


def test_sigterm_drains_in_flight_rpcs_and_exits_zero(tmp_path: Path):
    port = free_port()
    db_path = tmp_path / "svcq.db"
    proc = serve("--address", f"127.0.0.1:{port}", "--database", f"sqlite:///{db_path}",
                 cwd=tmp_path)
    try:
        channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        wait_serving(channel)
        directory = directory_pb2_grpc.DirectoryServiceStub(channel)
        region = directory.CreateRegion(dpb.CreateRegionRequest(
            region=dpb.Region(display_name="r"))).region
        community = directory.CreateCommunity(dpb.CreateCommunityRequest(community=dpb.Community(
            region_id=region.id, display_name="c", time_zone="Asia/Shanghai"))).community
        owners = owner_pb2_grpc.OwnerServiceStub(channel)
        health = health_pb2_grpc.HealthStub(channel)

        # A load balancer watches health on a stream opened before the shutdown.
        watch = health.Watch(health_pb2.HealthCheckRequest())
        assert next(watch).status == health_pb2.HealthCheckResponse.SERVING

        # Hold SQLite's write lock so the next create is still in flight at SIGTERM.
        blocker = sqlite3.connect(db_path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        in_flight = owners.CreateOwner.future(opb.CreateOwnerRequest(
            owner=opb.Owner(community_id=community.id, display_name="Late Li"),
            request_id="in-flight"), metadata=[("x-request-id", "req-in-flight")])
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        assert next(watch).status == health_pb2.HealthCheckResponse.NOT_SERVING
        watch.cancel()
        assert not in_flight.done()
        blocker.execute("COMMIT")
        blocker.close()
        created = in_flight.result(timeout=10).owner
        assert created.display_name == "Late Li"
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    lines = [json.loads(line) for line in proc.stderr.read().splitlines() if line.startswith("{")]
    (rpc_line,) = [x for x in lines if x.get("request_id") == "req-in-flight"]
    assert rpc_line["method"] == "/svcq.v1.OwnerService/CreateOwner"
    assert rpc_line["code"] == "OK"
    assert rpc_line["duration_ms"] >= 400
    assert "Late Li" not in "\n".join(json.dumps(x, ensure_ascii=False) for x in lines)
    # the write survived the shutdown
    rows = sqlite3.connect(db_path).execute("SELECT display_name FROM owner").fetchall()
    assert rows == [("Late Li",)]


def one_line_failure(proc: subprocess.Popen) -> tuple[int, str]:
    _, err = proc.communicate(timeout=30)
    lines = [line for line in err.splitlines() if line.strip()]
    return proc.returncode, "\n".join(lines)


def test_port_in_use_is_one_line_and_non_zero(tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, err = one_line_failure(serve("--address", f"127.0.0.1:{port}", "--database",
                                           f"sqlite:///{tmp_path / 'x.db'}", cwd=tmp_path))
    assert code == 3
    *log_lines, last = err.splitlines()
    assert last == f"svcq: cannot listen on 127.0.0.1:{port}: address in use or not available"
    assert all(line.startswith("{") for line in log_lines)  # structured logs, no traceback


def test_unreachable_database_is_one_line_and_non_zero(tmp_path: Path):
    code, err = one_line_failure(serve("--database", "postgresql://svcq@127.0.0.1:1/none",
                                       cwd=tmp_path))
    assert code == 3
    assert err.splitlines()[-1].startswith("svcq: cannot open database postgresql://")
    assert "Traceback" not in err


@pytest.mark.parametrize("toml, key", [
    ('[server]\nworkers = "many"\n', "server.workers"),
    ('[server]\naddress = "nowhere"\n', "server.address"),
    ('[database]\nurl = "mysql://x"\n', "database.url"),
    ('[serverr]\n', "serverr"),
])
def test_bad_config_names_the_key(tmp_path: Path, toml: str, key: str):
    path = tmp_path / "svcq.toml"
    path.write_text(toml)
    code, err = one_line_failure(serve("--config", str(path), cwd=tmp_path))
    assert code == 2
    assert err.startswith(f"svcq: config: {key}")
    assert len(err.splitlines()) == 1


def test_environment_overrides_the_file_and_flags_override_both(tmp_path: Path):
    path = tmp_path / "svcq.toml"
    path.write_text('[server]\naddress = "127.0.0.1:1"\n')
    port = free_port()
    proc = serve("--config", str(path), "--database", f"sqlite:///{tmp_path / 'e.db'}",
                 cwd=tmp_path, env={"SVCQ_SERVER__ADDRESS": f"127.0.0.1:{port}",
                                    "SVCQ_SERVER__WORKERS": "oops"})
    code, err = one_line_failure(proc)
    assert (code, err) == (2, "svcq: config: server.workers: expected an integer, got 'oops'")
