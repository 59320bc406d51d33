"""The stewardship's records, read and written for one community through ``ctx``.

The hooks, the weekly job and the gRPC service all go through these
functions, so a rule such as "a building's own butler wins over its zone's"
is written once.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from svcq.errors import AlreadyExists, NotFound, Violations
from svcq.plugin import Core, HookContext, OwnerView, TicketView
from svcq_vip_butler.models import Assignment, Forum, LoyalCustomer, Visit, Zone, ZoneBuilding
from svcq_vip_butler.rules import DONE_STATES, is_vip, percent, week_of
from svcq_vip_butler.settings import ButlerSettings

#: Department whose staff may be butlers.
BUTLER_DEPARTMENT = "BUTLER"


def core_of(ctx: HookContext) -> Core:
    assert ctx.core is not None, "stewardship needs a running server's ctx.core"
    return ctx.core


def utc_now(ctx: HookContext) -> datetime:
    """Naive UTC, as the server stores times."""
    return ctx.now().astimezone(UTC).replace(tzinfo=None)


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


# -- VIPs and their butlers ---------------------------------------------------
def owner_is_vip(ctx: HookContext, owner_id: str | None) -> bool:
    if not owner_id:
        return False
    owner = core_of(ctx).owner(owner_id)
    return is_vip(owner.profile.get("tags", ()), owner.plugin_data,
                  ButlerSettings.of(ctx.settings))


def butlers_by_building(community_id: str, building_ids: Collection[str]) -> dict[str, str]:
    """The butler of each building that has one: its own, else its zone's.

    Two queries for any number of buildings, so reading many owners (every
    owner read carries their butlers) stays cheap.
    """
    wanted = set(building_ids)
    if not wanted:
        return {}
    zone_of = {z.building_id: z.zone_id for z in
               ZoneBuilding.select().where(ZoneBuilding.building_id.in_(list(wanted)))}
    rows = Assignment.select().where(
        (Assignment.community_id == community_id)
        & (Assignment.building_id.in_(list(wanted))
           | Assignment.zone_id.in_(sorted(set(zone_of.values())))))
    own = {r.building_id: str(r.butler_staff_id) for r in rows if r.building_id}
    zoned = {r.zone_id: str(r.butler_staff_id) for r in rows if r.zone_id}
    found = {b: own.get(b) or zoned.get(zone_of.get(b, "")) for b in wanted}
    return {b: butler for b, butler in found.items() if butler}


def butler_of_building(community_id: str, building_id: str) -> str | None:
    """The building's own butler, else its zone's; None when nobody looks after it."""
    return butlers_by_building(community_id, [building_id]).get(building_id)


def butler_for_ticket(ctx: HookContext, ticket: TicketView) -> str | None:
    """The butler of the ticket's household: its unit, else the owner's first unit."""
    core = core_of(ctx)
    unit_id = ticket.unit_id
    if not unit_id and ticket.owner_id:
        units = core.owner(ticket.owner_id).profile.get("units", [])
        unit_id = units[0]["unit_id"] if units else ""
    if not unit_id:
        return None
    return butler_of_building(ctx.community_id, core.unit(unit_id).building_id)


@dataclass(frozen=True)
class HouseholdButler:
    """Who looks after one of an owner's households, and how to reach them."""

    unit_id: str
    building_id: str
    butler_staff_id: str
    #: From the staff directory; empty when the butler is no longer in department BUTLER.
    display_name: str
    #: The butler's work phone; masked in responses for roles that see phones masked.
    phone: str
    #: Still an active member of department BUTLER: otherwise the household needs a new one.
    active: bool


