"""Owners: one document row per owner, plus narrow index tables for lookups.

GetOwner is the hottest read of the API, so an owner is one row whose
``profile`` JSON holds the nested lists (units, phones, needs, ...): one
query serves a Get. Phone, plate, unit, tag and care-flag lookups go through
small index tables rewritten with the document in the same transaction
(docs/decisions/0002-owner-document-and-index-tables.md).
"""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from svcq.storage.db import BaseModel
from svcq.storage.directory import Community, Unit


class Owner(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    community = ForeignKeyField(Community, on_delete="RESTRICT")
    display_name = CharField(max_length=200)
    #: JSON document of the nested lists; see svcq.domain.owners.OwnerProfile.
    profile = TextField()
    archived = IntegerField(default=0)
    version = IntegerField(default=1)
    create_time = DateTimeField()
    update_time = DateTimeField()
    delete_time = DateTimeField(null=True)

    class Meta:
        indexes = ((("community", "archived", "id"), False),)


class OwnerPhone(BaseModel):
    owner = ForeignKeyField(Owner, on_delete="CASCADE")
    phone = CharField(max_length=32, index=True)


class OwnerPlate(BaseModel):
    owner = ForeignKeyField(Owner, on_delete="CASCADE")
    plate = CharField(max_length=16, index=True)


class OwnerTag(BaseModel):
    owner = ForeignKeyField(Owner, on_delete="CASCADE")
    tag = CharField(max_length=64, index=True)


class OwnerCare(BaseModel):
    owner = ForeignKeyField(Owner, on_delete="CASCADE")
    flag = CharField(max_length=32, index=True)


class OwnerUnit(BaseModel):
    owner = ForeignKeyField(Owner, on_delete="CASCADE")
    unit = ForeignKeyField(Unit, on_delete="RESTRICT", index=True)
    role = CharField(max_length=32)
    move_in_date = DateField(null=True, index=True)
    transfer_date = DateField(null=True)


OWNER_INDEX_MODELS = (OwnerPhone, OwnerPlate, OwnerTag, OwnerCare, OwnerUnit)
