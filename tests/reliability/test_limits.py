"""Limits from config: message size, concurrent RPCs, and deadlines the server honours.

A `svcq serve` child with small limits, so filling them is cheap: two
WatchEvents streams (which poll until their caller leaves) hold both RPC
slots; a third call must be refused at once, not queued behind them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import grpc
import pytest

from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import directory_pb2_grpc, ticket_pb2_grpc
from svcq.v1 import ticket_pb2 as tpb
from tests.reliability.support import ServeProcess, query

MAX_MESSAGE_BYTES = 4096
MAX_CONCURRENT_RPCS = 2
#: Longer than the events poll (0.25 s): the server notices a gone caller within one poll.
NOTICE_SECONDS = 1.0


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    folder = tmp_path_factory.mktemp("limits")
    running = ServeProcess(folder, f"sqlite:///{folder / 'svcq.db'}", config={"server": {
        "max_message_bytes": MAX_MESSAGE_BYTES, "max_concurrent_rpcs": MAX_CONCURRENT_RPCS}})
    running.start()
    yield running
    running.close()


@pytest.fixture
def channel(serve: ServeProcess) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(serve.address) as ch:
        yield ch


def regions(serve: ServeProcess) -> int:
    url = f"sqlite:///{serve.folder / 'svcq.db'}"
    return query(url, "SELECT count(*) FROM region")[0][0]


def test_an_oversized_request_is_refused_and_writes_nothing(serve, channel):
    directory = directory_pb2_grpc.DirectoryServiceStub(channel)
    before = regions(serve)
    with pytest.raises(grpc.RpcError) as caught:
        directory.CreateRegion(dpb.CreateRegionRequest(
            region=dpb.Region(display_name="x" * (MAX_MESSAGE_BYTES + 1))), timeout=5)
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert regions(serve) == before
    directory.CreateRegion(dpb.CreateRegionRequest(region=dpb.Region(display_name="small")),
                           timeout=5)
    assert regions(serve) == before + 1


def hold_slots(channel: grpc.Channel, timeout: float | None = None) -> list[grpc.Future]:
    """Every RPC slot busy with a WatchEvents stream that waits for events forever."""
    tickets = ticket_pb2_grpc.TicketServiceStub(channel)
    streams = [tickets.WatchEvents(tpb.WatchEventsRequest(), timeout=timeout)
               for _ in range(MAX_CONCURRENT_RPCS)]
    time.sleep(0.3)  # let the server start both handlers
    return streams


def get_region_code(channel: grpc.Channel) -> grpc.StatusCode:
    directory = directory_pb2_grpc.DirectoryServiceStub(channel)
    try:
        directory.GetRegion(dpb.GetRegionRequest(id="rg_none"), timeout=5)
    except grpc.RpcError as exc:
        return exc.code()
    return grpc.StatusCode.OK


def test_beyond_the_concurrency_limit_the_answer_is_resource_exhausted_at_once(channel):
    streams = hold_slots(channel)
    try:
        started = time.monotonic()
        assert get_region_code(channel) == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert time.monotonic() - started < 0.5, "refused at once, not queued"
    finally:
        for stream in streams:
            stream.cancel()
    time.sleep(NOTICE_SECONDS)
    assert get_region_code(channel) == grpc.StatusCode.NOT_FOUND  # slots free again


def test_work_stops_when_the_callers_deadline_passes(serve, channel):
    streams = hold_slots(channel, timeout=0.5)
    assert get_region_code(channel) == grpc.StatusCode.RESOURCE_EXHAUSTED
    for stream in streams:
        with pytest.raises(grpc.RpcError) as caught:
            next(stream)
        assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    time.sleep(NOTICE_SECONDS)
    # The handlers ended by themselves: their slots are free, and each logged its end.
    assert get_region_code(channel) == grpc.StatusCode.NOT_FOUND
    lines = [json.loads(line) for line in serve.logs().splitlines() if line.startswith("{")]
    ended = [x for x in lines if x.get("method") == "/svcq.v1.TicketService/WatchEvents"
             and x.get("event") == "rpc"]
    assert len(ended) >= MAX_CONCURRENT_RPCS
    assert {x["code"] for x in ended} == {"CANCELLED"}
    assert all(x["duration_ms"] < 500 + NOTICE_SECONDS * 1000 for x in ended[-2:])
