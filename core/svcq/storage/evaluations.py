"""Evaluations: checklist templates, inspections and their scores, defects, surveys.

Nested, write-once parts of a resource (a template's items, an inspection's
sheet, a defect's history, a response's scores) are JSON documents on the
resource's row: they are read whole and never queried inside. What figures
aggregate over (item scores, defects, responses) gets its own narrow rows,
so a region's figures are one indexed scan, not a parse of every document.
Scores are Decimals (half points are common; sums must be exact).
"""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from svcq.storage.db import BaseModel
from svcq.storage.directory import Community, Unit


def _score() -> DecimalField:
    return DecimalField(max_digits=12, decimal_places=4, auto_round=True)


class ChecklistTemplateVersion(BaseModel):
    """One immutable version of a checklist template; versions share ``key``."""

    id = CharField(primary_key=True, max_length=32)
    key = CharField(max_length=100)
    version = IntegerField()
    name = CharField(max_length=200)
    #: JSON list of InspectionKind names.
    kinds = TextField()
    #: JSON list of items as in the template file (max_score as a string).
    items = TextField()
    create_time = DateTimeField()

    class Meta:
        indexes = ((("key", "version"), True),)


class Inspection(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    community = ForeignKeyField(Community, on_delete="RESTRICT")
    kind = CharField(max_length=16)
    inspect_time = DateTimeField()
    inspector_id = CharField(max_length=32)
    template = ForeignKeyField(ChecklistTemplateVersion, null=True, on_delete="RESTRICT")
    #: JSON of the sheet as recorded: level, discipline, post, countersigned_by,
    #: results and findings with the server's computed scores and reasons.
    sheet = TextField()
    overall_score = _score()
    overall_max = _score()
    create_time = DateTimeField()

    class Meta:
        indexes = ((("community", "inspect_time"), False), (("kind", "inspect_time"), False))


class InspectionItemScore(BaseModel):
    """One scored item of an inspection, for figures by item, discipline and person."""

    inspection = ForeignKeyField(Inspection, on_delete="CASCADE")
    item_id = CharField(max_length=64)
    discipline = CharField(max_length=32)
    staff_id = CharField(max_length=32)
    score = _score()
    max_score = _score()


class Defect(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    community = ForeignKeyField(Community, on_delete="RESTRICT")
    inspection = ForeignKeyField(Inspection, on_delete="RESTRICT")
    item_id = CharField(max_length=64, default="")
    discipline = CharField(max_length=32)
    description = TextField()
    responsible_staff_id = CharField(max_length=32, index=True)
    raise_time = DateTimeField()
    #: Local date of the inspection that found it (the monthly bulletin counts by it).
    raise_date = DateField()
    due_date = DateField()
    state = CharField(max_length=16)
    #: JSON list of steps (action, time, actor, note, inspection).
    history = TextField(default="[]")
    verify_time = DateTimeField(null=True)
    version = IntegerField(default=1)
    create_time = DateTimeField()
    update_time = DateTimeField()

    class Meta:
        indexes = ((("community", "raise_time"), False), (("state", "due_date"), False))


class ExternalResult(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    community = ForeignKeyField(Community, on_delete="RESTRICT")
    kind = CharField(max_length=32)
    issuer = CharField(max_length=200)
    receive_date = DateField()
    outcome = TextField()
    score = DecimalField(max_digits=12, decimal_places=4, null=True)
    create_time = DateTimeField()


class WeatherAlert(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    community = ForeignKeyField(Community, on_delete="RESTRICT")
    kind = CharField(max_length=16)
    issue_time = DateTimeField()
    create_time = DateTimeField()

    class Meta:
        indexes = ((("community", "issue_time"), False),)


class SurveyCampaign(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    community = ForeignKeyField(Community, on_delete="RESTRICT")
    #: First day of the survey month.
    period = DateField()
    third_party = BooleanField(default=False)
    coordinator_id = CharField(max_length=32)
    #: JSON list of dimension keys.
    dimensions = TextField()
    state = CharField(max_length=16)
    #: The applied rate as a decimal string ("0.3"); empty before the draw.
    sample_rate = CharField(max_length=32, default="")
    sample_seed = CharField(max_length=64, default="")
    household_count = IntegerField(default=0)
    #: JSON list of sampled unit ids.
    sampled = TextField(default="[]")
    #: JSON list of plugin notes on the draw.
    sample_notes = TextField(default="[]")
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
        indexes = ((("community", "period", "third_party"), True),)


class SurveyResponse(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    campaign = ForeignKeyField(SurveyCampaign, on_delete="RESTRICT")
    unit = ForeignKeyField(Unit, on_delete="RESTRICT")
    #: JSON object dimension -> score.
    scores = TextField()
    #: JSON list of issue tags.
    tags = TextField(default="[]")
    comment = TextField(default="")
    #: The proactive ticket calling the household back ('' when it gave no opinion).
    callback_id = CharField(max_length=32, default="")
    create_time = DateTimeField()

    class Meta:
        # One response per sampled household, enforced by the database too.
        indexes = ((("campaign", "unit"), True),)


EVALUATION_MODELS = [
    ChecklistTemplateVersion,
    Inspection,
    InspectionItemScore,
    Defect,
    ExternalResult,
    WeatherAlert,
    SurveyCampaign,
    SurveyResponse,
]
