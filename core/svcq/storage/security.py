"""Who may call svcq (API tokens) and what callers changed (the audit trail).

No foreign keys to the directory: a token or an audit record must outlive
the community it names, and the audit trail must never block a delete.
"""

from __future__ import annotations

from peewee import CharField, DateTimeField, TextField

from svcq.storage.db import BaseModel


class ApiToken(BaseModel):
    """A bearer token. Only ``secret_hash`` is kept: the secret is shown once, at creation.

    SHA-256 without a salt or a slow KDF is enough because the secret is 32
    random bytes, not a password: nobody can guess it, so there is nothing
    for a slow hash to slow down, and a fast hash keeps the check per RPC cheap.
    """

    id = CharField(primary_key=True, max_length=32)
    name = CharField(max_length=200)
    role = CharField(max_length=32)
    #: COMPANY, REGION or COMMUNITY.
    scope_kind = CharField(max_length=16)
    #: The region or community id; empty for COMPANY.
    scope_id = CharField(max_length=32, default="")
    #: The staff member the token acts for, if any.
    staff_id = CharField(max_length=32, default="")
    #: Hex SHA-256 of the secret.
    secret_hash = CharField(max_length=64)
    create_time = DateTimeField()
    expire_time = DateTimeField()
    revoke_time = DateTimeField(null=True)


class AuditRecord(BaseModel):
    """One mutation: who, when, which resource, and old -> new per field.

    Written in the transaction of the change it describes; no API updates or
    deletes one.
    """

    id = CharField(primary_key=True, max_length=32)
    time = DateTimeField(index=True)
    #: ``token:<id>`` of the caller, or ``system`` (jobs, scheduler, demo data).
    principal = CharField(max_length=64, index=True)
    #: Full gRPC method, e.g. ``/svcq.v1.OwnerService/UpdateOwner``; empty outside an RPC.
    method = CharField(max_length=200, default="")
    resource_type = CharField(max_length=64)
    resource_id = CharField(max_length=200)
    #: The community the resource belongs to; empty for company- or region-level ones.
    community_id = CharField(max_length=32, default="", index=True)
    #: JSON ``{"field": [old, new], ...}``; old is null for a create.
    changes = TextField()

    class Meta:
        indexes = ((("resource_type", "resource_id"), False),)


SECURITY_MODELS = [ApiToken, AuditRecord]
