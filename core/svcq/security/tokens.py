"""API tokens: made with a random secret shown once, stored as its hash, checked per RPC.

A token reads ``svcq.<token id>.<secret>``. The id finds the row without
using the secret; the secret's SHA-256 is then compared with
:func:`hmac.compare_digest`, so neither the lookup nor the comparison takes
a time that depends on how much of a guessed secret is right.

:class:`TokenCache` keeps the principals of tokens checked in the last few
seconds (``security.token_cache_seconds``), so an RPC does not read
``api_token`` every time; decision 0009 says why it is safe.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from svcq.domain.ids import new_id
from svcq.errors import FailedPrecondition, NotFound, Unauthenticated, Violations
from svcq.security.audit import snapshot, write_audit
from svcq.security.principal import Principal, Role, ScopeKind
from svcq.storage.db import after_commit, write_transaction
from svcq.storage.directory import Community, Region, Staff
from svcq.storage.security import ApiToken

PREFIX = "svcq"
#: Random bytes in a secret: 256 bits, beyond guessing, so a plain hash is safe to store.
SECRET_BYTES = 32
#: Tokens a :class:`TokenCache` remembers at most; the least recently used goes first.
CACHE_SIZE = 1024


@dataclass(frozen=True)
class TokenInput:
    name: str
    role: str
    scope_kind: str
    scope_id: str = ""
    staff_id: str = ""
    #: Days until it expires; 0 takes the configured default.
    expire_days: int = 0


def hash_secret(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _parse(token: str) -> str | None:
    """The token id a well-formed token names, else None."""
    prefix, _, rest = token.partition(".")
    ident, _, secret = rest.partition(".")
    return ident if prefix == PREFIX and ident and secret else None


def parse_scope(text: str) -> tuple[str, str]:
    """``company`` / ``region:ID`` / ``community:ID`` -> (kind, id), as the CLI takes it."""
    kind, _, ident = text.partition(":")
    return kind.upper(), ident


def check_token_input(v: Violations, data: TokenInput, *, max_days: int, path: str = "token"
                      ) -> None:
    """Check names, role, scope and lifetime; scope and staff ids must exist."""
    if not data.name.strip() or len(data.name) > 200:
        v.add(f"{path}.name", "required, at most 200 characters")
    if data.role not in Role.__members__:
        v.add(f"{path}.role", f"one of {', '.join(Role)}")
    if data.scope_kind not in ScopeKind.__members__:
        v.add(f"{path}.scope_kind", f"one of {', '.join(ScopeKind)}")
    elif data.scope_kind == ScopeKind.COMPANY:
        if data.scope_id:
            v.add(f"{path}.scope_id", "must be empty for a company-wide token")
    else:
        model = Region if data.scope_kind == ScopeKind.REGION else Community
        if not data.scope_id or not model.select().where(model.id == data.scope_id).exists():
            v.add(f"{path}.scope_id", f"unknown {data.scope_kind.lower()} {data.scope_id!r}")
    if data.staff_id and not Staff.select().where(Staff.id == data.staff_id).exists():
        v.add(f"{path}.staff_id", f"unknown staff member {data.staff_id!r}")
    if not 0 <= data.expire_days <= max_days:
        v.add("expire_days", f"between 1 and {max_days} (0: the default)")


def _audited(row: ApiToken) -> dict[str, object]:
    """What the audit trail keeps of a token: everything but the hash of its secret."""
    return snapshot(row, leave_out=("secret_hash",))


def issue_token(data: TokenInput, now: datetime, *, default_days: int, max_days: int
                ) -> tuple[ApiToken, str]:
    """Check, store and audit a new token; returns the row and its secret.

    Shared by AdminService.CreateApiToken and the offline ``svcq token
    create`` (which makes the first admin token, when no token exists yet).
    """
    v = Violations()
    check_token_input(v, data, max_days=max_days)
    v.raise_if_any()
    with write_transaction():
        row, secret = create_token(data, now, default_days)
        write_audit("api_token", row.id, row.scope_id if data.scope_kind == ScopeKind.COMMUNITY
                    else "", {}, _audited(row), now)
    return row, secret


def revoke_token(token_id: str, now: datetime) -> ApiToken:
    """Revoke at once (audited); revoking twice is refused, so the first time stays on record."""
    with write_transaction():
        row = ApiToken.get_or_none(ApiToken.id == token_id)
        if row is None:
            raise NotFound("api token", token_id)
        if row.revoke_time is not None:
            raise FailedPrecondition(f"token {token_id!r} is already revoked",
                                     reason="TOKEN_REVOKED")
        before = _audited(row)
        row.revoke_time = now
        row.save()
        write_audit("api_token", row.id, "", before, _audited(row), now)
        # After the commit: a call that read the row before it must not cache it again.
        after_commit(lambda: forget_token(row.secret_hash))
    return row


def create_token(data: TokenInput, now: datetime, default_days: int) -> tuple[ApiToken, str]:
    """Store a new token; returns the row and the secret (the only time it exists)."""
    ident = new_id("tk")
    secret = f"{PREFIX}.{ident}.{secrets.token_urlsafe(SECRET_BYTES)}"
    row = ApiToken.create(
        id=ident, name=data.name.strip(), role=data.role, scope_kind=data.scope_kind,
        scope_id=data.scope_id, staff_id=data.staff_id, secret_hash=hash_secret(secret),
        create_time=now, expire_time=now + timedelta(days=data.expire_days or default_days),
        revoke_time=None)
    return row, secret


def principal_of(row: ApiToken) -> Principal:
    return Principal(id=f"token:{row.id}", role=Role(row.role),
                     scope_kind=ScopeKind(row.scope_kind), scope_id=row.scope_id,
                     staff_id=row.staff_id, name=row.name)


def _refused() -> Unauthenticated:
    # Every refusal says the same thing, so a caller cannot tell an unknown
    # token from a revoked or expired one.
    return Unauthenticated("invalid, expired or revoked token", reason="INVALID_TOKEN")


def _check(token: str, digest: str, now: datetime) -> tuple[Principal, datetime]:
    """(principal, expire time) of a token, read from the database."""
    ident = _parse(token)
    row = ApiToken.get_or_none(ApiToken.id == ident) if ident else None
    expected = row.secret_hash if row is not None else hash_secret("-")
    matches = hmac.compare_digest(digest, expected)
    if row is None or not matches or row.revoke_time is not None or row.expire_time <= now:
        raise _refused()
    return principal_of(row), row.expire_time


def authenticate(token: str, now: datetime) -> Principal:
    """The principal a bearer token stands for; Unauthenticated for anything else."""
    return _check(token, hash_secret(token), now)[0]


@dataclass(frozen=True)
class _Entry:
    principal: Principal
    expire_time: datetime
    #: When the row was read (the server's clock); trusted until ``read_time + seconds``.
    read_time: datetime


class TokenCache:
    """Principals of tokens checked in the last ``seconds``, at most ``size`` of them.

    Keyed by the SHA-256 of the presented token (what ``api_token.secret_hash``
    holds), never by the secret. A hit needs the exact token: a guess that is
    right but for one character hashes to an unrelated key, so the lookup's
    time tells nothing about the secret. Only accepted tokens are cached;
    every refusal still reads the database.

    Bounds: expiry is checked against the clock on every call, hit or not; a
    revocation made through this process (:func:`revoke_token`) removes the
    entry at once, in every cache of the process; one made elsewhere (another
    replica, the offline CLI) takes effect here within ``seconds``. ``seconds``
    0 turns the cache off. Worker threads share it: one lock guards it.
    """

    def __init__(self, seconds: float, size: int = CACHE_SIZE) -> None:
        self.ttl = timedelta(seconds=seconds)
        self.size = size
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        #: Bumped by every forget: a row read before a revocation committed is not cached.
        self._epoch = 0
        _CACHES.add(self)

    @property
    def held(self) -> int:
        """Tokens held now. (Not ``__len__``: an empty cache must not be falsy.)"""
        return len(self._entries)

    def authenticate(self, token: str, now: datetime) -> Principal:
        """Like :func:`authenticate`, from the cache while the entry is fresh."""
        if not self.ttl:
            return authenticate(token, now)
        digest = hash_secret(token)
        with self._lock:
            entry = self._entries.get(digest)
            if entry is not None:
                if entry.read_time <= now < entry.read_time + self.ttl:
                    self._entries.move_to_end(digest)
                    if entry.expire_time <= now:
                        raise _refused()
                    return entry.principal
                del self._entries[digest]  # stale, or the clock went back: read again
            epoch = self._epoch
        principal, expire_time = _check(token, digest, now)
        with self._lock:
            if epoch == self._epoch:
                self._entries[digest] = _Entry(principal, expire_time, now)
                self._entries.move_to_end(digest)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return principal

    def forget(self, secret_hash: str) -> None:
        """Drop a token (revoked, changed) so the next call reads its row again."""
        with self._lock:
            self._epoch += 1
            self._entries.pop(secret_hash, None)


#: Every cache of this process, so a revocation reaches them all (tests run several servers).
_CACHES: weakref.WeakSet[TokenCache] = weakref.WeakSet()


def forget_token(secret_hash: str) -> None:
    """Drop a token from every cache of this process; call it after any change to its row."""
    for cache in list(_CACHES):
        cache.forget(secret_hash)
