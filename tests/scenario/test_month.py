"""A month of two communities, played through the API with a fake clock (issue 6).

Seaview Bay (community A, region South) runs the five-step method and the
welcome programme; Cuihu Garden (community B, region East) runs VIP butler
stewardship and the East China satisfaction plan. From Monday 2 to Monday 30
November 2026 owners move in, raise requests, are called back, inspectors
find defects, a survey is drawn and answered; the schedulers run every
morning and evening. The month's figures are then read through the API and
checked against numbers worked out by hand (docs/scenario.md tells the story
day by day and shows the arithmetic).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

import grpc
import pytest
from google.protobuf.json_format import MessageToDict

from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import evaluation_pb2 as epb
from svcq.v1 import owner_pb2 as opb
from svcq.v1 import ticket_pb2 as tpb
from svcq_eastchina.v1 import eastchina_pb2 as ecpb
from svcq_fivestep.v1 import fivestep_pb2 as fspb
from svcq_vip_butler.v1 import vip_butler_pb2 as vbpb
from svcq_welcome.v1 import welcome_pb2 as wpb
from tests.scenario.world import Month, Place, nov, open_month, pb_date, stamp
from tests.support import details

D = dpb.Department
R = dpb.StaffRole
A_STAFF = {"clerk": (D.DEPARTMENT_FRONT_DESK, R.STAFF_ROLE_OPERATOR),
           "engineer": (D.DEPARTMENT_ENGINEERING, R.STAFF_ROLE_OPERATOR),
           "inspector": (D.DEPARTMENT_QUALITY, R.STAFF_ROLE_QUALITY_INSPECTOR)}
B_STAFF = {"clerk": (D.DEPARTMENT_FRONT_DESK, R.STAFF_ROLE_OPERATOR),
           "engineer": (D.DEPARTMENT_ENGINEERING, R.STAFF_ROLE_OPERATOR),
           "butler": (D.DEPARTMENT_BUTLER, R.STAFF_ROLE_OPERATOR),
           "head": (D.DEPARTMENT_FRONT_DESK, R.STAFF_ROLE_PROJECT_HEAD),
           "supervisor": (D.DEPARTMENT_FRONT_DESK, R.STAFF_ROLE_SUPERVISOR),
           "inspector": (D.DEPARTMENT_QUALITY, R.STAFF_ROLE_QUALITY_INSPECTOR)}
#: Working days the head of B does not patrol.
NO_PATROL = {11, 20}
MONTH_SCOPE = (date(2026, 11, 1), date(2026, 11, 30))


@dataclass
class Story:
    """What the month left behind that the checks need to find again."""

    m: Month
    a: Place
    b: Place
    #: B's head's patrol inspection of each day of the month.
    patrols: dict[int, str] = field(default_factory=dict)
    #: Defects by the story's names (D1-D3 in A, E1-E2 in B).
    defects: dict[str, str] = field(default_factory=dict)
    #: Survey campaigns by community letter ("A", "B"), as last returned.
    surveys: dict[str, epb.SurveyCampaign] = field(default_factory=dict)
    #: The butler's visit tickets of W46, in id order.
    w46_visits: list[str] = field(default_factory=list)
    #: The refusal of the second free service of P1's household.
    refused_free_service: grpc.RpcError | None = None


def inspection(s: Story, place: Place, *findings: str) -> epb.RecordInspectionResponse:
    """The quality inspector's daily round; each finding is an engineering defect."""
    return s.m.evaluations.RecordInspection(epb.RecordInspectionRequest(
        inspection=epb.Inspection(
            community_id=place.id, kind=epb.INSPECTION_KIND_DAILY,
            level=epb.DAILY_LEVEL_PROJECT_HEAD, inspector_id=place.staff["inspector"],
            inspect_time=stamp(s.m.now()),
            findings=[epb.Finding(description=f, discipline=epb.DISCIPLINE_ENGINEERING,
                                  responsible_staff_id=place.staff["engineer"])
                      for f in findings])))


def rectify(s: Story, name: str, place: Place, note: str) -> None:
    s.m.evaluations.RectifyDefect(epb.RectifyDefectRequest(
        id=s.defects[name], evidence_note=note, actor_id=place.staff["engineer"]))


def verify(s: Story, name: str, inspection_id: str) -> None:
    s.m.evaluations.VerifyDefect(epb.VerifyDefectRequest(
        id=s.defects[name], inspection_id=inspection_id))


def welcome_step(s: Story, owner: str, step: str) -> str:
    """The ticket of an owner's welcome step (the welcome programme opened it on move-in)."""
    progress = s.m.welcome.GetWelcomeProgress(wpb.GetWelcomeProgressRequest(
        community_id=s.a.id, owner_id=s.a.owners[owner].id))
    return next(st.ticket_id for st in progress.steps if st.step == step)


def butler_visits(s: Story, week: str) -> list[str]:
    return sorted(t.id for t in s.m.proactive(s.b, f"Butler household visit, week {week}"))


def etiquette(s: Story, hhmm: str) -> None:
    s.m.at(hhmm)
    s.m.plan.RecordEtiquetteCheck(ecpb.RecordEtiquetteCheckRequest(
        community_id=s.b.id, supervisor_staff_id=s.b.staff["supervisor"],
        inspect_time=stamp(s.m.now())))


def answer(s: Story, letter: str, n: int, scores: dict[str, int], **fields: object) -> None:
    survey = s.surveys[letter]
    s.m.evaluations.RecordSurveyResponse(epb.RecordSurveyResponseRequest(
        response=epb.SurveyResponse(campaign_id=survey.id, unit_id=survey.sampled_unit_ids[n],
                                    scores=scores, **fields)))


