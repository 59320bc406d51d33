"""Domain errors -> gRPC status with ErrorInfo and BadRequest details (AIP-193).

This is the only place that knows how a refusal looks on the wire, so every
RPC, plugin services included, answers bad input the same way.
"""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from svcq.errors import ERROR_DOMAIN, FailedPrecondition, SvcqError


def _pack(message: object) -> any_pb2.Any:
    detail = any_pb2.Any()
    detail.Pack(message)  # type: ignore[arg-type]
    return detail


def to_status(error: SvcqError) -> grpc.Status:
    code = grpc.StatusCode[error.code]
    details = [_pack(error_details_pb2.ErrorInfo(
        reason=error.reason, domain=ERROR_DOMAIN, metadata=error.metadata))]
    if error.violations:
        details.append(_pack(error_details_pb2.BadRequest(field_violations=[
            error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description)
            for v in error.violations
        ])))
    if isinstance(error, FailedPrecondition) and error.violations:
        details.append(_pack(error_details_pb2.PreconditionFailure(violations=[
            error_details_pb2.PreconditionFailure.Violation(
                type=error.reason, subject=v.field, description=v.description)
            for v in error.violations
        ])))
    proto = status_pb2.Status(code=code.value[0], message=error.message, details=details)
    return rpc_status.to_status(proto)


def internal_status(request_id: str) -> grpc.Status:
    """What a caller sees for a bug: no traceback, a request id to quote to support."""
    proto = status_pb2.Status(
        code=code_pb2.INTERNAL,
        message=f"internal error; quote request id {request_id} to the operator",
        details=[_pack(error_details_pb2.ErrorInfo(reason="INTERNAL", domain=ERROR_DOMAIN,
                                                   metadata={"request_id": request_id}))],
    )
    return rpc_status.to_status(proto)
