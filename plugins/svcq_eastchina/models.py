"""The plugin's own tables: etiquette checks, patrol days, free services used and left."""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, IntegerField

from svcq.plugin import Model


class EtiquetteCheck(Model):
    """A check made through RecordEtiquetteCheck, with the shift it counts for."""

    inspection_id = CharField(primary_key=True, max_length=32)
    community_id = CharField(max_length=32)
    supervisor_id = CharField(max_length=32)
    shift_date = DateField()
    shift_index = IntegerField()
    inspect_time = DateTimeField()

    class Meta:
        table_name = "eastchina_etiquette_check"
        indexes = ((("community_id", "shift_date"), False),)


class PatrolDay(Model):
    """A day the head owes a patrol: its work item, and when a patrol was recorded."""

    community_id = CharField(max_length=32)
    day = DateField()
    ticket_id = CharField(max_length=32, default="")
    inspection_id = CharField(max_length=32, default="")
    patrol_time = DateTimeField(null=True)

    class Meta:
        table_name = "eastchina_patrol_day"
        indexes = ((("community_id", "day"), True),)


class FreeService(Model):
    """A free service a household used in a year (free_services_per_year of them at most)."""

    ticket_id = CharField(primary_key=True, max_length=32)
    community_id = CharField(max_length=32)
    unit_id = CharField(max_length=32)
    year = IntegerField()
    service = CharField(max_length=200)
    create_time = DateTimeField()

    class Meta:
        table_name = "eastchina_free_service"
        indexes = ((("community_id", "unit_id", "year"), False),)


class FreeAllowance(Model):
    """The free services a household took in a year: the one row the allowance is taken from.

    Counting FreeService rows and then inserting one let two requests at once
    both take the last service on PostgreSQL; a conditional UPDATE of this
    row (``used < free_services_per_year``) cannot, on either database.
    """

    community_id = CharField(max_length=32)
    unit_id = CharField(max_length=32)
    year = IntegerField()
    used = IntegerField(default=0)

    class Meta:
        table_name = "eastchina_free_allowance"
        indexes = ((("community_id", "unit_id", "year"), True),)


MODELS = [EtiquetteCheck, PatrolDay, FreeService, FreeAllowance]
