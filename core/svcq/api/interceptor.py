"""The one server interceptor: a connection per RPC, one log line per RPC, errors as statuses.

Every RPC (plugin services included) passes through here, so no handler can
answer UNKNOWN with a Python traceback: domain errors become their status
with details, anything else becomes INTERNAL with a request id, logged with
its traceback (scrubbed of personal data, no frame locals).

Wrapped handlers are cached per method: building one per call cost more than
the rest of this interceptor together.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import structlog

from svcq.api.status import internal_status, to_status
from svcq.errors import SvcqError
from svcq.storage.db import database

log = structlog.get_logger("svcq.rpc")

REQUEST_ID_HEADER = "x-request-id"


def _request_id(context: grpc.ServicerContext) -> str:
    for key, value in context.invocation_metadata():
        if key == REQUEST_ID_HEADER and isinstance(value, str) and 0 < len(value) <= 64:
            return value
    return os.urandom(8).hex()


class _Call:
    """Book-keeping of one RPC: its id, outcome and the line it logs."""

    __slots__ = ("code", "method", "request_id", "start")

    def __init__(self, method: str, context: grpc.ServicerContext) -> None:
        self.method = method
        self.request_id = _request_id(context)
        self.start = time.perf_counter()
        self.code = "OK"

    def fail(self, exc: Exception, context: grpc.ServicerContext) -> None:
        if isinstance(exc, SvcqError):
            self.code = exc.code
            context.abort_with_status(to_status(exc))
        self.code = "INTERNAL"
        log.error("rpc_failed", method=self.method, request_id=self.request_id, exc_info=exc)
        context.abort_with_status(internal_status(self.request_id))

    def done(self, context: grpc.ServicerContext) -> None:
        if self.code == "OK" and not context.is_active():
            self.code = "CANCELLED"
        log.info("rpc", method=self.method, code=self.code, request_id=self.request_id,
                 duration_ms=round((time.perf_counter() - self.start) * 1000, 2))


def _unary(method: str, behavior: Callable[..., Any]) -> Callable[..., Any]:
    def handle(request: Any, context: grpc.ServicerContext) -> Any:
        call = _Call(method, context)
        try:
            with database.connection_context():
                return behavior(request, context)
        except Exception as exc:
            call.fail(exc, context)
        finally:
            call.done(context)

    return handle


def _streaming(method: str, behavior: Callable[..., Iterator[Any]]) -> Callable[..., Any]:
    def handle(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
        call = _Call(method, context)
        try:
            # A stream may live for hours: take a connection per item, not for its lifetime.
            yield from behavior(request, context)
        except Exception as exc:
            call.fail(exc, context)
        finally:
            call.done(context)

    return handle


class ServerInterceptor(grpc.ServerInterceptor):
    def __init__(self) -> None:
        self._cache: dict[str, grpc.RpcMethodHandler | None] = {}

    def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler | None],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler | None:
        method = handler_call_details.method
        if method in self._cache:
            return self._cache[method]
        handler = continuation(handler_call_details)
        wrapped = self._wrap(method, handler)
        self._cache[method] = wrapped
        return wrapped

    @staticmethod
    def _wrap(method: str, handler: grpc.RpcMethodHandler | None) -> grpc.RpcMethodHandler | None:
        if handler is None or method.startswith(("/grpc.health.", "/grpc.reflection.")):
            return handler
        common = {"request_deserializer": handler.request_deserializer,
                  "response_serializer": handler.response_serializer}
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(_unary(method, handler.unary_unary),
                                                       **common)
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(
                _streaming(method, handler.unary_stream), **common)
        return handler
