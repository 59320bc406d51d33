"""welcome: the welcome_step table (body from playhouse.migrations.template of models.py)."""

from __future__ import annotations

from typing import Any

from peewee import CharField, Database, DateField, DateTimeField, IntegerField, Model


def up(migrator: Any, db: Database) -> None:
    class WelcomeStep(Model):
        id = CharField(primary_key=True, max_length=32)
        community_id = CharField(max_length=32)
        owner_id = CharField(max_length=32)
        unit_id = CharField(max_length=32)
        step = CharField(max_length=64)
        position = IntegerField()
        moved_in_on = DateField()
        due_on = DateField()
        ticket_id = CharField(max_length=32, default="")
        complete_time = DateTimeField(null=True)
        overdue_time = DateTimeField(null=True)
        create_time = DateTimeField()

        class Meta:
            database = db
            table_name = "welcome_step"
            indexes = (
                (("owner_id", "unit_id", "moved_in_on", "step"), True),
                (("community_id", "due_on"), False),
                (("ticket_id",), False),
            )

    db.create_tables([WelcomeStep])


def down(migrator: Any, db: Database) -> None:
    migrator.migrate(migrator.drop_table("welcome_step"))
