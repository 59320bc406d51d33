"""The Python client library against a real server."""

from __future__ import annotations

from svcq.testing import RunningServer
from svcq.v1 import owner_pb2 as pb
from svcq_client import Client
from tests.support import Factory


def test_client_creates_and_reads_with_a_request_id(server: RunningServer, factory: Factory):
    community = factory.community()
    with Client(server.address) as svcq:
        svcq.wait_ready()
        request_id = Client.new_request_id()
        request = pb.CreateOwnerRequest(request_id=request_id, owner=pb.Owner(
            community_id=community.id, display_name="赵敏"))
        first = svcq.owners.CreateOwner(request).owner
        assert svcq.owners.CreateOwner(request).owner == first
        assert svcq.owners.GetOwner(pb.GetOwnerRequest(id=first.id)).owner.display_name == "赵敏"
