"""Masking reaches into JSON (plugin_data Structs, Values): phones and plates below a personal
key are masked for roles that must not see them; every other value stays exactly as it was."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import grpc
import pytest
from google.protobuf import json_format, struct_pb2

from svcq.plugin import hookimpl
from svcq.security.redact import mask_message
from svcq.testing import RunningServer, make_token, start_server, token_channel
from svcq.v1 import owner_pb2 as opb
from svcq.v1 import owner_pb2_grpc
from svcq.v1 import ticket_pb2 as tpb
from tests.conftest import fresh_database
from tests.support import Factory

PHONE = "13912345678"
PLATE = "粤B12345"

#: What a regional plugin might attach: personal values under personal keys, nested and
#: in lists, a phone kept as a number, and values that merely look technical.
CONTACTS = {
    "butler": {"name": "Li Wei", "phone": PHONE, "workPhones": [PHONE, "021-6123-4567"],
               "car": {"plate": PLATE}, "mobile": 13912345678},
    "contact_phone": PHONE,
    "vehicles": [{"license_plate": PLATE, "colour": "white"}],
    "since": "2024-03-01", "visits": 3, "vip": True, "ticket_id": "tk_01m8152ab34",
    "note": "prefers the morning", "missing": None, "mobile_app_version": "2.13.4567",
    "amount": 13912345678,
}
MASKED = {
    "butler": {"name": "Li Wei", "phone": "139****5678",
               "workPhones": ["139****5678", "021****4567"],
               "car": {"plate": "粤B***45"}, "mobile": "139****5678"},
    "contact_phone": "139****5678",
    "vehicles": [{"license_plate": "粤B***45", "colour": "white"}],
    "since": "2024-03-01", "visits": 3, "vip": True, "ticket_id": "tk_01m8152ab34",
    "note": "prefers the morning", "missing": None, "mobile_app_version": "2.13.4567",
    "amount": 13912345678,
}


def _struct(data: dict) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(data)
    return struct


def test_plugin_data_is_masked_by_key_and_nothing_else_changes():
    ticket = tpb.Ticket(id="tk_1", description=f"call {PHONE}")
    ticket.plugin_data["contacts"].CopyFrom(_struct(CONTACTS))
    response = tpb.GetTicketResponse(ticket=ticket)
    mask_message(response)
    assert json_format.MessageToDict(response.ticket.plugin_data["contacts"]) == MASKED
    # Free text outside JSON is not this rule's business (as before).
    assert response.ticket.description == f"call {PHONE}"


def test_bare_values_and_lists_are_masked_by_the_field_they_sit_in():
    value = struct_pb2.Value()
    value.list_value.extend([PHONE, {"plate": PLATE}])
    mask_message(value)  # no key above it: only the nested plate is personal
    assert json_format.MessageToDict(value) == [PHONE, {"plate": "粤B***45"}]
    bare = _struct(CONTACTS)  # a plugin RPC answering with a Struct
    mask_message(bare)
    assert json_format.MessageToDict(bare) == MASKED


class Contacts:
    """Attaches a butler's contact details to every owner."""

    @hookimpl
    def svcq_owner_plugin_data(self, owner, ctx):
        return CONTACTS


@dataclass
class Served:
    server: RunningServer
    admin: grpc.Channel
    owner_id: str
    community_scope: str


@pytest.fixture(scope="module")
def served(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    url, pg = fresh_database(backend, tmp_path_factory)
    running = start_server(url, auth=True, plugins=[("contacts", Contacts())],
                           load_entrypoints=False,
                           config={"plugins": {"contacts": {"enabled": True}}})
    admin = token_channel(running, make_token(running, "ADMIN", "company"))
    try:
        factory = Factory(admin)
        community = factory.community()
        owner = factory.owner(community.id, phones=[PHONE])
        yield Served(running, admin, owner.id, f"region:{community.region_id}")
    finally:
        admin.close()
        running.stop()
        if pg is not None:
            pg.drop()


@pytest.mark.parametrize(("role", "masked"), [("REGION_MANAGER", True),
                                              ("QUALITY_INSPECTOR", True),
                                              ("PROJECT_HEAD", False)])
def test_a_plugins_phone_in_plugin_data_is_masked_through_the_api(served: Served, role: str,
                                                                    masked: bool):
    token = make_token(served.server, role, served.community_scope)
    with token_channel(served.server, token) as channel:
        owner = owner_pb2_grpc.OwnerServiceStub(channel).GetOwner(
            opb.GetOwnerRequest(id=served.owner_id)).owner
    assert json_format.MessageToDict(owner.plugin_data["contacts"]) == (
        MASKED if masked else CONTACTS)
    assert list(owner.phones) == (["139****5678"] if masked else [PHONE])