def play(m: Month) -> Story:
    # -- Monday 2 November, 08:00: the stage ------------------------------------------------
    south, east = m.factory.region(), m.factory.region()
    a = m.place(south.id, "Seaview Bay", 2024, 10, A_STAFF)
    b = m.place(east.id, "Cuihu Garden", 2015, 10, B_STAFF)
    for n, name in enumerate(["O1", "O2", "r3", "r4", "r5", "r6", "r7", "r8"]):
        m.resident(a, name, n)  # long-standing residents: no move-in date, no welcome
    m.resident(b, "V", 0, tags=("vip",))
    for n, name in enumerate(["P1", "P2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"], start=1):
        m.resident(b, name, n)
    m.configure({
        "fivestep": {"enabled_regions": [south.id], "points_per_complaint": 3},
        "welcome": {"enabled_regions": [south.id]},
        "vip_butler": {"enabled_regions": [east.id]},
        "eastchina": {"enabled_regions": [east.id]},
    })
    zone = m.butlers.CreateZone(vbpb.CreateZoneRequest(zone=vbpb.Zone(
        community_id=b.id, display_name="the whole garden", building_ids=[b.building.id]))).zone
    m.butlers.AssignButler(vbpb.AssignButlerRequest(assignment=vbpb.ButlerAssignment(
        community_id=b.id, butler_staff_id=b.staff["butler"], zone_id=zone.id)))
    s = Story(m, a, b)

    def patrol(day: date) -> None:
        """B's head patrols every working day but two, right after the morning pass."""
        if day.weekday() < 5 and day.day not in NO_PATROL:
            s.patrols[day.day] = m.evaluations.RecordInspection(epb.RecordInspectionRequest(
                inspection=epb.Inspection(
                    community_id=b.id, kind=epb.INSPECTION_KIND_DAILY,
                    level=epb.DAILY_LEVEL_PROJECT_HEAD, inspector_id=b.staff["head"],
                    inspect_time=stamp(m.now())))).inspection.id

    m.routines.append(patrol)
    m.morning()  # W45's butler visits, the day's patrol work item

    clerk_a, eng_a, clerk_b, eng_b = (a.staff["clerk"], a.staff["engineer"], b.staff["clerk"],
                                      b.staff["engineer"])
    butler = b.staff["butler"]
    m.at("09:00")
    m.receive("A1", a, "O1", "REPAIR", "desk", "plumbing/leak")
    m.at("09:10")
    m.act("A1", "dispatch", clerk_a, department=D.DEPARTMENT_ENGINEERING, assignee_staff_id=eng_a)
    m.at("09:30")
    m.act("A1", "start", eng_a)
    m.receive("B1", b, "P1", "REPAIR", "hotline", "plumbing/leak")
    m.at("09:40")
    m.act("B1", "dispatch", clerk_b, department=D.DEPARTMENT_ENGINEERING, assignee_staff_id=eng_b)
    m.at("10:00")
    m.receive("A2", a, "O1", "COMPLAINT", "desk", description="noisy renovation next door")
    m.act("B1", "start", eng_b)
    m.at("10:05")
    m.act("A2", "dispatch", clerk_a, department=D.DEPARTMENT_FRONT_DESK, assignee_staff_id=clerk_a)
    m.at("10:30")
    m.act("A2", "start", clerk_a)
    m.at("11:00")
    m.act("A1", "resolve", eng_a)
    m.at("11:30")
    m.act("A1", "callback", clerk_a, satisfied=True, score=5)
    m.at("12:00")
    m.act("A1", "close", clerk_a)
    m.at("13:00")
    m.act("B1", "resolve", eng_b)
    m.at("14:00")
    m.act("B1", "callback", clerk_b, satisfied=True, score=4)
    m.at("14:30")
    m.act("B1", "close", clerk_b)
    m.at("15:00")
    m.receive("B2", b, "V", "REPAIR", "app", "electrical/power")  # the VIP: to the butler
    m.at("15:30")
    m.act("B2", "start", butler)

    # -- Tuesday 3 -------------------------------------------------------------------------
    m.day(3)  # the morning sweep finds B2 5 h past its 03:00 VIP deadline
    m.at("09:00")
    m.act("A2", "resolve", clerk_a)
    m.act("B2", "resolve", butler)
    m.at("10:00")
    m.act("A2", "callback", clerk_a, satisfied=False, score=2, comment="still noisy")
    m.act("B2", "callback", clerk_b, satisfied=True, score=5)
    m.at("10:30")
    m.act("A2", "start", clerk_a)
    m.act("B2", "close", clerk_b)
    m.at("14:00")
    m.receive("A3", a, "O2", "REPAIR", "hotline", "electrical/power")
    m.at("14:05")
    m.act("A3", "dispatch", clerk_a, department=D.DEPARTMENT_ENGINEERING, assignee_staff_id=eng_a)
    m.at("15:00")
    m.act("A2", "resolve", clerk_a)
    m.at("15:30")
    m.act("A2", "callback", clerk_a, satisfied=True, score=4)
    m.at("16:00")
    m.act("A2", "close", clerk_a)

    # -- Wednesday 4 -----------------------------------------------------------------------
    m.day(4)
    m.at("09:00")
    for visit in butler_visits(s, "2026-W45"):
        m.work(visit, butler)  # all three of W45's visits made
    m.at("10:00")
    m.receive("A4", a, "O1", "SUGGESTION", "desk", description="benches by the pond")
    m.receive("B3", b, "P2", "COMPLAINT", "desk", description="cars parked on the lawn")
    m.at("10:05")
    m.act("B3", "dispatch", clerk_b, department=D.DEPARTMENT_FRONT_DESK, assignee_staff_id=clerk_b)
    m.at("10:30")
    m.act("A4", "resolve", clerk_a)
    m.act("B3", "start", clerk_b)
    m.at("11:00")
    m.act("A4", "callback", clerk_a, satisfied=True, score=5)
    found = inspection(s, a, "lift lobby light out", "pump room leaking", "gate motor rusty")
    s.defects.update(zip(["D1", "D2", "D3"], (d.id for d in found.defects), strict=True))
    m.at("11:30")
    m.act("A4", "close", clerk_a)
    m.act("B3", "resolve", clerk_b)
    m.at("14:00")
    m.act("B3", "callback", clerk_b, satisfied=False, score=1, comment="still parked there")

    # -- Thursday 5 ------------------------------------------------------------------------
    m.day(5)
    m.at("09:00")
    m.act("A3", "start", eng_a)
    m.act("B3", "start", clerk_b)
    m.at("10:00")
    m.act("B3", "resolve", clerk_b)
    found = inspection(s, b, "corridor socket loose", "booster pump noisy")
    s.defects.update(zip(["E1", "E2"], (d.id for d in found.defects), strict=True))
    m.at("11:00")
    m.act("A3", "resolve", eng_a)
    m.act("B3", "callback", clerk_b, satisfied=True, score=4)
    m.receive("B4", b, "P1", "INQUIRY", "hotline", description="when is the water cut?")
    m.at("11:10")
    m.act("B4", "cancel", clerk_b, reason="the owner found the notice")
    m.at("11:30")
    m.act("A3", "callback", clerk_a, satisfied=True, score=4)
    m.act("B3", "close", clerk_b)
    m.at("12:00")
    m.act("A3", "close", clerk_a)

    # -- Friday 6 --------------------------------------------------------------------------
    m.day(6)
    m.at("09:00")
    m.receive("B5", b, "V", "REPAIR", "desk", "plumbing/blockage")
    m.at("09:20")
    m.act("B5", "start", butler)
    m.at("10:00")
    rectify(s, "D1", a, "bulb replaced")
    rectify(s, "E1", b, "socket fixed")
    m.evaluations.EscalateDefect(epb.EscalateDefectRequest(
        id=s.defects["E2"], transfer_note="needs the pump supplier", actor_id=b.staff["head"]))
    m.at("11:00")
    m.act("B5", "resolve", butler)
    m.at("12:00")
    m.act("B5", "callback", clerk_b, satisfied=True, score=5)
    m.at("12:30")
    m.act("B5", "close", clerk_b)

    # -- Monday 9 (the weekend passed: two evening and morning passes each) ----------------
    m.day(9)  # W46's visits; the quality sample of W45 follows at 18:00
    m.at("09:00")
    m.resident(a, "N1", 8, moved_in=date(2026, 11, 9))
    m.at("10:00")
    verify(s, "E1", s.patrols[9])
    m.at("11:00")
    m.work(welcome_step(s, "N1", "welcome_card"), clerk_a, score=5, close=True)

    # -- Tuesday 10 ------------------------------------------------------------------------
    m.day(10)
    m.at("09:00")
    m.receive("A6", a, "N1", "REPAIR", "app", "plumbing/blockage")
    m.at("09:05")
    m.act("A6", "dispatch", clerk_a, department=D.DEPARTMENT_ENGINEERING, assignee_staff_id=eng_a)
    m.at("09:30")
    m.act("A6", "start", eng_a)
    m.at("10:00")
    rectify(s, "D2", a, "gasket tightened")
    m.at("12:00")
    m.act("A6", "resolve", eng_a)
    m.at("13:00")
    m.act("A6", "callback", clerk_a, satisfied=True, score=5)
    m.at("13:30")
    m.act("A6", "close", clerk_a)
    m.at("14:00")
    quality = m.tickets.ListTicketCallbacks(tpb.ListTicketCallbacksRequest(
        filter="kind = QUALITY AND pending = true")).callbacks
    for callback in quality:
        m.tickets.CompleteTicketCallback(tpb.CompleteTicketCallbackRequest(
            id=callback.id, actor_staff_id=b.staff["inspector"], satisfied=True, score=5))

    # -- Wednesday 11: no patrol today -------------------------------------------------------
    m.day(11)
    m.at("09:00")
    m.work(welcome_step(s, "N1", "visit"), clerk_a, score=5, close=True)
    m.at("10:00")
    s.w46_visits = butler_visits(s, "2026-W46")
    for visit in s.w46_visits[:2]:
        m.work(visit, butler)  # two of W46's three visits

    # -- Thursday 12 -----------------------------------------------------------------------
    m.day(12)
    m.at("09:00")
    free = m.plan.RequestFreeService(ecpb.RequestFreeServiceRequest(
        community_id=b.id, unit_id=b.units[1], service="home_cleaning", staff_id=clerk_b))
    m.t["free"] = free.ticket_id
    m.at("10:00")
    m.receive("A5", a, "O2", "INQUIRY", "desk", description="how are parking fees set?")
    m.at("10:15")
    m.act("A5", "resolve", clerk_a)
    m.at("10:20")
    m.act("A5", "callback", clerk_a, satisfied=True, score=5)
    m.at("10:30")
    m.act("A5", "close", clerk_a)
    m.at("11:00")
    second = inspection(s, a).inspection.id
    verify(s, "D1", second)
    m.evaluations.ReopenDefect(epb.ReopenDefectRequest(
        id=s.defects["D2"], inspection_id=second, reason="still dripping"))

    # -- Friday 13 -------------------------------------------------------------------------
    m.day(13)
    m.at("10:00")
    rectify(s, "D2", a, "gasket replaced")

    # -- Monday 16 -------------------------------------------------------------------------
    m.day(16)  # W47's visits; W46 is settled at 2 of 3
    etiquette(s, "08:30")
    m.at("09:00")
    m.resident(a, "N2", 9, moved_in=date(2026, 11, 16))
    m.at("10:00")
    m.work(welcome_step(s, "N2", "welcome_card"), clerk_a, score=5, close=True)
    m.at("11:00")
    for letter, place in (("A", a), ("B", b)):
        s.surveys[letter] = m.evaluations.CreateSurveyCampaign(epb.CreateSurveyCampaignRequest(
            campaign=epb.SurveyCampaign(
                community_id=place.id, period=pb_date(date(2026, 11, 1)),
                coordinator_id=place.staff["inspector"],
                dimensions=["cleaning", "security", "service"]))).campaign
    etiquette(s, "16:00")

    # -- Tuesday 17: N1's load check (due on the 16th) is now overdue --------------------------
    m.day(17)
    etiquette(s, "08:30")
    m.at("09:00")
    for letter in "AB":
        s.surveys[letter] = m.evaluations.DrawSurveySample(epb.DrawSurveySampleRequest(
            id=s.surveys[letter].id, seed=f"november-{letter}")).campaign
    m.at("10:00")
    m.receive("B6", b, "P2", "SUGGESTION", "app", description="a bench by the gate")
    m.at("10:30")
    m.act("B6", "resolve", clerk_b)
    m.at("11:00")
    m.act("B6", "callback", clerk_b, satisfied=True, score=5)
    m.at("11:30")
    m.act("B6", "close", clerk_b)
    etiquette(s, "16:00")

    # -- Wednesday 18 ----------------------------------------------------------------------
    m.day(18)
    etiquette(s, "08:30")
    m.at("09:00")
    m.receive("A7", a, "O1", "COMPLAINT", "hotline", description="visitors' cars block the gate")
    m.at("09:05")
    m.act("A7", "dispatch", clerk_a, department=D.DEPARTMENT_FRONT_DESK, assignee_staff_id=clerk_a)
    m.at("09:30")
    m.act("A7", "start", clerk_a)
    m.at("10:00")
    m.work(welcome_step(s, "N1", "load_check"), eng_a, score=5, close=True)  # two days late
    m.at("11:00")
    verify(s, "D2", inspection(s, a).inspection.id)
    m.at("12:00")
    m.work(s.w46_visits[2], butler)  # W46's last visit, a week late: W46 stays at 2 of 3
    m.at("14:00")
    m.act("A7", "resolve", clerk_a)
    m.at("15:00")
    m.act("A7", "callback", clerk_a, satisfied=True, score=4)  # not closed this month
    etiquette(s, "16:00")

    # -- Thursday 19 -----------------------------------------------------------------------
    m.day(19)
    etiquette(s, "08:30")
    m.at("10:00")
    answer(s, "A", 0, {"cleaning": 5, "security": 4, "service": 5})
    answer(s, "A", 1, {"cleaning": 4, "security": 4, "service": 3})
    answer(s, "A", 2, {"cleaning": 5, "security": 5, "service": 5})
    answer(s, "B", 0, {"cleaning": 5, "security": 5, "service": 4})
    answer(s, "B", 1, {"cleaning": 2, "security": 3, "service": 4}, tags=["parking"])
    etiquette(s, "16:00")

    # -- Friday 20: no patrol today ----------------------------------------------------------
    m.day(20)
    etiquette(s, "08:30")
    m.at("10:00")
    m.butlers.RecordForum(vbpb.RecordForumRequest(forum=vbpb.Forum(
        community_id=b.id, held_on=pb_date(date(2026, 11, 20)), topic="parking",
        attendee_count=25)))
    for name in ["V", "P1", "P2", "r3"]:
        m.butlers.AddLoyalCustomer(vbpb.AddLoyalCustomerRequest(loyal_customer=vbpb.LoyalCustomer(
            community_id=b.id, manager_staff_id=b.staff["head"], owner_id=b.owners[name].id)))
    etiquette(s, "16:00")

    # -- Saturday 21: one etiquette check only; Sunday 22: none --------------------------------
    m.day(21)
    etiquette(s, "10:00")

    # -- Monday 23 -------------------------------------------------------------------------
    m.day(23)
    m.at("09:00")
    m.receive("A8", a, "O2", "REPAIR", "hotline", "plumbing/leak")
    m.at("09:05")
    m.act("A8", "dispatch", clerk_a, department=D.DEPARTMENT_ENGINEERING, assignee_staff_id=eng_a)
    m.at("09:30")
    m.act("A8", "start", eng_a)
    m.at("10:00")
    m.act("A8", "hold", eng_a, reason="waiting for a spare part")

    # -- Wednesday 25 ----------------------------------------------------------------------
    m.day(25)
    m.at("09:00")
    with pytest.raises(grpc.RpcError) as refused:
        m.plan.RequestFreeService(ecpb.RequestFreeServiceRequest(
            community_id=b.id, unit_id=b.units[1], service="plant_care", staff_id=clerk_b))
    s.refused_free_service = refused.value
    m.at("10:00")
    m.act("A8", "resume", eng_a)
    m.at("12:00")
    m.act("A8", "resolve", eng_a)  # no callback yet

    # -- Thursday 26 -----------------------------------------------------------------------
    m.day(26)
    m.at("10:00")
    m.receive("B7", b, "P1", "REPAIR", "hotline", "electrical/power")
    m.at("10:05")
    m.act("B7", "dispatch", clerk_b, department=D.DEPARTMENT_ENGINEERING, assignee_staff_id=eng_b)

    # -- Friday 27 -------------------------------------------------------------------------
    m.day(27)
    m.at("16:00")
    for letter in "AB":
        m.evaluations.CloseSurveyCampaign(epb.CloseSurveyCampaignRequest(
            id=s.surveys[letter].id))

    # -- Monday 30: the month ends with the evening pass -------------------------------------
    m.day(30)
    m.evening()
    return s


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Story]:
    m = open_month(tmp_path_factory.mktemp("month"))
    try:
        yield play(m)
    finally:
        m.running.stop()


