"""Graceful restart under load: callers see nothing worse than UNAVAILABLE, and retries succeed.

Clients use svcq_client.Client (its channel retries UNAVAILABLE) and, past
the channel's own retries, retry the same call themselves, Creates with the
same request_id, as the client documentation tells them to. Meanwhile the
server is SIGTERMed, drains, exits 0 and is started again on the same port.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc

from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import owner_pb2 as opb
from svcq_client import Client
from tests.reliability.support import ServeProcess, query

CLIENTS = 4
#: How long a client keeps retrying one call before the test calls it lost.
GIVE_UP_SECONDS = 30


class Caller:
    """One client thread: creates an owner, reads it back, lists, until told to stop."""

    def __init__(self, address: str, community_id: str, name: str) -> None:
        self.client = Client(address)
        self.community_id = community_id
        self.name = name
        self.created: list[str] = []
        self.unexpected: list[str] = []
        self.retries = 0
        self.stop = threading.Event()

    def call(self, rpc: Callable[..., Any], request: Any) -> Any:
        give_up = time.monotonic() + GIVE_UP_SECONDS
        while True:
            try:
                return rpc(request, timeout=5)
            except grpc.RpcError as exc:
                if exc.code() != grpc.StatusCode.UNAVAILABLE or time.monotonic() > give_up:
                    self.unexpected.append(f"{exc.code().name}: {exc.details()}")
                    return None
                self.retries += 1
                time.sleep(0.05)

    def run(self) -> None:
        n = 0
        while not self.stop.is_set() and not self.unexpected:
            n += 1
            created = self.call(self.client.owners.CreateOwner, opb.CreateOwnerRequest(
                owner=opb.Owner(community_id=self.community_id,
                                display_name=f"{self.name} owner {n}"),
                request_id=f"{self.name}-{n}"))
            if created is None:
                return
            self.created.append(created.owner.id)
            got = self.call(self.client.owners.GetOwner, opb.GetOwnerRequest(
                id=created.owner.id))
            if got is not None and got.owner.display_name != f"{self.name} owner {n}":
                self.unexpected.append(f"read back {got.owner.display_name!r}")
            self.call(self.client.owners.ListOwners, opb.ListOwnersRequest(page_size=5))
        self.client.close()


def test_sigterm_and_restart_under_load_only_ever_answers_unavailable(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'svcq.db'}"
    serve = ServeProcess(tmp_path, url)
    try:
        serve.start()
        with Client(serve.address) as admin:
            region = admin.directory.CreateRegion(dpb.CreateRegionRequest(
                region=dpb.Region(display_name="restart region"))).region
            community = admin.directory.CreateCommunity(dpb.CreateCommunityRequest(
                community=dpb.Community(region_id=region.id, display_name="restart community",
                                        time_zone="Asia/Shanghai"))).community
        callers = [Caller(serve.address, community.id, f"c{i}") for i in range(CLIENTS)]
        threads = [threading.Thread(target=c.run) for c in callers]
        for t in threads:
            t.start()
        time.sleep(0.5)
        before = sum(len(c.created) for c in callers)
        assert serve.terminate() == 0
        serve.start()
        time.sleep(1.0)
        for c in callers:
            c.stop.set()
        for t in threads:
            t.join(timeout=GIVE_UP_SECONDS + 10)
    finally:
        serve.close()

    unexpected = [e for c in callers for e in c.unexpected]
    assert unexpected == [], unexpected
    assert before > 0
    assert sum(len(c.created) for c in callers) > before, "no call succeeded after the restart"
    rows = query(url, "SELECT id, display_name FROM owner WHERE community_id = ?", community.id)
    assert sorted(id_ for id_, _ in rows) == sorted(i for c in callers for i in c.created)
    assert [n for n, k in Counter(name for _, name in rows).items() if k > 1] == []
