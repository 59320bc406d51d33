"""Health and reflection: what grpcurl and other services use to find and watch svcq."""

from __future__ import annotations

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)

from svcq.testing import RunningServer

CORE = ["svcq.v1.DirectoryService", "svcq.v1.OwnerService"]


@pytest.mark.parametrize("service", ["", *CORE])
def test_health_overall_and_per_service(server: RunningServer, service: str):
    health = health_pb2_grpc.HealthStub(server.channel)
    answer = health.Check(health_pb2.HealthCheckRequest(service=service))
    assert answer.status == health_pb2.HealthCheckResponse.SERVING


def test_health_of_unknown_service_is_not_found(server: RunningServer):
    health = health_pb2_grpc.HealthStub(server.channel)
    with pytest.raises(grpc.RpcError) as caught:
        health.Check(health_pb2.HealthCheckRequest(service="svcq.v1.Nope"))
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


def test_reflection_lists_and_describes_every_service(server: RunningServer):
    db = ProtoReflectionDescriptorDatabase(server.channel)
    services = set(db.get_services())
    assert {*CORE, "grpc.health.v1.Health"} <= services
    owner_service = db.FindFileContainingSymbol("svcq.v1.OwnerService")
    assert owner_service.package == "svcq.v1"
