"""vip_butler: zones, butlers, visits, loyal customers, forums (body: playhouse template)."""

from __future__ import annotations

from typing import Any

from peewee import (
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def up(migrator: Any, db: Database) -> None:
    class Assignment(Model):
        community_id = CharField(max_length=32)
        zone_id = CharField(max_length=32)
        building_id = CharField(max_length=32)
        butler_staff_id = CharField(index=True, max_length=32)
        assign_time = DateTimeField()
        class Meta:
            database = db
            table_name = "vip_butler_assignment"
            indexes = ((("community_id", "zone_id", "building_id"), True),)
    db.create_tables([Assignment])

    class Forum(Model):
        id = CharField(primary_key=True, max_length=32)
        community_id = CharField(index=True, max_length=32)
        held_on = DateField()
        topic = TextField()
        attendee_count = IntegerField()
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = "vip_butler_forum"
    db.create_tables([Forum])

    class LoyalCustomer(Model):
        community_id = CharField(max_length=32)
        manager_staff_id = CharField(max_length=32)
        owner_id = CharField(max_length=32)
        add_time = DateTimeField()
        class Meta:
            database = db
            table_name = "vip_butler_loyal_customer"
            indexes = ((("manager_staff_id", "owner_id"), True),)
    db.create_tables([LoyalCustomer])

    class Visit(Model):
        ticket_id = CharField(primary_key=True, max_length=32)
        community_id = CharField(max_length=32)
        butler_staff_id = CharField(max_length=32)
        owner_id = CharField(max_length=32)
        week = CharField(max_length=8)
        done_in_week = BooleanField(null=True)
        class Meta:
            database = db
            table_name = "vip_butler_visit"
            indexes = ((("community_id", "week"), False),)
    db.create_tables([Visit])

    class Zone(Model):
        id = CharField(primary_key=True, max_length=32)
        community_id = CharField(index=True, max_length=32)
        display_name = CharField(max_length=200)
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = "vip_butler_zone"
            indexes = ((("community_id", "display_name"), True),)
    db.create_tables([Zone])

    class ZoneBuilding(Model):
        building_id = CharField(primary_key=True, max_length=32)
        zone = ForeignKeyField(Zone, on_delete="CASCADE")
        class Meta:
            database = db
            table_name = "vip_butler_zone_building"
    db.create_tables([ZoneBuilding])