# -- reading the month back -------------------------------------------------------------------


def figures_by_kind(s: Story, place: Place) -> dict[str, tpb.TicketFigures]:
    start, end = MONTH_SCOPE
    got = s.m.tickets.GetTicketFigures(tpb.GetTicketFiguresRequest(
        community_id=place.id, start_date=pb_date(start), end_date=pb_date(end),
        group_by=tpb.TICKET_FIGURES_GROUPING_KIND))
    return {g.key: g.figures for g in got.groups}


def shape(f: tpb.TicketFigures) -> tuple[object, ...]:
    """(received, counted, [met, decided] x2, same day, reopened, coverage, callbacks...)."""
    return (f.ticket_count, f.counted_count,
            f.response_met_rate, f.response_decided_count,
            f.resolution_met_rate, f.resolution_decided_count,
            f.same_day_closure_rate, f.reopen_rate,
            f.callback_coverage, f.resolved_count,
            f.callback_satisfaction, f.callback_count, f.average_callback_score)


def expect(*values: object) -> tuple[object, ...]:
    return tuple(pytest.approx(float(v)) if isinstance(v, Fraction) else v for v in values)


def test_ticket_figures_of_seaview_bay_by_kind(story: Story) -> None:
    got = figures_by_kind(story, story.a)
    # Repairs A1 A3 A6 A8, none cancelled. Responses: A3 started two days late -> 3/4.
    # Resolutions: A3 late; A8 held 48 h, so its 24 h ran to Thu 26 09:00 and Wed 12:00
    # was in time -> 3/4. Closed the day received: A1, A6 -> 2/4. No reopen. Resolved 4,
    # customer callbacks on A1, A3, A6 (A8 still waits) -> 3/4. Scores 5, 4, 5: 3 of 3
    # satisfied, average 14/3.
    assert shape(got["REPAIR"]) == expect(4, 4, Fraction(3, 4), 4, Fraction(3, 4), 4,
                                          Fraction(2, 4), 0, Fraction(3, 4), 4,
                                          1, 3, Fraction(14, 3))
    # Complaints A2 (reopened once, closed the next day) and A7 (not closed): both
    # responded and resolved in time (A2's second cycle from Tue 10:00) -> 2/2, 2/2;
    # same day 0/2; reopened 1/2; called back 2/2; callbacks 2 (unsatisfied), 4, 4 ->
    # 2/3 satisfied, average 10/3.
    assert shape(got["COMPLAINT"]) == expect(2, 2, 1, 2, 1, 2, 0, Fraction(1, 2), 1, 2,
                                             Fraction(2, 3), 3, Fraction(10, 3))
    # A4 and A5: resolved on the spot, called back 5, closed the same day.
    for kind in ("SUGGESTION", "INQUIRY"):
        assert shape(got[kind]) == expect(1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 5)
    # Proactive work: 6 per move-in (five-step welcome visit and load check; the
    # welcome programme's card, visit, load check, housewarming) x 2 move-ins, and one
    # survey callback (the answer with a 3) -> 13.
    assert got["PROACTIVE"].ticket_count == 13


