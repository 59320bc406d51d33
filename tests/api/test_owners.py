"""OwnerService through a real server and client, on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest
from google.protobuf import field_mask_pb2
from google.type import date_pb2

from svcq.v1 import owner_pb2 as pb
from tests.support import Factory, details


@pytest.fixture
def place(factory: Factory) -> dict:
    community = factory.community()
    building = factory.building(community.id)
    return {"community": community, "building": building, "unit": factory.unit(building.id)}


def test_create_then_get_returns_every_field(factory: Factory, place: dict) -> None:
    unit = place["unit"]
    created = factory.owner(
        place["community"].id, phones=["138 1234 5678"], plates=["沪a12345"], tags=["committee"],
        other_names=["Lily"], notes="prefers calls after 6pm",
        care_flags=[pb.CARE_FLAG_ELDERLY],
        units=[pb.OwnerUnit(unit_id=unit.id, role=pb.OWNER_ROLE_OWNER,
                            move_in_date=date_pb2.Date(year=2024, month=3, day=1))],
        appliances=[pb.Appliance(name="air conditioner", model="Gree", power_watts=2500)],
    )
    got = factory.owners.GetOwner(pb.GetOwnerRequest(id=created.id)).owner
    assert got == created
    assert got.phones == ["13812345678"]
    assert got.plates == ["沪A12345"]
    assert got.units[0].move_in_date.year == 2024
    assert got.state == pb.OWNER_STATE_ACTIVE
    assert got.etag


def test_validation_names_every_bad_field_and_writes_nothing(factory: Factory, place: dict):
    community_id = place["community"].id
    bad = pb.Owner(community_id=community_id, phones=["12ab"], plates=["ABC"],
                   notes="x" * 5000, units=[pb.OwnerUnit(unit_id="un_missing")])
    with pytest.raises(grpc.RpcError) as caught:
        factory.owners.CreateOwner(pb.CreateOwnerRequest(owner=bad))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    reason, fields = details(caught.value)
    assert reason == "INVALID_ARGUMENT"
    assert set(fields) == {"owner.display_name", "owner.phones[0]", "owner.plates[0]",
                           "owner.notes", "owner.units[0].unit_id", "owner.units[0].role"}
    listed = factory.owners.ListOwners(pb.ListOwnersRequest(
        filter=f'community_id = "{community_id}"'))
    assert list(listed.owners) == []


def test_unknown_community_is_a_field_violation(factory: Factory):
    with pytest.raises(grpc.RpcError) as caught:
        factory.owner("cm_nothere")
    reason, fields = details(caught.value)
    assert reason == "UNKNOWN_COMMUNITY"
    assert "owner.community_id" in fields


def test_get_missing_owner_is_not_found(factory: Factory):
    with pytest.raises(grpc.RpcError) as caught:
        factory.owners.GetOwner(pb.GetOwnerRequest(id="ow_nothere"))
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    assert details(caught.value)[0] == "RESOURCE_NOT_FOUND"


def test_pagination_walks_every_owner_once_across_pages(factory: Factory, place: dict):
    community_id = place["community"].id
    made = [factory.owner(community_id).id for _ in range(7)]
    seen, token, pages = [], "", 0
    query = f'community_id = "{community_id}"'
    while True:
        page = factory.owners.ListOwners(pb.ListOwnersRequest(
            page_size=3, page_token=token, filter=query))
        seen += [o.id for o in page.owners]
        pages += 1
        token = page.next_page_token
        if not token:
            break
    assert seen == made  # creation order, no duplicates, nothing lost
    assert pages == 3


def test_page_token_is_bound_to_its_filter_and_cannot_be_forged(factory: Factory, place: dict):
    community_id = place["community"].id
    for _ in range(3):
        factory.owner(community_id)
    page = factory.owners.ListOwners(pb.ListOwnersRequest(
        page_size=1, filter=f'community_id = "{community_id}"'))
    for token, query in [(page.next_page_token, ""), ("Zm9yZ2Vk", ""),
                         (page.next_page_token[:-2], f'community_id = "{community_id}"')]:
        with pytest.raises(grpc.RpcError) as caught:
            factory.owners.ListOwners(pb.ListOwnersRequest(page_token=token, filter=query))
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert details(caught.value) == ("INVALID_PAGE_TOKEN", {"page_token": pytest.approx(
            details(caught.value)[1]["page_token"])})


@pytest.mark.parametrize("term, expected", [
    ('phone = "13900000001"', {"a"}),
    ('plate = "粤B12345"', {"b"}),
    ('tag = "committee"', {"a", "b"}),
    ('care_flag = CARE_FLAG_ELDERLY', {"b"}),
    ('move_in_date >= "2024-01-01"', {"b"}),
    ('move_in_date < "2024-01-01"', {"a"}),
])
def test_each_filter_field(factory: Factory, place: dict, term: str, expected: set):
    community = place["community"]
    unit_a, unit_b = place["unit"], factory.unit(place["building"].id)
    a = factory.owner(community.id, phones=["13900000001"], tags=["committee"],
                      units=[pb.OwnerUnit(unit_id=unit_a.id, role=pb.OWNER_ROLE_OWNER,
                                          move_in_date=date_pb2.Date(year=2020, month=5, day=1))])
    b = factory.owner(community.id, plates=["粤B12345"], tags=["committee"],
                      care_flags=[pb.CARE_FLAG_ELDERLY],
                      units=[pb.OwnerUnit(unit_id=unit_b.id, role=pb.OWNER_ROLE_TENANT,
                                          move_in_date=date_pb2.Date(year=2024, month=6, day=1))])
    names = {a.id: "a", b.id: "b"}
    found = factory.owners.ListOwners(pb.ListOwnersRequest(
        filter=f'community_id = "{community.id}" AND {term}')).owners
    assert {names[o.id] for o in found} == expected


def test_building_and_unit_filters(factory: Factory, place: dict):
    community = place["community"]
    other_building = factory.building(community.id)
    inside = factory.owner(community.id, units=[pb.OwnerUnit(
        unit_id=place["unit"].id, role=pb.OWNER_ROLE_OWNER)])
    factory.owner(community.id, units=[pb.OwnerUnit(
        unit_id=factory.unit(other_building.id).id, role=pb.OWNER_ROLE_OWNER)])
    for term in (f'building_id = "{place["building"].id}"', f'unit_id = "{place["unit"].id}"'):
        found = factory.owners.ListOwners(pb.ListOwnersRequest(filter=term)).owners
        assert [o.id for o in found] == [inside.id]


def test_bad_filter_says_what_is_allowed(factory: Factory):
    with pytest.raises(grpc.RpcError) as caught:
        factory.owners.ListOwners(pb.ListOwnersRequest(filter='shoe_size = "42"'))
    reason, fields = details(caught.value)
    assert reason == "INVALID_FILTER"
    assert "unknown field 'shoe_size'" in fields["filter"]


def test_twenty_concurrent_replays_create_one_owner(factory: Factory, place: dict):
    community_id = place["community"].id
    request = pb.CreateOwnerRequest(
        owner=pb.Owner(community_id=community_id, display_name="Replay Wang"),
        request_id="replay-20")
    with ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(lambda _: factory.owners.CreateOwner(request), range(20)))
    assert len({r.owner.id for r in responses}) == 1
    assert all(r == responses[0] for r in responses)
    listed = factory.owners.ListOwners(pb.ListOwnersRequest(
        filter=f'community_id = "{community_id}"')).owners
    assert len(listed) == 1


def test_request_id_reused_for_another_request_is_refused(factory: Factory, place: dict):
    community_id = place["community"].id
    factory.owners.CreateOwner(pb.CreateOwnerRequest(
        owner=pb.Owner(community_id=community_id, display_name="First"), request_id="r-1"))
    with pytest.raises(grpc.RpcError) as caught:
        factory.owners.CreateOwner(pb.CreateOwnerRequest(
            owner=pb.Owner(community_id=community_id, display_name="Second"), request_id="r-1"))
    assert details(caught.value) == ("REQUEST_ID_REUSED", {"request_id": pytest.approx(
        details(caught.value)[1]["request_id"])})


def test_update_with_mask_changes_only_masked_fields(factory: Factory, place: dict):
    owner = factory.owner(place["community"].id, phones=["13800000000"], notes="old")
    change = pb.Owner(id=owner.id, etag=owner.etag, notes="new", phones=["13911112222"])
    updated = factory.owners.UpdateOwner(pb.UpdateOwnerRequest(
        owner=change, update_mask=field_mask_pb2.FieldMask(paths=["notes"]))).owner
    assert updated.notes == "new"
    assert updated.phones == ["13800000000"]
    assert updated.etag != owner.etag
    # the phone index follows the document
    by_phone = factory.owners.ListOwners(pb.ListOwnersRequest(filter='phone = "13800000000"'))
    assert owner.id in [o.id for o in by_phone.owners]


def test_stale_etag_is_aborted_and_changes_nothing(factory: Factory, place: dict):
    owner = factory.owner(place["community"].id, notes="v1")
    mask = field_mask_pb2.FieldMask(paths=["notes"])
    factory.owners.UpdateOwner(pb.UpdateOwnerRequest(
        owner=pb.Owner(id=owner.id, etag=owner.etag, notes="v2"), update_mask=mask))
    with pytest.raises(grpc.RpcError) as caught:
        factory.owners.UpdateOwner(pb.UpdateOwnerRequest(
            owner=pb.Owner(id=owner.id, etag=owner.etag, notes="v3"), update_mask=mask))
    assert caught.value.code() == grpc.StatusCode.ABORTED
    assert details(caught.value)[0] == "ETAG_MISMATCH"
    assert factory.owners.GetOwner(pb.GetOwnerRequest(id=owner.id)).owner.notes == "v2"


def test_concurrent_updates_with_one_etag_one_wins(factory: Factory, place: dict):
    owner = factory.owner(place["community"].id)
    mask = field_mask_pb2.FieldMask(paths=["notes"])

    def update(i: int) -> str:
        try:
            factory.owners.UpdateOwner(pb.UpdateOwnerRequest(
                owner=pb.Owner(id=owner.id, etag=owner.etag, notes=f"n{i}"), update_mask=mask))
            return "ok"
        except grpc.RpcError as exc:
            return exc.code().name

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(update, range(8)))
    assert outcomes.count("ok") == 1
    assert outcomes.count("ABORTED") == 7


def test_update_mask_must_name_known_fields(factory: Factory, place: dict):
    owner = factory.owner(place["community"].id)
    with pytest.raises(grpc.RpcError) as caught:
        factory.owners.UpdateOwner(pb.UpdateOwnerRequest(
            owner=pb.Owner(id=owner.id), update_mask=field_mask_pb2.FieldMask(paths=["state"])))
    assert details(caught.value)[0] == "INVALID_UPDATE_MASK"


def test_delete_archives_and_undelete_restores(factory: Factory, place: dict):
    community_id = place["community"].id
    owner = factory.owner(community_id)
    archived = factory.owners.DeleteOwner(pb.DeleteOwnerRequest(id=owner.id)).owner
    assert archived.state == pb.OWNER_STATE_ARCHIVED
    assert archived.HasField("delete_time")
    query = f'community_id = "{community_id}"'
    assert not factory.owners.ListOwners(pb.ListOwnersRequest(filter=query)).owners
    assert factory.owners.ListOwners(pb.ListOwnersRequest(filter=query, show_deleted=True)).owners
    with pytest.raises(grpc.RpcError) as caught:
        factory.owners.DeleteOwner(pb.DeleteOwnerRequest(id=owner.id))
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    restored = factory.owners.UndeleteOwner(pb.UndeleteOwnerRequest(id=owner.id)).owner
    assert restored.state == pb.OWNER_STATE_ACTIVE


def test_any_staff_member_adds_to_the_service_information_card(factory: Factory, place: dict):
    community_id = place["community"].id
    owner = factory.owner(community_id)
    guard = factory.staff(community_id)
    updated = factory.owners.AddPersonalNeed(pb.AddPersonalNeedRequest(
        owner_id=owner.id, text="needs help carrying water bottles",
        recorded_by_staff_id=guard.id)).owner
    (need,) = updated.personal_needs
    assert need.recorded_by_staff_id == guard.id
    assert need.HasField("record_time")
    outsider = factory.staff(factory.community().id)
    with pytest.raises(grpc.RpcError) as caught:
        factory.owners.AddPersonalNeed(pb.AddPersonalNeedRequest(
            owner_id=owner.id, text="x", recorded_by_staff_id=outsider.id))
    assert details(caught.value)[0] == "STAFF_OUTSIDE_COMMUNITY"


def test_empty_id_is_bad_input_not_a_missing_owner(factory: Factory):
    with pytest.raises(grpc.RpcError) as caught:
        factory.owners.GetOwner(pb.GetOwnerRequest(id=""))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert details(caught.value)[1] == {"id": "required"}


def test_a_nul_character_anywhere_is_refused_before_any_work(factory: Factory, place: dict):
    community_id = place["community"].id
    with pytest.raises(grpc.RpcError) as caught:
        factory.owners.CreateOwner(pb.CreateOwnerRequest(owner=pb.Owner(
            community_id=community_id, display_name="Li\x00", phones=["13800000000", "1\x00"])))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert details(caught.value) == ("NUL_CHARACTER", {
        "owner.display_name": "must not contain NUL", "owner.phones[1]": "must not contain NUL"})
