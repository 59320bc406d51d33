"""The generic event outbox: ticket_event's rows move to event, each keeping its seq.

A resume token is a seq, so a client holding one from before the upgrade
resumes right after the same event; new events continue the sequence.
"""
from peewee import *


def up(migrator, db):
    class Event(Model):
        seq = AutoField()
        type = CharField(max_length=64)
        resource_type = CharField(max_length=32)
        resource_id = CharField(max_length=32)
        community_id = CharField(index=True, max_length=32)
        event_time = DateTimeField()
        payload = TextField()
        class Meta:
            database = db
            table_name = 'event'
    db.create_tables([Event])
    db.execute_sql(
        'INSERT INTO "event" (seq, type, resource_type, resource_id, community_id, event_time,'
        ' payload) SELECT seq, type, \'ticket\', ticket_id, community_id, event_time, payload'
        ' FROM "ticket_event" ORDER BY seq')
    if isinstance(db, PostgresqlDatabase):
        # Rows inserted with their own seq leave the serial sequence behind: move it past them.
        db.execute_sql(
            "SELECT setval(pg_get_serial_sequence('event', 'seq'),"
            " COALESCE((SELECT MAX(seq) FROM \"event\"), 0) + 1, false)")
    migrator.migrate(migrator.drop_table('ticket_event'))


def down(migrator, db):
    class TicketEvent(Model):
        seq = AutoField()
        type = CharField(max_length=40)
        ticket_id = CharField(max_length=32)
        community_id = CharField(index=True, max_length=32)
        event_time = DateTimeField()
        payload = TextField()
        class Meta:
            database = db
            table_name = 'ticket_event'
    db.create_tables([TicketEvent])
    db.execute_sql(
        'INSERT INTO "ticket_event" (seq, type, ticket_id, community_id, event_time, payload)'
        ' SELECT seq, type, resource_id, community_id, event_time, payload FROM "event"'
        ' WHERE resource_type = \'ticket\' ORDER BY seq')
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql(
            "SELECT setval(pg_get_serial_sequence('ticket_event', 'seq'),"
            " COALESCE((SELECT MAX(seq) FROM \"ticket_event\"), 0) + 1, false)")
    migrator.migrate(migrator.drop_table('event'))