def test_ticket_figures_of_cuihu_garden_by_kind(story: Story) -> None:
    got = figures_by_kind(story, story.b)
    # Repairs B1, B2 (VIP), B5 (VIP), B7 (never started). Responses: B7 missed -> 3/4.
    # Resolutions: B2 took 18 h against the VIP's 12 h, B7 is past due -> 2/4. Same day:
    # B1, B5 -> 2/4. Resolved 3, all called back -> 3/3. Callbacks: B1 4, B2 5, B5 5 and
    # the quality department's 5 -> 4 of 4 satisfied, average 19/4.
    assert shape(got["REPAIR"]) == expect(4, 4, Fraction(3, 4), 4, Fraction(2, 4), 4,
                                          Fraction(2, 4), 0, 1, 3, 1, 4, Fraction(19, 4))
    # B3 reopened after an unsatisfied callback at Wed 14:00; its new response was due
    # 16:00 and came Thu 09:00 (late), its work was due Thu 14:00 and done 10:00 (in time).
    # Callbacks 1 (unsatisfied) and 4 -> 1/2, average 5/2.
    assert shape(got["COMPLAINT"]) == expect(1, 1, 0, 1, 1, 1, 0, 1, 1, 1,
                                             Fraction(1, 2), 2, Fraction(5, 2))
    # B4 was cancelled: it counts as received and nowhere else.
    assert shape(got["INQUIRY"]) == expect(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert shape(got["SUGGESTION"]) == expect(1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 5)
    # Proactive work: 21 daily patrols (every working day from 2 to 30 November),
    # 15 butler visits (3 a week, W45-W49), 1 free service, 1 survey callback -> 38.
    assert got["PROACTIVE"].ticket_count == 38


def test_late_tickets_escalate_and_a_hold_pauses_the_clock(story: Story) -> None:
    level = {name: story.m.get(name).escalation_level for name in ("A3", "A8", "B2", "B3", "B7")}
    # A3: response due Tue 16:00; at Wed 18:00 it is 1.5 + 9 = 10.5 working hours late
    # (>= 4 h: project head); at Thu 08:00 its completion is 18 h late (< 24 h: not company).
    # B2: the VIP's completion was due Tue 03:00; the 08:00 sweep found it 5 h late.
    # B3: its second response was 1.5 working hours late at Wed 18:00: supervisor only.
    # B7: 80 h past its completion deadline by Mon 30 18:00: company.
    # A8: on hold while its deadline would have passed; resumed and done in time.
    assert level == {"A3": tpb.ESCALATION_LEVEL_PROJECT_HEAD,
                     "A8": tpb.ESCALATION_LEVEL_UNSPECIFIED,
                     "B2": tpb.ESCALATION_LEVEL_PROJECT_HEAD,
                     "B3": tpb.ESCALATION_LEVEL_SUPERVISOR,
                     "B7": tpb.ESCALATION_LEVEL_COMPANY}
    a8 = story.m.get("A8")
    assert a8.paused_duration.ToTimedelta() == timedelta(hours=48)
    # Created Mon 23 09:00 + 24 h + 48 h on hold = Thu 26 09:00.
    assert a8.resolve_by.ToDatetime() == nov(26, "09:00").replace(tzinfo=None) - timedelta(
        hours=8)
    assert (a8.state, a8.resolution_met) == (tpb.TICKET_STATE_RESOLVED, True)
    a2 = story.m.get("A2")
    assert (a2.reopen_count, a2.state, a2.last_callback.score) == (
        1, tpb.TICKET_STATE_CLOSED, 4)


def test_daily_closures_were_taken_each_evening(story: Story) -> None:
    def closure(place: Place, day: int) -> tpb.DailyClosure:
        return story.m.tickets.GetDailyClosure(tpb.GetDailyClosureRequest(
            community_id=place.id, date=pb_date(date(2026, 11, day)))).closure

    t = story.m.t
    monday = closure(story.a, 2)
    # Monday in A: A1 and A2 received, A1 closed the same day, A2 in progress overnight.
    assert monday.stored
    assert (sorted(monday.received_ticket_ids), list(monday.closed_ticket_ids),
            monday.closed_same_day_count) == (sorted([t["A1"], t["A2"]]), [t["A1"]], 1)
    assert [(c.ticket_id, c.state, c.responsible_staff_id, c.owner_replied,
             c.report_to_project_head) for c in monday.carried_over] == [
        (t["A2"], tpb.TICKET_STATE_IN_PROGRESS, story.a.staff["clerk"], True, False)]
    tuesday = closure(story.a, 3)
    # Tuesday: A3 received (not yet started), A2 closed (received the day before).
    assert (list(tuesday.received_ticket_ids), list(tuesday.closed_ticket_ids),
            tuesday.closed_same_day_count) == ([t["A3"]], [t["A2"]], 0)
    assert [c.ticket_id for c in tuesday.carried_over] == [t["A3"]]
    # Monday in B also received the work its practices opened at 08:00: W45's three
    # butler visits and the head's patrol, besides B1 and B2 -> 6; only B1 closed.
    b_monday = closure(story.b, 2)
    assert (b_monday.received_count, list(b_monday.closed_ticket_ids)) == (6, [t["B1"]])


def test_the_quality_department_called_back_one_repair_of_the_first_week(story: Story) -> None:
    quality = story.m.tickets.ListTicketCallbacks(tpb.ListTicketCallbacksRequest(
        filter="kind = QUALITY")).callbacks
    # Repairs closed in W45: A1, A3 in A; B1, B2, B5 in B -> 5; 20% of 5 = 1, split by
    # largest remainder: A 0.4, B 0.6 -> B. Later weeks: A6 alone -> round(0.2) = 0.
    assert len(quality) == 1
    (callback,) = quality
    assert callback.community_id == story.b.id
    assert callback.ticket_id in {story.m.t[n] for n in ("B1", "B2", "B5")}
    assert (callback.sample_week, callback.score, callback.satisfied) == (
        pb_date(date(2026, 11, 2)), 5, True)


def test_defects_found_rectified_and_verified(story: Story) -> None:
    start, end = (pb_date(d) for d in MONTH_SCOPE)

    def defect_figures(place: Place) -> epb.GetDefectFiguresResponse:
        return story.m.evaluations.GetDefectFigures(epb.GetDefectFiguresRequest(
            scope=epb.FiguresScope(community_id=place.id, start_date=start, end_date=end)))

    a, b = defect_figures(story.a), defect_figures(story.b)
    # A: D1 verified 12 Nov; D2 reopened, rectified again, verified 18 Nov; D3 never
    # touched, due 11 Nov -> 2/3 rectified, 1 overdue, gap 2/3 - 100% = -1/3.
    assert (a.raised_count, a.rectification_rate.numerator,
            a.rectification_rate.denominator, a.overdue_count) == (3, 2, 3, 1)
    assert a.target.gap == pytest.approx(-1 / 3)
    # B: E1 verified at the head's patrol of 9 Nov; E2 escalated to the supplier (still
    # open, due 12 Nov) -> 1/2, 1 overdue, gap -1/2.
    assert (b.raised_count, b.rectification_rate.numerator,
            b.rectification_rate.denominator, b.overdue_count) == (2, 1, 2, 1)
    assert b.target.gap == pytest.approx(-0.5)
    bulletin = story.m.evaluations.GetMonthlyBulletin(epb.GetMonthlyBulletinRequest(
        community_id=story.a.id, month=start))
    assert [(d.key, d.count) for d in bulletin.disciplines] == [("ENGINEERING", 3)]


def test_the_november_survey(story: Story) -> None:
    start, end = (pb_date(d) for d in MONTH_SCOPE)

    def survey(place: Place) -> epb.GetSurveyFiguresResponse:
        return story.m.evaluations.GetSurveyFigures(epb.GetSurveyFiguresRequest(
            scope=epb.FiguresScope(community_id=place.id, start_date=start, end_date=end)))

    a, b = survey(story.a), survey(story.b)
    # A, occupied since 2024: 30% of 10 households -> 3 drawn, 3 answered. Answers >= 4:
    # 3 + 2 + 3 of 9 -> 8/9; "service" 1 of 3 unsatisfied (>= 20%): concentrated.
    assert (a.households, a.distribution_rate.numerator, a.return_rate.numerator,
            a.return_rate.denominator) == (10, 3, 3, 3)
    assert (a.satisfaction.numerator, a.satisfaction.denominator) == (8, 9)
    assert [d.dimension for d in a.dimensions if d.concentrated] == ["service"]
    # B, occupied since 2015 (more than five years): 15% of 10 -> ceil(1.5) = 2 drawn,
    # both answered; answers >= 4: 3 + 1 of 6 -> 4/6; the tag "parking" in 1 of 2.
    assert (b.households, b.distribution_rate.numerator, b.return_rate.numerator,
            b.return_rate.denominator) == (10, 2, 2, 2)
    assert (b.satisfaction.numerator, b.satisfaction.denominator) == (4, 6)
    assert list(b.concentrated_tags) == ["parking"]
    gaps = {p: {g.name: g.gap for g in f.targets} for p, f in (("A", a), ("B", b))}
    assert gaps["A"]["OWNER_SATISFACTION"] == pytest.approx(8 / 9 - 0.9)
    assert gaps["B"]["OWNER_SATISFACTION"] == pytest.approx(4 / 6 - 0.9)
    for letter in "AB":
        campaign = story.m.evaluations.GetSurveyCampaign(epb.GetSurveyCampaignRequest(
            id=story.surveys[letter].id)).campaign
        assert campaign.state == epb.SURVEY_CAMPAIGN_STATE_CLOSED


# -- the practices: present where enabled, absent elsewhere ---------------------------------


def local_day(d: object) -> date:
    return date(d.year, d.month, d.day)  # type: ignore[attr-defined]


def test_seaview_bay_welcomes_its_new_owners(story: Story) -> None:
    m, a = story.m, story.a

    def progress(owner: str) -> list[tuple[str, date, int, bool]]:
        got = m.welcome.GetWelcomeProgress(wpb.GetWelcomeProgressRequest(
            community_id=a.id, owner_id=a.owners[owner].id))
        return [(s.step, local_day(s.due_date), s.state, s.HasField("overdue_time"))
                for s in got.steps]

    done, pending, overdue = wpb.STEP_STATE_DONE, wpb.STEP_STATE_PENDING, wpb.STEP_STATE_OVERDUE
    # Steps due 0, 3, 7 and 30 days after the move-in. N1 (9 Nov): card and visit done in
    # time, the load check (due 16 Nov) done on the 18th, so the job of the 17th marked
    # it overdue first; the housewarming is due 9 December.
    assert progress("N1") == [("welcome_card", date(2026, 11, 9), done, False),
                              ("visit", date(2026, 11, 12), done, False),
                              ("load_check", date(2026, 11, 16), done, True),
                              ("housewarming", date(2026, 12, 9), pending, False)]
    # N2 (16 Nov): only the card; the visit (19th) and the load check (23rd) are late.
    assert progress("N2") == [("welcome_card", date(2026, 11, 16), done, False),
                              ("visit", date(2026, 11, 19), overdue, True),
                              ("load_check", date(2026, 11, 23), overdue, True),
                              ("housewarming", date(2026, 12, 16), pending, False)]
    late = m.welcome.ListOverdueSteps(wpb.ListOverdueStepsRequest(community_id=a.id)).steps
    assert [(s.owner_id, s.step) for s in late] == [(a.owners["N2"].id, "visit"),
                                                    (a.owners["N2"].id, "load_check")]
    n2 = m.factory.owners.GetOwner(opb.GetOwnerRequest(id=a.owners["N2"].id)).owner
    shown = MessageToDict(n2.plugin_data["welcome"])
    assert (shown["done"], shown["total"], shown["overdue"]) == (1, 4, ["visit", "load_check"])

    # The five-step method opened its own welcome pack and two work items per move-in.
    pack = m.fivestep.GetWelcomePack(fspb.GetWelcomePackRequest(
        community_id=a.id, owner_id=a.owners["N1"].id))
    assert [(p.unit_id, local_day(p.moved_in_on), len(p.items)) for p in pack.packs] == [
        (a.units[8], date(2026, 11, 9), 3)]
    assert sorted((w.purpose, local_day(w.due_date)) for w in pack.work_items) == [
        (fspb.WORK_PURPOSE_WELCOME_VISIT, date(2026, 11, 16)),
        (fspb.WORK_PURPOSE_LOAD_CHECK, date(2026, 11, 16))]


def test_seaview_bay_counts_star_customers(story: Story) -> None:
    m, a = story.m, story.a
    # O1: at the front desk for A1, A2 and A4 (3 visits x 1), complaints A2 and A7
    # (2 x 3, this region's weight), suggestion A4 (1) -> 10 points = 1 star.
    # O2: A5 at the front desk -> 1 point (A3 and A8 came by phone). N1 used the app: 0.
    stars = m.fivestep.ListStarCustomers(fspb.ListStarCustomersRequest(community_id=a.id))
    assert [(c.owner_id, c.points, c.stars, c.rank) for c in stars.customers] == [
        (a.owners["O1"].id, 10, 1, 1), (a.owners["O2"].id, 1, 0, 2)]
    o1 = m.factory.owners.GetOwner(opb.GetOwnerRequest(id=a.owners["O1"].id)).owner
    assert MessageToDict(o1.plugin_data["fivestep"]) == {"stars": 1, "points": 10}
    # One star is below the follow-up level (3): customer service is not asked to follow up.
    assert MessageToDict(m.get("A7").plugin_data["fivestep"]) == {"follow_up": False,
                                                                  "stars": 1}


def test_cuihu_garden_routes_its_vip_to_the_butler_with_half_the_time(story: Story) -> None:
    m, b = story.m, story.b

    def limits(name: str) -> tuple[timedelta, timedelta]:
        t = m.get(name)
        created = t.create_time.ToDatetime()
        return t.respond_by.ToDatetime() - created, t.resolve_by.ToDatetime() - created

    vip, ordinary = m.get("B2"), m.get("B1")
    assert (vip.department, vip.assignee_staff_id) == (D.DEPARTMENT_BUTLER, b.staff["butler"])
    # Core limits: 2 working hours to respond, 24 h to complete; the VIP gets half of each.
    assert limits("B2") == (timedelta(hours=1), timedelta(hours=12))
    assert limits("B1") == (timedelta(hours=2), timedelta(hours=24))
    assert (vip.resolution_met, ordinary.resolution_met) == (False, True)
    history = m.tickets.ListTicketHistory(tpb.ListTicketHistoryRequest(
        ticket_id=vip.id)).entries
    assert history[1].action == tpb.TICKET_ACTION_DISPATCH
    assert history[1].note.startswith("routed by vip_butler")


def test_cuihu_garden_stewardship_figures(story: Story) -> None:
    m, b = story.m, story.b

    def week(name: str) -> vbpb.GetStewardshipFiguresResponse:
        return m.butlers.GetStewardshipFigures(vbpb.GetStewardshipFiguresRequest(
            community_id=b.id, week=name))

    w45, w46 = week("2026-W45"), week("2026-W46")
    # W45: 3 of 3 visits -> 100%. W46: 2 of 3 in the week; the third, made on 18 Nov
    # (W47), does not count: 2/3 = 66.67%.
    assert [(v.butler_staff_id, v.quota, v.visits_done) for v in w45.butlers] == [
        (b.staff["butler"], 3, 3)]
    assert w45.compliance_percent == pytest.approx(100)
    assert (w46.visits_done, w46.visits_quota) == (2, 3)
    assert w46.compliance_percent == pytest.approx(66.67, abs=0.005)
    assert m.get(story.w46_visits[2]).state == tpb.TICKET_STATE_RESOLVED
    # Managers: the head keeps 4 loyal customers, the supervisor none; both are below 10.
    assert sorted((x.staff_id, x.loyal_customers, x.below_minimum) for x in w46.managers) == (
        sorted([(b.staff["head"], 4, True), (b.staff["supervisor"], 0, True)]))
    assert (w46.loyal_customer_minimum, w46.managers_below_minimum) == (10, 2)
    # The forum of 20 Nov falls in Q4, not over yet; Q1-Q3 of 2026 ended without one.
    assert list(w46.quarters_without_forum) == ["2026-Q1", "2026-Q2", "2026-Q3"]


def test_cuihu_garden_east_china_plan(story: Story) -> None:
    m, b = story.m, story.b
    # Patrols owed: the working days of November up to yesterday (2-27 Nov) = 4 weeks x 5
    # = 20; the head skipped 11 and 20 Nov.
    patrol = m.plan.GetPatrolFigures(ecpb.GetPatrolFiguresRequest(
        community_id=b.id, start_date=pb_date(MONTH_SCOPE[0]), end_date=pb_date(MONTH_SCOPE[1])))
    assert (patrol.day_count, patrol.days_without_patrol) == (20, 2)
    assert [local_day(d) for d in patrol.missed_dates] == [date(2026, 11, 11),
                                                          date(2026, 11, 20)]
    # Etiquette, week of 16-22 Nov, one 08:00 shift a day: 2 checks Monday to Friday,
    # 1 on Saturday, none on Sunday -> 7 shifts, 11 checks, 2 below the minimum of 2.
    checks = m.plan.GetEtiquetteFigures(ecpb.GetEtiquetteFiguresRequest(
        community_id=b.id, start_date=pb_date(date(2026, 11, 16)),
        end_date=pb_date(date(2026, 11, 22))))
    assert (checks.minimum_per_shift, checks.shift_count, checks.below_minimum_count) == (
        2, 7, 2)
    assert [(x.staff_id, x.check_count) for x in checks.supervisors] == [
        (b.staff["supervisor"], 11)]
    # "What we do, you know": closed in November: repairs B1, B2, B5; complaint B3;
    # suggestion B6 (the practices' work items were resolved, not closed).
    bulletin = m.plan.GetServiceBulletin(ecpb.GetServiceBulletinRequest(
        community_id=b.id, year=2026, month=11))
    assert bulletin.closed_count == 5
    assert sorted((k.kind, k.count) for k in bulletin.kinds) == [
        ("COMPLAINT", 1), ("REPAIR", 3), ("SUGGESTION", 1)]
    # One free service a year: the second request of P1's household was refused.
    free = m.get("free")
    assert MessageToDict(free.plugin_data["eastchina"]) == {"free_service": "home_cleaning",
                                                            "year": 2026}
    refused = story.refused_free_service
    assert refused is not None and refused.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert details(refused)[0] == "FREE_SERVICE_ALREADY_USED"
    assert free.id in refused.details()
    # Targets against the month's own figures, which the plugin reads from the evaluation
    # service: owner satisfaction 4/6 (target 90%), rectification 1/2 (target 100%) ->
    # gaps 0.9 - 2/3 and 1 - 1/2; no third-party-style survey this month.
    target = m.plan.GetTargetGap(ecpb.GetTargetGapRequest(
        community_id=b.id, start_date=pb_date(MONTH_SCOPE[0]), end_date=pb_date(MONTH_SCOPE[1])))
    assert {g.figure: (g.gap, g.met) for g in target.gaps} == {
        "owner_satisfaction": (pytest.approx(0.9 - 4 / 6, abs=1e-6), False),  # 6 decimals
        "rectification_rate": (pytest.approx(0.5), False)}
    assert list(target.unmeasured) == ["third_party_satisfaction"]


def test_each_practice_shows_only_where_it_runs(story: Story) -> None:
    m, a, b = story.m, story.a, story.b

    def plugins_on_owner(place: Place, name: str) -> set[str]:
        owner = m.factory.owners.GetOwner(opb.GetOwnerRequest(id=place.owners[name].id)).owner
        return set(owner.plugin_data)

    # Owners in A carry the five-step stars, and new ones their welcome progress.
    assert {"fivestep", "welcome"} <= plugins_on_owner(a, "N1")
    assert not {"fivestep", "welcome"} & plugins_on_owner(b, "V")
    assert "fivestep" in m.get("A1").plugin_data
    assert "fivestep" not in m.get("B1").plugin_data
    # A's proactive work is the welcome work; B's the butlers' visits and the patrols.
    assert m.proactive(a, "Butler household visit") == []
    assert m.proactive(a, "Daily site patrol") == []
    assert m.proactive(b, "Welcome programme") == []
    assert len(m.proactive(a, "Welcome programme")) == 8
    assert len(m.proactive(b, "Daily site patrol")) == 21
    refusals = [
        lambda: m.fivestep.ListStarCustomers(fspb.ListStarCustomersRequest(community_id=b.id)),
        lambda: m.welcome.ListOverdueSteps(wpb.ListOverdueStepsRequest(community_id=b.id)),
        lambda: m.butlers.ListZones(vbpb.ListZonesRequest(community_id=a.id)),
        lambda: m.plan.GetPatrolFigures(ecpb.GetPatrolFiguresRequest(community_id=a.id)),
    ]
    for call in refusals:
        with pytest.raises(grpc.RpcError) as caught:
            call()
        assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert details(caught.value)[0] == "PLUGIN_NOT_ENABLED"
