"""Servicer side of idempotent creates: fingerprint the request, replay the stored response."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from google.protobuf.message import Message

from svcq.domain.common import ServiceContext
from svcq.domain.idempotency import run_once

R = TypeVar("R", bound=Message)


def create_once(ctx: ServiceContext, method: str, request: Any, response_type: type[R],
                create: Callable[[], R]) -> R:
    """Run ``create`` once per request_id; a replay returns the first response unchanged."""
    if not request.request_id:
        return create()
    fingerprint = hashlib.sha256(request.SerializeToString(deterministic=True)).hexdigest()
    raw = run_once(method, request.request_id, fingerprint, ctx.now(),
                   lambda: create().SerializeToString())
    return response_type.FromString(raw)
