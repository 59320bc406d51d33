"""Benchmark svcq against baselines measured in the same run.

Absolute numbers depend on the machine and what else it is doing, so every
svcq figure is printed as a ratio of a baseline run moments earlier on the same
box: a bare grpcio echo server (the floor for any RPC) and a bare grpcio server
doing the same single-row insert and primary-key lookup with sqlite3 directly
(the floor for any write or read). Targets are ratios, hence portable.

Each scenario starts its own server in a subprocess (fresh database, same
``--threads`` worker pool for baselines and svcq) and drives it from this
process over loopback, keeping exactly ``--concurrency`` calls in flight. After
a warm-up it measures ``--calls`` calls or ``--seconds`` seconds, whichever
comes first, and reports throughput, p50/p99 latency, errors, and the server's
and this client's CPU per call.

    python scripts/bench.py [--only NAME ...] [--calls N] [--seconds S]
                            [--concurrency C] [--threads T] [--rounds R] [--json PATH]

The table goes to stdout, one progress line per scenario to stderr. Exit
status: 0 when every call succeeded and every target was met, 1 otherwise,
2 when a server could not be started.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import grpc
from bench_baselines import ECHO_SERVICE, RAWSQL_SERVICE, method_path


def _setting(default: float, why: str) -> Any:
    """A settings field whose explanation is also its ``--help`` text."""
    return field(default=default, metadata={"help": why})


@dataclass(frozen=True)
class BenchSettings:
    """Bounds of one run; every field is a CLI flag of the same name."""

    concurrency: int = _setting(32, "calls kept in flight at every moment")
    calls: int = _setting(4000, "measured calls per scenario (stops at this or --seconds)")
    seconds: float = _setting(15.0, "measuring time per scenario, in seconds")
    warmup: int = _setting(200, "calls made and discarded first, to warm connections and caches")
    threads: int = _setting(
        4, "server worker threads; the same for baselines and svcq, or ratios mean nothing"
    )
    drain_seconds: float = _setting(
        10.0, "after the last call is issued, how long stragglers may take before being cancelled"
    )
    startup_seconds: float = _setting(20.0, "how long a server may take to accept connections")
    rounds: int = _setting(
        1,
        "times the whole plan is run; each scenario reports its median round, so one noisy "
        "moment on a shared machine does not decide a PASS or MISS",
    )


# ---------------------------------------------------------------------------
# Scenarios: the registry
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ServerArgs:
    """What a scenario's server command is given; ``workdir`` is fresh and private."""

    address: str
    threads: int
    workdir: Path


#: Builds the argv of the server subprocess; it must listen on ``args.address``.
ServerCommand = Callable[[ServerArgs], list[str]]
#: Starts call number ``index`` and returns its future (``stub.Method.future(request)``).
Call = Callable[[int], grpc.Future]
#: Seeds whatever the calls need (a community, rows to look up) through the
#: channel, then returns the per-call function. Stubs are built here, once.
Prepare = Callable[[grpc.Channel], Call]


@dataclass(frozen=True)
class Target:
    """A scenario's goal, relative to ``baseline`` (another scenario, run first)."""

    baseline: str
    #: Throughput must be at least this fraction of the baseline's.
    min_throughput_ratio: float | None = None
    #: p99 latency must be at most this multiple of the baseline's.
    max_p99_ratio: float | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    server: ServerCommand
    prepare: Prepare
    target: Target | None = None


#: Every scenario, in run order. Add new ones with :func:`register`.
SCENARIOS: dict[str, Scenario] = {}


def register(scenario: Scenario) -> Scenario:
    if scenario.name in SCENARIOS:
        raise ValueError(f"scenario {scenario.name!r} registered twice")
    if scenario.target and scenario.target.baseline not in SCENARIOS:
        raise ValueError(f"register baseline {scenario.target.baseline!r} before {scenario.name!r}")
    SCENARIOS[scenario.name] = scenario
    return scenario


#: Rows seeded before a lookup scenario; calls cycle through them.
LOOKUP_ROWS = 256


