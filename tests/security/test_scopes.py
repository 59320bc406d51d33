"""A caller reads and changes only what its scope covers; PERMISSION_DENIED before NOT_FOUND;
phones and plates masked for the roles that do not need them."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import field_mask_pb2

from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import directory_pb2_grpc, owner_pb2_grpc, ticket_pb2_grpc
from svcq.v1 import owner_pb2 as opb
from svcq.v1 import ticket_pb2 as tpb
from tests.security.conftest import PHONE, PLATE, World, code_and_reason

DENIED = (grpc.StatusCode.PERMISSION_DENIED, "OUTSIDE_SCOPE")


def _owners(world: World, role: str, scope: str) -> owner_pb2_grpc.OwnerServiceStub:
    return owner_pb2_grpc.OwnerServiceStub(world.channel(role, scope))


def _directory(world: World, role: str, scope: str) -> directory_pb2_grpc.DirectoryServiceStub:
    return directory_pb2_grpc.DirectoryServiceStub(world.channel(role, scope))


@pytest.mark.parametrize("scope", ["community", "region"])
def test_outside_the_scope_and_missing_look_the_same(world: World, scope):
    owners = _owners(world, "PROJECT_HEAD", scope)
    outside, missing = world.places["C"].owner, "ow_0000000000000000xx"
    assert code_and_reason(lambda: owners.GetOwner(opb.GetOwnerRequest(id=outside))) == DENIED
    assert code_and_reason(lambda: owners.GetOwner(opb.GetOwnerRequest(id=missing))) == DENIED
    inside = world.places["A"].owner
    assert owners.GetOwner(opb.GetOwnerRequest(id=inside)).owner.id == inside
    company = _owners(world, "PROJECT_HEAD", "company")
    assert code_and_reason(lambda: company.GetOwner(opb.GetOwnerRequest(id=missing)))[0] == (
        grpc.StatusCode.NOT_FOUND)


def test_region_scope_covers_its_communities_only(world: World):
    owners = _owners(world, "REGION_MANAGER", "region")
    assert owners.GetOwner(opb.GetOwnerRequest(id=world.places["B"].owner)).owner.id
    assert code_and_reason(lambda: owners.GetOwner(
        opb.GetOwnerRequest(id=world.places["C"].owner))) == DENIED


@pytest.mark.parametrize(("scope", "visible"), [
    ("community", {"A"}), ("region", {"A", "B"}), ("company", {"A", "B", "C"})])
def test_lists_hold_only_what_the_scope_covers(world: World, scope, visible):
    ours = {key: p for key, p in world.places.items()}
    owners = _owners(world, "PROJECT_HEAD", scope).ListOwners(
        opb.ListOwnersRequest(page_size=500)).owners
    assert {o.id for o in owners} & {p.owner for p in ours.values()} == {
        ours[k].owner for k in visible}
    directory = _directory(world, "PROJECT_HEAD", scope)
    communities = directory.ListCommunities(dpb.ListCommunitiesRequest(page_size=500))
    assert {c.id for c in communities.communities} & {p.id for p in ours.values()} == {
        ours[k].id for k in visible}
    staff = directory.ListStaff(dpb.ListStaffRequest(page_size=500)).staff
    assert {s.id for s in staff} & {p.staff for p in ours.values()} == {
        ours[k].staff for k in visible}
    units = directory.ListUnits(dpb.ListUnitsRequest(page_size=500)).units
    assert {u.id for u in units} & {p.unit for p in ours.values()} == {
        ours[k].unit for k in visible}
    # A filter naming a community outside the scope finds nothing rather than leaking it.
    probe = _owners(world, "PROJECT_HEAD", scope).ListOwners(opb.ListOwnersRequest(
        filter=f'community_id = "{ours["C"].id}"')).owners
    assert bool(probe) == ("C" in visible)


def test_writes_outside_the_scope_are_refused_before_validation(world: World):
    owners = _owners(world, "STAFF", "community")
    outside = world.places["C"]
    create = opb.CreateOwnerRequest(owner=opb.Owner(community_id=outside.id, display_name="x"))
    assert code_and_reason(lambda: owners.CreateOwner(create)) == DENIED
    update = opb.UpdateOwnerRequest(owner=opb.Owner(id=outside.owner, display_name="y"),
                                    update_mask=field_mask_pb2.FieldMask(paths=["display_name"]))
    assert code_and_reason(lambda: owners.UpdateOwner(update)) == DENIED
    tickets = ticket_pb2_grpc.TicketServiceStub(world.channel("STAFF", "community"))
    ticket = tpb.CreateTicketRequest(ticket=tpb.Ticket(
        community_id=outside.id, kind=tpb.TICKET_KIND_INQUIRY, description="probe",
        first_receiver_staff_id=outside.staff))
    assert code_and_reason(lambda: tickets.CreateTicket(ticket)) == DENIED
    units = _directory(world, "PROJECT_HEAD", "community")
    assert code_and_reason(lambda: units.CreateUnit(dpb.CreateUnitRequest(unit=dpb.Unit(
        building_id=outside.building, display_name="9-9")))) == DENIED


@pytest.mark.parametrize(("role", "masked"), [
    ("ADMIN", False), ("PROJECT_HEAD", False), ("STAFF", False), ("SERVICE_ACCOUNT", False),
    ("REGION_MANAGER", True), ("QUALITY_INSPECTOR", True)])
def test_phones_and_plates_are_masked_for_roles_that_do_not_need_them(world: World, role,
                                                                        masked):
    owner = _owners(world, role, "community").GetOwner(
        opb.GetOwnerRequest(id=world.places["A"].owner)).owner
    expected = (["138****5678"], ["沪A***45"]) if masked else ([PHONE], [PLATE])
    assert (list(owner.phones), list(owner.plates)) == expected
    listed = _owners(world, role, "community").ListOwners(opb.ListOwnersRequest(
        filter=f'community_id = "{world.places["A"].id}"')).owners
    assert [list(o.phones) for o in listed if o.id == owner.id] == [expected[0]]
