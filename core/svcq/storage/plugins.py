"""Tables of the plugin host: periodic job runs and reaction-hook failures.

``job_run`` holds one row per (plugin, job, community, period): inserting it
is the claim, so a job runs once per community per period across restarts
and replicas, whichever process gets there first. ``hook_failure`` keeps a
reaction hook that raised, with its arguments, until a retry succeeds.
"""

from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, IntegerField, TextField

from svcq.storage.db import BaseModel


class JobRun(BaseModel):
    """One claimed run of a plugin's periodic job in one community and period."""

    id = AutoField()
    plugin = CharField(max_length=100)
    job = CharField(max_length=100)
    community_id = CharField(max_length=32)
    #: ``2026-01-05``, ``2026-W02``, ``2026-01``, ``2026-Q1`` or ``2026`` (community-local).
    period_key = CharField(max_length=16)
    #: RUNNING, DONE or FAILED; a FAILED run is claimed again by the next pass.
    state = CharField(max_length=16)
    attempts = IntegerField(default=1)
    start_time = DateTimeField()
    finish_time = DateTimeField(null=True)
    error = TextField(default="")

    class Meta:
        table_name = "job_run"
        indexes = ((("plugin", "job", "community_id", "period_key"), True),)


class HookFailureRow(BaseModel):
    """A reaction hook that raised after the core's write committed."""

    id = CharField(primary_key=True, max_length=32)
    plugin = CharField(max_length=100)
    hook = CharField(max_length=100)
    community_id = CharField(max_length=32)
    #: The hook's keyword arguments (svcq.plugins.payload); NULL if they could
    #: not be encoded, which makes the failure visible but not retryable.
    arguments = TextField(null=True)
    error = TextField()
    #: PENDING until a retry succeeds, then DONE.
    state = CharField(max_length=16)
    attempts = IntegerField(default=1)
    create_time = DateTimeField()
    last_attempt_time = DateTimeField()
    resolve_time = DateTimeField(null=True)

    class Meta:
        table_name = "hook_failure"
        indexes = ((("state", "plugin", "create_time"), False),)


PLUGIN_HOST_MODELS = [JobRun, HookFailureRow]
