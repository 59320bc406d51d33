"""A token bound to a staff member acts as that staff member: empty actor fields are filled,
another staff member is PERMISSION_DENIED. The table is checked against the descriptors of
every service (core and installed plugins), so a new RPC naming who acts cannot be missed."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path

import grpc
import pytest
from google.protobuf.descriptor import Descriptor, FieldDescriptor, ServiceDescriptor
from google.protobuf.message_factory import GetMessageClass

from svcq.security import policy
from svcq.security.actors import ACTORS, CONVENTION, NOT_ACTORS, actor_path
from svcq.testing import make_token, token_channel
from svcq.v1 import (
    admin_pb2,
    directory_pb2,
    evaluation_pb2,
    owner_pb2,
    owner_pb2_grpc,
    ticket_pb2_grpc,
)
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import ticket_pb2 as tpb
from tests.security.conftest import World, code_and_reason
from tests.support import Factory

#: Words that make a string field name a person (staff_id, actor_id, inspector_id,
#: countersigned_by, coordinator_id, ...). Checked on every request field.
PERSON = re.compile(r"(?:^|_)(?:staff|actor|inspector|examiner|supervisor|recorder|coordinator"
                    r"|manager|butler|assignee|receiver|reporter|verifier|approver|operator"
                    r"|employee|by)(?:_|$)")
DENIED = (grpc.StatusCode.PERMISSION_DENIED, "ACTOR_NOT_CALLER")


def _services() -> list[ServiceDescriptor]:
    """Core services and every installed plugin's, from their generated modules."""
    modules = [admin_pb2, directory_pb2, owner_pb2, tpb, evaluation_pb2]
    for entry in entry_points(group="svcq.plugins"):
        package = entry.value.partition(".")[0]
        for module in pkgutil.iter_modules([str(Path(entry.load().__file__).parent / "v1")]):
            if module.name.endswith("_pb2"):
                modules.append(importlib.import_module(f"{package}.v1.{module.name}"))
    return [s for m in modules for s in m.DESCRIPTOR.services_by_name.values()]


def _strings(message: Descriptor, prefix: str = "", seen: frozenset[str] = frozenset()
             ) -> Iterator[tuple[str, FieldDescriptor]]:
    """(dotted path, field) of every string field, nested messages included."""
    for field in message.fields:
        if field.type == FieldDescriptor.TYPE_STRING:
            yield prefix + field.name, field
        elif (field.type == FieldDescriptor.TYPE_MESSAGE
              and not field.message_type.full_name.startswith("google.")
              and field.message_type.full_name not in seen):
            yield from _strings(field.message_type, f"{prefix}{field.name}.",
                                seen | {message.full_name})


def _field(message: Descriptor, path: str) -> FieldDescriptor:
    *parents, name = path.split(".")
    for parent in parents:
        message = message.fields_by_name[parent].message_type
    return message.fields_by_name[name]


SERVICES = _services()
METHODS = {f"/{s.full_name}/{m.name}": m for s in SERVICES for m in s.methods}


def test_every_staff_field_of_every_request_is_an_actor_or_says_why_not():
    unclassified = []
    for name, method in METHODS.items():
        for path, field in _strings(method.input_type):
            if not PERSON.search(field.name):
                continue
            if ACTORS.get(name) != path and field.full_name not in NOT_ACTORS:
                unclassified.append(f"{name}: {path} ({field.full_name})")
    assert unclassified == [], (
        "add each to svcq.security.actors.ACTORS (it names who acts) or NOT_ACTORS (why not)")


def test_the_tables_name_real_fields_of_unary_rpcs():
    assert {s.full_name for s in SERVICES if s.full_name.startswith("svcq.v1.")} == set(
        policy.SERVICES)
    for name, path in ACTORS.items():
        method = METHODS[name]
        field = _field(method.input_type, path)
        assert field.type == FieldDescriptor.TYPE_STRING and not field.is_repeated, name
        # The interceptor binds actors in unary calls only.
        assert not method.client_streaming and not method.server_streaming, name
    known = {field.full_name for m in METHODS.values() for _, field in _strings(m.input_type)}
    assert set(NOT_ACTORS) <= known, "NOT_ACTORS names a field no request has any more"
    for name, method in METHODS.items():
        if method.server_streaming or method.client_streaming:
            assert actor_path(name, GetMessageClass(method.input_type)()) is None, name


