"""Every mutation leaves an audit record in its own transaction; nothing can edit one."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import field_mask_pb2, json_format

from svcq.security.audit import diff
from svcq.storage.db import database
from svcq.storage.security import AuditRecord
from svcq.v1 import admin_pb2 as apb
from svcq.v1 import admin_pb2_grpc, owner_pb2_grpc
from svcq.v1 import owner_pb2 as opb
from tests.security.conftest import World, code_and_reason


def _records(world: World, channel: grpc.Channel | None = None, **request
             ) -> list[apb.AuditRecord]:
    stub = admin_pb2_grpc.AdminServiceStub(channel or world.admin)
    return list(stub.ListAuditRecords(apb.ListAuditRecordsRequest(**request)).audit_records)


def _changes(record: apb.AuditRecord) -> dict[str, list]:
    return {c.field: [json_format.MessageToDict(c.old_value), json_format.MessageToDict(
        c.new_value)] for c in record.changes}


def _count() -> int:
    with database.connection_context():
        return AuditRecord.select().count()


def test_diff_by_hand():
    old = {"name": "a", "profile": {"phones": ["1"], "tags": ["x"], "version": 1}, "version": 1,
           "update_time": "2026-01-05T01:00:00", "gone": "x", "empty": ""}
    new = {"name": "a", "profile": {"phones": ["2"], "tags": ["x"], "version": 2}, "version": 2,
           "update_time": "2026-01-05T02:00:00", "extra": 0, "empty": ""}
    # version and update_time say nothing (they change on every write); nested fields of
    # that name are data and stay.
    assert diff(old, new) == {"extra": [None, 0], "gone": ["x", None],
                              "profile.phones": [["1"], ["2"]], "profile.version": [1, 2]}
    assert diff({}, {"a": 1, "b": None, "c": "", "version": 1, "update_time": "t"}) == {
        "a": [None, 1], "c": [None, ""]}
    assert diff({"a": 1}, {"a": 1}) == {}
    assert diff({"a": 1, "version": 1}, {"a": 1, "version": 2, "update_time": "t"}) == {}


def test_create_and_update_are_recorded_old_to_new_with_who_and_which(world: World):
    place = world.places["B"]
    staff = world.channel("STAFF", "region")
    owners = owner_pb2_grpc.OwnerServiceStub(staff)
    owner = owners.CreateOwner(opb.CreateOwnerRequest(owner=opb.Owner(
        community_id=place.id, display_name="Audit Wang", phones=["13900001111"]))).owner
    owners.UpdateOwner(opb.UpdateOwnerRequest(
        owner=opb.Owner(id=owner.id, etag=owner.etag, phones=["13900002222"]),
        update_mask=field_mask_pb2.FieldMask(paths=["phones"])))
    created, updated = _records(world, filter=f'resource_id = "{owner.id}"')
    assert created.principal == updated.principal and created.principal.startswith("token:")
    assert (created.method, updated.method) == ("/svcq.v1.OwnerService/CreateOwner",
                                                "/svcq.v1.OwnerService/UpdateOwner")
    assert (created.resource_type, created.community_id) == ("owner", place.id)
    assert _changes(created)["display_name"] == [None, "Audit Wang"]
    assert _changes(created)["profile.phones"] == [None, ["13900001111"]]
    assert _changes(updated)["profile.phones"] == [["13900001111"], ["13900002222"]]
    assert "display_name" not in _changes(updated)
    for record in (created, updated):
        assert not {"version", "update_time"} & set(_changes(record))
    # A masked role reads the same trail with masked values.
    masked = _records(world, world.channel("REGION_MANAGER", "region"),
                      filter=f'resource_id = "{owner.id}"')
    assert _changes(masked[1])["profile.phones"] == [["139****1111"], ["139****2222"]]


def test_a_rejected_request_writes_no_audit_record(world: World):
    owners = owner_pb2_grpc.OwnerServiceStub(world.admin)
    owner_id = world.places["B"].owner
    before = _count()
    stale = opb.UpdateOwnerRequest(owner=opb.Owner(id=owner_id, etag='W/"999"', notes="x"),
                                   update_mask=field_mask_pb2.FieldMask(paths=["notes"]))
    assert code_and_reason(lambda: owners.UpdateOwner(stale))[0] == grpc.StatusCode.ABORTED
    bad = opb.CreateOwnerRequest(owner=opb.Owner(community_id=world.places["B"].id,
                                                 display_name="x", phones=["not a phone"]))
    assert code_and_reason(lambda: owners.CreateOwner(bad))[0] == (
        grpc.StatusCode.INVALID_ARGUMENT)
    assert _count() == before


def test_the_record_rolls_back_with_a_write_that_fails_after_it(world: World):
    """The record is written inside the transaction: a failure later in it takes both back."""
    app = world.server.app
    before = _count()
    from svcq.storage.db import write_transaction

    with database.connection_context(), pytest.raises(RuntimeError), write_transaction():
        app.ctx.audit("owner", "ow_x", world.places["B"].id, {}, {"a": 1})
        assert AuditRecord.select().count() == before + 1
        raise RuntimeError("later step fails")
    assert _count() == before


def test_filters_and_pages(world: World):
    place = world.places["A"]
    owners = owner_pb2_grpc.OwnerServiceStub(world.admin)
    made = [owners.CreateOwner(opb.CreateOwnerRequest(owner=opb.Owner(
        community_id=place.id, display_name=f"Page {n}"))).owner.id for n in range(3)]
    query = f'resource_type = "owner" AND community_id = "{place.id}"'
    first = admin_pb2_grpc.AdminServiceStub(world.admin).ListAuditRecords(
        apb.ListAuditRecordsRequest(filter=query, page_size=2))
    rest = _records(world, filter=query, page_token=first.next_page_token, page_size=500)
    ids = [r.resource_id for r in [*first.audit_records, *rest]]
    assert ids[-3:] == made and len(first.audit_records) == 2
    # Scoped readers see only their scope's records.
    outside = _records(world, world.channel("PROJECT_HEAD", "community"),
                       filter=f'community_id = "{world.places["C"].id}"')
    assert outside == []
    with pytest.raises(grpc.RpcError) as bad:
        _records(world, filter="colour = red")
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_no_rpc_can_change_an_audit_record():
    """AdminService only lists them; no other service mentions them."""
    methods = [m.name for m in apb.DESCRIPTOR.services_by_name["AdminService"].methods
               if "Audit" in m.name]
    assert methods == ["ListAuditRecords"]
    for message in apb.DESCRIPTOR.message_types_by_name.values():
        if "Audit" in message.name and message.name.endswith("Request"):
            assert message.name == "ListAuditRecordsRequest"
