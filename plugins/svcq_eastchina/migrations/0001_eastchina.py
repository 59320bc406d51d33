"""eastchina: etiquette checks, patrol days, free services (body from playhouse's template)."""

from __future__ import annotations

from typing import Any

from peewee import AutoField, CharField, Database, DateField, DateTimeField, IntegerField, Model


def up(migrator: Any, db: Database) -> None:
    class EtiquetteCheck(Model):
        inspection_id = CharField(primary_key=True, max_length=32)
        community_id = CharField(max_length=32)
        supervisor_id = CharField(max_length=32)
        shift_date = DateField()
        shift_index = IntegerField()
        inspect_time = DateTimeField()

        class Meta:
            database = db
            table_name = "eastchina_etiquette_check"
            indexes = ((("community_id", "shift_date"), False),)

    class FreeService(Model):
        ticket_id = CharField(primary_key=True, max_length=32)
        community_id = CharField(max_length=32)
        unit_id = CharField(max_length=32)
        year = IntegerField()
        service = CharField(max_length=200)
        create_time = DateTimeField()

        class Meta:
            database = db
            table_name = "eastchina_free_service"
            indexes = ((("community_id", "unit_id", "year"), False),)

    class PatrolDay(Model):
        id = AutoField()
        community_id = CharField(max_length=32)
        day = DateField()
        ticket_id = CharField(max_length=32, default="")
        inspection_id = CharField(max_length=32, default="")
        patrol_time = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "eastchina_patrol_day"
            indexes = ((("community_id", "day"), True),)

    db.create_tables([EtiquetteCheck, FreeService, PatrolDay])


def down(migrator: Any, db: Database) -> None:
    for table in ("eastchina_patrol_day", "eastchina_free_service", "eastchina_etiquette_check"):
        migrator.migrate(migrator.drop_table(table))
