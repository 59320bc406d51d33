"""``ctx.core``'s figures through a real server: the core's own numbers, confined to the community.

A probe plugin reads ``ctx.core.ticket_figures`` and ``ctx.core.evaluation_figures``
in a daily job; the test compares them with what TicketService and
EvaluationService answer for the same community and period, so a plugin sees
exactly the figures the API gives (no second way of counting).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from google.type import date_pb2

from svcq.plugin import Core, HookContext, Period, PeriodicJob, hookimpl
from svcq.plugins.core_access import CoreAccess
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import evaluation_pb2 as epb
from svcq.v1 import evaluation_pb2_grpc, ticket_pb2_grpc
from svcq.v1 import ticket_pb2 as tpb
from tests.plugins.support import Host

ROOT = Path(__file__).resolve().parents[2]
#: The calls a plugin may make through ``ctx.core``: the public API of svcq.plugin.Core.
CALLS = sorted(name for name, _ in inspect.getmembers(Core, inspect.isfunction)
               if not name.startswith("_"))


class FiguresProbe:
    """Reads the figures of its community's month so far, once a day."""

    def __init__(self) -> None:
        self.seen: dict[str, dict[str, Any]] = {}

    @hookimpl
    def svcq_register_jobs(self, register):
        register(PeriodicJob("read_figures", Period.DAILY, self.read))

    def read(self, ctx: HookContext) -> None:
        assert ctx.core is not None
        end = ctx.core.today()
        start = end.replace(day=1)
        self.seen[ctx.community_id] = {
            "period": (start, end),
            "tickets": ctx.core.ticket_figures(start, end),
            "complaints": ctx.core.ticket_figures(start, end, kind="COMPLAINT"),
            "evaluations": ctx.core.evaluation_figures(start, end),
        }


@pytest.fixture
def probed(tmp_path) -> Iterator[tuple[Host, FiguresProbe]]:
    probe = FiguresProbe()
    host = Host(tmp_path, {"probe": probe}, {})
    try:
        yield host, probe
    finally:
        host.stop()


def pb_date(day: date) -> date_pb2.Date:
    return date_pb2.Date(year=day.year, month=day.month, day=day.day)


