"""The plugin's own table: one row per step of one owner's programme for one unit."""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, IntegerField

from svcq.plugin import Model


class WelcomeStep(Model):
    id = CharField(primary_key=True, max_length=32)
    community_id = CharField(max_length=32)
    owner_id = CharField(max_length=32)
    unit_id = CharField(max_length=32)
    step = CharField(max_length=64)
    #: Order of the step in the checklist when the programme started.
    position = IntegerField()
    moved_in_on = DateField()
    due_on = DateField()
    #: The step's proactive ticket; empty when nobody could receive it.
    ticket_id = CharField(max_length=32, default="")
    #: Naive UTC, as the core stores times.
    complete_time = DateTimeField(null=True)
    #: When the daily job raised the overdue event (once per step).
    overdue_time = DateTimeField(null=True)
    create_time = DateTimeField()

    class Meta:
        table_name = "welcome_step"
        indexes = (
            (("owner_id", "unit_id", "moved_in_on", "step"), True),
            (("community_id", "due_on"), False),
            (("ticket_id",), False),
        )