def butlers_of_owner(ctx: HookContext, owner: OwnerView) -> list[HouseholdButler]:
    """The butler of each of the owner's households that has one, in the owner's unit order.

    Every resident of a butler's buildings is their customer, not only the
    VIPs (管家的联系方式要向其提供服务的客户公示), so tiers play no part here.
    """
    core = core_of(ctx)
    building_of = {u: core.unit(u).building_id
                   for u in dict.fromkeys(x["unit_id"] for x in owner.profile.get("units", []))}
    by_building = butlers_by_building(ctx.community_id, building_of.values())
    if not by_building:
        return []
    staff = {s.id: s for s in core.staff(f"department = {BUTLER_DEPARTMENT}")}
    found = []
    for unit_id, building_id in building_of.items():
        butler_id = by_building.get(building_id)
        if butler_id is None:
            continue
        butler = staff.get(butler_id)
        found.append(HouseholdButler(
            unit_id, building_id, butler_id, butler.display_name if butler else "",
            butler.phone if butler else "", bool(butler and butler.active)))
    return found


def butlers(community_id: str) -> list[str]:
    rows = (Assignment.select(Assignment.butler_staff_id).distinct()
            .where(Assignment.community_id == community_id)
            .order_by(Assignment.butler_staff_id))
    return [str(r.butler_staff_id) for r in rows]


def buildings_of_butler(community_id: str, butler_id: str) -> list[str]:
    """Buildings whose butler (own or by zone) is ``butler_id``, in a stable order."""
    rows = Assignment.select().where((Assignment.community_id == community_id)
                                     & (Assignment.butler_staff_id == butler_id))
    candidates = set()
    for row in rows:
        if row.building_id:
            candidates.add(row.building_id)
        else:
            candidates.update(z.building_id for z in
                              ZoneBuilding.select().where(ZoneBuilding.zone == row.zone_id))
    return sorted(b for b, who in butlers_by_building(community_id, candidates).items()
                  if who == butler_id)


# -- zones and assignments ----------------------------------------------------
def create_zone(ctx: HookContext, display_name: str, building_ids: list[str]) -> Zone:
    v = Violations()
    name = display_name.strip()
    if not name or len(name) > 200:
        v.add("zone.display_name", "required, at most 200 characters")
    if not building_ids:
        v.add("zone.building_ids", "at least one building")
    if len(set(building_ids)) != len(building_ids):
        v.add("zone.building_ids", "each building once")
    for i, building_id in enumerate(building_ids):
        try:
            core_of(ctx).building(building_id)
        except NotFound:
            v.add(f"zone.building_ids[{i}]", "no such building in this community")
            continue
        if ZoneBuilding.get_or_none(ZoneBuilding.building_id == building_id) is not None:
            v.add(f"zone.building_ids[{i}]", "already in another zone")
    v.raise_if_any()
    with core_of(ctx).transaction():
        if Zone.get_or_none((Zone.community_id == ctx.community_id)
                            & (Zone.display_name == name)) is not None:
            raise AlreadyExists(f"zone {name!r} already exists in this community")
        zone = Zone.create(id=new_id("zn"), community_id=ctx.community_id, display_name=name,
                           create_time=utc_now(ctx))
        for building_id in building_ids:
            ZoneBuilding.create(building_id=building_id, zone=zone.id)
    return zone


def zones(community_id: str) -> list[Zone]:
    return list(Zone.select().where(Zone.community_id == community_id)
                .order_by(Zone.create_time, Zone.id))


def zone_buildings(zone: Zone) -> list[str]:
    return sorted(z.building_id for z in zone.buildings)


def assign_butler(ctx: HookContext, butler_id: str, zone_id: str, building_id: str
                  ) -> Assignment:
    """Make ``butler_id`` the butler of a zone or a building, replacing the previous one."""
    v = Violations()
    p = "assignment"
    if not butler_id:
        v.add(f"{p}.butler_staff_id", "required")
    elif not any(s.id == butler_id for s in core_of(ctx).staff(
            f"department = {BUTLER_DEPARTMENT} AND active = true")):
        v.add(f"{p}.butler_staff_id", "not an active butler (department BUTLER) here")
    if bool(zone_id) == bool(building_id):
        v.add(f"{p}.zone_id", "set exactly one of zone_id and building_id")
    elif zone_id and Zone.get_or_none((Zone.id == zone_id)
                                      & (Zone.community_id == ctx.community_id)) is None:
        v.add(f"{p}.zone_id", "no such zone in this community")
    elif building_id:
        try:
            core_of(ctx).building(building_id)
        except NotFound:
            v.add(f"{p}.building_id", "no such building in this community")
    v.raise_if_any()
    with core_of(ctx).transaction():
        Assignment.delete().where((Assignment.community_id == ctx.community_id)
                                  & (Assignment.zone_id == zone_id)
                                  & (Assignment.building_id == building_id)).execute()
        return Assignment.create(community_id=ctx.community_id, zone_id=zone_id,
                                 building_id=building_id, butler_staff_id=butler_id,
                                 assign_time=utc_now(ctx))


