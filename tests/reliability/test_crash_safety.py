"""Crash safety: SIGKILL in the middle of creates loses no acknowledged write and doubles none.

Clients keep creating owners, each with its own request_id; the server is
killed without warning while creates are in flight, started again on the
same database, and every create the clients did not see acknowledged is
retried with the same request_id, as a client library does after a
transport error.
"""

from __future__ import annotations

import itertools
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import directory_pb2_grpc, owner_pb2_grpc
from svcq.v1 import owner_pb2 as opb
from svcq_client import Client
from tests.conftest import fresh_database
from tests.reliability.support import ServeProcess, query

WRITERS = 4
#: Acknowledged creates before the kill: enough that the writers are in full flow.
ACKED_BEFORE_KILL = 40


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url, pg = fresh_database(request.param, tmp_path_factory)
    yield url
    if pg is not None:
        pg.drop()


def request(community_id: str, i: int) -> opb.CreateOwnerRequest:
    return opb.CreateOwnerRequest(
        owner=opb.Owner(community_id=community_id, display_name=f"crash owner {i}"),
        request_id=f"crash-{i}")


def test_sigkill_mid_write_loses_no_acknowledged_create_and_doubles_none(
        tmp_path: Path, database_url: str):
    serve = ServeProcess(tmp_path, database_url)
    try:
        serve.start()
        channel = grpc.insecure_channel(serve.address)
        directory = directory_pb2_grpc.DirectoryServiceStub(channel)
        region = directory.CreateRegion(dpb.CreateRegionRequest(
            region=dpb.Region(display_name="crash region"))).region
        community = directory.CreateCommunity(dpb.CreateCommunityRequest(
            community=dpb.Community(region_id=region.id, display_name="crash community",
                                    time_zone="Asia/Shanghai"))).community
        owners = owner_pb2_grpc.OwnerServiceStub(channel)

        numbers = itertools.count()
        acked: dict[int, str] = {}
        issued: set[int] = set()
        lock = threading.Lock()
        enough = threading.Event()
        unexpected: list[grpc.RpcError] = []

        def writer() -> None:
            # Stops at its first failure: the server is gone, the rest is the retry's job.
            while True:
                with lock:
                    i = next(numbers)
                    issued.add(i)
                try:
                    owner = owners.CreateOwner(request(community.id, i), timeout=10).owner
                except grpc.RpcError as exc:
                    if exc.code() != grpc.StatusCode.UNAVAILABLE:
                        unexpected.append(exc)
                    return
                with lock:
                    acked[i] = owner.id
                    if len(acked) >= ACKED_BEFORE_KILL:
                        enough.set()

        threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
        for t in threads:
            t.start()
        assert enough.wait(30)
        serve.kill()
        for t in threads:
            t.join(timeout=30)
        channel.close()
        assert unexpected == []
        unacked = issued - set(acked)
        assert unacked, "the kill must catch creates in flight"

        serve.start()
        with Client(serve.address) as client:
            retried = {i: client.owners.CreateOwner(request(community.id, i), timeout=10).owner.id
                       for i in sorted(unacked)}
            # A retry of an acknowledged create answers the first response, not a new owner.
            sample = sorted(acked)[:5]
            replayed = {i: client.owners.CreateOwner(request(community.id, i), timeout=10
                                                     ).owner.id for i in sample}
        assert replayed == {i: acked[i] for i in sample}
    finally:
        serve.close()

    rows = query(database_url, "SELECT id, display_name FROM owner WHERE community_id = ?",
                 community.id)
    names = Counter(name for _, name in rows)
    assert [n for n, c in names.items() if c > 1] == []
    assert set(names) == {f"crash owner {i}" for i in issued}
    ids = {id_ for id_, _ in rows}
    assert set(acked.values()) | set(retried.values()) == ids
