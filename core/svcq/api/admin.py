"""svcq.v1.AdminService: protobuf in, domain call, protobuf out; and plugins' own services."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import grpc
import structlog
from google.protobuf import struct_pb2

from svcq.api.convert import enum_name, enum_number, timestamp
from svcq.domain.admin import AdminService, AuditEntry, PluginInfo
from svcq.plugin import type_name
from svcq.plugins import PluginLoadError
from svcq.security.tokens import TokenInput
from svcq.storage.security import ApiToken
from svcq.v1 import admin_pb2 as pb
from svcq.v1 import admin_pb2_grpc

log = structlog.get_logger("svcq.plugins")


def _plain(value: Any) -> Any:
    """Frozen settings (tuples, read-only mappings) as the lists and dicts protobuf takes."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _struct(values: Mapping[str, Any]) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(_plain(values))
    return struct


def _value(value: Any) -> struct_pb2.Value:
    holder = _struct({"v": value})
    return holder.fields["v"]


def plugin_pb(info: PluginInfo) -> pb.Plugin:
    return pb.Plugin(
        name=info.name, distribution=info.distribution, version=info.version,
        state=pb.PLUGIN_STATE_LOADED if info.loaded else pb.PLUGIN_STATE_FAILED,
        load_error=info.load_error, required=info.required,
        enablement=pb.PluginEnablement(everywhere=info.everywhere, region_ids=info.region_ids,
                                       community_ids=info.community_ids),
        declared_settings=[pb.PluginSetting(key=s.key, type=type_name(s.type),
                                            default_value=_value(s.default),
                                            description=s.description) for s in info.declared],
        settings=_struct(info.settings), runs_in_community=info.runs_in_community,
        service_names=info.service_names, cli_commands=info.cli_commands, jobs=info.jobs,
        conflicts_with=info.conflicts_with, pending_hook_failures=info.pending_hook_failures,
    )


def token_pb(row: ApiToken) -> pb.ApiToken:
    return pb.ApiToken(
        id=row.id, name=row.name, role=enum_number(pb.Role.DESCRIPTOR, row.role),
        scope_kind=enum_number(pb.ScopeKind.DESCRIPTOR, row.scope_kind), scope_id=row.scope_id,
        staff_id=row.staff_id, create_time=timestamp(row.create_time),
        expire_time=timestamp(row.expire_time), revoke_time=timestamp(row.revoke_time))


def audit_pb(entry: AuditEntry) -> pb.AuditRecord:
    return pb.AuditRecord(
        id=entry.id, time=timestamp(entry.time), principal=entry.principal, method=entry.method,
        resource_type=entry.resource_type, resource_id=entry.resource_id,
        community_id=entry.community_id,
        changes=[pb.FieldChange(field=name, old_value=_value(old), new_value=_value(new))
                 for name, old, new in entry.changes])


class AdminServicer(admin_pb2_grpc.AdminServiceServicer):
    def __init__(self, service: AdminService) -> None:
        self.service = service

    def ReloadConfig(self, request: pb.ReloadConfigRequest, context: grpc.ServicerContext
                     ) -> pb.ReloadConfigResponse:
        config = self.service.reload_config()
        return pb.ReloadConfigResponse(source=config.source,
                                       reload_time=timestamp(self.service.ctx.now()))

    def ValidateConfig(self, request: pb.ValidateConfigRequest, context: grpc.ServicerContext
                       ) -> pb.ValidateConfigResponse:
        problems = self.service.validate_config(request.config_toml)
        return pb.ValidateConfigResponse(valid=not problems, problems=[
            pb.ConfigProblem(field=p.field, description=p.description) for p in problems])

    def ListPlugins(self, request: pb.ListPluginsRequest, context: grpc.ServicerContext
                    ) -> pb.ListPluginsResponse:
        return pb.ListPluginsResponse(plugins=[
            plugin_pb(i) for i in self.service.list_plugins(request.community_id)])

    def RetryHookFailures(self, request: pb.RetryHookFailuresRequest,
                          context: grpc.ServicerContext) -> pb.RetryHookFailuresResponse:
        outcome = self.service.retry_hook_failures(request.plugin, request.limit)
        return pb.RetryHookFailuresResponse(succeeded=outcome.succeeded, failed=outcome.failed,
                                            skipped=outcome.skipped)

    def CreateApiToken(self, request: pb.CreateApiTokenRequest, context: grpc.ServicerContext
                       ) -> pb.CreateApiTokenResponse:
        t = request.token
        row, secret = self.service.create_token(TokenInput(
            name=t.name, role=enum_name(pb.Role.DESCRIPTOR, t.role),
            scope_kind=enum_name(pb.ScopeKind.DESCRIPTOR, t.scope_kind), scope_id=t.scope_id,
            staff_id=t.staff_id, expire_days=request.expire_days))
        return pb.CreateApiTokenResponse(token=token_pb(row), secret=secret)

    def ListApiTokens(self, request: pb.ListApiTokensRequest, context: grpc.ServicerContext
                      ) -> pb.ListApiTokensResponse:
        rows, next_token = self.service.list_tokens(request.page_size, request.page_token,
                                                    request.show_inactive)
        return pb.ListApiTokensResponse(tokens=[token_pb(r) for r in rows],
                                        next_page_token=next_token)

    def RevokeApiToken(self, request: pb.RevokeApiTokenRequest, context: grpc.ServicerContext
                       ) -> pb.RevokeApiTokenResponse:
        return pb.RevokeApiTokenResponse(token=token_pb(self.service.revoke_token(request.id)))

    def ListAuditRecords(self, request: pb.ListAuditRecordsRequest,
                         context: grpc.ServicerContext) -> pb.ListAuditRecordsResponse:
        entries, next_token = self.service.list_audit_records(
            request.page_size, request.page_token, request.filter)
        return pb.ListAuditRecordsResponse(audit_records=[audit_pb(e) for e in entries],
                                           next_page_token=next_token)


def add_plugin_services(server: grpc.Server, admin: AdminService) -> list[str]:
    """Add every service plugins registered; returns their full names for health
    and reflection. A servicer that cannot be built skips its plugin's service
    (logged), unless the plugin is required."""
    names: list[str] = []
    for registered in admin.pm.catalog.services:
        service = registered.record
        try:
            servicer = service.servicer_factory(admin.handle(registered.plugin))
            service.add_to_server(servicer, server)
        except Exception as error:
            message = f"{type(error).__name__}: {error}"
            if registered.plugin in admin.pm.required:
                raise PluginLoadError(
                    f"required plugin {registered.plugin!r}: service failed: {message}"
                ) from error
            log.error("plugin_service_failed", plugin=registered.plugin, error=message)
            continue
        names.extend(service.service_names)
    return names
