"""The stewardship's own tables: zones, butlers, visit work, loyal customers, forums.

Ids of core resources (buildings, staff, owners, tickets) are kept as plain
columns without foreign keys: the plugin's schema evolves on its own release
cycle and must never block a core migration.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from svcq.plugin import Model


class Zone(Model):
    id = CharField(primary_key=True, max_length=32)
    community_id = CharField(max_length=32, index=True)
    display_name = CharField(max_length=200)
    create_time = DateTimeField()

    class Meta:
        table_name = "vip_butler_zone"
        indexes = ((("community_id", "display_name"), True),)


class ZoneBuilding(Model):
    #: A building belongs to at most one zone.
    building_id = CharField(primary_key=True, max_length=32)
    zone = ForeignKeyField(Zone, backref="buildings", on_delete="CASCADE")

    class Meta:
        table_name = "vip_butler_zone_building"


class Assignment(Model):
    id = AutoField()
    community_id = CharField(max_length=32)
    #: Exactly one of zone_id and building_id is set; the other is "".
    zone_id = CharField(max_length=32)
    building_id = CharField(max_length=32)
    butler_staff_id = CharField(max_length=32, index=True)
    assign_time = DateTimeField()

    class Meta:
        table_name = "vip_butler_assignment"
        indexes = ((("community_id", "zone_id", "building_id"), True),)


class Visit(Model):
    """One weekly household visit: a proactive ticket the weekly job opened."""

    ticket_id = CharField(primary_key=True, max_length=32)
    community_id = CharField(max_length=32)
    butler_staff_id = CharField(max_length=32)
    owner_id = CharField(max_length=32)
    #: ISO week in the community's calendar, e.g. "2026-W02".
    week = CharField(max_length=8)
    #: Whether it was done when its week ended; None while the week runs.
    done_in_week = BooleanField(null=True)

    class Meta:
        table_name = "vip_butler_visit"
        indexes = ((("community_id", "week"), False),)


class LoyalCustomer(Model):
    id = AutoField()
    community_id = CharField(max_length=32)
    manager_staff_id = CharField(max_length=32)
    owner_id = CharField(max_length=32)
    add_time = DateTimeField()

    class Meta:
        table_name = "vip_butler_loyal_customer"
        indexes = ((("manager_staff_id", "owner_id"), True),)


class Forum(Model):
    id = CharField(primary_key=True, max_length=32)
    community_id = CharField(max_length=32, index=True)
    held_on = DateField()
    topic = TextField()
    attendee_count = IntegerField()
    create_time = DateTimeField()

    class Meta:
        table_name = "vip_butler_forum"


MODELS = [Zone, ZoneBuilding, Assignment, Visit, LoyalCustomer, Forum]
