"""The five steps at work: what the hooks, jobs and RPCs do, through ``ctx.core`` only.

Every write is idempotent (unique keys in our tables, checked before a
ticket is opened and inside the same transaction), because reactions are
retried and jobs are claimed again after a failure.
"""

from __future__ import annotations

import enum
import json
from calendar import monthrange
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from peewee import fn

from svcq.errors import FailedPrecondition, InvalidArgument, Violations
from svcq.plugin import Core, HookContext, OwnerView, TicketView
from svcq_fivestep import rules
from svcq_fivestep.models import KnowledgeCheck, StarEvent, WelcomePack, WorkItem
from svcq_fivestep.settings import FiveStepSettings


class Purpose(enum.StrEnum):
    WELCOME_VISIT = "WELCOME_VISIT"
    LOAD_CHECK = "LOAD_CHECK"
    HOUSEWARMING = "HOUSEWARMING"
    HELP_VISIT = "HELP_VISIT"
    EXPECTANT_CARE = "EXPECTANT_CARE"
    RETURN_VISIT = "RETURN_VISIT"


#: What the proactive ticket says, so whoever opens it knows the practice behind it.
DESCRIPTIONS = {
    Purpose.WELCOME_VISIT: "Welcome visit: congratulate the new resident with a small gift "
                           "and fill in the visit questionnaire",
    Purpose.LOAD_CHECK: "Appliance load check: free check of the household's appliance load",
    Purpose.HOUSEWARMING: "Housewarming visit: the centre's team visits, checks appliances, "
                          "cleans, tends plants and explains home safety",
    Purpose.HELP_VISIT: "Help visit: offer help to a household needing it",
    Purpose.EXPECTANT_CARE: "Expectant mother care: bring a parenting book or small gift",
    Purpose.RETURN_VISIT: "Return visit to a key customer by the building's security liaison",
}
#: Work dispatched at once to the department that does it; the rest waits at the desk.
DEPARTMENTS = {Purpose.LOAD_CHECK: "ENGINEERING", Purpose.RETURN_VISIT: "SECURITY"}

NEEDS_HELP = "NEEDS_HELP"
EXPECTANT_MOTHER = "EXPECTANT_MOTHER"


def settings(ctx: HookContext) -> FiveStepSettings:
    return FiveStepSettings.of(ctx.settings)


def core(ctx: HookContext) -> Core:
    """``ctx.core``, which is None only when hooks run without a server (bare unit tests)."""
    assert ctx.core is not None, "the five-step method needs a running server"
    return ctx.core


# -- work items ------------------------------------------------------------------


def receiver(ctx: HookContext, s: FiveStepSettings) -> str:
    """Who answers for the plugin's work: the configured assistant, else the front desk.

    Raising when nobody is there keeps the reaction in hook_failure, so a retry
    after staff are registered still opens the work.
    """
    if s.service_assistant_staff_id:
        return s.service_assistant_staff_id
    for staff in core(ctx).staff('department = "FRONT_DESK" AND active = "true"'):
        return str(staff.id)
    raise FailedPrecondition("no active front-desk staff to receive five-step work items",
                             reason="NO_RECEIVER")


def open_work(ctx: HookContext, purpose: Purpose, owner_id: str, key: str, due_date: date,
              staff_id: str, *, unit_id: str = "", assignee: str = "") -> WorkItem:
    """Open a proactive ticket for ``purpose`` once per (purpose, owner, key)."""
    with core(ctx).transaction():
        existing = WorkItem.get_or_none(WorkItem.purpose == purpose,
                                        WorkItem.owner_id == owner_id, WorkItem.key == key)
        if existing is not None:
            return existing
        ticket = core(ctx).create_proactive_ticket(
            staff_id=staff_id, description=f"{DESCRIPTIONS[purpose]} (due {due_date})",
            owner_id=owner_id, unit_id=unit_id, department=DEPARTMENTS.get(purpose, ""),
            assignee_staff_id=assignee)
        return WorkItem.create(community_id=ctx.community_id, owner_id=owner_id,
                               purpose=purpose, key=key, ticket_id=ticket.id,
                               due_date=due_date, staff_id=assignee or staff_id,
                               create_time=_naive_now(ctx))


def _naive_now(ctx: HookContext) -> datetime:
    """Stored datetimes are naive UTC, like the core's."""
    return ctx.now().replace(tzinfo=None)


def _has(ctx: HookContext, owner_id: str, filter_text: str) -> bool:
    """Whether the owner matches a List filter (OwnerView promises only id and community)."""
    return any(o.id == owner_id for o in core(ctx).owners(filter_text))


def _expectant_filter(s: FiveStepSettings) -> str:
    return f'care_flag = "{EXPECTANT_MOTHER}" AND tag = "{s.expectant_care_tag}"'