def sample_owner(index: int) -> dict[str, Any]:
    """A realistic owner, distinct per index; svcq scenarios should send the same data."""
    return {
        "community_id": "bench-community",
        "name": f"业主{index:06d}",
        "phone": f"138{index:08d}",
        "unit": f"{index % 30 + 1}-{index % 4 + 1}-{index % 2000 + 101}",
        "attributes": {"role": "owner", "plates": [f"粤B{index:05d}"], "tags": ["bench"]},
    }


def _baseline_server(kind: str) -> ServerCommand:
    script = Path(__file__).with_name("bench_baselines.py")

    def command(args: ServerArgs) -> list[str]:
        argv = [sys.executable, str(script), kind, "--address", args.address]
        argv += ["--threads", str(args.threads)]
        if kind == "rawsql":
            argv += ["--database", str(args.workdir / "raw.db")]
        return argv

    return command


def _prepare_echo(channel: grpc.Channel) -> Call:
    echo = channel.unary_unary(method_path(ECHO_SERVICE, "Echo"))
    # An owner-sized payload, so the floor moves as many bytes as a GetOwner reply.
    payload = json.dumps(sample_owner(0), ensure_ascii=False).encode()
    return lambda _index: echo.future(payload)


def _prepare_raw_insert(channel: grpc.Channel) -> Call:
    insert = channel.unary_unary(method_path(RAWSQL_SERVICE, "Insert"))
    return lambda index: insert.future(json.dumps(sample_owner(index), ensure_ascii=False).encode())


def _prepare_raw_lookup(channel: grpc.Channel) -> Call:
    insert = channel.unary_unary(method_path(RAWSQL_SERVICE, "Insert"))
    lookup = channel.unary_unary(method_path(RAWSQL_SERVICE, "Lookup"))
    ids = [
        insert(json.dumps(sample_owner(-1 - n), ensure_ascii=False).encode())
        for n in range(LOOKUP_ROWS)
    ]
    return lambda index: lookup.future(ids[index % len(ids)])


register(
    Scenario(
        "echo",
        "grpcio unary echo of an owner-sized payload: the floor for any RPC",
        _baseline_server("echo"),
        _prepare_echo,
    )
)
register(
    Scenario(
        "spin-200us",
        "control: echo after 0.2 ms of pure Python per call, no database (GIL contention)",
        _baseline_server("spin"),
        _prepare_echo,
        Target("echo", min_throughput_ratio=0.6, max_p99_ratio=2.0),
    )
)
register(
    Scenario(
        "raw-insert",
        "grpcio + sqlite3: insert one owner row (JSON in, id out), WAL, write lock",
        _baseline_server("rawsql"),
        _prepare_raw_insert,
    )
)
register(
    Scenario(
        "raw-lookup",
        f"grpcio + sqlite3: fetch one of {LOOKUP_ROWS} owner rows by primary key",
        _baseline_server("rawsql"),
        _prepare_raw_lookup,
    )
)

# ---------------------------------------------------------------------------
# svcq scenarios: the real server (`python -m svcq serve`) on its own SQLite file
# ---------------------------------------------------------------------------
# Each runs the same payload as its baseline (sample_owner) with the same worker
# thread count. Later issues add their scenarios below these.


def svcq_server(args: ServerArgs, config: str = "") -> list[str]:
    conf = args.workdir / "svcq.toml"
    # demo mode: no API token on the wire, as in the baselines (auth is measured on its own)
    conf.write_text(f"[server]\nworkers = {args.threads}\n\n[logging]\nlevel = \"INFO\"\n"
                    "\n[security]\ndemo = true\n" + config)
    return [sys.executable, "-m", "svcq", "serve", "--address", args.address,
            "--database", f"sqlite:///{args.workdir / 'svcq.db'}", "--config", str(conf)]


def _svcq_community(channel: grpc.Channel) -> str:
    from svcq.v1 import directory_pb2, directory_pb2_grpc

    directory = directory_pb2_grpc.DirectoryServiceStub(channel)
    region = directory.CreateRegion(directory_pb2.CreateRegionRequest(
        region=directory_pb2.Region(display_name="bench"))).region
    return directory.CreateCommunity(directory_pb2.CreateCommunityRequest(
        community=directory_pb2.Community(region_id=region.id, display_name="bench",
                                          time_zone="Asia/Shanghai"))).community.id