def test_ctx_core_ticket_figures_and_evaluation_figures_are_the_cores_for_its_community(probed):
    host, probe = probed
    f = host.factory
    here, there = f.community(), f.community()
    host.reload({"plugins": {"probe": {"enabled_communities": [here.id]}}})
    clerk, inspector, engineer = (f.staff(here.id), f.staff(here.id, dpb.DEPARTMENT_QUALITY,
                                                            dpb.STAFF_ROLE_QUALITY_INSPECTOR),
                                  f.staff(here.id, dpb.DEPARTMENT_ENGINEERING))
    tickets = host.running.stub(ticket_pb2_grpc.TicketServiceStub)
    evaluations = host.running.stub(evaluation_pb2_grpc.EvaluationServiceStub)

    def receive(community: dpb.Community, staff_id: str, kind: int) -> tpb.Ticket:
        return tickets.CreateTicket(tpb.CreateTicketRequest(ticket=tpb.Ticket(
            community_id=community.id, kind=kind, channel=tpb.TICKET_CHANNEL_FRONT_DESK,
            public_area="lobby", description="the lobby light flickers",
            first_receiver_staff_id=staff_id))).ticket

    done = receive(here, clerk.id, tpb.TICKET_KIND_REPAIR)
    done = tickets.ResolveTicket(tpb.ResolveTicketRequest(
        id=done.id, etag=done.etag, actor_staff_id=clerk.id)).ticket
    tickets.RecordCallback(tpb.RecordCallbackRequest(
        id=done.id, etag=done.etag, actor_staff_id=clerk.id, satisfied=True, score=5))
    receive(here, clerk.id, tpb.TICKET_KIND_COMPLAINT)
    receive(there, f.staff(there.id).id, tpb.TICKET_KIND_REPAIR)  # not the probe's community
    evaluations.RecordInspection(epb.RecordInspectionRequest(inspection=epb.Inspection(
        community_id=here.id, kind=epb.INSPECTION_KIND_DAILY,
        level=epb.DAILY_LEVEL_PROJECT_HEAD, inspector_id=inspector.id,
        inspect_time=host.running.clock.now(),
        findings=[epb.Finding(description=d, discipline=epb.DISCIPLINE_ENGINEERING,
                              responsible_staff_id=engineer.id)
                  for d in ("lobby tiles cracked", "gate squeaks")])))

    host.running.run_jobs()

    assert set(probe.seen) == {here.id}  # switched on in one community only
    seen = probe.seen[here.id]
    start, end = seen["period"]
    assert (start, end) == (date(2026, 1, 1), date(2026, 1, 5))  # the fake clock's month
    core = tickets.GetTicketFigures(tpb.GetTicketFiguresRequest(
        community_id=here.id, start_date=pb_date(start), end_date=pb_date(end))).figures
    mine = seen["tickets"]
    assert (mine.ticket_count, mine.counted, mine.resolved, mine.callback_count,
            mine.satisfied_count) == (2, 2, 1, 1, 1)  # the other community's ticket is not here
    assert (mine.ticket_count, mine.counted, mine.response_decided, mine.resolved,
            mine.callback_count) == (core.ticket_count, core.counted_count,
                                     core.response_decided_count, core.resolved_count,
                                     core.callback_count)
    assert (mine.callback_coverage, mine.callback_satisfaction, mine.reopen_rate) == (
        pytest.approx(core.callback_coverage), pytest.approx(core.callback_satisfaction),
        pytest.approx(core.reopen_rate))
    assert seen["complaints"].ticket_count == 1

    rates = seen["evaluations"]
    defects = evaluations.GetDefectFigures(epb.GetDefectFiguresRequest(scope=epb.FiguresScope(
        community_id=here.id, start_date=pb_date(start), end_date=pb_date(end))))
    assert (rates.start, rates.end) == (start, end)
    assert (rates.defects_raised, rates.defects_overdue, rates.rectification_rate) == (
        2, 0, Fraction(0, 2))  # raised today, none verified yet: 0 %, not "no figure"
    assert (rates.defects_raised, rates.rectification_rate.numerator) == (
        defects.raised_count, defects.rectification_rate.numerator)
    assert (rates.owner_satisfaction, rates.third_party_satisfaction,
            rates.survey_distribution_rate, rates.survey_return_rate) == (None,) * 4  # no survey


# -- the contract: every call of Core is implemented, documented and exercised -------------


@pytest.mark.parametrize("name", CALLS)
def test_every_core_call_is_implemented_with_the_same_parameters(name):
    def parameters(cls: type) -> list[tuple[str, Any, Any]]:
        signature = inspect.signature(getattr(cls, name))
        return [(p.name, p.kind, p.default) for p in signature.parameters.values()]

    assert parameters(CoreAccess) == parameters(Core)


@pytest.mark.parametrize("name", CALLS)
def test_every_core_call_is_listed_in_the_plugin_guide(name):
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    section = docs[docs.index("**The core, from a plugin (`ctx.core`).**"):]
    section = section[:section.index("\n**", 1)]
    assert f"`{name}(" in section, f"ctx.core.{name} is not in docs/plugins.md"


@pytest.mark.parametrize("name", CALLS)
def test_every_core_call_is_exercised_through_a_running_server(name):
    """Some plugin or test plugin calls it (``ctx.core.x(``, ``core(ctx).x(``, ...); the
    plugins' tests and this folder's run them against a real server."""
    call = re.compile(rf"core(?:_of)?(?:\(ctx\))?\.{name}\(")
    sources = [*ROOT.glob("plugins/*/*.py"), *ROOT.glob("tests/plugins/*.py")]
    assert any(call.search(path.read_text(encoding="utf-8")) for path in sources), (
        f"no plugin calls ctx.core.{name}")
