"""A test plugin's own table, migrated with its own history."""

from peewee import AutoField, Model, TextField


def up(migrator, db):
    class AuditNote(Model):
        id = AutoField()
        text = TextField()

        class Meta:
            database = db
            table_name = "audit_note"

    db.create_tables([AuditNote])