def _owner_request(community_id: str, index: int) -> Any:
    from svcq.v1 import owner_pb2

    data = sample_owner(index)
    return owner_pb2.CreateOwnerRequest(request_id=f"bench-{index}", owner=owner_pb2.Owner(
        community_id=community_id, display_name=data["name"], phones=[data["phone"]],
        plates=data["attributes"]["plates"], tags=data["attributes"]["tags"]))


def _raw_method(channel: grpc.Channel, service: str, method: str) -> grpc.UnaryUnaryMultiCallable:
    """A method sending and receiving bytes, as the baselines' clients do.

    The request is still built as a message and serialized per call (the
    baselines build their JSON per call), but the reply is not parsed: the
    client's decoding is not the server's cost, and on two cores it competes
    with the server for CPU.
    """
    return channel.unary_unary(f"/svcq.v1.{service}/{method}")


def _prepare_create_owner(channel: grpc.Channel) -> Call:
    create = _raw_method(channel, "OwnerService", "CreateOwner")
    community_id = _svcq_community(channel)
    return lambda i: create.future(_owner_request(community_id, i).SerializeToString())


def _prepare_get_owner(channel: grpc.Channel) -> Call:
    from svcq.v1 import owner_pb2, owner_pb2_grpc

    stub = owner_pb2_grpc.OwnerServiceStub(channel)
    get = _raw_method(channel, "OwnerService", "GetOwner")
    community_id = _svcq_community(channel)
    ids = [stub.CreateOwner(_owner_request(community_id, i)).owner.id for i in range(200)]
    requests = [owner_pb2.GetOwnerRequest(id=owner_id).SerializeToString() for owner_id in ids]
    return lambda i: get.future(requests[i % len(requests)])


register(Scenario(
    "CreateOwner", "svcq CreateOwner: validation, owner row, phone/plate/tag index rows and "
    "the idempotency key in one transaction", svcq_server, _prepare_create_owner,
    Target("raw-insert", min_throughput_ratio=0.5, max_p99_ratio=2.0)))
register(Scenario(
    "GetOwner", "svcq GetOwner by id: one indexed row, decoded into the full Owner resource",
    svcq_server, _prepare_get_owner,
    Target("echo", min_throughput_ratio=0.6, max_p99_ratio=2.0)))


def _ticket_setup(channel: grpc.Channel) -> tuple[Any, Any, str, str]:
    """A community with a front-desk receiver; returns (stub, pb module, community, staff)."""
    from svcq.v1 import directory_pb2, directory_pb2_grpc, ticket_pb2, ticket_pb2_grpc

    community_id = _svcq_community(channel)
    staff = directory_pb2_grpc.DirectoryServiceStub(channel).CreateStaff(
        directory_pb2.CreateStaffRequest(staff=directory_pb2.Staff(
            community_id=community_id, display_name="bench desk",
            department=directory_pb2.DEPARTMENT_FRONT_DESK,
            role=directory_pb2.STAFF_ROLE_OPERATOR))).staff
    return ticket_pb2_grpc.TicketServiceStub(channel), ticket_pb2, community_id, staff.id


def _ticket_request(pb: Any, community_id: str, staff_id: str, index: int) -> Any:
    return pb.CreateTicketRequest(request_id=f"bench-ticket-{index}", ticket=pb.Ticket(
        community_id=community_id, kind=pb.TICKET_KIND_REPAIR, channel=pb.TICKET_CHANNEL_FRONT_DESK,
        public_area=f"lobby {index % 30}", description="water leaking under the sink",
        first_receiver_staff_id=staff_id))


def _prepare_create_ticket(channel: grpc.Channel) -> Call:
    _stub, pb, community_id, staff_id = _ticket_setup(channel)
    create = _raw_method(channel, "TicketService", "CreateTicket")
    return lambda i: create.future(
        _ticket_request(pb, community_id, staff_id, i).SerializeToString())


