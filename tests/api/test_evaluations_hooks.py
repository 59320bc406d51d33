"""The evaluation hooks through a real server (SQLite) with a spy plugin enabled everywhere."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import grpc
import pytest
from google.protobuf import timestamp_pb2
from google.type import date_pb2

from svcq.plugin import SampleConstraint, hookimpl
from svcq.testing import RunningServer, start_server
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import evaluation_pb2 as pb
from svcq.v1 import evaluation_pb2_grpc
from svcq.v1 import owner_pb2 as opb
from tests.support import Factory, details


class Spy:
    """Records every evaluation hook call; ``constraints`` is what the draw gets back."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.constraints: list[object] = []

    @hookimpl
    def svcq_inspection_recorded(self, inspection, ctx):
        self.calls.append(("inspection", inspection.id, inspection.percent,
                           inspection.defect_ids))

    @hookimpl
    def svcq_defect_transitioned(self, defect, from_state, ctx):
        self.calls.append(("defect", defect.id, from_state, defect.state))

    @hookimpl
    def svcq_survey_sample_constraints(self, survey, ctx):
        self.calls.append(("sample", survey.id, len(survey.household_ids)))
        return self.constraints

    @hookimpl
    def svcq_survey_closed(self, survey, ctx):
        self.calls.append(("closed", survey.id, survey.state, len(survey.sampled_unit_ids)))


@pytest.fixture(scope="module")
def spied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningServer, Spy]]:
    spy = Spy()
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('hooks')) / 'svcq.db'}"
    running = start_server(url, plugins=[("spy", spy)], load_entrypoints=False,
                           config={"plugins": {"spy": {"enabled": True}}})
    try:
        yield running, spy
    finally:
        running.stop()


def ts(when) -> timestamp_pb2.Timestamp:
    out = timestamp_pb2.Timestamp()
    out.FromDatetime(when)
    return out


def test_inspection_and_defect_hooks_run_after_commit(spied):
    server, spy = spied
    factory = Factory(server.channel)
    api = evaluation_pb2_grpc.EvaluationServiceStub(server.channel)
    community = factory.community().id
    head = factory.staff(community, role=dpb.STAFF_ROLE_PROJECT_HEAD).id
    found = api.RecordInspection(pb.RecordInspectionRequest(inspection=pb.Inspection(
        community_id=community, kind=pb.INSPECTION_KIND_DAILY, level=pb.DAILY_LEVEL_PROJECT_HEAD,
        inspector_id=head, inspect_time=ts(server.clock.now() - timedelta(minutes=5)),
        findings=[pb.Finding(description="gate light out", discipline=pb.DISCIPLINE_SECURITY,
                             responsible_staff_id=head)])))
    (defect,) = found.defects
    assert ("inspection", found.inspection.id, None, (defect.id,)) in spy.calls
    api.RectifyDefect(pb.RectifyDefectRequest(id=defect.id, evidence_note="bulb replaced",
                                              actor_id=head))
    assert spy.calls[-1] == ("defect", defect.id, "OPEN", "RECTIFIED")


def test_sample_constraints_shape_the_draw_and_a_bad_answer_fails_it(spied):
    server, spy = spied
    factory = Factory(server.channel)
    api = evaluation_pb2_grpc.EvaluationServiceStub(server.channel)
    community = factory.community(first_occupancy_year=2024).id
    quality = factory.staff(community, department=dpb.DEPARTMENT_QUALITY,
                            role=dpb.STAFF_ROLE_QUALITY_INSPECTOR).id
    building = factory.building(community).id
    units = []
    for _ in range(10):
        unit = factory.unit(building).id
        factory.owner(community, units=[opb.OwnerUnit(unit_id=unit, role=opb.OWNER_ROLE_OWNER)])
        units.append(unit)
    created = api.CreateSurveyCampaign(pb.CreateSurveyCampaignRequest(campaign=pb.SurveyCampaign(
        community_id=community, period=date_pb2.Date(year=2026, month=6, day=1),
        coordinator_id=quality))).campaign

    spy.constraints = ["not a constraint"]
    with pytest.raises(grpc.RpcError) as caught:
        api.DrawSurveySample(pb.DrawSurveySampleRequest(id=created.id, seed="x"))
    assert caught.value.code() == grpc.StatusCode.INTERNAL
    assert details(caught.value)[0] == "PLUGIN_FAILED"
    still = api.GetSurveyCampaign(pb.GetSurveyCampaignRequest(id=created.id)).campaign
    assert still.state == pb.SURVEY_CAMPAIGN_STATE_DRAFT and not still.sampled_unit_ids

    spy.constraints = [SampleConstraint(require=frozenset({units[0]}),
                                        exclude=frozenset({units[1]}), min_rate=0.5,
                                        reason="key customers first")]
    drawn = api.DrawSurveySample(pb.DrawSurveySampleRequest(id=created.id, seed="x")).campaign
    # The plugin raised the rate to 50%: 5 of 10 households, the required one among them,
    # the excluded one never.
    assert spy.calls[-1] == ("sample", created.id, 10)
    assert drawn.sample_rate == 0.5 and len(drawn.sampled_unit_ids) == 5
    assert units[0] in drawn.sampled_unit_ids and units[1] not in drawn.sampled_unit_ids
    assert drawn.sample_notes == ["spy: key customers first (required 1, excluded 1, "
                                  "rate at least 0.5)"]

    api.CloseSurveyCampaign(pb.CloseSurveyCampaignRequest(id=created.id))
    assert spy.calls[-1] == ("closed", created.id, "CLOSED", 5)
