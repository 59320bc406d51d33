"""Core schema: master data, owners with their lookup indexes, idempotency keys."""
from peewee import *

def up(migrator, db):
    class Region(Model):
        id = CharField(primary_key=True, max_length=32)
        display_name = CharField(max_length=200)
        version = IntegerField(default=1)
        create_time = DateTimeField()
        update_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'region'
    db.create_tables([Region])

    class Community(Model):
        id = CharField(primary_key=True, max_length=32)
        region = ForeignKeyField(Region, on_delete='RESTRICT')
        display_name = CharField(max_length=200)
        time_zone = CharField(max_length=64)
        work_start_minute = IntegerField()
        work_end_minute = IntegerField()
        first_occupancy_year = IntegerField(null=True)
        version = IntegerField(default=1)
        create_time = DateTimeField()
        update_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'community'
    db.create_tables([Community])

    class Building(Model):
        id = CharField(primary_key=True, max_length=32)
        community = ForeignKeyField(Community, on_delete='RESTRICT')
        display_name = CharField(max_length=200)
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'building'
            indexes = ((('community', 'display_name'), True),)
    db.create_tables([Building])

    class IdempotencyKey(Model):
        key = CharField(primary_key=True, max_length=400)
        fingerprint = CharField(max_length=64)
        response = BlobField()
        create_time = DateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'idempotency_key'
    db.create_tables([IdempotencyKey])

    class Meta(Model):
        key = CharField(primary_key=True, max_length=64)
        value = TextField()
        class Meta:
            database = db
            table_name = 'meta'
    db.create_tables([Meta])

    class Owner(Model):
        id = CharField(primary_key=True, max_length=32)
        community = ForeignKeyField(Community, on_delete='RESTRICT')
        display_name = CharField(max_length=200)
        profile = TextField()
        archived = IntegerField(default=0)
        version = IntegerField(default=1)
        create_time = DateTimeField()
        update_time = DateTimeField()
        delete_time = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'owner'
            indexes = ((('community', 'archived', 'id'), False),)
    db.create_tables([Owner])

    class OwnerCare(Model):
        owner = ForeignKeyField(Owner, on_delete='CASCADE')
        flag = CharField(index=True, max_length=32)
        class Meta:
            database = db
            table_name = 'owner_care'
    db.create_tables([OwnerCare])

    class OwnerPhone(Model):
        owner = ForeignKeyField(Owner, on_delete='CASCADE')
        phone = CharField(index=True, max_length=32)
        class Meta:
            database = db
            table_name = 'owner_phone'
    db.create_tables([OwnerPhone])

    class OwnerPlate(Model):
        owner = ForeignKeyField(Owner, on_delete='CASCADE')
        plate = CharField(index=True, max_length=16)
        class Meta:
            database = db
            table_name = 'owner_plate'
    db.create_tables([OwnerPlate])

    class OwnerTag(Model):
        owner = ForeignKeyField(Owner, on_delete='CASCADE')
        tag = CharField(index=True, max_length=64)
        class Meta:
            database = db
            table_name = 'owner_tag'
    db.create_tables([OwnerTag])

    class Unit(Model):
        id = CharField(primary_key=True, max_length=32)
        building = ForeignKeyField(Building, on_delete='RESTRICT')
        community = ForeignKeyField(Community, on_delete='RESTRICT')
        display_name = CharField(max_length=200)
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'unit'
            indexes = ((('building', 'display_name'), True),)
    db.create_tables([Unit])

    class OwnerUnit(Model):
        owner = ForeignKeyField(Owner, on_delete='CASCADE')
        unit = ForeignKeyField(Unit, on_delete='RESTRICT')
        role = CharField(max_length=32)
        move_in_date = DateField(index=True, null=True)
        transfer_date = DateField(null=True)
        class Meta:
            database = db
            table_name = 'owner_unit'
    db.create_tables([OwnerUnit])

    class Staff(Model):
        id = CharField(primary_key=True, max_length=32)
        community = ForeignKeyField(Community, null=True, on_delete='RESTRICT')
        region = ForeignKeyField(Region, null=True, on_delete='RESTRICT')
        display_name = CharField(max_length=200)
        phone = CharField(max_length=32, default='')
        department = CharField(max_length=32)
        role = CharField(max_length=32)
        active = BooleanField(default=True)
        version = IntegerField(default=1)
        create_time = DateTimeField()
        update_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'staff'
    db.create_tables([Staff])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('staff'))
    migrator.migrate(migrator.drop_table('owner_unit'))
    migrator.migrate(migrator.drop_table('unit'))
    migrator.migrate(migrator.drop_table('owner_tag'))
    migrator.migrate(migrator.drop_table('owner_plate'))
    migrator.migrate(migrator.drop_table('owner_phone'))
    migrator.migrate(migrator.drop_table('owner_care'))
    migrator.migrate(migrator.drop_table('owner'))
    migrator.migrate(migrator.drop_table('meta'))
    migrator.migrate(migrator.drop_table('idempotency_key'))
    migrator.migrate(migrator.drop_table('building'))
    migrator.migrate(migrator.drop_table('community'))
    migrator.migrate(migrator.drop_table('region'))

