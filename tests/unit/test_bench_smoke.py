"""The benchmark harness: it runs end to end, and its arithmetic is right.

Timings are never asserted (speed is the benchmark's business, not a test's);
only that calls are made, counted and compared correctly.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(SCRIPTS))
    try:
        import bench

        yield bench
    finally:
        sys.path.remove(str(SCRIPTS))


def test_echo_baseline_runs_end_to_end(tmp_path):
    out = tmp_path / "bench.json"
    argv = ["--only", "echo", "--calls", "200", "--seconds", "2", "--warmup", "20"]
    proc = subprocess.run(
        [sys.executable, str(SCRIPTS / "bench.py"), *argv, "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert proc.returncode == 0, proc.stderr
    [result] = json.loads(out.read_text())["results"]
    assert result["scenario"] == "echo"
    assert result["throughput"] > 0
    assert result["errors"] == {}
    assert result["calls"] <= 200
    assert 0 < result["p50_ms"] <= result["p99_ms"]
    assert proc.stdout.splitlines()[0].split()[:2] == ["scenario", "calls"]
    assert proc.stdout.splitlines()[1].split()[0] == "echo"
    assert proc.stderr.count("\n") == 1  # one progress line per scenario, nothing else


def test_percentile_is_nearest_rank(bench):
    values = [float(v) for v in range(1, 101)]  # 1..100

    assert bench.percentile(values, 50) == 50.0  # ceil(0.50 * 100) = 50th value
    assert bench.percentile(values, 99) == 99.0
    assert bench.percentile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 99) == 10.0
    assert bench.percentile([4.0], 1) == 4.0


def test_drive_keeps_exactly_concurrency_in_flight_and_counts_errors(bench):
    in_flight = 0
    peak = 0
    lock = threading.Lock()

    def work(index):
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.002)
        with lock:
            in_flight -= 1
        if index % 10 == 0:
            raise ValueError("boom")

    settings = bench.BenchSettings(concurrency=4, seconds=5.0)
    with ThreadPoolExecutor(max_workers=16) as pool:
        # concurrent.futures.Future has the grpc.Future methods drive() uses.
        tally = bench.drive(lambda i: pool.submit(work, i), 1, settings, calls=50)

    assert peak == 4
    assert tally.errors == {"ValueError": 5}  # indexes 10, 20, 30, 40, 50
    assert len(tally.latencies) == 45
    assert tally.elapsed > 0


def _result(bench, name, throughput, p99_ms, errors=None):
    return bench.Result(name, 100, errors or {}, 1.0, throughput, 1.0, p99_ms, None, 0.1)


def test_comparison_ratios_and_verdicts(bench):
    baseline = _result(bench, "raw-insert", throughput=2000.0, p99_ms=20.0)
    target = bench.Target("raw-insert", min_throughput_ratio=0.5, max_p99_ratio=2.0)

    met = bench.compare(_result(bench, "x", 1000.0, 40.0), baseline, target)
    missed = bench.compare(_result(bench, "x", 999.0, 41.0), baseline, target)

    assert (met.throughput_ratio, met.p99_ratio) == (0.5, 2.0)
    assert (met.throughput_pass, met.p99_pass) == (True, True)
    assert (missed.throughput_pass, missed.p99_pass) == (False, False)


def test_a_target_left_unset_is_neither_passed_nor_missed(bench):
    baseline = _result(bench, "CreateTicket", throughput=1000.0, p99_ms=20.0)
    target = bench.Target("CreateTicket", min_throughput_ratio=0.85)
    result = _result(bench, "x", 900.0, 500.0)

    comparison = bench.compare(result, baseline, target)

    assert comparison.p99_pass is None
    assert replace(result, comparison=comparison).ok
    assert not replace(result, errors={"UNAVAILABLE": 1}).ok


def test_a_baseline_without_figures_fails_the_target(bench):
    empty = _result(bench, "echo", throughput=0.0, p99_ms=float("nan"))

    comparison = bench.compare(
        _result(bench, "x", 10.0, 1.0), empty, bench.Target("echo", 0.6, 2.0)
    )

    assert (comparison.throughput_pass, comparison.p99_pass) == (False, False)


def test_plan_runs_each_baseline_once_and_first(bench, monkeypatch):
    dependent = bench.Scenario(
        "dependent", "test", bench.SCENARIOS["echo"].server, bench.SCENARIOS["echo"].prepare,
        bench.Target("raw-insert", min_throughput_ratio=0.5),
    )  # fmt: skip
    monkeypatch.setitem(bench.SCENARIOS, "dependent", dependent)

    names = [s.name for s in bench.plan(["dependent", "echo", "raw-insert"])]

    assert names == ["raw-insert", "dependent", "echo"]
    with pytest.raises(KeyError):
        bench.plan(["nope"])


def test_median_round_keeps_one_whole_round_and_every_error(bench):
    rounds = [
        _result(bench, "echo", throughput=3000.0, p99_ms=10.0),
        _result(bench, "echo", throughput=1000.0, p99_ms=90.0, errors={"UNAVAILABLE": 2}),
        _result(bench, "echo", throughput=2000.0, p99_ms=30.0, errors={"UNAVAILABLE": 1}),
    ]

    median = bench.median_round(rounds)

    assert (median.throughput, median.p99_ms) == (2000.0, 30.0)
    assert median.errors == {"UNAVAILABLE": 3}
    assert median.round_throughputs == (3000.0, 1000.0, 2000.0)


def test_json_report_is_strict_when_a_scenario_has_no_figures(bench):
    empty = _result(bench, "echo", throughput=0.0, p99_ms=float("nan"))

    report = bench.to_json([empty], bench.BenchSettings())

    text = json.dumps(report, allow_nan=False)  # raises on NaN
    assert json.loads(text)["results"][0]["p99_ms"] is None