def assignments(community_id: str) -> list[Assignment]:
    return list(Assignment.select().where(Assignment.community_id == community_id)
                .order_by(Assignment.building_id != "", Assignment.id))


# -- weekly household visits --------------------------------------------------
def _made(core: Core, visit: Visit) -> bool:
    return str(core.ticket(visit.ticket_id).state) in DONE_STATES


def open_weekly_visits(ctx: HookContext) -> list[Visit]:
    """The weekly job: settle past weeks, then give each butler this week's visits.

    Households least recently visited come first; when a butler looks after
    fewer households than the quota, the rest are open visits the butler
    chooses. A butler who already has this week's visits is skipped, so a
    pass that failed half-way can run again.
    """
    core = core_of(ctx)
    s = ButlerSettings.of(ctx.settings)
    week = week_of(core.today())
    settle_past_weeks(ctx, week)
    opened = []
    for butler in butlers(ctx.community_id):
        if Visit.select().where((Visit.community_id == ctx.community_id)
                                & (Visit.butler_staff_id == butler)
                                & (Visit.week == week)).exists():
            continue
        households = _households_by_last_visit(ctx, butler)
        for n in range(s.visits_per_week):
            owner_id = households[n] if n < len(households) else ""
            ticket = core.create_proactive_ticket(
                staff_id=butler, description=f"Butler household visit, week {week}",
                owner_id=owner_id, department=BUTLER_DEPARTMENT, assignee_staff_id=butler)
            with core.transaction():
                opened.append(Visit.create(ticket_id=ticket.id, community_id=ctx.community_id,
                                           butler_staff_id=butler, owner_id=owner_id, week=week))
    return opened


def _households_by_last_visit(ctx: HookContext, butler: str) -> list[str]:
    owners: dict[str, None] = {}
    for building_id in buildings_of_butler(ctx.community_id, butler):
        for owner in core_of(ctx).owners(f'building_id = "{building_id}"'):
            owners[owner.id] = None
    last = {r.owner_id: r.week for r in Visit.select(Visit.owner_id, Visit.week)
            .where(Visit.owner_id.in_(list(owners)))}
    return sorted(owners, key=lambda o: (last.get(o, ""), o))


def settle_past_weeks(ctx: HookContext, current_week: str) -> None:
    """Freeze whether each earlier week's visits were made by the time the week ended."""
    core = core_of(ctx)
    pending = Visit.select().where((Visit.community_id == ctx.community_id)
                                   & (Visit.week < current_week)
                                   & Visit.done_in_week.is_null())
    with core.transaction():
        for visit in pending:
            visit.done_in_week = _made(core, visit)
            visit.save()


@dataclass(frozen=True)
class ButlerWeek:
    butler_staff_id: str
    quota: int
    done: int

    @property
    def compliance_percent(self) -> float:
        return percent(min(self.done, self.quota), self.quota)


def visit_compliance(ctx: HookContext, week: str) -> list[ButlerWeek]:
    """Each butler's visits of ``week``: settled ones as frozen, the running week live."""
    core = core_of(ctx)
    tally: dict[str, list[int]] = {}
    for visit in Visit.select().where((Visit.community_id == ctx.community_id)
                                      & (Visit.week == week)).order_by(Visit.butler_staff_id):
        made = visit.done_in_week if visit.done_in_week is not None else _made(core, visit)
        counts = tally.setdefault(visit.butler_staff_id, [0, 0])
        counts[0] += 1
        counts[1] += bool(made)
    return [ButlerWeek(b, quota, done) for b, (quota, done) in tally.items()]