def welcome(ctx: HookContext, owner: OwnerView, unit_id: str, moved_in_on: date) -> None:
    """Know and touch the customer on a move-in or transfer: pack, visit, load check,
    housewarming where enabled, and care for those who need or asked for it."""
    s = settings(ctx)
    staff = receiver(ctx, s)
    key = f"{unit_id}:{moved_in_on.isoformat()}"
    here = f'unit_id = "{unit_id}"'
    with core(ctx).transaction():
        WelcomePack.insert(community_id=ctx.community_id, owner_id=owner.id, unit_id=unit_id,
                           moved_in_on=moved_in_on, items=json.dumps(list(s.welcome_pack_items)),
                           create_time=_naive_now(ctx)).on_conflict_ignore().execute()
        work = [(Purpose.WELCOME_VISIT, s.welcome_visit_days),
                (Purpose.LOAD_CHECK, s.load_check_days)]
        if s.housewarming_visits:
            work.append((Purpose.HOUSEWARMING, s.housewarming_days))
        for purpose, days in work:
            open_work(ctx, purpose, owner.id, key, rules.due(moved_in_on, days), staff,
                      unit_id=unit_id)
        today = core(ctx).today()
        if s.help_on_move_in and _has(ctx, owner.id, f'{here} AND care_flag = "{NEEDS_HELP}"'):
            open_work(ctx, Purpose.HELP_VISIT, owner.id, f"{today:%Y-%m}",
                      rules.due(today, s.welcome_visit_days), staff, unit_id=unit_id)
        if _has(ctx, owner.id, f"{here} AND {_expectant_filter(s)}"):
            open_work(ctx, Purpose.EXPECTANT_CARE, owner.id, "once",
                      rules.due(today, s.welcome_visit_days), staff, unit_id=unit_id)


def care_visits(ctx: HookContext) -> None:
    """Monthly job: help visits on the configured cadence; care for expectant mothers who
    opted in since (once each)."""
    s = settings(ctx)
    today = core(ctx).today()
    due_date = rules.due(today, s.welcome_visit_days)
    wanted: list[tuple[Purpose, str, str]] = []
    if rules.help_month(today, s.help_every_months):
        wanted += [(Purpose.HELP_VISIT, o.id, f"{today:%Y-%m}")
                   for o in core(ctx).owners(f'care_flag = "{NEEDS_HELP}"')]
    wanted += [(Purpose.EXPECTANT_CARE, o.id, "once")
               for o in core(ctx).owners(_expectant_filter(s))]
    if wanted:
        staff = receiver(ctx, s)
        for purpose, owner_id, key in wanted:
            open_work(ctx, purpose, owner_id, key, due_date, staff)


# -- star customers ----------------------------------------------------------------


def count_ticket(ctx: HookContext, ticket: TicketView) -> None:
    """Record the star events a ticket stands for; seeing it again adds nothing."""
    if not ticket.owner_id:
        return
    events = rules.star_events(str(ticket.kind), str(ticket.channel), settings(ctx))
    if not events:
        return
    with core(ctx).transaction():
        for event in events:
            StarEvent.insert(community_id=ctx.community_id, owner_id=ticket.owner_id,
                             ticket_id=ticket.id, event=event,
                             create_time=_naive_now(ctx)).on_conflict_ignore().execute()


def event_counts(community_id: str, owner_id: str | None = None) -> dict[str, dict[str, int]]:
    """owner id -> {event: count} in the community (one owner's only, if named)."""
    query = (StarEvent.select(StarEvent.owner_id, StarEvent.event, fn.COUNT(StarEvent.id))
             .where(StarEvent.community_id == community_id)
             .group_by(StarEvent.owner_id, StarEvent.event))
    if owner_id is not None:
        query = query.where(StarEvent.owner_id == owner_id)
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for owner, event, n in query.tuples():
        counts[owner][event] = n
    return counts


@dataclass(frozen=True)
class Standing:
    points: int
    stars: int


def standing(ctx: HookContext, owner_id: str) -> Standing:
    s = settings(ctx)
    total = rules.points(event_counts(ctx.community_id, owner_id).get(owner_id, {}), s)
    return Standing(total, rules.stars(total, s))


def star_customers(ctx: HookContext, min_stars: int = 0, limit: int = 0
                   ) -> list[rules.StarStanding]:
    v = Violations()
    if min_stars < 0:
        v.add("min_stars", "must not be negative")
    if limit < 0:
        v.add("limit", "must not be negative")
    v.raise_if_any()
    found = rules.ranked(event_counts(ctx.community_id), settings(ctx), min_stars)
    return found[:limit] if limit else found


def return_visits(ctx: HookContext) -> None:
    """Monthly job: each building's security liaison visits its top key customers."""
    s = settings(ctx)
    counts = event_counts(ctx.community_id)
    if not counts or s.return_visits_per_building <= 0:
        return
    today = core(ctx).today()
    month_end = today.replace(day=monthrange(today.year, today.month)[1])
    buildings = [str(b.id) for b in core(ctx).buildings()]
    security = [str(st.id) for st in core(ctx).staff(
        'department = "SECURITY" AND role = "SHIFT_LEADER" AND active = "true"')]
    security = security or [str(st.id) for st in core(ctx).staff(
        'department = "SECURITY" AND active = "true"')]
    liaison = rules.liaisons(buildings, s.security_liaisons, security)
    if len(liaison) < len(buildings):
        ctx.log.warning("fivestep_buildings_without_liaison",
                        buildings=sorted(set(buildings) - set(liaison)))
    for building, staff_id in liaison.items():
        residents = {o.id for o in core(ctx).owners(f'building_id = "{building}"')}
        key_customers = rules.ranked({o: c for o, c in counts.items() if o in residents}, s,
                                     max(s.key_customer_min_stars, 0))
        for customer in key_customers[:s.return_visits_per_building]:
            open_work(ctx, Purpose.RETURN_VISIT, customer.owner_id,
                      f"{today:%Y-%m}:{building}", month_end, staff_id, assignee=staff_id)