def _prepare_ticket_life(channel: grpc.Channel) -> Call:
    """One call = create, dispatch, start, resolve, callback, close: six RPCs in a row."""
    from concurrent.futures import Future

    from svcq.v1 import directory_pb2

    stub, pb, community_id, staff_id = _ticket_setup(channel)

    def step(t: Any) -> dict[str, Any]:
        return {"id": t.id, "etag": t.etag, "actor_staff_id": staff_id}

    steps = [
        lambda t: stub.DispatchTicket.future(pb.DispatchTicketRequest(
            **step(t), department=directory_pb2.DEPARTMENT_ENGINEERING)),
        lambda t: stub.StartTicket.future(pb.StartTicketRequest(**step(t))),
        lambda t: stub.ResolveTicket.future(pb.ResolveTicketRequest(**step(t))),
        lambda t: stub.RecordCallback.future(pb.RecordCallbackRequest(
            **step(t), satisfied=True, score=5)),
        lambda t: stub.CloseTicket.future(pb.CloseTicketRequest(**step(t))),
    ]

    def life(index: int) -> Future:
        outcome: Future = Future()

        def advance(future: grpc.Future, remaining: list[Callable[[Any], grpc.Future]]) -> None:
            error = future.exception()
            if error is not None:
                outcome.set_exception(error)
            elif not remaining:
                outcome.set_result(future.result())
            else:
                nxt = remaining[0](future.result().ticket)
                nxt.add_done_callback(lambda f: advance(f, remaining[1:]))

        first = stub.CreateTicket.future(_ticket_request(pb, community_id, staff_id, index))
        first.add_done_callback(lambda f: advance(f, steps))
        return outcome

    return life


def svcq_with_six_plugins(args: ServerArgs) -> list[str]:
    """The same server with six plugins enabled on every ticket hook (scripts/bench_plugins.py)."""
    from bench_plugins import ENABLED_TOML

    argv = svcq_server(args, config=ENABLED_TOML)
    script = str(Path(__file__).with_name("bench_plugins.py"))
    return [sys.executable, script, *argv[argv.index("--address"):]]


register(Scenario(
    "CreateTicket", "svcq CreateTicket: deadlines on the working calendar, ticket, history, "
    "outbox event and idempotency rows in one transaction", svcq_server, _prepare_create_ticket,
    Target("raw-insert", min_throughput_ratio=0.4, max_p99_ratio=2.0)))
register(Scenario(
    "TicketLife", "a whole ticket life, create to close: 6 RPCs per call", svcq_server,
    _prepare_ticket_life))
register(Scenario(
    "CreateTicket+6plugins", "CreateTicket with six plugins enabled on every ticket hook",
    svcq_with_six_plugins, _prepare_create_ticket,
    Target("CreateTicket", min_throughput_ratio=0.85)))


def plan(names: Sequence[str]) -> list[Scenario]:
    """The scenarios to run, each preceded by its baseline (a ratio needs both)."""
    ordered: dict[str, Scenario] = {}

    def add(name: str) -> None:
        if name not in SCENARIOS:
            raise KeyError(f"unknown scenario {name!r}; known: {', '.join(SCENARIOS)}")
        scenario = SCENARIOS[name]
        if scenario.target:
            add(scenario.target.baseline)
        ordered.setdefault(name, scenario)

    for name in names:
        add(name)
    return list(ordered.values())


# ---------------------------------------------------------------------------
# Load generation
# ---------------------------------------------------------------------------


