"""Python client for svcq: one channel, typed stubs, retries and request ids done right.

    from svcq_client import Client
    with Client("127.0.0.1:50051") as svcq:
        owner = svcq.owners.GetOwner(GetOwnerRequest(id="ow_...")).owner

Creates are safe to retry because every Create carries a ``request_id``:
:meth:`Client.new_request_id` makes one, and the channel's retry policy
retries UNAVAILABLE (a server restarting or draining) with backoff.
"""

from __future__ import annotations

import json
import uuid
from types import TracebackType
from typing import Any

import grpc

from svcq.v1 import directory_pb2_grpc, owner_pb2_grpc

#: Retries transport failures only; anything else is an answer. UNAVAILABLE is a
#: server restarting or draining. CANCELLED too, because grpc's server shutdown
#: cancels calls that reached it but no handler yet (grpc/grpc#41785); grpc
#: retries only calls the server has not answered, so no handler ever ran and
#: the retry cannot apply a change twice.
RETRY_POLICY = {
    "methodConfig": [{
        "name": [{"service": "svcq.v1.OwnerService"}, {"service": "svcq.v1.DirectoryService"},
                 {"service": "svcq.v1.TicketService"}, {"service": "svcq.v1.EvaluationService"},
                 {"service": "svcq.v1.AdminService"}],
        "retryPolicy": {
            "maxAttempts": 5,
            "initialBackoff": "0.1s",
            "maxBackoff": "2s",
            "backoffMultiplier": 2,
            "retryableStatusCodes": ["UNAVAILABLE", "CANCELLED"],
        },
    }]
}


class Client:
    """A connection to one svcq server with a stub per service."""

    def __init__(self, address: str = "127.0.0.1:50051", *, token: str | None = None,
                 credentials: grpc.ChannelCredentials | None = None,
                 options: list[tuple[str, Any]] | None = None) -> None:
        opts = [("grpc.service_config", json.dumps(RETRY_POLICY)), ("grpc.enable_retries", 1),
                *(options or [])]
        if credentials is not None:
            self.channel = grpc.secure_channel(address, credentials, options=opts)
        else:
            self.channel = grpc.insecure_channel(address, options=opts)
        if token:
            self.channel = grpc.intercept_channel(self.channel, _BearerToken(token))
        self.directory = directory_pb2_grpc.DirectoryServiceStub(self.channel)
        self.owners = owner_pb2_grpc.OwnerServiceStub(self.channel)

    def stub(self, stub_class: type) -> Any:
        """A stub of any other service on the same channel (plugin services too)."""
        return stub_class(self.channel)

    @staticmethod
    def new_request_id() -> str:
        return str(uuid.uuid4())

    def wait_ready(self, timeout: float = 10) -> None:
        grpc.channel_ready_future(self.channel).result(timeout=timeout)

    def close(self) -> None:
        self.channel.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class _BearerToken(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor):
    """Adds ``authorization: Bearer <token>`` to every call."""

    def __init__(self, token: str) -> None:
        self._header = ("authorization", f"Bearer {token}")

    def _details(self, details: grpc.ClientCallDetails) -> grpc.ClientCallDetails:
        metadata = [*(details.metadata or []), self._header]
        return details._replace(metadata=metadata)  # type: ignore[attr-defined]

    def intercept_unary_unary(self, continuation: Any, details: Any, request: Any) -> Any:
        return continuation(self._details(details), request)

    def intercept_unary_stream(self, continuation: Any, details: Any, request: Any) -> Any:
        return continuation(self._details(details), request)
