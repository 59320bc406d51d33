"""What the ticket service keeps between requests (a community's working calendar, the
nodes of its category tree) is never stale: a change is seen by the very next ticket."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import field_mask_pb2
from google.type import timeofday_pb2

from svcq.testing import RunningServer
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import ticket_pb2 as pb
from tests.api.test_tickets import Desk
from tests.support import Factory, details

ONE_HOUR_A_DAY = {"working_hours_start": timeofday_pb2.TimeOfDay(hours=13),
                  "working_hours_end": timeofday_pb2.TimeOfDay(hours=14)}


@pytest.fixture
def desk(server: RunningServer, factory: Factory) -> Desk:
    return Desk(server, factory)


def test_new_working_hours_count_for_the_next_ticket(desk: Desk, factory: Factory):
    before = desk.create()
    community = desk.community
    factory.directory.UpdateCommunity(dpb.UpdateCommunityRequest(
        community=dpb.Community(id=community.id, etag=community.etag, **ONE_HOUR_A_DAY),
        update_mask=field_mask_pb2.FieldMask(
            paths=["working_hours_start", "working_hours_end"])))
    after = desk.create()
    # the clock does not move within the test: a community born with these hours agrees
    fresh = Desk(desk.server, factory, **ONE_HOUR_A_DAY).create()
    assert after.respond_by == fresh.respond_by
    # two working hours at one an hour end at 14:00 on a later working day than 8:30-17:30
    assert after.respond_by != before.respond_by


def test_each_version_of_a_category_tree_counts_at_once(desk: Desk):
    def replace_tree(paths: list[str]) -> None:
        desk.stub.UpdateTicketCategories(pb.UpdateTicketCategoriesRequest(
            categories=pb.TicketCategories(community_id=desk.community.id, categories=paths)))

    replace_tree(["pool/filter", "gym"])
    assert desk.create(category="pool").category == "pool"
    replace_tree(["gym", "sauna"])
    assert desk.create(category="sauna").category == "sauna"
    with pytest.raises(grpc.RpcError) as caught:
        desk.create(category="pool")
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(details(caught.value)[1]) == {"ticket.category"}