@dataclass
class Tally:
    """Raw outcome of one measured stretch; latencies in seconds, successes only."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    elapsed: float = 0.0


def drive(call: Call, first_index: int, settings: BenchSettings, calls: int) -> Tally:
    """Keep ``settings.concurrency`` calls in flight until ``calls`` or the time is up.

    The issuing thread blocks on a semaphore of ``concurrency`` slots; each
    completion callback (run on grpc's thread) records the call and frees its
    slot, so a new call starts as soon as one ends. Latency is measured from
    issue to callback, which is what a client sees.
    """
    slots = threading.Semaphore(settings.concurrency)
    lock = threading.Lock()
    in_flight: set[grpc.Future] = set()
    tally = Tally()
    last_end = 0.0

    def finished(future: grpc.Future, issued_at: float) -> None:
        nonlocal last_end
        ended = time.perf_counter()
        with lock:
            in_flight.discard(future)
            error = _error_name(future)
            if error is None:
                tally.latencies.append(ended - issued_at)
            else:
                tally.errors[error] += 1
            last_end = max(last_end, ended)
        slots.release()

    started = time.perf_counter()
    deadline = started + settings.seconds
    for index in range(first_index, first_index + calls):
        remaining = deadline - time.perf_counter()
        if remaining <= 0 or not slots.acquire(timeout=remaining):
            break
        issued_at = time.perf_counter()
        future = call(index)
        with lock:
            in_flight.add(future)
        future.add_done_callback(lambda f, t=issued_at: finished(f, t))
    _drain(slots, lock, in_flight, settings)
    tally.elapsed = max(last_end - started, 0.0)
    return tally


def _error_name(future: grpc.Future) -> str | None:
    if future.cancelled():
        return "CANCELLED"
    error = future.exception()
    if error is None:
        return None
    return error.code().name if isinstance(error, grpc.RpcError) else type(error).__name__


def _drain(
    slots: threading.Semaphore,
    lock: threading.Lock,
    in_flight: set[grpc.Future],
    settings: BenchSettings,
) -> None:
    """Wait for every slot to come back; cancel calls still out after the drain time."""
    give_up = time.perf_counter() + settings.drain_seconds
    pending = settings.concurrency
    while pending and slots.acquire(timeout=max(give_up - time.perf_counter(), 0.0)):
        pending -= 1
    if not pending:
        return
    with lock:
        stragglers = list(in_flight)
    for future in stragglers:
        future.cancel()
    while pending and slots.acquire(timeout=1.0):  # cancelled calls report promptly
        pending -= 1


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least q% of values <= it."""
    if not sorted_values:
        return math.nan
    rank = max(math.ceil(q / 100 * len(sorted_values)), 1)
    return sorted_values[rank - 1]


# ---------------------------------------------------------------------------
# Running a scenario
# ---------------------------------------------------------------------------


class BenchError(Exception):
    """A scenario could not be run (its server did not start); no figures exist."""


@dataclass(frozen=True)
class Comparison:
    baseline: str
    throughput_ratio: float
    p99_ratio: float
    min_throughput_ratio: float | None
    max_p99_ratio: float | None

    @property
    def throughput_pass(self) -> bool | None:
        if self.min_throughput_ratio is None:
            return None
        return self.throughput_ratio >= self.min_throughput_ratio

    @property
    def p99_pass(self) -> bool | None:
        if self.max_p99_ratio is None:
            return None
        return self.p99_ratio <= self.max_p99_ratio


@dataclass(frozen=True)
class Result:
    scenario: str
    calls: int
    errors: dict[str, int]
    elapsed_s: float
    throughput: float
    p50_ms: float
    p99_ms: float
    #: CPU seconds per call, in ms; the server's is None where /proc is missing.
    server_cpu_ms: float | None
    client_cpu_ms: float
    comparison: Comparison | None = None
    #: Throughput of every round, in run order (the figures above are the median round's).
    round_throughputs: tuple[float, ...] = ()

    @property
    def ok(self) -> bool:
        """No failed call and no missed target (a target not set is not missed)."""
        c = self.comparison
        verdicts = (c.throughput_pass, c.p99_pass) if c else ()
        return not self.errors and False not in verdicts


def summarise(name: str, tally: Tally, server_cpu: float | None, client_cpu: float) -> Result:
    latencies = sorted(tally.latencies)
    done = len(latencies) + sum(tally.errors.values())
    per_call = 1000 / done if done else math.nan
    return Result(
        scenario=name,
        calls=len(latencies),
        errors=dict(tally.errors),
        elapsed_s=tally.elapsed,
        throughput=len(latencies) / tally.elapsed if tally.elapsed else 0.0,
        p50_ms=percentile(latencies, 50) * 1000,
        p99_ms=percentile(latencies, 99) * 1000,
        server_cpu_ms=None if server_cpu is None else server_cpu * per_call,
        client_cpu_ms=client_cpu * per_call,
    )


def compare(result: Result, baseline: Result, target: Target) -> Comparison:
    """Ratios to the baseline; a baseline without figures makes them NaN, which never passes."""
    return Comparison(
        baseline=target.baseline,
        throughput_ratio=_ratio(result.throughput, baseline.throughput),
        p99_ratio=_ratio(result.p99_ms, baseline.p99_ms),
        min_throughput_ratio=target.min_throughput_ratio,
        max_p99_ratio=target.max_p99_ratio,
    )


def _ratio(value: float, base: float) -> float:
    return value / base if base and not math.isnan(base) else math.nan


def _free_port() -> int:
    # The port is free now; the server binds it a moment later. Loopback-only
    # and short-lived, so losing that race is rare and fails loudly.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _process_cpu(pid: int) -> float | None:
    """User + system CPU seconds of a live process, from /proc (Linux)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    utime, stime = stat.rsplit(")", 1)[1].split()[11:13]
    return (int(utime) + int(stime)) / os.sysconf("SC_CLK_TCK")


@contextmanager
def _server(argv: list[str], log: Path, address: str, timeout: float) -> Iterator[int]:
    """Run the server until the block ends; yields its pid once it accepts calls."""
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
    try:
        _wait_ready(proc, address, timeout, log)
        yield proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_ready(proc: subprocess.Popen[bytes], address: str, timeout: float, log: Path) -> None:
    give_up = time.monotonic() + timeout
    with grpc.insecure_channel(address) as channel:
        ready = grpc.channel_ready_future(channel)
        while proc.poll() is None and time.monotonic() < give_up:
            try:
                ready.result(timeout=0.1)
                return
            except grpc.FutureTimeoutError:
                continue
    tail = log.read_text(errors="replace")[-2000:]
    state = f"exited with {proc.returncode}" if proc.poll() is not None else "never became ready"
    raise BenchError(f"server {state}: {' '.join(map(str, proc.args))}\n{tail}")


def run_scenario(scenario: Scenario, settings: BenchSettings) -> Result:
    with tempfile.TemporaryDirectory(prefix=f"bench-{scenario.name}-") as tmp:
        workdir = Path(tmp)
        address = f"127.0.0.1:{_free_port()}"
        argv = scenario.server(ServerArgs(address, settings.threads, workdir))
        with (
            _server(argv, workdir / "server.log", address, settings.startup_seconds) as pid,
            grpc.insecure_channel(address) as channel,
        ):
            call = scenario.prepare(channel)
            warm = drive(call, 0, settings, settings.warmup)
            if warm.errors:
                raise BenchError(f"{scenario.name}: warm-up calls failed: {dict(warm.errors)}")
            server_before, client_before = _process_cpu(pid), time.process_time()
            tally = drive(call, settings.warmup, settings, settings.calls)
            server_after, client_after = _process_cpu(pid), time.process_time()
    server_cpu = (
        None if server_before is None or server_after is None else server_after - server_before
    )
    return summarise(scenario.name, tally, server_cpu, client_after - client_before)


def run(scenarios: Sequence[Scenario], settings: BenchSettings) -> list[Result]:
    """Run the plan ``settings.rounds`` times, then compare median rounds.

    Rounds are interleaved (the whole plan, then again) rather than repeated
    per scenario, so slow drift on the machine hits baselines and svcq alike.
    """
    rounds: dict[str, list[Result]] = {scenario.name: [] for scenario in scenarios}
    for number in range(1, settings.rounds + 1):
        for scenario in scenarios:
            label = f"bench [{number}/{settings.rounds}] {scenario.name} ..."
            print(label, end="", file=sys.stderr, flush=True)
            result = run_scenario(scenario, settings)
            rounds[scenario.name].append(result)
            print(f" {result.throughput:.0f} calls/s", file=sys.stderr)
    medians = {name: median_round(results) for name, results in rounds.items()}
    for scenario in scenarios:
        if scenario.target:
            result, baseline = medians[scenario.name], medians[scenario.target.baseline]
            comparison = compare(result, baseline, scenario.target)
            medians[scenario.name] = replace(result, comparison=comparison)
    return list(medians.values())


def median_round(results: Sequence[Result]) -> Result:
    """The round with the median throughput (the upper one for an even count).

    One whole round is kept, not a median per figure, so its p50, p99 and CPU
    belong together. Errors are summed over all rounds: a failed call is never
    hidden by a clean median.
    """
    chosen = sorted(results, key=lambda r: r.throughput)[len(results) // 2]
    errors: Counter[str] = Counter()
    for result in results:
        errors.update(result.errors)
    return replace(
        chosen, errors=dict(errors), round_throughputs=tuple(r.throughput for r in results)
    )


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------

_HEADER = (
    "scenario", "calls", "errors", "calls/s", "p50 ms", "p99 ms", "srv ms/call", "cli ms/call",
    "baseline", "thr ratio", "thr target", "p99 ratio", "p99 target",
)  # fmt: skip


def _verdict(passed: bool | None) -> str:
    return "" if passed is None else " PASS" if passed else " MISS"


def _row(result: Result) -> list[str]:
    row = [
        result.scenario,
        str(result.calls),
        str(sum(result.errors.values())),
        f"{result.throughput:.1f}",
        f"{result.p50_ms:.2f}",
        f"{result.p99_ms:.2f}",
        "-" if result.server_cpu_ms is None else f"{result.server_cpu_ms:.3f}",
        f"{result.client_cpu_ms:.3f}",
    ]
    c = result.comparison
    if c is None:
        return [*row, "-", "", "", "", ""]
    thr_target = "" if c.min_throughput_ratio is None else f">={c.min_throughput_ratio:.2f}"
    p99_target = "" if c.max_p99_ratio is None else f"<={c.max_p99_ratio:.2f}"
    return [
        *row,
        c.baseline,
        f"{c.throughput_ratio:.2f}",
        thr_target + _verdict(c.throughput_pass),
        f"{c.p99_ratio:.2f}",
        p99_target + _verdict(c.p99_pass),
    ]


def format_table(results: Sequence[Result], settings: BenchSettings) -> str:
    rows = [list(_HEADER), *(_row(r) for r in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADER))]
    lines = [
        "  ".join(
            cell.ljust(width) if i in (0, 8) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    errors = [f"{r.scenario}: {r.errors}" for r in results if r.errors]
    footer = (
        f"{settings.concurrency} in flight, server {settings.threads} threads, up to "
        f"{settings.calls} calls or {settings.seconds:g} s after {settings.warmup} warm-up calls, "
        f"median of {settings.rounds} round(s); {os.cpu_count()} CPUs"
    )
    return "\n".join([*lines, "", footer, *(f"errors {e}" for e in errors)])


def to_json(results: Sequence[Result], settings: BenchSettings) -> dict[str, Any]:
    def encode(result: Result) -> dict[str, Any]:
        data = asdict(result)
        if result.comparison:
            data["comparison"].update(
                throughput_pass=result.comparison.throughput_pass,
                p99_pass=result.comparison.p99_pass,
            )
        data["ok"] = result.ok
        return data

    return {
        "settings": asdict(settings),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "grpcio": grpc.__version__,
            "platform": platform.platform(),
        },
        "results": [_strict(encode(r)) for r in results],
    }


def _strict(value: Any) -> Any:
    """NaN (no figures) becomes null: strict JSON readers reject NaN."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _strict(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_strict(item) for item in value]
    return value


def parse_args(argv: Sequence[str] | None) -> tuple[list[str], BenchSettings, Path | None]:
    defaults = BenchSettings()
    listing = "\n".join(f"  {s.name:<14} {s.description}" for s in SCENARIOS.values())
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=f"scenarios (run in this order):\n{listing}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--only", nargs="+", metavar="NAME", help="scenarios to run (+ baselines)")
    for setting in fields(BenchSettings):
        parser.add_argument(
            f"--{setting.name.replace('_', '-')}",
            type=type(getattr(defaults, setting.name)),
            default=getattr(defaults, setting.name),
            help=f"{setting.metadata['help']} (default: {getattr(defaults, setting.name)})",
        )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    args = parser.parse_args(argv)
    settings = BenchSettings(**{s.name: getattr(args, s.name) for s in fields(BenchSettings)})
    if min(settings.concurrency, settings.threads, settings.calls, settings.rounds) < 1:
        parser.error("--concurrency, --threads, --calls and --rounds must be positive")
    names = args.only or list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(unknown)}; known: {', '.join(SCENARIOS)}")
    return names, settings, args.json


def main(argv: Sequence[str] | None = None) -> int:
    names, settings, json_path = parse_args(argv)
    try:
        results = run(plan(names), settings)
    except BenchError as exc:
        print(f"\nbench: {exc}", file=sys.stderr)
        return 2
    print(format_table(results, settings))
    if json_path:
        report = to_json(results, settings)
        json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
