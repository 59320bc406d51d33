"""svcq.v1.OwnerService: protobuf in, domain call, protobuf out."""

from __future__ import annotations

import grpc
from google.protobuf import struct_pb2

from svcq.api.convert import enum_name, enum_number, from_date, iso_timestamp, timestamp, to_date
from svcq.api.idempotency import create_once
from svcq.domain.common import etag_of
from svcq.domain.owners import Appliance, OwnerInput, OwnerRecord, OwnerService, UnitLink
from svcq.errors import Violations
from svcq.v1 import owner_pb2 as pb
from svcq.v1 import owner_pb2_grpc

_ROLE = pb.OwnerRole.DESCRIPTOR
_CARE = pb.CareFlag.DESCRIPTOR
_IDENTITY = pb.CustomerIdentity.DESCRIPTOR


def owner_pb(r: OwnerRecord) -> pb.Owner:
    p = r.profile
    msg = pb.Owner(
        id=r.id, community_id=r.community_id, display_name=r.display_name,
        other_names=p["other_names"], phones=p["phones"], plates=p["plates"],
        units=[pb.OwnerUnit(unit_id=u["unit_id"], role=enum_number(_ROLE, u["role"]),
                            move_in_date=to_date(u["move_in_date"]),
                            transfer_date=to_date(u["transfer_date"])) for u in p["units"]],
        tags=p["tags"], notes=p["notes"],
        care_flags=[enum_number(_CARE, f) for f in p["care_flags"]],
        appliances=[pb.Appliance(**a) for a in p["appliances"]],
        personal_needs=[pb.PersonalNeed(id=n["id"], text=n["text"],
                                        recorded_by_staff_id=n["recorded_by_staff_id"],
                                        record_time=iso_timestamp(n["record_time"]))
                        for n in p["personal_needs"]],
        identity=enum_number(_IDENTITY, p["identity"]),
        state=pb.OWNER_STATE_ARCHIVED if r.archived else pb.OWNER_STATE_ACTIVE,
        create_time=timestamp(r.create_time), update_time=timestamp(r.update_time),
        delete_time=timestamp(r.delete_time), etag=etag_of(r.version),
    )
    for plugin, data in r.plugin_data.items():
        struct = struct_pb2.Struct()
        struct.update(data)
        msg.plugin_data[plugin].CopyFrom(struct)
    return msg


def owner_input(msg: pb.Owner) -> OwnerInput:
    v = Violations()
    units = [UnitLink(
        unit_id=u.unit_id, role=enum_name(_ROLE, u.role),
        move_in_date=from_date(v, f"owner.units[{i}].move_in_date", u.move_in_date,
                               u.HasField("move_in_date")),
        transfer_date=from_date(v, f"owner.units[{i}].transfer_date", u.transfer_date,
                                u.HasField("transfer_date")),
    ) for i, u in enumerate(msg.units)]
    v.raise_if_any()
    return OwnerInput(
        community_id=msg.community_id, display_name=msg.display_name,
        other_names=list(msg.other_names), phones=list(msg.phones), plates=list(msg.plates),
        units=units, tags=list(msg.tags), notes=msg.notes,
        care_flags=[enum_name(_CARE, f) for f in msg.care_flags],
        appliances=[Appliance(a.name, a.model, a.power_watts) for a in msg.appliances],
        identity=enum_name(_IDENTITY, msg.identity),
    )


class OwnerServicer(owner_pb2_grpc.OwnerServiceServicer):
    def __init__(self, service: OwnerService) -> None:
        self.service = service

    def CreateOwner(self, request: pb.CreateOwnerRequest, context: grpc.ServicerContext
                    ) -> pb.CreateOwnerResponse:
        return create_once(self.service.ctx, "CreateOwner", request, pb.CreateOwnerResponse,
                           lambda: pb.CreateOwnerResponse(owner=owner_pb(
                               self.service.create(owner_input(request.owner)))))

    def GetOwner(self, request: pb.GetOwnerRequest, context: grpc.ServicerContext
                 ) -> pb.GetOwnerResponse:
        return pb.GetOwnerResponse(owner=owner_pb(self.service.get(request.id)))

    def ListOwners(self, request: pb.ListOwnersRequest, context: grpc.ServicerContext
                   ) -> pb.ListOwnersResponse:
        records, token = self.service.list(request.page_size, request.page_token, request.filter,
                                           request.show_deleted)
        return pb.ListOwnersResponse(owners=[owner_pb(r) for r in records],
                                     next_page_token=token)

    def UpdateOwner(self, request: pb.UpdateOwnerRequest, context: grpc.ServicerContext
                    ) -> pb.UpdateOwnerResponse:
        record = self.service.update(request.owner.id, request.owner.etag,
                                     owner_input(request.owner), set(request.update_mask.paths))
        return pb.UpdateOwnerResponse(owner=owner_pb(record))

    def DeleteOwner(self, request: pb.DeleteOwnerRequest, context: grpc.ServicerContext
                    ) -> pb.DeleteOwnerResponse:
        return pb.DeleteOwnerResponse(owner=owner_pb(self.service.delete(request.id,
                                                                         request.etag)))

    def UndeleteOwner(self, request: pb.UndeleteOwnerRequest, context: grpc.ServicerContext
                      ) -> pb.UndeleteOwnerResponse:
        return pb.UndeleteOwnerResponse(owner=owner_pb(self.service.undelete(request.id)))

    def AddPersonalNeed(self, request: pb.AddPersonalNeedRequest,
                        context: grpc.ServicerContext) -> pb.AddPersonalNeedResponse:
        return create_once(
            self.service.ctx, "AddPersonalNeed", request, pb.AddPersonalNeedResponse,
            lambda: pb.AddPersonalNeedResponse(owner=owner_pb(self.service.add_personal_need(
                request.owner_id, request.text, request.recorded_by_staff_id))))
