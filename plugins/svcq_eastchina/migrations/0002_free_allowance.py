"""eastchina: one counter row per household and year, taken with a conditional UPDATE.

Counting eastchina_free_service rows before inserting one let two
simultaneous requests both take a household's last free service on
PostgreSQL. The unique (community_id, unit_id, year) row is what a request
now updates, only while ``used`` is below the allowance. Existing free
services are counted into it.
"""

from __future__ import annotations

from typing import Any

from peewee import CharField, Database, IntegerField, Model


def up(migrator: Any, db: Database) -> None:
    class FreeAllowance(Model):
        community_id = CharField(max_length=32)
        unit_id = CharField(max_length=32)
        year = IntegerField()
        used = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "eastchina_free_allowance"
            indexes = ((("community_id", "unit_id", "year"), True),)

    db.create_tables([FreeAllowance])
    db.execute_sql(
        "INSERT INTO eastchina_free_allowance (community_id, unit_id, year, used) "
        "SELECT community_id, unit_id, year, COUNT(*) FROM eastchina_free_service "
        "GROUP BY community_id, unit_id, year")


def down(migrator: Any, db: Database) -> None:
    migrator.migrate(migrator.drop_table("eastchina_free_allowance"))
