"""Big customer service through a real server: first receivers, one SLA, no tiers, the conflict."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import grpc
import pytest

from svcq.v1 import admin_pb2, ticket_pb2
from svcq.v1 import directory_pb2 as dpb
from svcq_vip_butler.tests.world import World, limits, serve
from tests.plugins.support import toml
from tests.support import details

#: The single standard's defaults: 30 minutes to respond, 24 hours to complete.
SINGLE = (timedelta(minutes=30), timedelta(hours=24))
#: The core's own limits of a normal repair at 09:00 on a Monday (2h working, 24h clock).
CORE_REPAIR = (timedelta(hours=2), timedelta(hours=24))


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    yield from serve(tmp_path)


@pytest.fixture
def region(world: World) -> dpb.Region:
    return world.factory.region()


def both(community_id: str, **conflicts: object) -> dict[str, object]:
    config: dict[str, object] = {"plugins": {
        "vip_butler": {"enabled_communities": [community_id]},
        "big_customer_service": {"enabled_communities": [community_id]}}}
    if conflicts:
        config["conflicts"] = conflicts
    return config


def test_any_staff_member_receives_a_request_and_is_recorded(world, region):
    community = world.factory.community(region.id)
    world.configure({"plugins": {"big_customer_service": {"enabled_communities": [community.id]}}})
    house = world.households(community, zone=False)
    guard = world.factory.staff(community.id, department=dpb.DEPARTMENT_SECURITY)

    ticket = world.request(house, house.ordinary, first_receiver_staff_id=guard.id)

    assert ticket.first_receiver_staff_id == guard.id
    # The core refuses a request nobody received, so no plugin veto is needed.
    with pytest.raises(grpc.RpcError) as error:
        world.request(house, house.ordinary, first_receiver_staff_id="")
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert details(error.value)[1] == {"ticket.first_receiver_staff_id": "required"}


def test_one_sla_for_every_request_where_it_runs(world, region):
    simple, plain = world.factory.community(region.id), world.factory.community(region.id)
    world.configure({"plugins": {"big_customer_service": {"enabled_communities": [simple.id]}}})
    here, there = world.households(simple, zone=False), world.households(plain, zone=False)
    complaint = {"kind": ticket_pb2.TICKET_KIND_COMPLAINT, "category": "service-attitude"}

    assert limits(world.request(here, here.ordinary)) == SINGLE
    assert limits(world.request(here, here.ordinary, **complaint)) == SINGLE
    emergency = world.request(here, here.ordinary, emergency=True)
    assert limits(emergency) == limits(world.request(there, there.ordinary, emergency=True))
    assert limits(world.request(there, there.ordinary)) == CORE_REPAIR

    world.configure({"plugins": {"big_customer_service": {
        "enabled_communities": [simple.id], "respond_minutes": 15, "complete_hours": 8}}})
    assert limits(world.request(here, here.ordinary)) == (timedelta(minutes=15),
                                                          timedelta(hours=8))
    world.configure({"plugins": {"big_customer_service": {
        "enabled_communities": [simple.id], "single_sla": False}}})
    assert limits(world.request(here, here.ordinary)) == CORE_REPAIR


def test_both_in_one_community_without_a_winner_is_refused(world, region):
    community = world.factory.community(region.id)
    ambiguous = both(community.id)

    checked = world.admin.ValidateConfig(admin_pb2.ValidateConfigRequest(
        config_toml=toml(ambiguous)))
    with pytest.raises(grpc.RpcError) as error:
        world.configure(ambiguous)

    assert not checked.valid
    assert [p.field for p in checked.problems] == ["conflicts"]
    assert "'big_customer_service' and 'vip_butler' conflict" in checked.problems[0].description
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert world.admin.ValidateConfig(admin_pb2.ValidateConfigRequest(config_toml=toml(
        both(community.id, winners=["big_customer_service"])))).valid


def test_where_one_standard_wins_tiers_change_nothing(world, region):
    community = world.factory.community(region.id)
    world.configure({"plugins": {"vip_butler": {"enabled_communities": [community.id]}}})
    house = world.households(community)  # a zone and a butler exist: tiers could apply
    world.configure(both(community.id, regions={region.id: {
        "winners": ["big_customer_service"]}}))

    ordinary = world.request(house, house.ordinary)
    vip = world.request(house, house.vip)

    assert [(t.state, t.department, t.assignee_staff_id) for t in (ordinary, vip)] == [
        (ticket_pb2.TICKET_STATE_NEW, dpb.DEPARTMENT_UNSPECIFIED, "")] * 2
    assert (vip.respond_by, vip.resolve_by) == (ordinary.respond_by, ordinary.resolve_by)
    assert limits(vip) == SINGLE
    assert [t.id for t in world.open_tickets(community.id)] == [ordinary.id, vip.id]


def test_where_vip_stewardship_wins_the_vip_goes_to_the_butler_sooner(world, region):
    community = world.factory.community(region.id)
    world.configure({"plugins": {"vip_butler": {"enabled_communities": [community.id]}}})
    house = world.households(community)
    world.configure(both(community.id, communities={community.id: {"winners": ["vip_butler"]}}))

    ordinary = world.request(house, house.ordinary)
    vip = world.request(house, house.vip)

    assert (vip.department, vip.assignee_staff_id) == (dpb.DEPARTMENT_BUTLER, house.butler.id)
    assert limits(vip) == (timedelta(hours=1), timedelta(hours=12))
    assert (ordinary.assignee_staff_id, limits(ordinary)) == ("", CORE_REPAIR)
