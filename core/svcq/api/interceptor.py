"""The one server interceptor: a connection per RPC, one log line per RPC, errors as statuses.

Every RPC (plugin services included) passes through here, so no handler can
answer UNKNOWN with a Python traceback: domain errors become their status
with details, anything else becomes INTERNAL with a request id, logged with
its traceback (scrubbed of personal data, no frame locals).

Before any handler runs, the caller is authenticated (``authorization:
Bearer <token>`` metadata) and the role half of authorization is decided
(:mod:`svcq.security.policy`); the principal is then available to the domain
through a context variable, which decides the scope half. Health and
reflection need no credentials. Responses are masked for roles that must
not see phones and plates.

Wrapped handlers are cached per method: building one per call cost more than
the rest of this interceptor together.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC
from typing import Any

import grpc
import structlog

from svcq.api.convert import nul_violations
from svcq.api.status import internal_status, to_status
from svcq.budget import call_budget, check_budget
from svcq.clock import Clock, SystemClock
from svcq.errors import InvalidArgument, PermissionDenied, SvcqError, Unauthenticated
from svcq.security import policy
from svcq.security.actors import bind_actor
from svcq.security.principal import Principal, Role, ScopeKind, acting_as
from svcq.security.redact import mask_message
from svcq.security.tokens import TokenCache
from svcq.storage.db import database

log = structlog.get_logger("svcq.rpc")

REQUEST_ID_HEADER = "x-request-id"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:/+=-]{1,64}")


AUTHORIZATION_HEADER = "authorization"
#: Who acts when the server runs in demo mode (``[security] demo = true``).
DEMO = Principal("demo", Role.ADMIN, ScopeKind.COMPANY, name="demo mode")


class Guard:
    """Authentication and the role half of authorization, decided before any handler.

    ``demo`` lets every call in as :data:`DEMO`; the server says so loudly
    at start-up.
    """

    def __init__(self, *, demo: bool = False, clock: Clock | None = None,
                 tokens: TokenCache | None = None) -> None:
        self.demo = demo
        self.clock = clock or SystemClock()
        self.tokens = tokens or TokenCache(0)

    def admit(self, method: str, context: grpc.ServicerContext) -> Principal:
        if self.demo:
            return DEMO
        token = ""
        for key, value in context.invocation_metadata():
            if key == AUTHORIZATION_HEADER and isinstance(value, str):
                scheme, _, token = value.partition(" ")
                if scheme.lower() != "bearer":
                    token = ""
                break
        if not token:
            raise Unauthenticated("send an API token as 'authorization: Bearer <token>'",
                                  reason="MISSING_TOKEN")
        now = self.clock.now().astimezone(UTC).replace(tzinfo=None)
        principal = self.tokens.authenticate(token.strip(), now)
        if not policy.permits(principal, method):
            raise PermissionDenied(f"role {principal.role} may not call {method}",
                                   reason="ROLE_NOT_PERMITTED")
        return principal


def _masked(principal: Principal, response: Any) -> Any:
    if response is not None and not policy.sees_personal_data(principal):
        mask_message(response)
    return response


def _request_id(context: grpc.ServicerContext) -> str:
    # Logged on every line of the call, so only an opaque token is taken:
    # text with spaces could be a resident's name, which no masker recognises.
    for key, value in context.invocation_metadata():
        if key == REQUEST_ID_HEADER and isinstance(value, str) and _REQUEST_ID.fullmatch(value):
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


def _unary(method: str, behavior: Callable[..., Any], guard: Guard) -> Callable[..., Any]:
    def handle(request: Any, context: grpc.ServicerContext) -> Any:
        call = _Call(method, context)
        try:
            with call_budget(context.time_remaining()), database.connection_context():
                check_budget("starting")  # it waited in the queue past its deadline
                principal = guard.admit(method, context)
                if bad := nul_violations(request):
                    raise InvalidArgument(bad, reason="NUL_CHARACTER")
                bind_actor(method, request, principal)
                with acting_as(principal, method):
                    return _masked(principal, behavior(request, context))
        except Exception as exc:
            call.fail(exc, context)
        finally:
            call.done(context)

    return handle


def _streaming(method: str, behavior: Callable[..., Iterator[Any]], guard: Guard
               ) -> Callable[..., Any]:
    def handle(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
        call = _Call(method, context)
        try:
            with database.connection_context():
                principal = guard.admit(method, context)
            # A stream may live for hours: take a connection per item, not for its lifetime.
            with acting_as(principal, method):
                for item in behavior(request, context):
                    yield _masked(principal, item)
        except Exception as exc:
            call.fail(exc, context)
        finally:
            call.done(context)

    return handle


class ServerInterceptor(grpc.ServerInterceptor):
    def __init__(self, guard: Guard | None = None) -> None:
        self._cache: dict[str, grpc.RpcMethodHandler | None] = {}
        #: No guard: every call is let in as in demo mode (unit tests of handlers).
        self.guard = guard or Guard(demo=True)

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

    def _wrap(self, method: str, handler: grpc.RpcMethodHandler | None
              ) -> grpc.RpcMethodHandler | None:
        if handler is None or method.startswith(("/grpc.health.", "/grpc.reflection.")):
            return handler
        common = {"request_deserializer": handler.request_deserializer,
                  "response_serializer": handler.response_serializer}
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                _unary(method, handler.unary_unary, self.guard), **common)
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(
                _streaming(method, handler.unary_stream, self.guard), **common)
        return handler
