"""The five-step method's tables: welcome packs, work items, star events, knowledge checks."""

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    IntegerField,
    Model,
    TextField,
)


def up(migrator, db):
    class KnowledgeCheck(Model):
        id = AutoField()
        community_id = CharField(index=True, max_length=32)
        staff_id = CharField(index=True, max_length=32)
        examiner_staff_id = CharField(max_length=32, default='')
        passed = BooleanField()
        score = IntegerField(null=True)
        note = TextField(default='')
        request_id = CharField(unique=True, null=True, max_length=64)
        check_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'fivestep_knowledge_check'
    db.create_tables([KnowledgeCheck])

    class StarEvent(Model):
        community_id = CharField(index=True, max_length=32)
        owner_id = CharField(index=True, max_length=32)
        ticket_id = CharField(max_length=32)
        event = CharField(max_length=16)
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'fivestep_star_event'
            indexes = ((('ticket_id', 'event'), True),)
    db.create_tables([StarEvent])

    class WelcomePack(Model):
        community_id = CharField(index=True, max_length=32)
        owner_id = CharField(max_length=32)
        unit_id = CharField(max_length=32)
        moved_in_on = DateField()
        items = TextField()
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'fivestep_welcome_pack'
            indexes = ((('owner_id', 'unit_id', 'moved_in_on'), True),)
    db.create_tables([WelcomePack])

    class WorkItem(Model):
        community_id = CharField(index=True, max_length=32)
        owner_id = CharField(max_length=32)
        purpose = CharField(max_length=32)
        key = CharField(max_length=100)
        ticket_id = CharField(max_length=32)
        due_date = DateField()
        staff_id = CharField(max_length=32)
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'fivestep_work_item'
            indexes = ((('purpose', 'owner_id', 'key'), True),)
    db.create_tables([WorkItem])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('fivestep_work_item'))
    migrator.migrate(migrator.drop_table('fivestep_welcome_pack'))
    migrator.migrate(migrator.drop_table('fivestep_star_event'))
    migrator.migrate(migrator.drop_table('fivestep_knowledge_check'))

