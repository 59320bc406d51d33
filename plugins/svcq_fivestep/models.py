"""The five-step method's own tables (migrated by migrations/, history fivestep_migration).

Unique keys make every reaction and job idempotent: a retried hook or a
re-claimed job inserts nothing twice.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    IntegerField,
    TextField,
)

from svcq.plugin import Model


class WelcomePack(Model):
    """The pack handed over on a move-in or transfer (欢迎贺卡、名片、居家安全小手册)."""

    community_id = CharField(max_length=32, index=True)
    owner_id = CharField(max_length=32)
    unit_id = CharField(max_length=32)
    moved_in_on = DateField()
    #: JSON list of the items, as configured when the pack was made.
    items = TextField()
    create_time = DateTimeField()

    class Meta:
        table_name = "fivestep_welcome_pack"
        indexes = ((("owner_id", "unit_id", "moved_in_on"), True),)


class WorkItem(Model):
    """A proactive ticket this plugin opened, with the due date tickets do not carry.

    ``purpose`` + ``owner_id`` + ``key`` is unique: the key is the move-in
    (``unit:date``) for welcome work, the month for return and help visits.
    """

    community_id = CharField(max_length=32, index=True)
    owner_id = CharField(max_length=32)
    purpose = CharField(max_length=32)
    key = CharField(max_length=100)
    ticket_id = CharField(max_length=32)
    due_date = DateField()
    staff_id = CharField(max_length=32)
    create_time = DateTimeField()

    class Meta:
        table_name = "fivestep_work_item"
        indexes = ((("purpose", "owner_id", "key"), True),)


class StarEvent(Model):
    """One star-earning event: a ticket counts once per event kind, however often seen."""

    community_id = CharField(max_length=32, index=True)
    owner_id = CharField(max_length=32, index=True)
    ticket_id = CharField(max_length=32)
    event = CharField(max_length=16)
    create_time = DateTimeField()

    class Meta:
        table_name = "fivestep_star_event"
        indexes = ((("ticket_id", "event"), True),)


class KnowledgeCheck(Model):
    """A staff member's test on owners' names, units and plates (专项培训和定期考核)."""

    id = AutoField()
    community_id = CharField(max_length=32, index=True)
    staff_id = CharField(max_length=32, index=True)
    examiner_staff_id = CharField(max_length=32, default="")
    passed = BooleanField()
    score = IntegerField(null=True)
    note = TextField(default="")
    request_id = CharField(max_length=64, null=True, unique=True)
    check_time = DateTimeField()

    class Meta:
        table_name = "fivestep_knowledge_check"


MODELS = [WelcomePack, WorkItem, StarEvent, KnowledgeCheck]
