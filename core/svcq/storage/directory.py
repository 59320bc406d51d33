"""Master data: regions, communities, buildings, units, staff."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from svcq.storage.db import BaseModel


class Region(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    display_name = CharField(max_length=200)
    version = IntegerField(default=1)
    create_time = DateTimeField()
    update_time = DateTimeField()


class Community(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    region = ForeignKeyField(Region, backref="communities", on_delete="RESTRICT")
    display_name = CharField(max_length=200)
    time_zone = CharField(max_length=64)
    #: Local working hours as minutes after midnight.
    work_start_minute = IntegerField()
    work_end_minute = IntegerField()
    first_occupancy_year = IntegerField(null=True)
    version = IntegerField(default=1)
    create_time = DateTimeField()
    update_time = DateTimeField()


class Building(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    community = ForeignKeyField(Community, backref="buildings", on_delete="RESTRICT")
    display_name = CharField(max_length=200)
    create_time = DateTimeField()

    class Meta:
        indexes = ((("community", "display_name"), True),)


class Unit(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    building = ForeignKeyField(Building, backref="units", on_delete="RESTRICT")
    community = ForeignKeyField(Community, on_delete="RESTRICT")
    display_name = CharField(max_length=200)
    create_time = DateTimeField()

    class Meta:
        indexes = ((("building", "display_name"), True),)


class Staff(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    community = ForeignKeyField(Community, null=True, on_delete="RESTRICT")
    region = ForeignKeyField(Region, null=True, on_delete="RESTRICT")
    display_name = CharField(max_length=200)
    phone = CharField(max_length=32, default="")
    department = CharField(max_length=32)
    role = CharField(max_length=32)
    active = BooleanField(default=True)
    version = IntegerField(default=1)
    create_time = DateTimeField()
    update_time = DateTimeField()
