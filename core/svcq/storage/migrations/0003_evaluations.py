"""Evaluations: checklist templates, inspections with item scores, defects, external results,
weather alerts, survey campaigns and their responses."""
from peewee import *

def up(migrator, db):
    class Community(Model):
        id = CharField(primary_key=True, max_length=32)
        class Meta:
            database = db
            table_name = 'community'

    class Unit(Model):
        id = CharField(primary_key=True, max_length=32)
        class Meta:
            database = db
            table_name = 'unit'

    class ChecklistTemplateVersion(Model):
        id = CharField(primary_key=True, max_length=32)
        key = CharField(max_length=100)
        version = IntegerField()
        name = CharField(max_length=200)
        kinds = TextField()
        items = TextField()
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'checklist_template_version'
            indexes = ((('key', 'version'), True),)
    db.create_tables([ChecklistTemplateVersion])

    class Inspection(Model):
        id = CharField(primary_key=True, max_length=32)
        community = ForeignKeyField(Community, on_delete='RESTRICT')
        kind = CharField(max_length=16)
        inspect_time = DateTimeField()
        inspector_id = CharField(max_length=32)
        template = ForeignKeyField(ChecklistTemplateVersion, null=True, on_delete='RESTRICT')
        sheet = TextField()
        overall_score = DecimalField(max_digits=12, decimal_places=4)
        overall_max = DecimalField(max_digits=12, decimal_places=4)
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'inspection'
            indexes = ((('community', 'inspect_time'), False), (('kind', 'inspect_time'), False))
    db.create_tables([Inspection])

    class Defect(Model):
        id = CharField(primary_key=True, max_length=32)
        community = ForeignKeyField(Community, on_delete='RESTRICT')
        inspection = ForeignKeyField(Inspection, on_delete='RESTRICT')
        item_id = CharField(max_length=64, default='')
        discipline = CharField(max_length=32)
        description = TextField()
        responsible_staff_id = CharField(index=True, max_length=32)
        raise_time = DateTimeField()
        raise_date = DateField()
        due_date = DateField()
        state = CharField(max_length=16)
        history = TextField(default='[]')
        verify_time = DateTimeField(null=True)
        version = IntegerField(default=1)
        create_time = DateTimeField()
        update_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'defect'
            indexes = ((('community', 'raise_time'), False), (('state', 'due_date'), False))
    db.create_tables([Defect])

    class ExternalResult(Model):
        id = CharField(primary_key=True, max_length=32)
        community = ForeignKeyField(Community, on_delete='RESTRICT')
        kind = CharField(max_length=32)
        issuer = CharField(max_length=200)
        receive_date = DateField()
        outcome = TextField()
        score = DecimalField(null=True, max_digits=12, decimal_places=4)
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'external_result'
    db.create_tables([ExternalResult])

    class InspectionItemScore(Model):
        inspection = ForeignKeyField(Inspection, on_delete='CASCADE')
        item_id = CharField(max_length=64)
        discipline = CharField(max_length=32)
        staff_id = CharField(max_length=32)
        score = DecimalField(max_digits=12, decimal_places=4)
        max_score = DecimalField(max_digits=12, decimal_places=4)
        class Meta:
            database = db
            table_name = 'inspection_item_score'
    db.create_tables([InspectionItemScore])

    class SurveyCampaign(Model):
        id = CharField(primary_key=True, max_length=32)
        community = ForeignKeyField(Community, on_delete='RESTRICT')
        period = DateField()
        third_party = BooleanField(default=False)
        coordinator_id = CharField(max_length=32)
        dimensions = TextField()
        state = CharField(max_length=16)
        sample_rate = CharField(max_length=32, default='')
        sample_seed = CharField(max_length=64, default='')
        household_count = IntegerField(default=0)
        sampled = TextField(default='[]')
        sample_notes = TextField(default='[]')
        receive_time = DateTimeField(null=True)
        issue_time = DateTimeField(null=True)
        collect_time = DateTimeField(null=True)
        tally_time = DateTimeField(null=True)
        open_letter_time = DateTimeField(null=True)
        report_time = DateTimeField(null=True)
        close_time = DateTimeField(null=True)
        version = IntegerField(default=1)
        create_time = DateTimeField()
        update_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'survey_campaign'
            indexes = ((('community', 'period', 'third_party'), True),)
    db.create_tables([SurveyCampaign])

    class SurveyResponse(Model):
        id = CharField(primary_key=True, max_length=32)
        campaign = ForeignKeyField(SurveyCampaign, on_delete='RESTRICT')
        unit = ForeignKeyField(Unit, on_delete='RESTRICT')
        scores = TextField()
        tags = TextField(default='[]')
        comment = TextField(default='')
        callback_id = CharField(max_length=32, default='')
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'survey_response'
            indexes = ((('campaign', 'unit'), True),)
    db.create_tables([SurveyResponse])

    class WeatherAlert(Model):
        id = CharField(primary_key=True, max_length=32)
        community = ForeignKeyField(Community, on_delete='RESTRICT')
        kind = CharField(max_length=16)
        issue_time = DateTimeField()
        create_time = DateTimeField()
        class Meta:
            database = db
            table_name = 'weather_alert'
            indexes = ((('community', 'issue_time'), False),)
    db.create_tables([WeatherAlert])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('weather_alert'))
    migrator.migrate(migrator.drop_table('survey_response'))
    migrator.migrate(migrator.drop_table('survey_campaign'))
    migrator.migrate(migrator.drop_table('inspection_item_score'))
    migrator.migrate(migrator.drop_table('external_result'))
    migrator.migrate(migrator.drop_table('defect'))
    migrator.migrate(migrator.drop_table('inspection'))
    migrator.migrate(migrator.drop_table('checklist_template_version'))