# -- loyal customers ----------------------------------------------------------
def add_loyal_customer(ctx: HookContext, manager_id: str, owner_id: str) -> LoyalCustomer:
    v = Violations()
    p = "loyal_customer"
    if not manager_id:
        v.add(f"{p}.manager_staff_id", "required")
    elif manager_id not in managers(ctx):
        v.add(f"{p}.manager_staff_id", "not an active manager here (see manager_roles)")
    if not owner_id:
        v.add(f"{p}.owner_id", "required")
    else:
        try:
            core_of(ctx).owner(owner_id)
        except NotFound:
            v.add(f"{p}.owner_id", "no such owner in this community")
    v.raise_if_any()
    with core_of(ctx).transaction():
        existing = LoyalCustomer.get_or_none((LoyalCustomer.manager_staff_id == manager_id)
                                             & (LoyalCustomer.owner_id == owner_id))
        if existing is not None:
            return existing
        return LoyalCustomer.create(community_id=ctx.community_id, manager_staff_id=manager_id,
                                    owner_id=owner_id, add_time=utc_now(ctx))


def remove_loyal_customer(ctx: HookContext, manager_id: str, owner_id: str) -> None:
    with core_of(ctx).transaction():
        gone = LoyalCustomer.delete().where(
            (LoyalCustomer.community_id == ctx.community_id)
            & (LoyalCustomer.manager_staff_id == manager_id)
            & (LoyalCustomer.owner_id == owner_id)).execute()
    if not gone:
        raise NotFound("loyal_customer", f"{manager_id}/{owner_id}")


def loyal_customers(community_id: str, manager_id: str = "") -> list[LoyalCustomer]:
    query = LoyalCustomer.select().where(LoyalCustomer.community_id == community_id)
    if manager_id:
        query = query.where(LoyalCustomer.manager_staff_id == manager_id)
    return list(query.order_by(LoyalCustomer.manager_staff_id, LoyalCustomer.add_time,
                               LoyalCustomer.id))


def managers(ctx: HookContext) -> list[str]:
    """Active staff whose role makes them a manager, by id."""
    s = ButlerSettings.of(ctx.settings)
    found: set[str] = set()
    for role in s.manager_roles:
        found.update(m.id for m in core_of(ctx).staff(f"role = {role} AND active = true"))
    return sorted(found)


def loyalty_by_manager(ctx: HookContext) -> Iterator[tuple[str, int, bool]]:
    """(manager, loyal customers, below the minimum) for every manager."""
    minimum = ButlerSettings.of(ctx.settings).loyal_customers_per_manager
    counts: dict[str, int] = {}
    for entry in loyal_customers(ctx.community_id):
        counts[entry.manager_staff_id] = counts.get(entry.manager_staff_id, 0) + 1
    for manager in managers(ctx):
        count = counts.get(manager, 0)
        yield manager, count, count < minimum


# -- customer forums ----------------------------------------------------------
def record_forum(ctx: HookContext, held_on: date | None, topic: str, attendees: int) -> Forum:
    v = Violations()
    if held_on is None:
        v.add("forum.held_on", "required")
    elif held_on > core_of(ctx).today():
        v.add("forum.held_on", "not in the future")
    if not topic.strip():
        v.add("forum.topic", "required")
    if attendees < 1:
        v.add("forum.attendee_count", "at least 1")
    v.raise_if_any()
    assert held_on is not None
    with core_of(ctx).transaction():
        return Forum.create(id=new_id("fm"), community_id=ctx.community_id, held_on=held_on,
                            topic=topic.strip(), attendee_count=attendees,
                            create_time=utc_now(ctx))


def forums(community_id: str) -> list[Forum]:
    return list(Forum.select().where(Forum.community_id == community_id)
                .order_by(Forum.held_on, Forum.id))

