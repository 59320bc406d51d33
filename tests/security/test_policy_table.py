"""Methods x roles x scopes: every RPC has a rule, and the server enforces it for every caller.

The method list comes from the service descriptors, so a new RPC without a
line in svcq.security.policy fails here before it ships.
"""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import symbol_database

from svcq.security import policy
from svcq.security.principal import Principal, Role, ScopeKind
from svcq.v1 import admin_pb2, directory_pb2, evaluation_pb2, owner_pb2, ticket_pb2
from tests.security.conftest import World, code_and_reason

MODULES = [directory_pb2, owner_pb2, ticket_pb2, evaluation_pb2, admin_pb2]
METHODS = [(f"/{service.full_name}/{method.name}", method)
           for module in MODULES for service in module.DESCRIPTOR.services_by_name.values()
           for method in service.methods]
SCOPES = {"company": ScopeKind.COMPANY, "region": ScopeKind.REGION,
          "community": ScopeKind.COMMUNITY}


def test_every_core_rpc_has_a_rule_and_no_rule_is_stale():
    listed = {f"/{service}/{name}" for service, rules in policy.SERVICES.items()
              for name in rules}
    assert {name for name, _ in METHODS} == listed
    assert all(policy.rule_for(name) is not None for name, _ in METHODS)


def test_an_unlisted_core_rpc_is_refused_and_plugin_rpcs_go_by_verb():
    admin = Principal("t", Role.ADMIN, ScopeKind.COMPANY)
    assert not policy.permits(admin, "/svcq.v1.OwnerService/MergeOwners")
    quality = Principal("t", Role.QUALITY_INSPECTOR, ScopeKind.COMMUNITY, "cm_1")
    assert policy.permits(quality, "/svcq.fivestep.v1.StarService/ListStarCustomers")
    assert not policy.permits(quality, "/svcq.fivestep.v1.StarService/AwardStars")


# Hand-written spot checks, so the table itself is checked against intent, not only itself.
EXPECTED = [
    ("STAFF", "company", "/svcq.v1.DirectoryService/CreateRegion", False),
    ("REGION_MANAGER", "region", "/svcq.v1.DirectoryService/CreateCommunity", True),
    ("REGION_MANAGER", "region", "/svcq.v1.DirectoryService/UpdateRegion", False),
    ("QUALITY_INSPECTOR", "community", "/svcq.v1.OwnerService/UpdateOwner", False),
    ("QUALITY_INSPECTOR", "community", "/svcq.v1.TicketService/CompleteTicketCallback", True),
    ("QUALITY_INSPECTOR", "community", "/svcq.v1.EvaluationService/RecordInspection", True),
    ("STAFF", "community", "/svcq.v1.EvaluationService/RecordInspection", False),
    ("STAFF", "community", "/svcq.v1.EvaluationService/RectifyDefect", True),
    ("STAFF", "community", "/svcq.v1.TicketService/GetTicketFigures", False),
    ("SERVICE_ACCOUNT", "company", "/svcq.v1.TicketService/CreateTicket", True),
    ("SERVICE_ACCOUNT", "company", "/svcq.v1.AdminService/ListAuditRecords", False),
    ("PROJECT_HEAD", "community", "/svcq.v1.AdminService/ListAuditRecords", True),
    ("PROJECT_HEAD", "community", "/svcq.v1.AdminService/CreateApiToken", False),
    ("ADMIN", "community", "/svcq.v1.AdminService/ReloadConfig", False),
    ("ADMIN", "community", "/svcq.v1.EvaluationService/CreateChecklistTemplate", False),
    ("ADMIN", "company", "/svcq.v1.AdminService/RevokeApiToken", True),
]


@pytest.mark.parametrize(("role", "scope", "method", "allowed"), EXPECTED)
def test_spot_checks_of_the_table(role, scope, method, allowed):
    principal = Principal("t", Role(role), SCOPES[scope], "" if scope == "company" else "x")
    assert policy.permits(principal, method) is allowed


def _call(channel: grpc.Channel, method: str, descriptor) -> tuple[grpc.StatusCode, str]:
    """Call ``method`` with an empty request, whatever its shape."""
    database = symbol_database.Default()
    request = database.GetSymbol(descriptor.input_type.full_name)()
    response = database.GetSymbol(descriptor.output_type.full_name)
    if descriptor.server_streaming:
        stub = channel.unary_stream(method, request_serializer=type(request).SerializeToString,
                                    response_deserializer=response.FromString)
        return code_and_reason(lambda: next(iter(stub(request, timeout=0.05))))
    stub = channel.unary_unary(method, request_serializer=type(request).SerializeToString,
                               response_deserializer=response.FromString)
    return code_and_reason(lambda: stub(request, timeout=5))


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("scope", list(SCOPES))
def test_the_server_enforces_the_table_for_every_method(world: World, role, scope):
    """Refused callers get PERMISSION_DENIED / ROLE_NOT_PERMITTED before any handler runs;
    permitted ones never do (whatever else an empty request earns them)."""
    channel = world.channel(role, scope)
    principal = Principal("t", role, SCOPES[scope], "" if scope == "company" else "x")
    wrong = []
    for method, descriptor in METHODS:
        if method.endswith("/ReloadConfig"):
            continue  # re-reads the shared server's config; the spot checks cover its rule
        code, reason = _call(channel, method, descriptor)
        refused = code == grpc.StatusCode.PERMISSION_DENIED and reason == "ROLE_NOT_PERMITTED"
        if refused == policy.permits(principal, method) or code == grpc.StatusCode.UNAUTHENTICATED:
            wrong.append((method, code, reason))
    assert wrong == []