# -- knowledge checks -----------------------------------------------------------


def record_check(ctx: HookContext, *, staff_id: str, passed: bool, examiner_staff_id: str = "",
                 score: int | None = None, note: str = "", request_id: str = ""
                 ) -> KnowledgeCheck:
    v = Violations()
    if not staff_id:
        v.add("check.staff_id", "required")
    if score is not None and not 0 <= score <= 100:
        v.add("check.score", "must be between 0 and 100")
    if len(note) > 2000:
        v.add("check.note", "at most 2000 characters")
    if len(request_id) > 64:
        v.add("request_id", "at most 64 characters")
    v.raise_if_any()
    if request_id:
        earlier = KnowledgeCheck.get_or_none(KnowledgeCheck.request_id == request_id)
        if earlier is not None:
            return earlier
    staff = {str(st.id) for st in core(ctx).staff()}
    for path, ident in (("check.staff_id", staff_id), ("check.examiner_staff_id",
                                                         examiner_staff_id)):
        if ident and ident not in staff:
            raise InvalidArgument.one(path, f"unknown staff member {ident!r} in this community")
    with core(ctx).transaction():
        return KnowledgeCheck.create(
            community_id=ctx.community_id, staff_id=staff_id, passed=passed,
            examiner_staff_id=examiner_staff_id, score=score, note=note,
            request_id=request_id or None, check_time=_naive_now(ctx))


def latest_check(ctx: HookContext, staff_id: str) -> KnowledgeCheck | None:
    """The check that decides: a later failure withdraws an earlier pass (定期考核)."""
    if not staff_id:
        raise InvalidArgument.one("staff_id", "required")
    return (KnowledgeCheck.select()
            .where(KnowledgeCheck.community_id == ctx.community_id,
                   KnowledgeCheck.staff_id == staff_id)
            .order_by(KnowledgeCheck.id.desc()).first())


class ClearanceReason(enum.StrEnum):
    PASSED = "PASSED"
    FAILED = "FAILED"
    NO_CHECK = "NO_CHECK"
    #: The latest check is older than knowledge_check_valid_days: as if there were none.
    EXPIRED = "EXPIRED"


@dataclass(frozen=True)
class Clearance:
    cleared: bool
    reason: ClearanceReason
    latest: KnowledgeCheck | None = None
    #: When the latest check stops counting (naive UTC); None without one or without expiry.
    expire_time: datetime | None = None


def clearance(ctx: HookContext, staff_id: str) -> Clearance:
    """May ``staff_id`` work a post alone? Only on a passed check that has not expired.

    Only the latest check is looked at: every earlier one is older, so it has
    expired too or was overruled by the latest.
    """
    latest = latest_check(ctx, staff_id)
    if latest is None:
        return Clearance(False, ClearanceReason.NO_CHECK)
    expires = rules.check_expiry(latest.check_time, settings(ctx).knowledge_check_valid_days)
    if expires is not None and _naive_now(ctx) >= expires:
        return Clearance(False, ClearanceReason.EXPIRED, latest, expires)
    reason = ClearanceReason.PASSED if latest.passed else ClearanceReason.FAILED
    return Clearance(latest.passed, reason, latest, expires)


# -- holidays and welcome packs ----------------------------------------------------


def holiday_greetings(ctx: HookContext, on: date | None
                      ) -> list[tuple[rules.Holiday, list[str]]]:
    s = settings(ctx)
    holidays = rules.upcoming_holidays(s.holidays, on or core(ctx).today(),
                                       s.greeting_lead_days)
    if not holidays:
        return []
    owners = sorted(o.id for o in core(ctx).owners())
    return [(h, owners) for h in holidays]


def welcome_packs(ctx: HookContext, owner_id: str
                  ) -> tuple[list[WelcomePack], list[WorkItem]]:
    if not owner_id:
        raise InvalidArgument.one("owner_id", "required")
    core(ctx).owner(owner_id)  # NOT_FOUND outside the community
    packs = list(WelcomePack.select().where(WelcomePack.community_id == ctx.community_id,
                                            WelcomePack.owner_id == owner_id)
                 .order_by(WelcomePack.moved_in_on, WelcomePack.id))
    work = list(WorkItem.select().where(WorkItem.community_id == ctx.community_id,
                                        WorkItem.owner_id == owner_id)
                .order_by(WorkItem.due_date, WorkItem.id))
    return packs, work

