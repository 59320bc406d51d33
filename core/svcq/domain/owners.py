"""Owners (客户档案): residents, how to reach them, what they need, who needs care.

An owner is stored as one document row (see svcq.storage.owners) so that a
Get is one query; every list the document holds that callers search by
(phones, plates, units, tags, care flags) is mirrored into an index table in
the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from peewee import JOIN, Expression

from svcq.domain.common import ServiceContext, conditional_update, keyset_page
from svcq.domain.directory import DirectoryService
from svcq.domain.filtering import EQ, ORDERED, Term, compare, enum_value, parse_filter
from svcq.domain.ids import new_id
from svcq.domain.validation import (
    MAX_NAME,
    check_date_order,
    check_enum,
    check_id,
    check_list,
    check_name,
    check_phones,
    check_plates,
    check_tags,
    check_text,
    check_update_mask,
    require_id,
)
from svcq.errors import FailedPrecondition, InvalidArgument, Violations
from svcq.storage.db import as_datetime, write_transaction
from svcq.storage.directory import Unit
from svcq.storage.owners import (
    OWNER_INDEX_MODELS,
    Owner,
    OwnerCare,
    OwnerPhone,
    OwnerPlate,
    OwnerTag,
    OwnerUnit,
)
from svcq.storage.prepared import Prepared


class OwnerRole(StrEnum):
    OWNER = "OWNER"
    TENANT = "TENANT"
    FAMILY_MEMBER = "FAMILY_MEMBER"


class CareFlag(StrEnum):
    ELDERLY = "ELDERLY"
    DISABLED = "DISABLED"
    EXPECTANT_MOTHER = "EXPECTANT_MOTHER"
    NEEDS_HELP = "NEEDS_HELP"


class CustomerIdentity(StrEnum):
    RESIDENT = "RESIDENT"
    COLLEAGUE = "COLLEAGUE"
    PARTNER = "PARTNER"
    DEVELOPER = "DEVELOPER"


@dataclass(frozen=True)
class UnitLink:
    unit_id: str
    role: str
    move_in_date: date | None = None
    transfer_date: date | None = None


@dataclass(frozen=True)
class Appliance:
    name: str
    model: str = ""
    power_watts: int = 0


@dataclass(frozen=True)
class OwnerInput:
    """What a caller may set; enum values arrive as names and are checked here."""

    community_id: str = ""
    display_name: str = ""
    other_names: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    plates: list[str] = field(default_factory=list)
    units: list[UnitLink] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    care_flags: list[str] = field(default_factory=list)
    appliances: list[Appliance] = field(default_factory=list)
    identity: str = CustomerIdentity.RESIDENT


@dataclass
class OwnerRecord:
    id: str
    community_id: str
    display_name: str
    profile: dict[str, Any]
    archived: bool
    version: int
    create_time: datetime
    update_time: datetime
    delete_time: datetime | None
    plugin_data: dict[str, dict[str, Any]] = field(default_factory=dict)


#: Fields UpdateOwner accepts in its mask; repeated fields are replaced whole.
UPDATABLE = frozenset({"display_name", "other_names", "phones", "plates", "units", "tags",
                       "notes", "care_flags", "appliances", "identity"})

FILTER_FIELDS = {
    "community_id": EQ, "building_id": EQ, "unit_id": EQ, "phone": EQ, "plate": EQ,
    "tag": EQ, "care_flag": EQ, "move_in_date": ORDERED,
}

_OWNER_COLUMNS = (Owner.id, Owner.community, Owner.display_name, Owner.profile, Owner.archived,
                  Owner.version, Owner.create_time, Owner.update_time, Owner.delete_time)
_owner = Prepared(lambda ident: Owner.select(*_OWNER_COLUMNS).where(Owner.id == ident).limit(1))
_insert_owner = Prepared(lambda ident, community, name, profile, now: Owner.insert(
    id=ident, community=community, display_name=name, profile=profile, create_time=now,
    update_time=now))
_insert_phone = Prepared(lambda owner, x: OwnerPhone.insert(owner=owner, phone=x))
_insert_plate = Prepared(lambda owner, x: OwnerPlate.insert(owner=owner, plate=x))
_insert_tag = Prepared(lambda owner, x: OwnerTag.insert(owner=owner, tag=x))
_insert_care = Prepared(lambda owner, x: OwnerCare.insert(owner=owner, flag=x))

#: Hook that returns plugin data for an owner, keyed by plugin name.
PluginDataHook = Callable[[OwnerRecord], dict[str, dict[str, Any]]]


def _record(row: Owner) -> OwnerRecord:
    return OwnerRecord(
        id=row.id, community_id=row.community_id, display_name=row.display_name,
        profile=json.loads(row.profile), archived=bool(row.archived), version=row.version,
        create_time=row.create_time, update_time=row.update_time, delete_time=row.delete_time,
    )


class OwnerService:
    def __init__(self, ctx: ServiceContext, directory: DirectoryService,
                 plugin_data: PluginDataHook | None = None) -> None:
        self.ctx = ctx
        self.directory = directory
        self.plugin_data = plugin_data

    # -- validation ----------------------------------------------------------
    def _profile(self, data: OwnerInput, v: Violations, community_id: str,
                 needs: list[dict[str, Any]]) -> dict[str, Any]:
        """Check every field of ``data`` and build the stored document."""
        p = "owner"
        units: list[dict[str, Any]] = []
        if check_list(v, f"{p}.units", data.units):
            unit_ids = [u.unit_id for u in data.units]
            known = {u.id: u.community_id for u in Unit.select(Unit.id, Unit.community)
                     .where(Unit.id.in_(unit_ids))} if unit_ids else {}
            for i, link in enumerate(data.units):
                path = f"{p}.units[{i}]"
                if not link.unit_id:
                    v.add(f"{path}.unit_id", "required")
                elif link.unit_id not in known:
                    v.add(f"{path}.unit_id", f"unknown unit {link.unit_id!r}")
                elif known[link.unit_id] != community_id:
                    v.add(f"{path}.unit_id", "unit belongs to another community")
                elif link.unit_id in unit_ids[:i]:
                    v.add(f"{path}.unit_id", "listed twice")
                role = check_enum(v, f"{path}.role", OwnerRole, link.role)
                check_date_order(v, f"{path}.transfer_date", link.move_in_date,
                                 link.transfer_date)
                units.append({
                    "unit_id": link.unit_id, "role": role,
                    "move_in_date": link.move_in_date.isoformat() if link.move_in_date else None,
                    "transfer_date": link.transfer_date.isoformat() if link.transfer_date
                    else None,
                })
        other_names = []
        if check_list(v, f"{p}.other_names", data.other_names):
            other_names = [check_name(v, f"{p}.other_names[{i}]", n)
                           for i, n in enumerate(data.other_names)]
        care = []
        if check_list(v, f"{p}.care_flags", data.care_flags):
            care = sorted({check_enum(v, f"{p}.care_flags[{i}]", CareFlag, f)
                           for i, f in enumerate(data.care_flags)})
        appliances = []
        if check_list(v, f"{p}.appliances", data.appliances):
            for i, a in enumerate(data.appliances):
                check_name(v, f"{p}.appliances[{i}].name", a.name)
                check_name(v, f"{p}.appliances[{i}].model", a.model, required=False)
                if not 0 <= a.power_watts <= 100_000:
                    v.add(f"{p}.appliances[{i}].power_watts", "between 0 and 100000")
                appliances.append({"name": a.name.strip(), "model": a.model.strip(),
                                   "power_watts": a.power_watts})
        return {
            "other_names": other_names,
            "phones": check_phones(v, f"{p}.phones", data.phones),
            "plates": check_plates(v, f"{p}.plates", data.plates),
            "units": units,
            "tags": check_tags(v, f"{p}.tags", data.tags),
            "notes": check_text(v, f"{p}.notes", data.notes),
            "care_flags": care,
            "appliances": appliances,
            "personal_needs": needs,
            "identity": check_enum(v, f"{p}.identity", CustomerIdentity,
                                   data.identity or CustomerIdentity.RESIDENT),
        }

    @staticmethod
    def _write_indexes(owner_id: str, profile: dict[str, Any], replace: bool) -> None:
        if replace:
            for model in OWNER_INDEX_MODELS:
                model.delete().where(model.owner == owner_id).execute()
        for insert, key in ((_insert_phone, "phones"), (_insert_plate, "plates"),
                            (_insert_tag, "tags"), (_insert_care, "care_flags")):
            for value in profile[key]:
                insert.execute(owner_id, value)
        if profile["units"]:
            OwnerUnit.insert_many([
                {"owner": owner_id, "unit": u["unit_id"], "role": u["role"],
                 "move_in_date": u["move_in_date"], "transfer_date": u["transfer_date"]}
                for u in profile["units"]]).execute()

    # -- standard methods ----------------------------------------------------
    def create(self, data: OwnerInput) -> OwnerRecord:
        v = Violations()
        name = check_name(v, "owner.display_name", data.display_name)
        if check_id(v, "owner.community_id", data.community_id):
            self.directory.community(data.community_id, "owner.community_id")
        profile = self._profile(data, v, data.community_id, needs=[])
        v.raise_if_any()
        now = self.ctx.now()
        owner_id = new_id("ow")
        document = json.dumps(profile, ensure_ascii=False, separators=(",", ":"))
        record = OwnerRecord(id=owner_id, community_id=data.community_id, display_name=name,
                             profile=profile, archived=False, version=1, create_time=now,
                             update_time=now, delete_time=None)
        with write_transaction():
            _insert_owner.execute(owner_id, data.community_id, name, document, now)
            self.ctx.audit("owner", owner_id, data.community_id, {}, {
                "community": data.community_id, "display_name": name, "profile": profile})
            self._write_indexes(owner_id, profile, replace=False)
            self.ctx.react("svcq_owner_created", data.community_id, owner=record)
            self._moved_in(record, [])
        return self._with_plugin_data(record)

    def _moved_in(self, record: OwnerRecord, before: list[dict[str, Any]]) -> None:
        """Tell plugins of each move-in or completed transfer that is new in ``record``.

        Welcome programmes start from these dates, so a date already known
        (an unrelated update) must not announce the move again.
        """
        known = {(u["unit_id"], u["move_in_date"], u["transfer_date"]) for u in before}
        for unit in record.profile["units"]:
            if (unit["unit_id"], unit["move_in_date"], unit["transfer_date"]) in known:
                continue
            day = unit["transfer_date"] or unit["move_in_date"]
            if day:
                self.ctx.react("svcq_owner_moved_in", record.community_id, owner=record,
                               unit_id=unit["unit_id"], moved_in_on=date.fromisoformat(day))

    def get(self, owner_id: str) -> OwnerRecord:
        require_id(owner_id)
        rows = _owner.tuples(owner_id)
        self.ctx.visible(rows[0] if rows else None, "owner", owner_id, lambda r: (r[1], None))
        ident, community, name, profile, archived, version, created, updated, deleted = rows[0]
        return self._with_plugin_data(OwnerRecord(
            id=ident, community_id=community, display_name=name, profile=json.loads(profile),
            archived=bool(archived), version=version, create_time=as_datetime(created),
            update_time=as_datetime(updated), delete_time=as_datetime(deleted)))

    def list(self, page_size: int, token: str, filter_text: str, show_deleted: bool
             ) -> tuple[list[OwnerRecord], str]:
        terms = parse_filter(filter_text, FILTER_FIELDS)
        query = self.ctx.scoped(Owner.select(), Owner.community)
        for condition in self._conditions(terms):
            query = query.where(condition)
        if not show_deleted:
            query = query.where(Owner.archived == 0)
        records, next_token = keyset_page(
            query, Owner.id, self.ctx.page_tokens, requested_size=page_size, token=token,
            query_key=f"owners:{filter_text}:{show_deleted}", convert=_record)
        return [self._with_plugin_data(r) for r in records], next_token

    def _conditions(self, terms: Iterable[Term]) -> Iterable[Expression]:
        for t in terms:
            if t.field == "community_id":
                yield Owner.community == t.value
            elif t.field == "phone":
                yield Owner.id.in_(OwnerPhone.select(OwnerPhone.owner)
                                   .where(OwnerPhone.phone == t.value.replace(" ", "")))
            elif t.field == "plate":
                yield Owner.id.in_(OwnerPlate.select(OwnerPlate.owner)
                                   .where(OwnerPlate.plate == t.value.replace(" ", "").upper()))
            elif t.field == "tag":
                yield Owner.id.in_(OwnerTag.select(OwnerTag.owner).where(OwnerTag.tag == t.value))
            elif t.field == "care_flag":
                flag = enum_value(t, CareFlag, "CARE_FLAG_")
                yield Owner.id.in_(OwnerCare.select(OwnerCare.owner).where(OwnerCare.flag == flag))
            elif t.field == "unit_id":
                yield Owner.id.in_(OwnerUnit.select(OwnerUnit.owner)
                                   .where(OwnerUnit.unit == t.value))
            elif t.field == "building_id":
                yield Owner.id.in_(OwnerUnit.select(OwnerUnit.owner)
                                   .join(Unit, JOIN.INNER).where(Unit.building == t.value))
            elif t.field == "move_in_date":
                try:
                    day = date.fromisoformat(t.value)
                except ValueError:
                    raise InvalidArgument.one("filter", "move_in_date takes a date YYYY-MM-DD",
                                              reason="INVALID_FILTER") from None
                yield Owner.id.in_(OwnerUnit.select(OwnerUnit.owner).where(
                    compare(OwnerUnit.move_in_date, t.op, day)))

    def update(self, owner_id: str, etag: str, data: OwnerInput, fields: set[str]
               ) -> OwnerRecord:
        check_update_mask(fields, UPDATABLE)
        current = self.get(owner_id)
        old = current.profile
        merged = OwnerInput(
            community_id=current.community_id,
            display_name=data.display_name if "display_name" in fields
            else current.display_name,
            other_names=data.other_names if "other_names" in fields else old["other_names"],
            phones=data.phones if "phones" in fields else old["phones"],
            plates=data.plates if "plates" in fields else old["plates"],
            units=data.units if "units" in fields else [
                UnitLink(u["unit_id"], u["role"],
                         date.fromisoformat(u["move_in_date"]) if u["move_in_date"] else None,
                         date.fromisoformat(u["transfer_date"]) if u["transfer_date"] else None)
                for u in old["units"]],
            tags=data.tags if "tags" in fields else old["tags"],
            notes=data.notes if "notes" in fields else old["notes"],
            care_flags=data.care_flags if "care_flags" in fields else old["care_flags"],
            appliances=data.appliances if "appliances" in fields
            else [Appliance(**a) for a in old["appliances"]],
            identity=data.identity if "identity" in fields else old["identity"],
        )
        v = Violations()
        name = check_name(v, "owner.display_name", merged.display_name)
        profile = self._profile(merged, v, current.community_id, needs=old["personal_needs"])
        v.raise_if_any()
        with write_transaction():
            self._save(owner_id, etag, profile, {Owner.display_name: name},
                       reindex=bool(fields & {"phones", "plates", "tags", "care_flags", "units"}))
            updated = self.get(owner_id)
            self._moved_in(updated, old["units"])
        return updated

    def _save(self, owner_id: str, etag: str, profile: dict[str, Any],
              values: dict[Any, Any], *, reindex: bool) -> None:
        document = json.dumps(profile, ensure_ascii=False, separators=(",", ":"))
        conditional_update(Owner, owner_id, etag, {**values, Owner.profile: document},
                           self.ctx.now(), kind="owner", etag_path="owner.etag")
        if reindex:
            self._write_indexes(owner_id, profile, replace=True)

    def delete(self, owner_id: str, etag: str) -> OwnerRecord:
        """Archive: the record stays for history and tickets, hidden from lists."""
        with write_transaction():
            if self.get(owner_id).archived:
                raise FailedPrecondition(f"owner {owner_id!r} is already archived",
                                         reason="OWNER_ARCHIVED")
            conditional_update(Owner, owner_id, etag,
                               {Owner.archived: 1, Owner.delete_time: self.ctx.now()},
                               self.ctx.now(), kind="owner")
        return self.get(owner_id)

    def undelete(self, owner_id: str) -> OwnerRecord:
        with write_transaction():
            if not self.get(owner_id).archived:
                raise FailedPrecondition(f"owner {owner_id!r} is not archived",
                                         reason="OWNER_NOT_ARCHIVED")
            conditional_update(Owner, owner_id, "", {Owner.archived: 0, Owner.delete_time: None},
                               self.ctx.now(), kind="owner")
        return self.get(owner_id)

    def add_personal_need(self, owner_id: str, text: str, staff_id: str) -> OwnerRecord:
        """Any staff member of the community (or above it) may add to the card."""
        v = Violations()
        text = text.strip()
        if not text:
            v.add("text", "required")
        check_text(v, "text", text, limit=MAX_NAME * 5)
        check_id(v, "owner_id", owner_id)
        check_id(v, "recorded_by_staff_id", staff_id)
        v.raise_if_any()
        with write_transaction():
            current = self.get(owner_id)
            if current.archived:
                raise FailedPrecondition("owner is archived", reason="OWNER_ARCHIVED")
            self.directory.staff_in_community(staff_id, current.community_id,
                                              "recorded_by_staff_id")
            profile = dict(current.profile)
            profile["personal_needs"] = [*profile["personal_needs"], {
                "id": new_id("nd"), "text": text, "recorded_by_staff_id": staff_id,
                "record_time": self.ctx.now().isoformat(),
            }]
            self._save(owner_id, "", profile, {}, reindex=False)
        return self.get(owner_id)

    def _with_plugin_data(self, record: OwnerRecord) -> OwnerRecord:
        if self.plugin_data is not None:
            record.plugin_data = self.plugin_data(record)
        return record


__all__ = ["Appliance", "CareFlag", "CustomerIdentity", "OwnerInput", "OwnerRecord",
           "OwnerRole", "OwnerService", "UnitLink"]
