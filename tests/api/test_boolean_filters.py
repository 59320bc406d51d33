"""Filters on boolean fields take true or false, nothing else, in every List that has one."""

from __future__ import annotations

from datetime import timedelta

import grpc
import pytest
from google.protobuf import field_mask_pb2, timestamp_pb2

from svcq.testing import RunningServer
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import evaluation_pb2 as epb
from svcq.v1 import evaluation_pb2_grpc
from tests.support import Factory, details

NOT_BOOLEAN = ["yes", "1", '"on"', "truthy", '""']


def refused(call, text: str) -> dict[str, str]:
    with pytest.raises(grpc.RpcError) as caught:
        call(text)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    reason, fields = details(caught.value)
    assert reason == "INVALID_FILTER"
    return fields


def test_staff_active_filter(factory: Factory):
    community = factory.community()
    stays = factory.staff(community.id)
    leaves = factory.staff(community.id)
    factory.directory.UpdateStaff(dpb.UpdateStaffRequest(
        staff=dpb.Staff(id=leaves.id, etag=leaves.etag, active=False),
        update_mask=field_mask_pb2.FieldMask(paths=["active"])))

    def ids(text: str) -> list[str]:
        return [s.id for s in factory.directory.ListStaff(dpb.ListStaffRequest(
            filter=f'community_id = "{community.id}" AND {text}')).staff]

    assert ids("active = true") == [stays.id]
    assert ids("active = false") == [leaves.id]
    assert ids('active = "false"') == [leaves.id]
    for value in NOT_BOOLEAN:  # each used to mean "false" and list the people who left
        assert refused(ids, f"active = {value}") == {"filter": "active takes true or false"}


@pytest.fixture
def evaluations(server: RunningServer) -> evaluation_pb2_grpc.EvaluationServiceStub:
    return evaluation_pb2_grpc.EvaluationServiceStub(server.channel)


def test_template_all_versions_filter(evaluations):
    def keys(text: str) -> list[str]:
        return [t.key for t in evaluations.ListChecklistTemplates(
            epb.ListChecklistTemplatesRequest(filter=text)).templates]

    assert "monthly-management" in keys("all_versions = false")
    assert refused(keys, "all_versions = yes") == {"filter": "all_versions takes true or false"}


def test_defect_overdue_filter_both_ways(evaluations, factory: Factory, server: RunningServer):
    community = factory.community()
    head = factory.staff(community.id, role=dpb.STAFF_ROLE_PROJECT_HEAD)
    engineer = factory.staff(community.id, department=dpb.DEPARTMENT_ENGINEERING)

    def found(description: str, ago: timedelta) -> epb.Defect:
        when = timestamp_pb2.Timestamp()
        when.FromDatetime(server.clock.now() - ago)
        return evaluations.RecordInspection(epb.RecordInspectionRequest(
            inspection=epb.Inspection(
                community_id=community.id, kind=epb.INSPECTION_KIND_DAILY,
                level=epb.DAILY_LEVEL_PROJECT_HEAD, inspector_id=head.id, inspect_time=when,
                findings=[epb.Finding(description=description,
                                      discipline=epb.DISCIPLINE_ENGINEERING,
                                      responsible_staff_id=engineer.id)]))).defects[0]

    # Found 9 days ago: past the 7 days to rectify (rectification_days). The shared
    # clock is not moved: other tests keep their dates in order on it.
    old = found("pump leaking", timedelta(days=9))
    new = found("lift light out", timedelta(minutes=1))

    def ids(text: str) -> list[str]:
        return [d.id for d in evaluations.ListDefects(epb.ListDefectsRequest(
            filter=f'community_id = "{community.id}" AND {text}')).defects]

    assert ids("overdue = true") == [old.id]
    assert ids("overdue = false") == [new.id]  # used to ignore the term and list both
    assert refused(ids, "overdue = 1") == {"filter": "overdue takes true or false"}
