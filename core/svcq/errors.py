"""Domain errors: the one vocabulary the domain layer uses to refuse a request.

The domain never imports grpc. It raises these, and the API layer
(:mod:`svcq.api.status`) turns each into a gRPC status with a
``google.rpc.ErrorInfo`` (stable ``reason``) and, for bad input, a
``google.rpc.BadRequest`` listing every bad field. Keeping the mapping in one
place is what lets every RPC answer the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: ErrorInfo.domain for every error svcq raises.
ERROR_DOMAIN = "svcq.dev"


@dataclass(frozen=True)
class FieldViolation:
    """One bad field: ``field`` is the request path (``owner.phones[1]``)."""

    field: str
    description: str


class SvcqError(Exception):
    """Base of every refusal the API reports; never raised directly."""

    #: Canonical gRPC status code name (``grpc.StatusCode[code]``).
    code = "INTERNAL"
    #: Default UPPER_SNAKE ErrorInfo reason.
    default_reason = "INTERNAL"

    def __init__(
        self,
        message: str,
        *,
        reason: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason or self.default_reason
        self.metadata = dict(metadata or {})
        #: Request fields to blame; reported as BadRequest field violations.
        self.violations: list[FieldViolation] = []


class InvalidArgument(SvcqError):
    """The request is malformed; each bad field is listed, nothing was written."""

    code = "INVALID_ARGUMENT"
    default_reason = "INVALID_ARGUMENT"

    def __init__(
        self,
        violations: list[FieldViolation],
        *,
        message: str | None = None,
        reason: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> None:
        text = message or "; ".join(f"{v.field}: {v.description}" for v in violations)
        super().__init__(text or "invalid argument", reason=reason, metadata=metadata)
        self.violations = list(violations)

    @classmethod
    def one(
        cls, field_path: str, description: str, *, reason: str | None = None
    ) -> InvalidArgument:
        return cls([FieldViolation(field_path, description)], reason=reason)


class NotFound(SvcqError):
    code = "NOT_FOUND"
    default_reason = "RESOURCE_NOT_FOUND"

    def __init__(self, resource_type: str, resource_id: str) -> None:
        super().__init__(
            f"{resource_type} {resource_id!r} not found",
            metadata={"resource_type": resource_type, "resource_id": resource_id},
        )


class AlreadyExists(SvcqError):
    code = "ALREADY_EXISTS"
    default_reason = "RESOURCE_ALREADY_EXISTS"


class FailedPrecondition(SvcqError):
    """The request is well-formed but the resource's state forbids it.

    ``field`` names the request field whose value hit the precondition (the
    household that already answered), so callers see it as a field violation
    too, not only in prose.
    """

    code = "FAILED_PRECONDITION"
    default_reason = "FAILED_PRECONDITION"

    def __init__(
        self,
        message: str,
        *,
        reason: str | None = None,
        metadata: dict[str, str] | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message, reason=reason, metadata=metadata)
        if field:
            self.violations = [FieldViolation(field, message)]


class Aborted(SvcqError):
    """Optimistic concurrency lost: the caller should re-read and retry."""

    code = "ABORTED"
    default_reason = "ETAG_MISMATCH"


class PermissionDenied(SvcqError):
    code = "PERMISSION_DENIED"
    default_reason = "PERMISSION_DENIED"


class Unauthenticated(SvcqError):
    code = "UNAUTHENTICATED"
    default_reason = "UNAUTHENTICATED"


class ResourceExhausted(SvcqError):
    code = "RESOURCE_EXHAUSTED"
    default_reason = "RESOURCE_EXHAUSTED"


class Unavailable(SvcqError):
    code = "UNAVAILABLE"
    default_reason = "UNAVAILABLE"


@dataclass
class Violations:
    """Collects every bad field of a request before refusing it once.

    Validation reports all problems at once so a caller fixes its request in
    one round trip, not one field per retry.
    """

    items: list[FieldViolation] = field(default_factory=list)

    def add(self, field_path: str, description: str) -> None:
        self.items.append(FieldViolation(field_path, description))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self, *, reason: str | None = None) -> None:
        if self.items:
            raise InvalidArgument(self.items, reason=reason)


class DeadlineExceeded(SvcqError):
    """The caller's deadline passed before the work was done; nothing was written."""

    code = "DEADLINE_EXCEEDED"
    default_reason = "DEADLINE_EXCEEDED"
