"""The audit trail: one record per mutation, old -> new per field, in the writer's transaction.

Kept generic on purpose: a write path hands over two plain dicts (or two
rows, via :func:`snapshot`) and :func:`diff` finds what changed, so a new
resource needs one call, not a new audit format. JSON documents stored in a
text column are compared field by field (``profile.phones``), so a change of
one phone does not show as a change of the whole owner card.

``version`` and ``update_time`` are left out of every diff: they change on
every write, so they say nothing the record's own time and the other fields
do not. A write that changes nothing else leaves no record.

Creates are on the hot path (every CreateTicket and CreateOwner writes one),
so the diff avoids work it does not need: no comparison with an empty
"before", no exception for an empty string that merely might be JSON.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from peewee import Model

from svcq.domain.ids import new_id
from svcq.security.principal import current_method, current_principal
from svcq.storage.prepared import Prepared
from svcq.storage.security import AuditRecord

#: A field that did not exist before (a create) or no longer exists.
ABSENT = None

#: Top-level fields no diff shows: they change on every write and carry no information.
UNINFORMATIVE = ("version", "update_time")

#: Every mutation writes one record: compiled once (decision 0004).
_insert = Prepared(lambda ident, time, principal, method, kind, resource, community, changes:
                   AuditRecord.insert(id=ident, time=time, principal=principal, method=method,
                                      resource_type=kind, resource_id=resource,
                                      community_id=community, changes=changes))


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        # Only a JSON document is parsed (an empty string used to raise and catch here).
        if value and value[0] in "{[":
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def snapshot(row: Model | None, *, leave_out: Collection[str] = ()) -> dict[str, Any]:
    """The row's stored values by field name (foreign keys as ids); {} for None.

    ``leave_out`` names columns the trail must not copy (a secret's hash, a
    plugin's error text that may quote a resident).
    """
    if row is None:
        return {}
    if leave_out:
        return {name: _plain(value) for name, value in row.__data__.items()
                if name not in leave_out}
    return {name: _plain(value) for name, value in row.__data__.items()}


def _flatten_into(flat: dict[str, Any], values: Mapping[str, Any], prefix: str) -> None:
    for key, value in values.items():
        # Nested documents are plain dicts (json.loads, literals): a dict check is much
        # cheaper than an ABC Mapping check on every scalar.
        if isinstance(value, dict) and value:
            _flatten_into(flat, value, f"{prefix}{key}.")
        else:
            flat[prefix + key] = value


def _flatten(values: Mapping[str, Any]) -> dict[str, Any]:
    """Leaves by dotted path, without the top-level fields no diff shows."""
    flat: dict[str, Any] = {}
    _flatten_into(flat, values, "")
    for key in UNINFORMATIVE:
        flat.pop(key, None)
    return flat


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value differs (nested dicts dotted).

    ``version`` and ``update_time`` are never part of it (:data:`UNINFORMATIVE`).
    """
    after = _flatten(new)
    if not old:  # a create: every field that has a value
        return {key: [ABSENT, after[key]] for key in sorted(after) if after[key] is not ABSENT}
    before = _flatten(old)
    changes: dict[str, list[Any]] = {}
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key, ABSENT), after.get(key, ABSENT)
        if was != now:
            changes[key] = [was, now]
    return changes


def community_of(row: Model) -> str:
    """The community a stored row belongs to ("" for region- and company-level rows)."""
    data = row.__data__
    if type(row).__name__ == "Community":
        return str(data.get("id") or "")
    return str(data.get("community") or data.get("community_id") or "")


def write_audit(resource_type: str, resource_id: str, community_id: str,
                old: Mapping[str, Any], new: Mapping[str, Any], now: datetime) -> None:
    """Record one mutation by the current principal; nothing when nothing changed.

    Must run inside the write transaction of the change, so that a change
    and its record commit or roll back together.
    """
    changes = diff(old, new)
    if not changes:
        return
    _insert.execute(new_id("au"), now, current_principal().id, current_method(), resource_type,
                    resource_id, community_id or "",
                    json.dumps(changes, ensure_ascii=False, default=str))


def audit_rows(resource_type: str, before: Model | None, after: Model, now: datetime, *,
               community_id: str | None = None, leave_out: Collection[str] = ()) -> None:
    """Audit a row's change (``before`` None: created), reading ids from the row."""
    ident = str(after.__data__.get(type(after)._meta.primary_key.name, ""))
    write_audit(resource_type, ident,
                community_of(after) if community_id is None else community_id,
                snapshot(before, leave_out=leave_out), snapshot(after, leave_out=leave_out), now)
