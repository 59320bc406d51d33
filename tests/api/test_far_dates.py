"""Dates at the ends of the calendar are refused with their field, never INTERNAL.

A period's local days become UTC instants; at year 1 or 9999 that arithmetic
leaves Python's range, which once surfaced as INTERNAL.
"""

from __future__ import annotations

import grpc
import pytest
from google.type import date_pb2

from svcq.v1 import evaluation_pb2 as epb
from svcq.v1 import evaluation_pb2_grpc, ticket_pb2_grpc
from svcq.v1 import ticket_pb2 as tpb
from tests.support import details

FAR = [date_pb2.Date(year=1, month=1, day=1), date_pb2.Date(year=9999, month=12, day=31),
       date_pb2.Date(year=1899, month=12, day=31), date_pb2.Date(year=2200, month=1, day=1)]


@pytest.mark.parametrize("far", FAR, ids=lambda d: f"{d.year}")
def test_ticket_figures_refuse_a_far_date_by_field(server, factory, far):
    community = factory.community()
    near = date_pb2.Date(year=2026, month=11, day=1)
    stub = ticket_pb2_grpc.TicketServiceStub(server.channel)
    with pytest.raises(grpc.RpcError) as caught:
        stub.GetTicketFigures(tpb.GetTicketFiguresRequest(
            community_id=community.id, start_date=far, end_date=near))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "start_date" in details(caught.value)[1]


@pytest.mark.parametrize("far", FAR, ids=lambda d: f"{d.year}")
def test_defect_figures_refuse_a_far_date_by_field(server, factory, far):
    community = factory.community()
    near = date_pb2.Date(year=2026, month=11, day=1)
    stub = evaluation_pb2_grpc.EvaluationServiceStub(server.channel)
    with pytest.raises(grpc.RpcError) as caught:
        stub.GetDefectFigures(epb.GetDefectFiguresRequest(scope=epb.FiguresScope(
            community_id=community.id, start_date=near, end_date=far)))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "scope.end_date" in details(caught.value)[1]
