"""Tickets: tickets, their history and callbacks, the event outbox, daily closures, category trees."""
from peewee import *

def up(migrator, db):
    class Community(Model):
        id = CharField(primary_key=True, max_length=32)
        class Meta:
            database = db
            table_name = 'community'

    class DailyClosure(Model):
        community = ForeignKeyField(Community, on_delete='RESTRICT')
        day = DateField()
        as_of = DateTimeField()
        report = TextField()
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'daily_closure'
            indexes = ((('community', 'day'), True),)
    db.create_tables([DailyClosure])

    class Ticket(Model):
        id = CharField(primary_key=True, max_length=32)
        community = ForeignKeyField(Community, on_delete='RESTRICT')
        kind = CharField(max_length=32)
        channel = CharField(max_length=32)
        category = CharField(max_length=400, default='')
        priority = CharField(max_length=16)
        emergency = BooleanField(default=False)
        unit_id = CharField(null=True, max_length=32)
        public_area = CharField(max_length=200, default='')
        owner_id = CharField(null=True, max_length=32)
        description = TextField(default='')
        attachments = TextField(default='[]')
        state = CharField(max_length=32)
        department = CharField(max_length=32, default='')
        assignee_id = CharField(max_length=32, default='')
        first_receiver_id = CharField(max_length=32)
        reporter_back_id = CharField(max_length=32)
        sla_start = DateTimeField()
        limits = TextField()
        respond_by = DateTimeField()
        resolve_by = DateTimeField()
        responded_time = DateTimeField(null=True)
        resolved_time = DateTimeField(null=True)
        close_time = DateTimeField(null=True)
        pauses = TextField(default='[]')
        hold_reason = CharField(max_length=400, default='')
        reopen_count = IntegerField(default=0)
        escalation_level = IntegerField(default=0)
        respond_overdue = BooleanField(default=False)
        resolve_overdue = BooleanField(default=False)
        compensation_involved = BooleanField(default=False)
        against_project_head = BooleanField(default=False)
        major = BooleanField(default=False)
        corrective_action = TextField(default='')
        special_callback_by = DateTimeField(null=True)
        callback_count = IntegerField(default=0)
        history_count = IntegerField(default=0)
        version = IntegerField(default=1)
        create_time = DateTimeField()
        update_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'ticket'
            indexes = ((('community', 'create_time'), False), (('first_receiver_id', 'state'), False), (('state', 'resolve_by'), False))
    db.create_tables([Ticket])

    class TicketCallback(Model):
        id = CharField(primary_key=True, max_length=32)
        ticket = ForeignKeyField(Ticket, on_delete='CASCADE')
        community = ForeignKeyField(Community, on_delete='RESTRICT')
        kind = CharField(max_length=16)
        department = CharField(max_length=32)
        due_time = DateTimeField(null=True)
        done_time = DateTimeField(null=True)
        satisfied = BooleanField(null=True)
        score = IntegerField(default=0)
        comment = TextField(default='')
        actor_id = CharField(max_length=32, default='')
        sample_week = DateField(null=True)
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'ticket_callback'
            indexes = ((('community', 'kind', 'sample_week'), False),)
    db.create_tables([TicketCallback])

    class TicketCategoryTree(Model):
        community = ForeignKeyField(Community, primary_key=True, on_delete='RESTRICT')
        categories = TextField()
        version = IntegerField(default=1)
        update_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'ticket_category_tree'
    db.create_tables([TicketCategoryTree])

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

    class TicketHistory(Model):
        id = CharField(primary_key=True, max_length=40)
        ticket = ForeignKeyField(Ticket, on_delete='CASCADE')
        action = CharField(max_length=32)
        from_state = CharField(max_length=32, default='')
        to_state = CharField(max_length=32)
        actor_id = CharField(max_length=32, default='')
        reason = CharField(max_length=400, default='')
        note = TextField(default='')
        department = CharField(max_length=32, default='')
        assignee_id = CharField(max_length=32, default='')
        escalation_level = IntegerField(default=0)
        event_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'ticket_history'
    db.create_tables([TicketHistory])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('ticket_history'))
    migrator.migrate(migrator.drop_table('ticket_event'))
    migrator.migrate(migrator.drop_table('ticket_category_tree'))
    migrator.migrate(migrator.drop_table('ticket_callback'))
    migrator.migrate(migrator.drop_table('ticket'))
    migrator.migrate(migrator.drop_table('daily_closure'))

