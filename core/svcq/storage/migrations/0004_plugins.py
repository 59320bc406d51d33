"""Plugin host: job runs claimed once per community per period, reaction-hook failures kept for retry."""
from peewee import *

def up(migrator, db):
    class HookFailureRow(Model):
        id = CharField(primary_key=True, max_length=32)
        plugin = CharField(max_length=100)
        hook = CharField(max_length=100)
        community_id = CharField(max_length=32)
        arguments = TextField(null=True)
        error = TextField()
        state = CharField(max_length=16)
        attempts = IntegerField(default=1)
        create_time = DateTimeField()
        last_attempt_time = DateTimeField()
        resolve_time = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'hook_failure'
            indexes = ((('state', 'plugin', 'create_time'), False),)
    db.create_tables([HookFailureRow])

    class JobRun(Model):
        plugin = CharField(max_length=100)
        job = CharField(max_length=100)
        community_id = CharField(max_length=32)
        period_key = CharField(max_length=16)
        state = CharField(max_length=16)
        attempts = IntegerField(default=1)
        start_time = DateTimeField()
        finish_time = DateTimeField(null=True)
        error = TextField(default='')
        class Meta:
            database = db
            table_name = 'job_run'
            indexes = ((('plugin', 'job', 'community_id', 'period_key'), True),)
    db.create_tables([JobRun])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('job_run'))
    migrator.migrate(migrator.drop_table('hook_failure'))

