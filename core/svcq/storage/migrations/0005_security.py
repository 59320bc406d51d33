"""Security: API tokens (hashed secrets) and the append-only audit trail."""
from peewee import *

def up(migrator, db):
    class ApiToken(Model):
        id = CharField(primary_key=True, max_length=32)
        name = CharField(max_length=200)
        role = CharField(max_length=32)
        scope_kind = CharField(max_length=16)
        scope_id = CharField(max_length=32, default='')
        staff_id = CharField(max_length=32, default='')
        secret_hash = CharField(max_length=64)
        create_time = DateTimeField()
        expire_time = DateTimeField()
        revoke_time = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'api_token'
    db.create_tables([ApiToken])

    class AuditRecord(Model):
        id = CharField(primary_key=True, max_length=32)
        time = DateTimeField(index=True)
        principal = CharField(index=True, max_length=64)
        method = CharField(max_length=200, default='')
        resource_type = CharField(max_length=64)
        resource_id = CharField(max_length=200)
        community_id = CharField(index=True, max_length=32, default='')
        changes = TextField()
        class Meta:
            database = db
            table_name = 'audit_record'
            indexes = ((('resource_type', 'resource_id'), False),)
    db.create_tables([AuditRecord])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('audit_record'))
    migrator.migrate(migrator.drop_table('api_token'))