def test_a_plugin_rpc_outside_the_table_follows_the_convention():
    request = tpb.StartTicketRequest()
    assert CONVENTION in request.DESCRIPTOR.fields_by_name
    assert actor_path("/svcq.example.v1.ExampleService/Start", request) == CONVENTION
    assert actor_path("/svcq.example.v1.ExampleService/Get", tpb.GetTicketRequest()) is None
    # A core RPC is never guessed: it is in the table or names nobody.
    assert actor_path("/svcq.v1.TicketService/NotInTheTable", request) is None


@pytest.fixture(scope="module")
def bound_admin(world: World) -> Iterator[grpc.Channel]:
    """A company-wide admin token bound to community A's staff member: every RPC permitted."""
    token = make_token(world.server, "ADMIN", "company", staff_id=world.places["A"].staff)
    with token_channel(world.server, token) as channel:
        yield channel


@pytest.mark.parametrize("method", sorted(ACTORS))
def test_naming_another_staff_member_is_refused_for_every_actor_field(
        world: World, bound_admin: grpc.Channel, method: str):
    request = GetMessageClass(METHODS[method].input_type)()
    *parents, name = ACTORS[method].split(".")
    target = request
    for parent in parents:
        target = getattr(target, parent)
    setattr(target, name, world.places["B"].staff)
    call = bound_admin.unary_unary(method, request_serializer=lambda m: m.SerializeToString(),
                                   response_deserializer=lambda b: b)
    assert code_and_reason(lambda: call(request, timeout=10)) == DENIED


def _history(stub: ticket_pb2_grpc.TicketServiceStub, ticket_id: str) -> list[str]:
    entries = stub.ListTicketHistory(tpb.ListTicketHistoryRequest(ticket_id=ticket_id)).entries
    return [e.actor_staff_id for e in entries]


def test_a_token_bound_to_a_staff_member_acts_as_them(world: World):
    place = world.places["A"]
    engineer = Factory(world.admin).staff(place.id, department=dpb.DEPARTMENT_ENGINEERING)
    bound = make_token(world.server, "STAFF", f"community:{place.id}", staff_id=place.staff)
    unbound = make_token(world.server, "STAFF", f"community:{place.id}")
    with token_channel(world.server, bound) as mine, token_channel(world.server, unbound) as any_:
        tickets = ticket_pb2_grpc.TicketServiceStub(mine)
        draft = tpb.Ticket(community_id=place.id, kind=tpb.TICKET_KIND_REPAIR,
                           channel=tpb.TICKET_CHANNEL_FRONT_DESK, category="plumbing/leak",
                           description="the tap drips", unit_id=place.unit)
        ticket = tickets.CreateTicket(tpb.CreateTicketRequest(ticket=draft)).ticket
        assert ticket.first_receiver_staff_id == place.staff  # filled from the token

        colleague = tpb.Ticket()
        colleague.CopyFrom(draft)
        colleague.first_receiver_staff_id = engineer.id
        assert code_and_reason(lambda: tickets.CreateTicket(
            tpb.CreateTicketRequest(ticket=colleague))) == DENIED

        ticket = tickets.DispatchTicket(tpb.DispatchTicketRequest(
            id=ticket.id, etag=ticket.etag, department=dpb.DEPARTMENT_ENGINEERING,
            assignee_staff_id=engineer.id)).ticket  # the assignee is someone else: fine
        assert code_and_reason(lambda: tickets.StartTicket(tpb.StartTicketRequest(
            id=ticket.id, etag=ticket.etag, actor_staff_id=engineer.id))) == DENIED
        assert _history(tickets, ticket.id) == [place.staff, place.staff]

        # A token without a staff member names whoever acts, as before.
        ticket_pb2_grpc.TicketServiceStub(any_).StartTicket(tpb.StartTicketRequest(
            id=ticket.id, etag=ticket.etag, actor_staff_id=engineer.id))
        assert _history(tickets, ticket.id) == [place.staff, place.staff, engineer.id]

        owners = owner_pb2_grpc.OwnerServiceStub(mine)
        owner = owners.AddPersonalNeed(owner_pb2.AddPersonalNeedRequest(
            owner_id=place.owner, text="prefers a call after six")).owner
        assert owner.personal_needs[-1].recorded_by_staff_id == place.staff
